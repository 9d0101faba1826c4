import * as authApi from '@lagesbild/shared/api/auth'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
import { apiRequest, isUnauthenticated, setCsrfToken } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Me = EndpointOutput<typeof authApi.getMe>

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await apiRequest(authApi.getMe, {}, { signal })
  setCsrfToken(me.csrfToken)
  return me
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
    retry: false,
    // A 401 here just means "not logged in"; requireAuth decides where to go.
    meta: { skipAuthRedirect: true },
  })

export const useMe = () => useQuery(meQueryOptions())

/**
 * For a route's beforeLoad: the logged-in user, or a redirect to /login that brings
 * the user back to `href` afterwards.
 */
export async function requireAuth(queryClient: QueryClient, href: string): Promise<{ me: Me }> {
  try {
    return { me: await queryClient.ensureQueryData(meQueryOptions()) }
  } catch (error) {
    if (isUnauthenticated(error)) throw redirect({ to: '/login', search: { redirect: href } })
    throw error
  }
}

/** For the login route: where a logged-in user who lands on /login should go instead. */
export async function redirectIfLoggedIn(queryClient: QueryClient, target: string): Promise<void> {
  const me = await queryClient.ensureQueryData(meQueryOptions()).catch(() => null)
  if (me) throw redirect({ href: target })
}

/** Only paths inside the app: never another origin, never back to the login page. */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/'
  if (target === '/login' || target.startsWith('/login?')) return '/'
  return target
}
