import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ReportTemplateSummary = EndpointOutput<typeof reportsApi.listReportTemplates>['items'][number]

export const reportTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.reportTemplates.all,
    queryFn: ({ signal }) => apiRequest(reportsApi.listReportTemplates, {}, { signal }),
  })

export const useReportTemplates = () => useSuspenseQuery(reportTemplatesQueryOptions())
