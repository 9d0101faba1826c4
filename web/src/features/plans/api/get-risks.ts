import * as risksApi from '@lagesbild/shared/api/risks'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Risk = EndpointOutput<typeof risksApi.listRisks>['items'][number]
export type RiskCreate = EndpointInput<typeof risksApi.createRisk>['body']
export type RiskPatch = EndpointInput<typeof risksApi.updateRisk>['body']

export const risksQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.risks(projectId),
    queryFn: ({ signal }) => apiRequest(risksApi.listRisks, { params: { projectId } }, { signal }),
  })

export const useRisks = (projectId: string) => useQuery(risksQueryOptions(projectId))

function useRiskMutation<T>(projectId: string, call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans.risks(projectId) }),
  })
}

export const useCreateRisk = (projectId: string) =>
  useRiskMutation(projectId, (body: RiskCreate) =>
    apiRequest(risksApi.createRisk, { params: { projectId }, body }),
  )

export const useUpdateRisk = (projectId: string) =>
  useRiskMutation(projectId, ({ id, body }: { id: string; body: RiskPatch }) =>
    apiRequest(risksApi.updateRisk, { params: { projectId, riskId: id }, body }),
  )

export const useDeleteRisk = (projectId: string) =>
  useRiskMutation(projectId, (risk: Risk) =>
    apiRequest(risksApi.deleteRisk, {
      params: { projectId, riskId: risk.id },
      query: { version: risk.version },
    }),
  )
