import * as programmesApi from '@lagesbild/shared/api/programmes'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { ProgrammeDetail } from './get-programme'

export type ProgrammePatch = EndpointInput<typeof programmesApi.updateProgramme>['body']

export const updateProgramme = (id: string, body: ProgrammePatch) =>
  apiRequest(programmesApi.updateProgramme, { params: { id }, body })

export function isProgrammeDetail(value: unknown): value is ProgrammeDetail {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' && typeof record.version === 'number' && typeof record.canEdit === 'boolean'
  )
}

export function useUpdateProgramme(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProgrammePatch) => updateProgramme(id, body),
    onSuccess: async (programme) => {
      queryClient.setQueryData(queryKeys.programmes.detail(id), programme)
      // The name shows in the programme list, in selects and on every project in it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.all }),
      ])
    },
    onError: (error) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isProgrammeDetail(current)) queryClient.setQueryData(queryKeys.programmes.detail(id), current)
    },
  })
}
