import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { Project } from './get-project'

export type ProjectPatch = EndpointInput<typeof projectsApi.updateProject>['body']

export const updateProject = (projectId: string, body: ProjectPatch) =>
  apiRequest(projectsApi.updateProject, { params: { projectId }, body })

/** On 409 the problem's `current` is the project as saved now; this tells it apart from junk. */
export function isProject(value: unknown): value is Project {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' && typeof record.version === 'number' && typeof record.name === 'string'
  )
}

export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProjectPatch) => updateProject(projectId, body),
    onSuccess: async (project) => {
      queryClient.setQueryData(queryKeys.projects.detail(projectId), project)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
      ])
    },
    onError: (error) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isProject(current)) queryClient.setQueryData(queryKeys.projects.detail(projectId), current)
    },
  })
}
