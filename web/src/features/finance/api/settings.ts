import * as importsApi from '@lagesbild/shared/api/finance-imports'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type FinanceSettings = EndpointOutput<typeof importsApi.getFinanceOrganisationSettings>
export type FinanceSettingsPut = EndpointInput<typeof importsApi.putFinanceOrganisationSettings>['body']

export const financeSettingsQueryOptions = (organisationId: string) =>
  queryOptions({
    queryKey: queryKeys.finance.settings(organisationId),
    queryFn: ({ signal }) =>
      apiRequest(importsApi.getFinanceOrganisationSettings, { params: { organisationId } }, { signal }),
  })

export const useFinanceSettings = (organisationId: string) =>
  useQuery({ ...financeSettingsQueryOptions(organisationId), enabled: organisationId !== '' })

export function isFinanceSettings(value: unknown): value is FinanceSettings {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    Array.isArray(record.categories) &&
    Array.isArray(record.accountRules) &&
    typeof record.version === 'number'
  )
}

export function useSaveFinanceSettings(organisationId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: FinanceSettingsPut) =>
      apiRequest(importsApi.putFinanceOrganisationSettings, { params: { organisationId }, body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.finance.settings(organisationId), saved)
      // Category names and order show in every budget and burn view.
      await queryClient.invalidateQueries({ queryKey: queryKeys.finance.all })
    },
    onError: (error) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isFinanceSettings(current))
        queryClient.setQueryData(queryKeys.finance.settings(organisationId), current)
    },
  })
}
