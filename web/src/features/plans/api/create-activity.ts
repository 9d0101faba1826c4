import * as plansApi from '@lagesbild/shared/api/plans'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ActivityCreate = EndpointInput<typeof plansApi.createActivity>['body']

export const createActivity = (projectId: string, body: ActivityCreate) =>
  apiRequest(plansApi.createActivity, { params: { projectId }, body })

export function useCreateActivity(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ActivityCreate) => createActivity(projectId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans.all(projectId) }),
  })
}
