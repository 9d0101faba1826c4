import * as financeApi from '@lagesbild/shared/api/finance'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  useSuspenseQuery,
} from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectFinance = EndpointOutput<typeof financeApi.getProjectFinance>
export type BudgetVersion = EndpointOutput<typeof financeApi.getBudgetVersion>
export type BurnReport = EndpointOutput<typeof financeApi.getBurn>
export type BudgetSummary = EndpointOutput<typeof financeApi.getBudgetSummary>
export type ActualCost = EndpointOutput<typeof financeApi.listActuals>['items'][number]
export type BudgetLineInput = NonNullable<
  EndpointInput<typeof financeApi.createBudgetVersion>['body']['lines']
>[number]

export const projectFinanceQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.finance.project(projectId),
    queryFn: ({ signal }) => apiRequest(financeApi.getProjectFinance, { params: { projectId } }, { signal }),
  })

export const useProjectFinance = (projectId: string) =>
  useSuspenseQuery(projectFinanceQueryOptions(projectId))

export const useBurn = (projectId: string, query: { asOf?: string; compare: 'current' | 'original' }) =>
  useQuery({
    queryKey: queryKeys.finance.burn(projectId, query),
    queryFn: ({ signal }) => apiRequest(financeApi.getBurn, { params: { projectId }, query }, { signal }),
    placeholderData: (previous) => previous,
  })

export const useBudgetSummary = (projectId: string) =>
  useQuery({
    queryKey: queryKeys.finance.summary(projectId),
    queryFn: ({ signal }) =>
      apiRequest(financeApi.getBudgetSummary, { params: { projectId }, query: {} }, { signal }),
  })

export const useBudgetVersion = (projectId: string, budgetVersionId: string | null) =>
  useQuery({
    queryKey: queryKeys.finance.version(projectId, budgetVersionId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest(
        financeApi.getBudgetVersion,
        { params: { projectId, budgetVersionId: budgetVersionId ?? '' } },
        { signal },
      ),
    enabled: budgetVersionId !== null,
  })

export const actualsInfiniteQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.finance.actuals(projectId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        financeApi.listActuals,
        { params: { projectId }, query: { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useActuals = (projectId: string) => useInfiniteQuery(actualsInfiniteQueryOptions(projectId))

/** Everything a finance change can move: the overview, burn, summary and actuals of the project. */
function useInvalidateFinance(projectId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.finance.project(projectId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.finance.portfolio({}).slice(0, 2) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
    ])
}

type VersionAction = 'propose' | 'approve' | 'reject' | 'discard'

export function useBudgetVersionAction(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: ({
      action,
      version,
    }: {
      action: VersionAction
      version: { id: string; version: number }
    }) => {
      const params = { projectId, budgetVersionId: version.id }
      const body = { version: version.version }
      if (action === 'propose') return apiRequest(financeApi.proposeBudgetVersion, { params, body })
      if (action === 'approve') return apiRequest(financeApi.approveBudgetVersionDirect, { params, body })
      if (action === 'reject') return apiRequest(financeApi.rejectBudgetVersion, { params, body })
      return apiRequest(financeApi.deleteBudgetVersion, {
        params,
        headers: { 'if-match': `"${version.version}"` },
      })
    },
    onSuccess: invalidate,
  })
}

export function useCreateBudgetVersion(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: () => apiRequest(financeApi.createBudgetVersion, { params: { projectId }, body: {} }),
    onSuccess: invalidate,
  })
}

export function useUpdateBudgetVersion(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, lines }: { id: string; version: number; lines: BudgetLineInput[] }) =>
      apiRequest(financeApi.updateBudgetVersion, {
        params: { projectId, budgetVersionId: id },
        body: { version, lines },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.finance.version(projectId, saved.id), saved)
      await invalidate()
    },
  })
}

export function useCreateActual(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: (body: EndpointInput<typeof financeApi.createActual>['body']) =>
      apiRequest(financeApi.createActual, { params: { projectId }, body }),
    onSuccess: invalidate,
  })
}

export function useCreateCode(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest(financeApi.createFinanceCode, { params: { projectId }, body: { code } }),
    onSuccess: invalidate,
  })
}

export const projectExportUrl = (projectId: string) =>
  `/api/projects/${encodeURIComponent(projectId)}/finance/export`

export function useCreateFunding(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: (body: EndpointInput<typeof financeApi.createFundingEntry>['body']) =>
      apiRequest(financeApi.createFundingEntry, { params: { projectId }, body }),
    onSuccess: invalidate,
  })
}

export function useCreateInKind(projectId: string) {
  const invalidate = useInvalidateFinance(projectId)
  return useMutation({
    mutationFn: (body: EndpointInput<typeof financeApi.createInKind>['body']) =>
      apiRequest(financeApi.createInKind, { params: { projectId }, body }),
    onSuccess: invalidate,
  })
}
