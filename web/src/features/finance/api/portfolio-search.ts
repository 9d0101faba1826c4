/**
 * The finance portfolio's filters in the URL. Apart from its API so that the router can check
 * the search without loading the finance schemas into the first page's JavaScript.
 */
export interface PortfolioSearch {
  programmeId?: string
  year?: number
}

export function parsePortfolioSearch(search: Record<string, unknown>): PortfolioSearch {
  const year = Number(search.year)
  return {
    ...(typeof search.programmeId === 'string' && search.programmeId
      ? { programmeId: search.programmeId }
      : {}),
    ...(Number.isInteger(year) && year >= 1990 && year <= 2100 ? { year } : {}),
  }
}
