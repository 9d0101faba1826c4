import type { Month, PlanLine } from './burn.ts'
import { allocateByWeights, sumBy } from './finance.ts'
import { type Ore, sumOre } from './money.ts'

const yearOf = (month: Month) => Number(month.slice(0, 4))
const zeros = (count: number): Ore[] => Array.from({ length: count }, () => 0)

function split(amount: Ore, weights: readonly Ore[], count: number): Ore[] {
  if (weights.length !== count) throw new RangeError(`Expected ${count} weights, got ${weights.length}`)
  if (amount === 0) return zeros(count)
  if (!weights.some((w) => w > 0)) throw new RangeError(`No weights to split ${amount} öre over`)
  return allocateByWeights(amount, weights)
}

/**
 * Running totals of a monthly amount split over `count` series (funders, categories), each year
 * by that year's weights. What is split is the running total within the year, not each month on
 * its own: so at every month the series add up to the total to the öre, and at a year's end each
 * series holds exactly the share a split of the whole year gives (the same figure as
 * `splitByYear`). A point is within one öre of its exact share; a series' monthly step can only
 * fall below zero when its exact step is under two öre.
 *
 * `months` must be in order; the result is indexed [series][month].
 */
export function splitRunningTotal(input: {
  months: readonly Month[]
  monthly: ReadonlyMap<Month, Ore>
  count: number
  weightsOf: (year: number) => readonly Ore[]
}): Ore[][] {
  const result: Ore[][] = Array.from({ length: input.count }, () => [])
  let carried = zeros(input.count)
  let current = zeros(input.count)
  let year: number | null = null
  let withinYear = 0
  for (const month of input.months) {
    const y = yearOf(month)
    if (y !== year) {
      carried = carried.map((c, i) => sumOre([c, current[i] ?? 0]))
      current = zeros(input.count)
      withinYear = 0
      year = y
    }
    withinYear = sumOre([withinYear, input.monthly.get(month) ?? 0])
    current = split(withinYear, input.weightsOf(y), input.count)
    current.forEach((part, i) => {
      result[i]?.push(sumOre([carried[i] ?? 0, part]))
    })
  }
  return result
}

/** Each year's amount split over `count` series by that year's weights, summed over the years. */
export function splitByYear(
  perYear: ReadonlyMap<number, Ore>,
  count: number,
  weightsOf: (year: number) => readonly Ore[],
): Ore[] {
  let totals = zeros(count)
  for (const [year, amount] of perYear) {
    const parts = split(amount, weightsOf(year), count)
    totals = totals.map((t, i) => sumOre([t, parts[i] ?? 0]))
  }
  return totals
}

export interface FundingAmount {
  funderName: string
  year: number
  amountOre: Ore
}

/** Key of the money no funder carries (a project without a funding plan). */
export const UNALLOCATED = ''

/**
 * The funders of a funding plan and how a year's money is shared between them: by their funding
 * that year; in a year nobody funds, by their funding over the whole project; without any
 * funding, all of it to `UNALLOCATED`, which is always the last name.
 */
export function funderWeights(funding: readonly FundingAmount[]): {
  names: string[]
  weightsOf: (year: number) => Ore[]
} {
  const funders = [...new Set(funding.map((f) => f.funderName))]
  const byYear = sumBy(
    funding,
    (f) => `${f.year}|${f.funderName}`,
    (f) => f.amountOre,
  )
  const overall = sumBy(
    funding,
    (f) => f.funderName,
    (f) => f.amountOre,
  )
  const overallWeights = funders.map((name) => overall.get(name) ?? 0)
  const fallback = overallWeights.some((w) => w > 0) ? [...overallWeights, 0] : [...zeros(funders.length), 1]
  return {
    names: [...funders, UNALLOCATED],
    weightsOf: (year) => {
      const weights = funders.map((name) => byYear.get(`${year}|${name}`) ?? 0)
      return weights.some((w) => w > 0) ? [...weights, 0] : fallback
    },
  }
}

export interface SeriesPoint {
  month: Month
  cumulativePlanOre: Ore
  cumulativeActualOre: Ore
}

export interface BreakdownSeries {
  key: string
  points: SeriesPoint[]
}

export interface MonthCategoryAmount {
  month: Month
  category: string
  amountOre: Ore
}

const pointsOf = (months: readonly Month[], plan: readonly Ore[], actual: readonly Ore[]): SeriesPoint[] =>
  months.map((month, i) => ({
    month,
    cumulativePlanOre: plan[i] ?? 0,
    cumulativeActualOre: actual[i] ?? 0,
  }))

/**
 * Cumulative budget and actual per cost category over the report's months. The actual is each
 * category's own; the budget is the month's total plan (`planByMonth` of all lines) shared by
 * the categories' budgets of that year, so the categories add up to the total line every month.
 */
export function burnByCategory(input: {
  months: readonly Month[]
  plan: ReadonlyMap<Month, Ore>
  lines: readonly PlanLine[]
  actuals: readonly MonthCategoryAmount[]
  categories: readonly string[]
}): BreakdownSeries[] {
  const budget = sumBy(
    input.lines,
    (l) => `${l.year}|${l.category}`,
    (l) => l.amountOre,
  )
  const plan = splitRunningTotal({
    months: input.months,
    monthly: input.plan,
    count: input.categories.length,
    weightsOf: (year) => input.categories.map((c) => budget.get(`${year}|${c}`) ?? 0),
  })
  const actual = sumBy(
    input.actuals,
    (a) => `${a.month}|${a.category}`,
    (a) => a.amountOre,
  )
  return input.categories.map((category, i) => {
    let running = 0
    const cumulative = input.months.map((month) => {
      running = sumOre([running, actual.get(`${month}|${category}`) ?? 0])
      return running
    })
    return { key: category, points: pointsOf(input.months, plan[i] ?? [], cumulative) }
  })
}

/**
 * Cumulative budget and actual per funder: the month's total plan and actual shared by the
 * funders' funding of that year (see `funderWeights`), the way Bilaga 1 attributes actuals.
 * `UNALLOCATED` is left out when it carries nothing.
 */
export function burnByFunder(input: {
  months: readonly Month[]
  plan: ReadonlyMap<Month, Ore>
  actual: ReadonlyMap<Month, Ore>
  funding: readonly FundingAmount[]
}): BreakdownSeries[] {
  const { names, weightsOf } = funderWeights(input.funding)
  const common = { months: input.months, count: names.length, weightsOf }
  const plan = splitRunningTotal({ ...common, monthly: input.plan })
  const actual = splitRunningTotal({ ...common, monthly: input.actual })
  return names
    .map((key, i) => ({ key, points: pointsOf(input.months, plan[i] ?? [], actual[i] ?? []) }))
    .filter(
      (s) =>
        s.key !== UNALLOCATED ||
        s.points.some((p) => p.cumulativePlanOre !== 0 || p.cumulativeActualOre !== 0),
    )
}

/** An amount per year shared by the funders as `funderWeights` says, per funder name. */
export function perFunder(
  perYear: ReadonlyMap<number, Ore>,
  funding: readonly FundingAmount[],
): Map<string, Ore> {
  const { names, weightsOf } = funderWeights(funding)
  const totals = splitByYear(perYear, names.length, weightsOf)
  return new Map(names.map((name, i) => [name, totals[i] ?? 0]))
}
