import * as privacyApi from '@lagesbild/shared/api/privacy'
import * as usersApi from '@lagesbild/shared/api/users'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Session = EndpointOutput<typeof usersApi.listMySessions>['items'][number]

export const mySessionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.account.sessions,
    queryFn: ({ signal }) => apiRequest(usersApi.listMySessions, {}, { signal }),
  })

export const useMySessions = () => useQuery(mySessionsQueryOptions())

function useSessionMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.account.sessions }),
  })
}

export const useRevokeSession = () =>
  useSessionMutation((sessionId: string) => apiRequest(usersApi.revokeMySession, { params: { sessionId } }))

export const useRevokeOtherSessions = () =>
  useSessionMutation(() => apiRequest(usersApi.revokeMyOtherSessions, {}))

export const useChangePassword = () =>
  useSessionMutation((body: { currentPassword: string; newPassword: string }) =>
    apiRequest(usersApi.changeMyPassword, { body }),
  )

export const myExtractQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.privacy.extract('me', 'me'),
    queryFn: ({ signal }) => apiRequest(privacyApi.getMyExtract, {}, { signal }),
    staleTime: 0,
  })

export const myExtractHref = privacyApi.getMyExtract.url
