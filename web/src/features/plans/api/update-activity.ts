import * as plansApi from '@lagesbild/shared/api/plans'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { preciseDate } from '@lagesbild/shared/domain/date-precision'
import { deviation } from '@lagesbild/shared/domain/deviation'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { Activity, ActivityList } from './get-activities'

export type ActivityPatch = EndpointInput<typeof plansApi.updateActivity>['body']
type DateInput = ActivityPatch['plannedEnd']

export const updateActivity = (projectId: string, activityId: string, body: ActivityPatch) =>
  apiRequest(plansApi.updateActivity, { params: { projectId, activityId }, body })

/** On 409 the problem's `current` is the activity as saved now. */
export function isActivity(value: unknown): value is Activity {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' && typeof record.version === 'number' && typeof record.title === 'string'
  )
}

function applyDate(current: Activity['plannedEnd'], input: DateInput): Activity['plannedEnd'] {
  if (input === undefined) return current
  if (input === null) return null
  return preciseDate(input.precision ?? 'day', input.from, input.note ?? current?.note ?? null)
}

/** What the row will show once the server agrees, so the table answers at once. */
export function optimistic(activity: Activity, patch: ActivityPatch, projectRunning = true): Activity {
  const next: Activity = {
    ...activity,
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.responsible !== undefined ? { responsible: patch.responsible } : {}),
    ...(patch.deviationExplanation !== undefined ? { deviationExplanation: patch.deviationExplanation } : {}),
    plannedStart: applyDate(activity.plannedStart, patch.plannedStart),
    plannedEnd: applyDate(activity.plannedEnd, patch.plannedEnd),
    actualStart: applyDate(activity.actualStart, patch.actualStart),
    actualEnd: applyDate(activity.actualEnd, patch.actualEnd),
  }
  return { ...next, deviation: deviation({ ...next, asOf: todayInSweden(), projectRunning }) }
}

const replace = (list: ActivityList | undefined, activity: Activity) =>
  list && { ...list, items: list.items.map((a) => (a.id === activity.id ? activity : a)) }

export interface ActivityEdit {
  activity: Activity
  patch: Omit<ActivityPatch, 'version'>
}

/**
 * Saves one cell. The row changes at once; on 409 the list takes the other person's version
 * (the caller shows it and offers to re-apply), on any other error the row goes back.
 */
export function useUpdateActivity(projectId: string) {
  const queryClient = useQueryClient()
  const key = queryKeys.plans.activities(projectId)
  return useMutation({
    mutationFn: ({ activity, patch }: ActivityEdit) =>
      updateActivity(projectId, activity.id, { ...patch, version: activity.version }),
    onMutate: async ({ activity, patch }) => {
      await queryClient.cancelQueries({ queryKey: key })
      const previous = queryClient.getQueryData<ActivityList>(key)
      const running = previous?.projects.find((p) => p.id === activity.project.id)?.running
      queryClient.setQueryData<ActivityList>(key, (list) =>
        replace(list, optimistic(activity, patch, running)),
      )
      return { previous }
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<ActivityList>(key, (list) => replace(list, saved))
    },
    onError: (error, _edit, context) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isActivity(current)) queryClient.setQueryData<ActivityList>(key, (list) => replace(list, current))
      else if (context?.previous) queryClient.setQueryData(key, context.previous)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.efterkalkyl(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.comparison(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
      ]),
  })
}
