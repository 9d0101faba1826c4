import * as projectsApi from '@lagesbild/shared/api/projects'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export const removeProjectMember = (projectId: string, userId: string) =>
  apiRequest(projectsApi.removeProjectMember, { params: { projectId, userId } })

export function useRemoveProjectMember(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) => removeProjectMember(projectId, userId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        // Removing yourself may take away what you may do with the project.
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.detail(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
  })
}
