import * as baselinesApi from '@lagesbild/shared/api/baselines'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type BaselineSummary = EndpointOutput<typeof baselinesApi.listBaselines>['items'][number]
export type Baseline = EndpointOutput<typeof baselinesApi.getBaseline>
export type Comparison = EndpointOutput<typeof baselinesApi.comparePlans>
export type BaselineCreate = EndpointInput<typeof baselinesApi.createBaseline>['body']

export const baselinesQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.baselines(projectId),
    queryFn: ({ signal }) => apiRequest(baselinesApi.listBaselines, { params: { projectId } }, { signal }),
  })

export const useBaselines = (projectId: string) => useQuery(baselinesQueryOptions(projectId))

export const baselineQueryOptions = (projectId: string, baselineId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.baseline(projectId, baselineId),
    queryFn: ({ signal }) =>
      apiRequest(baselinesApi.getBaseline, { params: { projectId, baselineId } }, { signal }),
    // A baseline never changes once frozen.
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useBaseline = (projectId: string, baselineId: string | null) =>
  useQuery({ ...baselineQueryOptions(projectId, baselineId ?? ''), enabled: baselineId !== null })

/** The comparison; with a sub-project, its budget part covers only that sub-project's lines. */
export const comparisonQueryOptions = (projectId: string, subProjectId: string | null = null) =>
  queryOptions({
    // Under the project's comparison key, so invalidating that refreshes every filter.
    queryKey: [...queryKeys.plans.comparison(projectId), subProjectId ?? 'all'] as const,
    queryFn: ({ signal }) =>
      apiRequest(
        baselinesApi.comparePlans,
        { params: { projectId }, query: subProjectId ? { subProjectId } : {} },
        { signal },
      ),
  })

// The previous comparison stays on screen while another sub-project's loads, so the select keeps focus.
export const useComparison = (projectId: string, subProjectId: string | null = null) =>
  useQuery({ ...comparisonQueryOptions(projectId, subProjectId), placeholderData: keepPreviousData })

export function useCreateBaseline(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BaselineCreate) =>
      apiRequest(baselinesApi.createBaseline, { params: { projectId }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.baselines(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.comparison(projectId) }),
      ]),
  })
}
