import * as importsApi from '@lagesbild/shared/api/finance-imports'
import * as financePortfolioApi from '@lagesbild/shared/api/finance-portfolio'
import * as homeApi from '@lagesbild/shared/api/home'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Home = EndpointOutput<typeof homeApi.getHome>

/** What the home page shows for the user's roles (GET /api/me/home). */
export const homeQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.portfolio.home,
    queryFn: ({ signal }) => apiRequest(homeApi.getHome, {}, { signal }),
  })

export const useHome = () => useSuspenseQuery(homeQueryOptions())

/** The finance view of the portfolio, for the finance home: totals and per project. */
export const useFinanceOverview = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.finance.portfolio({}),
    queryFn: ({ signal }) => apiRequest(financePortfolioApi.getPortfolioFinance, { query: {} }, { signal }),
    enabled,
  })

export const useLatestImports = (organisationId: string | undefined) =>
  useQuery({
    queryKey: [...queryKeys.finance.imports(organisationId ?? ''), 'latest'],
    queryFn: ({ signal }) =>
      apiRequest(
        importsApi.listImports,
        { query: { organisationId: organisationId ?? '', limit: 5 } },
        { signal },
      ),
    enabled: organisationId !== undefined,
  })
