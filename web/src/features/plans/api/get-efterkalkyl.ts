import * as plansApi from '@lagesbild/shared/api/plans'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Efterkalkyl = EndpointOutput<typeof plansApi.getEfterkalkyl>

export const getEfterkalkyl = (projectId: string, signal?: AbortSignal) =>
  apiRequest(plansApi.getEfterkalkyl, { params: { projectId }, query: {} }, { signal })

export const efterkalkylQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.efterkalkyl(projectId),
    queryFn: ({ signal }) => getEfterkalkyl(projectId, signal),
  })

export const useEfterkalkyl = (projectId: string) => useQuery(efterkalkylQueryOptions(projectId))
