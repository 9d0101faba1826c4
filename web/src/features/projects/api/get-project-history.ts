import * as historyApi from '@lagesbild/shared/api/history'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type AuditEvent = EndpointOutput<typeof historyApi.getProjectHistory>['items'][number]

const PAGE_SIZE = 30

export const getProjectHistory = (projectId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(
    historyApi.getProjectHistory,
    { params: { projectId }, query: { limit: PAGE_SIZE, cursor } },
    { signal },
  )

export const projectHistoryQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.projects.history(projectId),
    queryFn: ({ pageParam, signal }) => getProjectHistory(projectId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const useProjectHistory = (projectId: string) =>
  useInfiniteQuery(projectHistoryQueryOptions(projectId))
