import * as projectsApi from '@lagesbild/shared/api/projects'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { ProjectMember, ProjectRole } from './get-project-members'

export interface MemberRoleChange {
  member: Pick<ProjectMember, 'user' | 'version'>
  role: ProjectRole
}

/** Sends the version read, so a change made meanwhile by someone else gets 409, not overwritten. */
export const setProjectMemberRole = (projectId: string, { member, role }: MemberRoleChange) =>
  apiRequest(projectsApi.setProjectMemberRole, {
    params: { projectId, userId: member.user.id },
    body: { version: member.version, role },
  })

export function useSetProjectMemberRole(projectId: string) {
  const queryClient = useQueryClient()
  const refreshMembers = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) })
  return useMutation({
    mutationFn: (change: MemberRoleChange) => setProjectMemberRole(projectId, change),
    onSuccess: () =>
      Promise.all([
        refreshMembers(),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        // Changing your own role may change what you may do with the project.
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.detail(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
    // On a conflict the list shows the role saved meanwhile, to choose again from.
    onError: (error) => (error.status === 409 ? refreshMembers() : undefined),
  })
}
