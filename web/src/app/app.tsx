import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { useState } from 'react'
import { initI18n } from '../lib/i18n'
import { createQueryClient } from '../lib/query-client'
import { queryKeys } from '../lib/query-keys'
import { type AppRouter, createAppRouter } from './router'

initI18n()

function createClients() {
  let router: AppRouter | undefined
  const queryClient = createQueryClient({
    onUnauthenticated: () => {
      if (!router || router.state.location.pathname === '/login') return
      const redirect = router.state.location.href
      queryClient.removeQueries({ queryKey: queryKeys.me })
      void router.navigate({ to: '/login', search: { redirect } })
    },
  })
  router = createAppRouter(queryClient)
  return { queryClient, router }
}

export function App() {
  const [{ queryClient, router }] = useState(createClients)
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
}
