import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { type ApiProblem, isApiProblem, isUnauthenticated } from './api-client'
import { queryKeys } from './query-keys'

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiProblem
    queryMeta: { skipAuthRedirect?: boolean }
    mutationMeta: { skipAuthRedirect?: boolean }
  }
}

export interface QueryClientOptions {
  /** Called when the API answers 401: the session is gone, send the user to log in. */
  onUnauthenticated: () => void
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiProblem(error) && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient({ onUnauthenticated }: QueryClientOptions): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthenticated(error) && !query.meta?.skipAuthRedirect) onUnauthenticated()
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthenticated(error) && !mutation.meta?.skipAuthRedirect) onUnauthenticated()
      },
      // The portfolio, home pages and project situations sum up everything else (dates, money,
      // reports, decisions), so any change makes them stale; only a shown one is fetched again.
      onSuccess: () => {
        // Not awaited: the change is done, a portfolio refetch must not hold up its confirmation.
        void client.invalidateQueries({ queryKey: queryKeys.portfolio.all })
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  })
  return client
}
