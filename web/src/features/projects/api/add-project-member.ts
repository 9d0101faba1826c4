import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectMemberAdd = EndpointInput<typeof projectsApi.addProjectMember>['body']

export const addProjectMember = (projectId: string, body: ProjectMemberAdd) =>
  apiRequest(projectsApi.addProjectMember, { params: { projectId }, body })

export function useAddProjectMember(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProjectMemberAdd) => addProjectMember(projectId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
    // Already a member (409): someone added them meanwhile; the list shows the role they got.
    onError: (error) =>
      error.status === 409
        ? queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) })
        : undefined,
  })
}
