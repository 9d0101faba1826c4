import * as reportsApi from '@lagesbild/shared/api/reports'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { FinalReport } from './get-final-report'

export type StartAction =
  | { kind: 'start' }
  | { kind: 'revision'; reportId: string }
  | { kind: 'addendum'; reportId: string }

export function startReport(projectId: string, action: StartAction) {
  switch (action.kind) {
    case 'start':
      return apiRequest(reportsApi.startFinalReport, { params: { projectId }, body: {} })
    case 'revision':
      return apiRequest(reportsApi.reviseFinalReport, { params: { projectId, reportId: action.reportId } })
    case 'addendum':
      return apiRequest(reportsApi.startFinalReportAddendum, {
        params: { projectId, reportId: action.reportId },
        body: {},
      })
  }
}

/** Starts a final report, a new draft of a returned one, or an addendum to an approved one. */
export function useStartReport(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (action: StartAction) => startReport(projectId, action),
    onSuccess: async (report: FinalReport) => {
      queryClient.setQueryData(queryKeys.finalReports.detail(projectId, report.id), report)
      await queryClient.invalidateQueries({ queryKey: queryKeys.finalReports.list(projectId) })
    },
  })
}
