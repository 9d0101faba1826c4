import { type LifecycleStatus, lifecycleStatuses } from '@lagesbild/shared/domain/lifecycle'
import { type PortfolioSort, portfolioSorts } from '@lagesbild/shared/domain/portfolio'

/*
 * Kept apart from the queries so the router (in the first chunk) can validate the URL
 * without loading the portfolio page's code.
 */

/** The filters and sort of the portfolio, kept in the URL; a saved view stores the same. */
export interface PortfolioSearch {
  q?: string
  programmeId?: string
  ownerOrganisationId?: string
  steeringGroupId?: string
  status?: LifecycleStatus
  year?: number
  topLevel?: boolean
  mine?: boolean
  sort?: PortfolioSort
  order?: 'asc' | 'desc'
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value)
const id = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
const flag = (value: unknown) => (value === true || value === 'true' ? true : undefined)

export function parsePortfolioSearch(search: Record<string, unknown>): PortfolioSearch {
  const year = Number(search.year)
  const parsed: PortfolioSearch = {
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    programmeId: id(search.programmeId),
    ownerOrganisationId: id(search.ownerOrganisationId),
    steeringGroupId: id(search.steeringGroupId),
    status: oneOf(lifecycleStatuses, search.status) ? search.status : undefined,
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined,
    topLevel: flag(search.topLevel),
    mine: flag(search.mine),
    sort: oneOf(portfolioSorts, search.sort) ? search.sort : undefined,
    order: oneOf(['asc', 'desc'] as const, search.order) ? search.order : undefined,
  }
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as PortfolioSearch
}
