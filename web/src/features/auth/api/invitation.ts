import * as usersApi from '@lagesbild/shared/api/users'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest, setCsrfToken } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export const invitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['auth', 'invitation', token] as const,
    queryFn: ({ signal }) => apiRequest(usersApi.lookupInvitation, { body: { token } }, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    meta: { skipAuthRedirect: true },
  })

/** Looked up once; not again after the link is used (it would then answer 410). */
export const useInvitation = (token: string, used: boolean) =>
  useQuery({ ...invitationQueryOptions(token), enabled: token !== '' && !used })

type AcceptBody = EndpointInput<typeof usersApi.acceptInvitation>['body']

export function useAcceptInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AcceptBody) => apiRequest(usersApi.acceptInvitation, { body }),
    meta: { skipAuthRedirect: true },
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken)
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, me)
    },
  })
}
