import * as projectsApi from '@lagesbild/shared/api/projects'
import { useMutation } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { type ProjectMember, type ProjectRole, useMemberChangeRefresh } from './get-project-members'

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
  return useMutation({
    mutationFn: (change: MemberRoleChange) => setProjectMemberRole(projectId, change),
    ...useMemberChangeRefresh(projectId),
  })
}
