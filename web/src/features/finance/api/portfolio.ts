import * as portfolioApi from '@lagesbild/shared/api/finance-portfolio'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import type { PortfolioSearch } from './portfolio-search'

export type PortfolioFinance = EndpointOutput<typeof portfolioApi.getPortfolioFinance>

export const portfolioQueryOptions = (search: PortfolioSearch) =>
  queryOptions({
    queryKey: queryKeys.finance.portfolio(search),
    queryFn: ({ signal }) => apiRequest(portfolioApi.getPortfolioFinance, { query: search }, { signal }),
  })

export const usePortfolio = (search: PortfolioSearch) =>
  useQuery({ ...portfolioQueryOptions(search), placeholderData: (previous) => previous })

export function portfolioExportUrl(search: PortfolioSearch): string {
  const query = new URLSearchParams()
  if (search.programmeId) query.set('programmeId', search.programmeId)
  if (search.year) query.set('year', String(search.year))
  const text = query.toString()
  return `/api/finance/portfolio/export${text ? `?${text}` : ''}`
}
