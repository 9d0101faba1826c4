import * as importsApi from '@lagesbild/shared/api/finance-imports'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest, apiUpload } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type FinanceImport = EndpointOutput<typeof importsApi.getImport>
export type ImportSummary = EndpointOutput<typeof importsApi.listImports>['items'][number]
export type ImportSettings = EndpointInput<typeof importsApi.putImportSettings>['body']['settings']
export type ImportRowError = EndpointOutput<typeof importsApi.listImportErrors>['items'][number]

export const financeOrganisationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.finance.organisations,
    queryFn: ({ signal }) => apiRequest(importsApi.listFinanceOrganisations, {}, { signal }),
  })

export const useImportHistory = (organisationId: string) =>
  useQuery({
    queryKey: queryKeys.finance.imports(organisationId),
    queryFn: ({ signal }) =>
      apiRequest(importsApi.listImports, { query: { organisationId, limit: 20 } }, { signal }),
    enabled: organisationId !== '',
  })

/** The import, polled every half second while its rows are being written (progress lives in the database). */
export const useImport = (importId: string | null, committing = false) =>
  useQuery({
    queryKey: queryKeys.finance.import(importId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest(importsApi.getImport, { params: { importId: importId ?? '' } }, { signal }),
    enabled: importId !== null,
    refetchInterval: (query) => (committing || query.state.data?.status === 'committing' ? 500 : false),
  })

export const useImportErrors = (importId: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.finance.importErrors(importId),
    queryFn: ({ signal }) =>
      apiRequest(importsApi.listImportErrors, { params: { importId }, query: { limit: 200 } }, { signal }),
    enabled,
  })

function useRefresh() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.finance.all })
}

export function useUpload() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ organisationId, file }: { organisationId: string; file: File }) =>
      apiUpload(importsApi.uploadImport, { query: { organisationId } }, file),
    onSuccess: refresh,
  })
}

export function useImportStep() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: async (
      step:
        | { kind: 'settings'; importId: string; version: number; settings: ImportSettings; remember: boolean }
        | { kind: 'validate' | 'commit' | 'rollback'; importId: string },
    ) => {
      const params = { importId: step.importId }
      if (step.kind === 'settings') {
        return apiRequest(importsApi.putImportSettings, {
          params,
          body: { version: step.version, settings: step.settings, remember: step.remember },
        })
      }
      if (step.kind === 'validate') return apiRequest(importsApi.validateImport, { params })
      if (step.kind === 'commit') return apiRequest(importsApi.commitImport, { params })
      return apiRequest(importsApi.rollbackImport, { params, body: {} })
    },
    onSettled: refresh,
  })
}

export const sampleUrl = (variant: 'clean' | 'broken') => `/api/finance/sample-export?variant=${variant}`
