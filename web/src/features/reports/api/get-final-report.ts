import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type FinalReport = EndpointOutput<typeof reportsApi.getFinalReport>
export type FinalReportSection = FinalReport['sections'][number]

export const getFinalReport = (projectId: string, reportId: string, signal?: AbortSignal) =>
  apiRequest(reportsApi.getFinalReport, { params: { projectId, reportId } }, { signal })

export const finalReportQueryOptions = (projectId: string, reportId: string) =>
  queryOptions({
    queryKey: queryKeys.finalReports.detail(projectId, reportId),
    queryFn: ({ signal }) => getFinalReport(projectId, reportId, signal),
  })

export const useFinalReport = (projectId: string, reportId: string) =>
  useSuspenseQuery(finalReportQueryOptions(projectId, reportId))

/** Where the browser downloads the report as a file. */
export const documentUrl = (projectId: string, reportId: string, format: 'docx' | 'pdf') =>
  `/api/projects/${encodeURIComponent(projectId)}/final-reports/${encodeURIComponent(reportId)}/document.${format}`
