import * as staffingApi from '@lagesbild/shared/api/staffing'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type StaffingEntry = EndpointOutput<typeof staffingApi.listStaffing>['items'][number]
export type StaffingCreate = EndpointInput<typeof staffingApi.createStaffing>['body']
export type StaffingPatch = EndpointInput<typeof staffingApi.updateStaffing>['body']

export const staffingQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.staffing(projectId),
    queryFn: ({ signal }) => apiRequest(staffingApi.listStaffing, { params: { projectId } }, { signal }),
  })

export const useStaffing = (projectId: string) => useQuery(staffingQueryOptions(projectId))

function useStaffingMutation<T>(projectId: string, call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans.staffing(projectId) }),
  })
}

export const useCreateStaffing = (projectId: string) =>
  useStaffingMutation(projectId, (body: StaffingCreate) =>
    apiRequest(staffingApi.createStaffing, { params: { projectId }, body }),
  )

export const useUpdateStaffing = (projectId: string) =>
  useStaffingMutation(projectId, ({ id, body }: { id: string; body: StaffingPatch }) =>
    apiRequest(staffingApi.updateStaffing, { params: { projectId, staffingId: id }, body }),
  )

export const useDeleteStaffing = (projectId: string) =>
  useStaffingMutation(projectId, (entry: StaffingEntry) =>
    apiRequest(staffingApi.deleteStaffing, {
      params: { projectId, staffingId: entry.id },
      query: { version: entry.version },
    }),
  )
