import * as reportsApi from '@lagesbild/shared/api/reports'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export const submitFinalReport = (projectId: string, reportId: string, version: number) =>
  apiRequest(reportsApi.submitFinalReport, { params: { projectId, reportId }, body: { version } })

export function useSubmitFinalReport(projectId: string, reportId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (version: number) => submitFinalReport(projectId, reportId, version),
    onSuccess: async (report) => {
      queryClient.setQueryData(queryKeys.finalReports.detail(projectId, reportId), report)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.finalReports.list(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.finalReports.document(projectId, reportId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
      ])
    },
  })
}
