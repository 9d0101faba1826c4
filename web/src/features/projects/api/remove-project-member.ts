import * as projectsApi from '@lagesbild/shared/api/projects'
import { useMutation } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { type ProjectMember, useMemberChangeRefresh } from './get-project-members'

/** Sends the version read, so a member whose role changed meanwhile is not removed unseen (409). */
export const removeProjectMember = (projectId: string, member: Pick<ProjectMember, 'user' | 'version'>) =>
  apiRequest(projectsApi.removeProjectMember, {
    params: { projectId, userId: member.user.id },
    query: { version: member.version },
  })

export function useRemoveProjectMember(projectId: string) {
  return useMutation({
    mutationFn: (member: Pick<ProjectMember, 'user' | 'version'>) => removeProjectMember(projectId, member),
    ...useMemberChangeRefresh(projectId),
  })
}
