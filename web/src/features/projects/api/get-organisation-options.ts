import * as organisationsApi from '@lagesbild/shared/api/organisations'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { asTreeOptions } from '../../../lib/organisation-options'
import { queryKeys } from '../../../lib/query-keys'

const query = { limit: 200 }

export const getOrganisationOptions = (signal?: AbortSignal) =>
  apiRequest(organisationsApi.listOrganisations, { query }, { signal })

export const organisationOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.list(query),
    queryFn: ({ signal }) => getOrganisationOptions(signal),
    staleTime: 5 * 60_000,
    select: (page) => asTreeOptions(page.items),
  })

export const useOrganisationOptions = () => useQuery(organisationOptionsQueryOptions())
