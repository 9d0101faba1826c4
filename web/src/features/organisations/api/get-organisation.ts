import * as organisationsApi from '@lagesbild/shared/api/organisations'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type OrganisationDetail = EndpointOutput<typeof organisationsApi.getOrganisation>

export const getOrganisation = (id: string, signal?: AbortSignal) =>
  apiRequest(organisationsApi.getOrganisation, { params: { id } }, { signal })

export const organisationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.organisations.detail(id),
    queryFn: ({ signal }) => getOrganisation(id, signal),
  })

export const useOrganisation = (id: string) => useSuspenseQuery(organisationQueryOptions(id))
