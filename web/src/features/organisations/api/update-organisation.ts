import * as organisationsApi from '@lagesbild/shared/api/organisations'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { OrganisationDetail } from './get-organisation'

export type OrganisationPatch = EndpointInput<typeof organisationsApi.updateOrganisation>['body']

export const updateOrganisation = (id: string, body: OrganisationPatch) =>
  apiRequest(organisationsApi.updateOrganisation, { params: { id }, body })

export function isOrganisationDetail(value: unknown): value is OrganisationDetail {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' && typeof record.version === 'number' && Array.isArray(record.ancestors)
  )
}

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: OrganisationPatch) => updateOrganisation(id, body),
    onSuccess: async (organisation) => {
      queryClient.setQueryData(queryKeys.organisations.detail(id), organisation)
      // Names show up in trees, selects and every project that the organisation owns.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.organisations.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.all }),
      ])
    },
    onError: (error) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isOrganisationDetail(current)) queryClient.setQueryData(queryKeys.organisations.detail(id), current)
    },
  })
}
