import * as organisationsApi from '@lagesbild/shared/api/organisations'
import * as programmesApi from '@lagesbild/shared/api/programmes'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { asTreeOptions } from '../../../lib/organisation-options'
import { queryKeys } from '../../../lib/query-keys'

export type ProgrammeCreate = EndpointInput<typeof programmesApi.createProgramme>['body']

export function useCreateProgramme() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ProgrammeCreate) => apiRequest(programmesApi.createProgramme, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.programmes.all }),
  })
}

const query = { limit: 200 }

export const ownerOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.list(query),
    queryFn: ({ signal }) => apiRequest(organisationsApi.listOrganisations, { query }, { signal }),
    staleTime: 5 * 60_000,
    select: (page) => asTreeOptions(page.items),
  })
