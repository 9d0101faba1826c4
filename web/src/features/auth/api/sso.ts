import * as ssoApi from '@lagesbild/shared/api/sso'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'

export const ssoStatusQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'sso'] as const,
    queryFn: ({ signal }) => apiRequest(ssoApi.getSsoStatus, {}, { signal }),
    staleTime: 10 * 60_000,
    meta: { skipAuthRedirect: true },
  })

export const useSsoStatus = () => useQuery(ssoStatusQueryOptions())

/** Where the browser goes to log in with the organisation's account; a plain navigation, no script. */
export const ssoStartHref = (redirect: string) =>
  `${ssoApi.startSso.url}?${new URLSearchParams({ returnTo: redirect }).toString()}`

export const isSsoFailure = (value: unknown): value is ssoApi.SsoFailure =>
  typeof value === 'string' && (ssoApi.ssoFailures as readonly string[]).includes(value)
