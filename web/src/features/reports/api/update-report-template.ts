import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ReportTemplateUpdate = EndpointInput<typeof reportsApi.updateReportTemplate>['body']

export function useUpdateReportTemplate(templateId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ReportTemplateUpdate) =>
      apiRequest(reportsApi.updateReportTemplate, { params: { templateId }, body }),
    onSuccess: async (template) => {
      queryClient.setQueryData(queryKeys.reportTemplates.detail(templateId), template)
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportTemplates.all, exact: true })
    },
  })
}
