import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type FinalReportPatch = EndpointInput<typeof reportsApi.updateFinalReport>['body']

export const updateFinalReport = (projectId: string, reportId: string, body: FinalReportPatch) =>
  apiRequest(reportsApi.updateFinalReport, { params: { projectId, reportId }, body })

export function useUpdateFinalReport(projectId: string, reportId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: FinalReportPatch) => updateFinalReport(projectId, reportId, body),
    onSuccess: async (report) => {
      queryClient.setQueryData(queryKeys.finalReports.detail(projectId, reportId), report)
      await queryClient.invalidateQueries({ queryKey: queryKeys.finalReports.list(projectId) })
    },
  })
}
