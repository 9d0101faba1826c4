import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type FinalReportSummary = EndpointOutput<typeof reportsApi.listFinalReports>['items'][number]

export const getFinalReports = (projectId: string, signal?: AbortSignal) =>
  apiRequest(reportsApi.listFinalReports, { params: { projectId } }, { signal })

export const finalReportsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.finalReports.list(projectId),
    queryFn: ({ signal }) => getFinalReports(projectId, signal),
  })

export const useFinalReports = (projectId: string) => useSuspenseQuery(finalReportsQueryOptions(projectId))
