import * as api from '@lagesbild/shared/api/status-reports'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type StatusReportList = EndpointOutput<typeof api.listStatusReports>
export type StatusReport = EndpointOutput<typeof api.getStatusReport>
export type StatusReportPatch = EndpointInput<typeof api.updateStatusReport>['body']
export type DueReport = EndpointOutput<typeof api.listDueStatusReports>['items'][number]

export const statusReportsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.statusReports.list(projectId),
    queryFn: ({ signal }) => apiRequest(api.listStatusReports, { params: { projectId } }, { signal }),
  })

export const statusReportQueryOptions = (projectId: string, reportId: string) =>
  queryOptions({
    queryKey: queryKeys.statusReports.detail(projectId, reportId),
    queryFn: ({ signal }) => apiRequest(api.getStatusReport, { params: { projectId, reportId } }, { signal }),
  })

export const dueReportsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.statusReports.due,
    queryFn: ({ signal }) => apiRequest(api.listDueStatusReports, {}, { signal }),
  })

export const useStatusReports = (projectId: string) => useQuery(statusReportsQueryOptions(projectId))
export const useStatusReport = (projectId: string, reportId: string) =>
  useQuery(statusReportQueryOptions(projectId, reportId))
export const useDueReports = () => useQuery(dueReportsQueryOptions())

function useRefresh(projectId: string) {
  const queryClient = useQueryClient()
  return async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.statusReports.all(projectId) })
    await queryClient.invalidateQueries({ queryKey: queryKeys.statusReports.due })
  }
}

export function useCreateStatusReport(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (body: EndpointInput<typeof api.createStatusReport>['body']) =>
      apiRequest(api.createStatusReport, { params: { projectId }, body }),
    onSuccess: refresh,
  })
}

export function useUpdateStatusReport(projectId: string, reportId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: StatusReportPatch) =>
      apiRequest(api.updateStatusReport, { params: { projectId, reportId }, body }),
    onSuccess: (report) =>
      queryClient.setQueryData(queryKeys.statusReports.detail(projectId, reportId), report),
  })
}

export function useSubmitStatusReport(projectId: string, reportId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest(api.submitStatusReport, { params: { projectId, reportId }, body: { version } }),
    onSuccess: refresh,
  })
}

export function usePutSchedule(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (body: EndpointInput<typeof api.putSchedule>['body']) =>
      apiRequest(api.putSchedule, { params: { projectId }, body }),
    onSuccess: refresh,
  })
}

export function useAcknowledgeStatusReport(projectId: string, reportId: string) {
  const queryClient = useQueryClient()
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (comment: string) =>
      apiRequest(api.acknowledgeStatusReport, {
        params: { projectId, reportId },
        body: comment.trim() ? { comment } : {},
      }),
    onSuccess: async (report) => {
      queryClient.setQueryData(queryKeys.statusReports.detail(projectId, reportId), report)
      await refresh()
    },
    // Someone else acknowledged it first (409): reload so their acknowledgement shows and the form goes.
    onError: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.statusReports.detail(projectId, reportId) }),
  })
}

/** A steering-group member's comment; any number per report, so the form stays after each. */
export function useCommentStatusReport(projectId: string, reportId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (text: string) =>
      apiRequest(api.commentStatusReport, { params: { projectId, reportId }, body: { text } }),
    onSuccess: (report) =>
      queryClient.setQueryData(queryKeys.statusReports.detail(projectId, reportId), report),
  })
}
