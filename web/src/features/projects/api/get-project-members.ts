import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ApiProblem } from '../../../lib/api-client'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectMember = EndpointOutput<typeof projectsApi.listProjectMembers>['items'][number]
export type ProjectRole = ProjectMember['role']

export const getProjectMembers = (projectId: string, signal?: AbortSignal) =>
  apiRequest(projectsApi.listProjectMembers, { params: { projectId } }, { signal })

export const projectMembersQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.projects.members(projectId),
    queryFn: ({ signal }) => getProjectMembers(projectId, signal),
  })

export const useProjectMembers = (projectId: string) => useQuery(projectMembersQueryOptions(projectId))

/** A member as a 409 problem's `current` carries it: the role saved meanwhile. */
export function isProjectMember(value: unknown): value is ProjectMember {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  const user = record.user as Record<string, unknown> | null | undefined
  return (
    typeof record.role === 'string' &&
    typeof record.version === 'number' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.name === 'string'
  )
}

/**
 * What a change to a member refreshes: after it, the list, the history, and the project and your
 * own account (changing or removing yourself may change what you may do); after a conflict (409),
 * the list, which then shows what someone else saved meanwhile, to decide again from.
 */
export function useMemberChangeRefresh(projectId: string) {
  const queryClient = useQueryClient()
  const refreshMembers = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) })
  return {
    onSuccess: () =>
      Promise.all([
        refreshMembers(),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.detail(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
    onError: (error: ApiProblem) => (error.status === 409 ? refreshMembers() : undefined),
  }
}
