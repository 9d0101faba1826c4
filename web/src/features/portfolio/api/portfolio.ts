import * as governanceApi from '@lagesbild/shared/api/governance'
import * as organisationsApi from '@lagesbild/shared/api/organisations'
import * as portfolioApi from '@lagesbild/shared/api/portfolio'
import * as programmesApi from '@lagesbild/shared/api/programmes'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { asTreeOptions } from '../../../lib/organisation-options'
import { queryKeys } from '../../../lib/query-keys'
import type { PortfolioSearch } from './search'

export type { PortfolioSearch } from './search'

export type PortfolioPage = EndpointOutput<typeof portfolioApi.getPortfolio>
export type PortfolioRow = PortfolioPage['items'][number]
export type PortfolioView = EndpointOutput<typeof portfolioApi.listPortfolioViews>['items'][number]

const PAGE_SIZE = 50

export const portfolioInfiniteQueryOptions = (search: PortfolioSearch) =>
  infiniteQueryOptions({
    queryKey: queryKeys.portfolio.infinite(search),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        portfolioApi.getPortfolio,
        { query: { ...search, q: search.q?.trim() || undefined, limit: PAGE_SIZE, cursor: pageParam } },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const usePortfolio = (search: PortfolioSearch) =>
  useInfiniteQuery({ ...portfolioInfiniteQueryOptions(search), placeholderData: keepPreviousData })

/** The export link: the same filters and sort, every row. */
export function portfolioExportUrl(search: PortfolioSearch): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) if (value !== undefined) query.set(key, String(value))
  const text = query.toString()
  return `${portfolioApi.exportPortfolio.url}${text ? `?${text}` : ''}`
}

export const programmeOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.programmes.list({ limit: 200 }),
    queryFn: ({ signal }) => apiRequest(programmesApi.listProgrammes, { query: { limit: 200 } }, { signal }),
    staleTime: 5 * 60_000,
    select: (page) => page.items.map((programme) => ({ value: programme.id, label: programme.name })),
  })

export const useProgrammeOptions = () => useQuery(programmeOptionsQueryOptions())

export const useOrganisationOptions = () =>
  useQuery({
    queryKey: queryKeys.organisations.list({ limit: 200 }),
    queryFn: ({ signal }) =>
      apiRequest(organisationsApi.listOrganisations, { query: { limit: 200 } }, { signal }),
    staleTime: 5 * 60_000,
    select: (page) => asTreeOptions(page.items),
  })

export const useSteeringGroupOptions = () =>
  useQuery({
    queryKey: queryKeys.portfolio.steeringGroups,
    queryFn: ({ signal }) => apiRequest(governanceApi.listSteeringGroups, {}, { signal }),
    staleTime: 5 * 60_000,
    select: (page) => page.items.map((group) => ({ value: group.id, label: group.name })),
  })

export const portfolioViewsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.portfolio.views,
    queryFn: ({ signal }) => apiRequest(portfolioApi.listPortfolioViews, {}, { signal }),
  })

export const usePortfolioViews = () => useQuery(portfolioViewsQueryOptions())

export function useSaveView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { name: string; query: PortfolioSearch }) =>
      apiRequest(portfolioApi.createPortfolioView, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.portfolio.views }),
  })
}

export function useUpdateView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { view: PortfolioView; query: PortfolioSearch }) =>
      apiRequest(portfolioApi.updatePortfolioView, {
        params: { id: input.view.id },
        body: { version: input.view.version, query: input.query },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.portfolio.views }),
  })
}

export function useDeleteView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (view: PortfolioView) =>
      apiRequest(portfolioApi.deletePortfolioView, {
        params: { id: view.id },
        headers: { 'if-match': String(view.version) },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.portfolio.views }),
  })
}
