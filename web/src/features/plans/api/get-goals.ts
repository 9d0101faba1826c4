import * as goalsApi from '@lagesbild/shared/api/goals'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type GoalTree = EndpointOutput<typeof goalsApi.getGoalTree>
export type Goal = GoalTree['overall'][number]
export type GoalCreate = EndpointInput<typeof goalsApi.createGoal>['body']

export const goalsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.plans.goals(projectId),
    queryFn: ({ signal }) => apiRequest(goalsApi.getGoalTree, { params: { projectId } }, { signal }),
  })

export const useGoals = (projectId: string) => useQuery(goalsQueryOptions(projectId))

/** Goals change activities' numbers too, so every plan view is refreshed after a change. */
function useGoalMutation<T>(projectId: string, call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.all(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
      ]),
  })
}

export const useCreateGoal = (projectId: string) =>
  useGoalMutation(projectId, (body: GoalCreate) =>
    apiRequest(goalsApi.createGoal, { params: { projectId }, body }),
  )

export const useUpdateGoal = (projectId: string) =>
  useGoalMutation(projectId, ({ goal, title }: { goal: Goal; title: string }) =>
    apiRequest(goalsApi.updateGoal, {
      params: { projectId, goalId: goal.id },
      body: { version: goal.version, title },
    }),
  )

export const useMoveGoal = (projectId: string) =>
  useGoalMutation(projectId, ({ goal, position }: { goal: Goal; position: number }) =>
    apiRequest(goalsApi.moveGoal, {
      params: { projectId, goalId: goal.id },
      body: { version: goal.version, position },
    }),
  )

export const useDeleteGoal = (projectId: string) =>
  useGoalMutation(
    projectId,
    ({ goal, moveActivitiesTo, detach }: { goal: Goal; moveActivitiesTo?: string; detach?: boolean }) =>
      apiRequest(goalsApi.deleteGoal, {
        params: { projectId, goalId: goal.id },
        query: {
          version: goal.version,
          ...(moveActivitiesTo ? { moveActivitiesTo } : {}),
          ...(detach ? { detachActivities: true } : {}),
        },
      }),
  )
