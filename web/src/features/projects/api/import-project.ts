import * as transferApi from '@lagesbild/shared/api/project-export'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectImport = EndpointInput<typeof transferApi.importProject>['body']

export const importProject = (body: ProjectImport) => apiRequest(transferApi.importProject, { body })

/** Where the project's document is downloaded from (a plain link: the browser saves the file). */
export const projectExportUrl = (projectId: string) => `/api/projects/${projectId}/export`

export function useImportProject() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: importProject,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ])
    },
  })
}
