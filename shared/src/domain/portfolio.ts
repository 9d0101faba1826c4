/** Columns the portfolio table sorts by. */
export const portfolioSorts = [
  'name',
  'status',
  'plannedStart',
  'plannedEnd',
  'slip',
  'burn',
  'nextMilestone',
] as const
export type PortfolioSort = (typeof portfolioSorts)[number]

/** The order a column sorts in when first chosen: the worst first for slip and burn. */
export function defaultOrder(sort: PortfolioSort): 'asc' | 'desc' {
  return sort === 'slip' || sort === 'burn' ? 'desc' : 'asc'
}

/** Share of a period that has passed on a day, 0–100, with one decimal; null for an empty period. */
export function elapsedPercent(start: string, end: string, asOf: string): number | null {
  const day = 86_400_000
  const total = (Date.parse(end) - Date.parse(start)) / day + 1
  if (!(total > 0)) return null
  const passed = (Date.parse(asOf) - Date.parse(start)) / day + 1
  return Math.round(Math.min(100, Math.max(0, (passed / total) * 100)) * 10) / 10
}

/** Spent as a share of a budget, with one decimal; null without a budget. */
export function spentPercent(spentOre: number, budgetOre: number): number | null {
  if (budgetOre <= 0) return null
  return Math.round((spentOre / budgetOre) * 1000) / 10
}
