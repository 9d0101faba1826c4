import * as projectsApi from '@lagesbild/shared/api/projects'
import * as usersApi from '@lagesbild/shared/api/users'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type UserListQuery = NonNullable<EndpointInput<typeof usersApi.listUsers>['query']>
export type UserSummary = EndpointOutput<typeof usersApi.listUsers>['items'][number]
export type UserDetail = EndpointOutput<typeof usersApi.getUser>
export type UserStatus = UserSummary['status']
export type IssuedLink = EndpointOutput<typeof usersApi.issueUserLink>
export type InvitationBody = EndpointInput<typeof usersApi.inviteUser>['body']
export type Grant = { role: UserSummary['roles'][number]['role']; organisationId: string }

export interface UserListSearch {
  q?: string
  status?: UserStatus
}

export const parseUserListSearch = (search: Record<string, unknown>): UserListSearch => ({
  ...(typeof search.q === 'string' && search.q.trim() ? { q: search.q } : {}),
  ...(typeof search.status === 'string' &&
  (usersApi.userStatuses as readonly string[]).includes(search.status)
    ? { status: search.status as UserStatus }
    : {}),
})

export const usersInfiniteQueryOptions = (filters: UserListSearch) =>
  infiniteQueryOptions({
    queryKey: queryKeys.users.infinite({ ...filters, q: filters.q?.trim() || undefined }),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        usersApi.listUsers,
        { query: { ...filters, q: filters.q?.trim() || undefined, limit: 50, cursor: pageParam } },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useUsers = (filters: UserListSearch) =>
  useInfiniteQuery({ ...usersInfiniteQueryOptions(filters), placeholderData: keepPreviousData })

/** Everyone the administrator manages, for choosing whose changes to show. */
export const userOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.users.list({ limit: 200 }),
    queryFn: ({ signal }) => apiRequest(usersApi.listUsers, { query: { limit: 200 } }, { signal }),
    staleTime: 60_000,
    select: (page) => page.items.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  })

export const userQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: queryKeys.users.detail(userId),
    queryFn: ({ signal }) => apiRequest(usersApi.getUser, { params: { id: userId } }, { signal }),
  })

export const useUser = (userId: string) => useQuery(userQueryOptions(userId))

export const userSessionsQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: queryKeys.users.sessions(userId),
    queryFn: ({ signal }) => apiRequest(usersApi.listUserSessions, { params: { id: userId } }, { signal }),
  })

/** A change to a user: the user lists, the detail and the change log all show it. */
function useUserMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit.all }),
      ]),
  })
}

export function useInviteUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: InvitationBody) => apiRequest(usersApi.inviteUser, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  })
}

export const useUpdateUserRoles = (userId: string) =>
  useUserMutation((body: { version: number; roles: Grant[] }) =>
    apiRequest(usersApi.setUserRoles, { params: { id: userId }, body }),
  )

export const useDeactivateUser = (userId: string) =>
  useUserMutation((version: number) =>
    apiRequest(usersApi.deactivateUser, { params: { id: userId }, body: { version } }),
  )

export const useReactivateUser = (userId: string) =>
  useUserMutation((version: number) =>
    apiRequest(usersApi.reactivateUser, { params: { id: userId }, body: { version } }),
  )

export const useIssueLink = (userId: string) =>
  useUserMutation(() => apiRequest(usersApi.issueUserLink, { params: { id: userId } }))

export const useRevokeUserSessions = (userId: string) =>
  useUserMutation(() => apiRequest(usersApi.revokeUserSessions, { params: { id: userId } }))

type ProjectRole = UserDetail['projects'][number]['role']

/**
 * Project membership goes through the project's own member routes: a project the user has no role
 * in is added by the user's id (an invited account has none to log in with yet), a role they have
 * is changed with the version read, so a change made meanwhile by someone else gets 409.
 */
export const useSetProjectRole = (userId: string) => {
  const queryClient = useQueryClient()
  const refresh = (projectId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.users.detail(userId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) }),
    ])
  return useMutation({
    mutationFn: ({ projectId, role, version }: { projectId: string; role: ProjectRole; version?: number }) =>
      version === undefined
        ? apiRequest(projectsApi.addProjectMember, { params: { projectId }, body: { userId, role } })
        : apiRequest(projectsApi.setProjectMemberRole, {
            params: { projectId, userId },
            body: { version, role },
          }),
    onSuccess: (_, { projectId }) => refresh(projectId),
    // On a conflict the page shows the role saved meanwhile, to choose again from.
    onError: (error, { projectId }) => (error.status === 409 ? refresh(projectId) : undefined),
  })
}

export const useRemoveFromProject = (userId: string) => {
  const queryClient = useQueryClient()
  const refresh = (projectId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.users.detail(userId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.projects.members(projectId) }),
    ])
  return useMutation({
    // The version read, so a role changed meanwhile by someone else is not removed unseen (409).
    mutationFn: ({ projectId, version }: { projectId: string; version: number }) =>
      apiRequest(projectsApi.removeProjectMember, { params: { projectId, userId }, query: { version } }),
    onSuccess: (_, { projectId }) => refresh(projectId),
    // On a conflict the page shows the role saved meanwhile, to decide again from.
    onError: (error, { projectId }) => (error.status === 409 ? refresh(projectId) : undefined),
  })
}

/** Projects to pick from when giving someone a project role. */
export const projectOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.projects.list({ limit: 200 }),
    queryFn: ({ signal }) => apiRequest(projectsApi.listProjects, { query: { limit: 200 } }, { signal }),
    staleTime: 60_000,
    select: (page) =>
      page.items.map((p) => ({ value: p.id, label: p.code ? `${p.name} (${p.code})` : p.name })),
  })
