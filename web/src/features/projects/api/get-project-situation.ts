import * as portfolioApi from '@lagesbild/shared/api/portfolio'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectSituation = EndpointOutput<typeof portfolioApi.getProjectSituation>

/** The project's lights, slip, burn and next milestone, as its portfolio row has them. */
export const projectSituationQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.portfolio.situation(projectId),
    queryFn: ({ signal }) =>
      apiRequest(portfolioApi.getProjectSituation, { params: { projectId } }, { signal }),
  })

/** Not suspending: the overview's facts show at once and the situation fills in beside them. */
export const useProjectSituation = (projectId: string) => useQuery(projectSituationQueryOptions(projectId))
