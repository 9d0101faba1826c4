import type { CalendarDate } from './calendar-date.ts'
import { deviationBp, splitEvenly, sumBy } from './finance.ts'
import { type Ore, sumOre } from './money.ts'

/** A month on the calendar, 'YYYY-MM'. */
export type Month = string

export const monthOf = (date: CalendarDate): Month => date.slice(0, 7)

export function nextMonth(month: Month): Month {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

/** Every month from `from` to `to`, both included (empty when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = []
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m)
  return months
}

export interface Period {
  start: CalendarDate
  end: CalendarDate
}

export interface PlanLine {
  year: number
  category: string
  amountOre: Ore
}

export interface ActualEntry {
  date: CalendarDate
  category: string
  amountOre: Ore
}

/**
 * The budget of each year spread evenly over that year's months inside the project period
 * (or over the whole year when the period does not touch it), to the öre.
 */
export function planByMonth(lines: readonly PlanLine[], period: Period): Map<Month, Ore> {
  const plan = new Map<Month, Ore>()
  const perYear = sumBy(
    lines,
    (l) => String(l.year),
    (l) => l.amountOre,
  )
  for (const [yearText, amount] of perYear) {
    const year = Number(yearText)
    const first = `${year}-01` < monthOf(period.start) ? monthOf(period.start) : `${year}-01`
    const last = `${year}-12` > monthOf(period.end) ? monthOf(period.end) : `${year}-12`
    const months = first <= last ? monthsBetween(first, last) : monthsBetween(`${year}-01`, `${year}-12`)
    splitEvenly(amount, months.length).forEach((part, index) => {
      const month = months[index] as Month
      plan.set(month, sumOre([plan.get(month) ?? 0, part]))
    })
  }
  return plan
}

export interface BurnPoint {
  month: Month
  planOre: Ore
  actualOre: Ore
  cumulativePlanOre: Ore
  cumulativeActualOre: Ore
}

/** Monthly plan and actual, with running totals, over the project period and every month with data. */
export function burnSeries(input: {
  lines: readonly PlanLine[]
  actuals: readonly ActualEntry[]
  period: Period
}): BurnPoint[] {
  const plan = planByMonth(input.lines, input.period)
  const actual = sumBy(
    input.actuals,
    (a) => monthOf(a.date),
    (a) => a.amountOre,
  )
  const known = [
    ...plan.keys(),
    ...actual.keys(),
    monthOf(input.period.start),
    monthOf(input.period.end),
  ].sort()
  const first = known[0]
  const last = known.at(-1)
  if (!first || !last) return []
  let cumulativePlan = 0
  let cumulativeActual = 0
  return monthsBetween(first, last).map((month) => {
    const planOre = plan.get(month) ?? 0
    const actualOre = actual.get(month) ?? 0
    cumulativePlan = sumOre([cumulativePlan, planOre])
    cumulativeActual = sumOre([cumulativeActual, actualOre])
    return {
      month,
      planOre,
      actualOre,
      cumulativePlanOre: cumulativePlan,
      cumulativeActualOre: cumulativeActual,
    }
  })
}

/** The running totals at the end of a month (the last point not after it). */
export function pointAt(
  series: readonly BurnPoint[],
  month: Month,
): { cumulativePlanOre: Ore; cumulativeActualOre: Ore } {
  let found = { cumulativePlanOre: 0, cumulativeActualOre: 0 }
  for (const point of series) {
    if (point.month > month) break
    found = point
  }
  return { cumulativePlanOre: found.cumulativePlanOre, cumulativeActualOre: found.cumulativeActualOre }
}

export const burnStates = ['no_plan', 'on_track', 'underspend', 'overspend'] as const
export type BurnState = (typeof burnStates)[number]

export interface BurnVerdict {
  state: BurnState
  /** (actual − plan) / plan to date, in basis points; null without a plan to date. */
  deviationBp: number | null
  thresholdBp: number
}

/** Whether spending to date deviates from the plan to date by more than the threshold, either way. */
export function judgeBurn(
  cumulativePlanOre: Ore,
  cumulativeActualOre: Ore,
  thresholdBp: number,
): BurnVerdict {
  const deviation = deviationBp(cumulativeActualOre, cumulativePlanOre)
  if (deviation === null) {
    return { state: cumulativeActualOre > 0 ? 'overspend' : 'no_plan', deviationBp: null, thresholdBp }
  }
  if (deviation > thresholdBp) return { state: 'overspend', deviationBp: deviation, thresholdBp }
  if (deviation < -thresholdBp) return { state: 'underspend', deviationBp: deviation, thresholdBp }
  return { state: 'on_track', deviationBp: deviation, thresholdBp }
}
