import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ReportTemplate = EndpointOutput<typeof reportsApi.getReportTemplate>

export const reportTemplateQueryOptions = (templateId: string) =>
  queryOptions({
    queryKey: queryKeys.reportTemplates.detail(templateId),
    queryFn: ({ signal }) => apiRequest(reportsApi.getReportTemplate, { params: { templateId } }, { signal }),
  })

export const useReportTemplate = (templateId: string) =>
  useSuspenseQuery(reportTemplateQueryOptions(templateId))

export function isReportTemplate(value: unknown): value is ReportTemplate {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.id === 'string' && typeof record.version === 'number' && Array.isArray(record.sections)
}
