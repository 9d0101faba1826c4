import * as reportsApi from '@lagesbild/shared/api/reports'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export const getFinalReportDocument = (projectId: string, reportId: string, signal?: AbortSignal) =>
  apiRequest(reportsApi.getFinalReportDocument, { params: { projectId, reportId } }, { signal })

export const finalReportDocumentQueryOptions = (projectId: string, reportId: string) =>
  queryOptions({
    queryKey: queryKeys.finalReports.document(projectId, reportId),
    queryFn: ({ signal }) => getFinalReportDocument(projectId, reportId, signal),
  })

export const useFinalReportDocument = (projectId: string, reportId: string) =>
  useSuspenseQuery(finalReportDocumentQueryOptions(projectId, reportId))
