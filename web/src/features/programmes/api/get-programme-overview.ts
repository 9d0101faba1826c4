import * as portfolioApi from '@lagesbild/shared/api/portfolio'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProgrammeOverview = EndpointOutput<typeof portfolioApi.getProgrammeOverview>

export const programmeOverviewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.portfolio.programme(id),
    queryFn: ({ signal }) => apiRequest(portfolioApi.getProgrammeOverview, { params: { id } }, { signal }),
  })

export const useProgrammeOverview = (id: string) => useQuery(programmeOverviewQueryOptions(id))
