import { type Month, monthsBetween } from './burn.ts'
import { divRound, sumBy } from './finance.ts'
import { assertSafeOre, type Ore, sumOre } from './money.ts'

/**
 * Run rate: what was spent per month so far, continued over the months that remain.
 * With no month behind us there is no rate, and the plan for the rest stands instead.
 */
export function runRateForecast(input: {
  spentOre: Ore
  elapsedMonths: number
  remainingMonths: number
  remainingPlanOre: Ore
}): Ore {
  if (input.remainingMonths <= 0) return input.spentOre
  if (input.elapsedMonths <= 0) return sumOre([input.spentOre, input.remainingPlanOre])
  const rest = Number(
    divRound(BigInt(input.spentOre) * BigInt(input.remainingMonths), BigInt(input.elapsedMonths)),
  )
  assertSafeOre(rest)
  return sumOre([input.spentOre, rest])
}

/** Months of the period up to and including `asOf`, and after it. */
export function splitPeriod(first: Month, last: Month, asOf: Month): { elapsed: number; remaining: number } {
  const all = monthsBetween(first, last)
  const elapsed = all.filter((m) => m <= asOf).length
  return { elapsed, remaining: all.length - elapsed }
}

export interface YearCategoryAmount {
  year: number
  category: string
  amountOre: Ore
}

export type ForecastSource = 'manual' | 'actual' | 'budget'

export interface ForecastCell extends YearCategoryAmount {
  source: ForecastSource
  budgetOre: Ore
  actualOre: Ore
}

const key = (year: number, category: string) => `${year}|${category}`

/**
 * The expected outturn of one year and category: a manual forecast where finance gave one;
 * else the actual for years that are over; else the budget, or the actual when it already
 * exceeds it.
 */
export function forecastCell(
  cell: { year: number; budgetOre: Ore; actualOre: Ore; manualOre: Ore | undefined },
  asOfYear: number,
): { amountOre: Ore; source: ForecastSource } {
  if (cell.manualOre !== undefined) return { amountOre: cell.manualOre, source: 'manual' }
  if (cell.year < asOfYear || cell.actualOre > cell.budgetOre)
    return { amountOre: cell.actualOre, source: 'actual' }
  return { amountOre: cell.budgetOre, source: 'budget' }
}

/** Expected outturn per year and category (see `forecastCell`), in year and category order. */
export function yearCategoryForecast(input: {
  budget: readonly YearCategoryAmount[]
  actual: readonly YearCategoryAmount[]
  manual: readonly YearCategoryAmount[]
  asOfYear: number
}): ForecastCell[] {
  const budget = sumBy(
    input.budget,
    (b) => key(b.year, b.category),
    (b) => b.amountOre,
  )
  const actual = sumBy(
    input.actual,
    (a) => key(a.year, a.category),
    (a) => a.amountOre,
  )
  const manual = new Map(input.manual.map((m) => [key(m.year, m.category), m.amountOre]))
  const keys = new Set([...budget.keys(), ...actual.keys(), ...manual.keys()])
  return [...keys]
    .map((k): ForecastCell => {
      const [yearText = '0', category = ''] = k.split('|')
      const year = Number(yearText)
      const budgetOre = budget.get(k) ?? 0
      const actualOre = actual.get(k) ?? 0
      const cell = forecastCell({ year, budgetOre, actualOre, manualOre: manual.get(k) }, input.asOfYear)
      return { year, category, ...cell, budgetOre, actualOre }
    })
    .sort((a, b) => a.year - b.year || a.category.localeCompare(b.category))
}

/** Budget left at the end: positive is unspent, negative an overrun. */
export const expectedUnspent = (budgetOre: Ore, forecastOre: Ore): Ore => {
  const value = budgetOre - forecastOre
  assertSafeOre(value)
  return value
}

export const forecastTotal = (cells: readonly ForecastCell[]): Ore => sumOre(cells.map((c) => c.amountOre))
