import * as projectsApi from '@lagesbild/shared/api/projects'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { ProjectMember } from './get-project-members'

/** Sends the version read, so a member whose role changed meanwhile is not removed unseen (409). */
export const removeProjectMember = (projectId: string, member: Pick<ProjectMember, 'user' | 'version'>) =>
  apiRequest(projectsApi.removeProjectMember, {
    params: { projectId, userId: member.user.id },
    query: { version: member.version },
  })

export function useRemoveProjectMember(projectId: string) {
  const queryClient = useQueryClient()
  const refreshMembers = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) })
  return useMutation({
    mutationFn: (member: Pick<ProjectMember, 'user' | 'version'>) => removeProjectMember(projectId, member),
    onSuccess: () =>
      Promise.all([
        refreshMembers(),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        // Removing yourself may take away what you may do with the project.
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.detail(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
    // Someone changed the role meanwhile (409): the list shows the role they gave, to decide again.
    onError: (error) => (error.status === 409 ? refreshMembers() : undefined),
  })
}
