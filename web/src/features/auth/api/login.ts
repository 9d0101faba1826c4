import * as authApi from '@lagesbild/shared/api/auth'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest, setCsrfToken } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type LoginBody = EndpointInput<typeof authApi.login>['body']

export const login = (body: LoginBody) => apiRequest(authApi.login, { body })

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: login,
    // A 401 is "wrong e-mail or password", shown on the form.
    meta: { skipAuthRedirect: true },
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken)
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, me)
    },
  })
}
