import { type CalendarDate, daysInMonth } from './calendar-date.ts'

/**
 * Reporting periods as short keys people recognise: '2014-09' (month), '2014-Q3' (quarter),
 * '2014-HT' / '2015-VT' (school term: autumn Jul–Dec, spring Jan–Jun) and '2014' (year).
 * Indicators are measured per period; status reports are written per period.
 */
export const periodFrequencies = ['monthly', 'quarterly', 'term', 'yearly'] as const
export type PeriodFrequency = (typeof periodFrequencies)[number]

export type PeriodKey = string

export interface PeriodRange {
  start: CalendarDate
  end: CalendarDate
}

const patterns: Record<PeriodFrequency, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  term: /^(\d{4})-(VT|HT)$/,
  yearly: /^(\d{4})$/,
}

const pad = (n: number) => String(n).padStart(2, '0')
const monthEnd = (year: number, month: number) => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`
const months = (year: number, first: number, last: number): PeriodRange => ({
  start: `${year}-${pad(first)}-01`,
  end: monthEnd(year, last),
})

export function isPeriodKey(frequency: PeriodFrequency, key: string): boolean {
  const match = patterns[frequency].exec(key)
  return match !== null && Number(match[1]) >= 1900 && Number(match[1]) <= 2100
}

export function frequencyOfKey(key: string): PeriodFrequency | null {
  return periodFrequencies.find((f) => isPeriodKey(f, key)) ?? null
}

/** First and last day of a period; throws on a key that is not one. */
export function periodRange(key: PeriodKey): PeriodRange {
  const frequency = frequencyOfKey(key)
  const match = frequency ? patterns[frequency].exec(key) : null
  if (!frequency || !match) throw new RangeError(`Not a period: ${key}`)
  const year = Number(match[1])
  const part = match[2] ?? ''
  switch (frequency) {
    case 'monthly':
      return months(year, Number(part), Number(part))
    case 'quarterly':
      return months(year, Number(part) * 3 - 2, Number(part) * 3)
    case 'term':
      return part === 'VT' ? months(year, 1, 6) : months(year, 7, 12)
    case 'yearly':
      return months(year, 1, 12)
  }
}

/** The period of a frequency that a day falls in. */
export function periodContaining(frequency: PeriodFrequency, date: CalendarDate): PeriodKey {
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  switch (frequency) {
    case 'monthly':
      return date.slice(0, 7)
    case 'quarterly':
      return `${year}-Q${Math.ceil(month / 3)}`
    case 'term':
      return `${year}-${month <= 6 ? 'VT' : 'HT'}`
    case 'yearly':
      return year
  }
}

/** The period after a period of the same frequency. */
export function nextPeriod(key: PeriodKey): PeriodKey {
  const frequency = frequencyOfKey(key)
  if (!frequency) throw new RangeError(`Not a period: ${key}`)
  const end = periodRange(key).end
  const year = Number(end.slice(0, 4))
  const month = Number(end.slice(5, 7))
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`
  return periodContaining(frequency, next)
}

/** Every period of a frequency that touches the days from `from` to `to` (at most `limit`). */
export function periodsBetween(
  frequency: PeriodFrequency,
  from: CalendarDate,
  to: CalendarDate,
  limit = 240,
): PeriodKey[] {
  const periods: PeriodKey[] = []
  if (to < from) return periods
  for (let key = periodContaining(frequency, from); periods.length < limit; key = nextPeriod(key)) {
    if (periodRange(key).start > to) break
    periods.push(key)
  }
  return periods
}
