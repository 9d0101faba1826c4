import * as plansApi from '@lagesbild/shared/api/plans'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { Activity } from './get-activities'

export const deleteActivity = (projectId: string, activity: Pick<Activity, 'id' | 'version'>) =>
  apiRequest(plansApi.deleteActivity, {
    params: { projectId, activityId: activity.id },
    query: { version: activity.version },
  })

export function useDeleteActivity(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (activity: Pick<Activity, 'id' | 'version'>) => deleteActivity(projectId, activity),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans.all(projectId) }),
  })
}
