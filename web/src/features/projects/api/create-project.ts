import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectCreate = EndpointInput<typeof projectsApi.createProject>['body']

export const createProject = (body: ProjectCreate) => apiRequest(projectsApi.createProject, { body })

export function useCreateProject() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createProject,
    onSuccess: async (project) => {
      queryClient.setQueryData(queryKeys.projects.detail(project.id), project)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.lists() }),
        // The parent's sub-project list and the programme's project count change too.
        project.parent
          ? queryClient.invalidateQueries({ queryKey: queryKeys.projects.detail(project.parent.id) })
          : null,
        queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ])
    },
  })
}
