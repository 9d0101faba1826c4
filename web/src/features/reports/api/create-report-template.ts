import * as reportsApi from '@lagesbild/shared/api/reports'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export function useCreateReportTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { organisationId: string; basedOnTemplateId?: string }) =>
      apiRequest(reportsApi.createReportTemplate, { body }),
    onSuccess: async (template) => {
      queryClient.setQueryData(queryKeys.reportTemplates.detail(template.id), template)
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportTemplates.all, exact: true })
    },
  })
}
