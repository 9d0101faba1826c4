import * as plansApi from '@lagesbild/shared/api/plans'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ActivityList = EndpointOutput<typeof plansApi.listActivities>
export type Activity = ActivityList['items'][number]
export type PreciseDateValue = NonNullable<Activity['plannedEnd']>

export const getActivities = (projectId: string, signal?: AbortSignal) =>
  apiRequest(plansApi.listActivities, { params: { projectId }, query: {} }, { signal })

export const activitiesQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.activities(projectId),
    queryFn: ({ signal }) => getActivities(projectId, signal),
  })

export const useActivities = (projectId: string) => useQuery(activitiesQueryOptions(projectId))
