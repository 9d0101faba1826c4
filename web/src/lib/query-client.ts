import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { type ApiProblem, isApiProblem, isUnauthenticated } from './api-client'

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
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthenticated(error) && !query.meta?.skipAuthRedirect) onUnauthenticated()
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthenticated(error) && !mutation.meta?.skipAuthRedirect) onUnauthenticated()
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
}
