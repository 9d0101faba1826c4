import { sumOre } from '@lagesbild/shared/domain/money'

export const burnViews = ['total', 'funder', 'category'] as const
export type BurnView = (typeof burnViews)[number]

interface SeriesPoint {
  month: string
  cumulativePlanOre: number
  cumulativeActualOre: number
}

export interface BreakdownInput {
  status: { asOf: string }
  breakdown: {
    byFunder: readonly { key: string; points: readonly SeriesPoint[] }[]
    byCategory: readonly { key: string; points: readonly SeriesPoint[] }[]
  }
}

export interface BreakdownTable {
  series: { key: string; label: string }[]
  rows: { month: string; plan: number[]; actual: (number | null)[] }[]
}

/**
 * The chosen breakdown as one row per month with a budget and an actual per series: what the
 * chart draws and its table shows. Actuals after the as-of month are left out (null), as on the
 * total chart, so the line stops where the knowledge does.
 */
export function breakdownTable(
  report: BreakdownInput,
  view: Exclude<BurnView, 'total'>,
  label: (key: string) => string,
  order: (key: string) => number = () => 0,
): BreakdownTable {
  const source = view === 'funder' ? report.breakdown.byFunder : report.breakdown.byCategory
  const series = [...source].sort((a, b) => order(a.key) - order(b.key))
  const asOfMonth = report.status.asOf.slice(0, 7)
  const months = series[0]?.points.map((p) => p.month) ?? []
  return {
    series: series.map((s) => ({ key: s.key, label: label(s.key) })),
    rows: months.map((month, i) => ({
      month,
      plan: series.map((s) => s.points[i]?.cumulativePlanOre ?? 0),
      actual: series.map((s) => (month <= asOfMonth ? (s.points[i]?.cumulativeActualOre ?? 0) : null)),
    })),
  }
}

/** Sums per column of the funder table, for its total row. */
export function totalRow<K extends string>(rows: readonly Record<K, number>[], keys: readonly K[]) {
  return Object.fromEntries(keys.map((key) => [key, sumOre(rows.map((row) => row[key]))])) as Record<
    K,
    number
  >
}
