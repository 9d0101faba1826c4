import * as authApi from '@lagesbild/shared/api/auth'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { apiRequest, setCsrfToken } from '../../../lib/api-client'

export const logout = () => apiRequest(authApi.logout, {})

export function useLogout() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: logout,
    meta: { skipAuthRedirect: true },
    onSettled: async () => {
      setCsrfToken(null)
      queryClient.clear()
      await navigate({ to: '/login' })
    },
  })
}
