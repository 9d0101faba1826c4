import type { Language } from '../http/language.ts'
import { type CalendarDate, daysInMonth, isCalendarDate } from './calendar-date.ts'

/**
 * Real plans are not tidy: "Våren 2016", "Ht -19", "Juni 2021". A date with a precision is
 * the whole period it names (from..to); deviations use the range, display uses the precision.
 */
export const datePrecisions = ['day', 'month', 'term', 'year'] as const
export type DatePrecision = (typeof datePrecisions)[number]

export interface DateRange {
  from: CalendarDate
  to: CalendarDate
}

export interface PreciseDate extends DateRange {
  precision: DatePrecision
  /** Why the date is as it is, e.g. the impossible date the source gave. */
  note: string | null
}

const pad = (n: number) => String(n).padStart(2, '0')

function parts(date: CalendarDate): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number]
}

/** The period of the given precision that contains `anchor` (VT = Jan–Jun, HT = Jul–Dec). */
export function periodOf(precision: DatePrecision, anchor: CalendarDate): DateRange {
  const [year, month] = parts(anchor)
  switch (precision) {
    case 'day':
      return { from: anchor, to: anchor }
    case 'month':
      return {
        from: `${year}-${pad(month)}-01`,
        to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
      }
    case 'term':
      return month <= 6
        ? { from: `${year}-01-01`, to: `${year}-06-30` }
        : { from: `${year}-07-01`, to: `${year}-12-31` }
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` }
  }
}

export function preciseDate(
  precision: DatePrecision,
  anchor: CalendarDate,
  note: string | null = null,
): PreciseDate {
  return { ...periodOf(precision, anchor), precision, note }
}

/** The range is exactly the period its precision names. */
export function isConsistent(date: DateRange & { precision: DatePrecision }): boolean {
  if (!isCalendarDate(date.from) || !isCalendarDate(date.to)) return false
  const period = periodOf(date.precision, date.from)
  return period.from === date.from && period.to === date.to
}

const monthNames: Record<Language, readonly string[]> = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

const termNames: Record<Language, [spring: string, autumn: string]> = {
  sv: ['Våren', 'Hösten'],
  en: ['Spring', 'Autumn'],
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** As a cell of a plan shows it: "2014-09-22", "September 2014", "Våren 2016", "2016". */
export function formatPreciseDate(date: Pick<PreciseDate, 'from' | 'precision'>, language: Language): string {
  const [year, month] = parts(date.from)
  switch (date.precision) {
    case 'day':
      return date.from
    case 'month':
      return capitalise(`${monthNames[language][month - 1]} ${year}`)
    case 'term':
      return `${termNames[language][month <= 6 ? 0 : 1]} ${year}`
    case 'year':
      return String(year)
  }
}

/**
 * A plan's span as the Efterkalkyl writes it: a period as "2015-01-01 – 2016-06-01", a deadline
 * (one date, or start and end the same) as that date, nothing as "". Used by the web page and the
 * final report's generated section alike, so both read the same.
 */
export function formatDateSpan(
  start: Pick<PreciseDate, 'from' | 'precision'> | null | undefined,
  end: Pick<PreciseDate, 'from' | 'precision'> | null | undefined,
  language: Language,
): string {
  if (start && end && (start.from !== end.from || start.precision !== end.precision)) {
    return `${formatPreciseDate(start, language)} – ${formatPreciseDate(end, language)}`
  }
  const one = end ?? start
  return one ? formatPreciseDate(one, language) : ''
}

export type ParseResult =
  | { ok: true; value: PreciseDate }
  | { ok: false; reason: 'empty' | 'impossible' | 'unrecognised' }

const spring = new Set(['vt', 'vår', 'våren', 'var', 'varen', 'spring', 'vårterminen'])
const autumn = new Set(['ht', 'höst', 'hösten', 'host', 'hosten', 'autumn', 'fall', 'höstterminen'])

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text)
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '')
  if (lower.length < 3) return -1
  for (const names of Object.values(monthNames)) {
    const index = names.findIndex((m) => m.toLowerCase().startsWith(lower))
    if (index >= 0) return index
  }
  return -1
}

/**
 * Reads a date as people write it in plans: "2014-09-22", "2014-09", "2016", "september 2014",
 * "Våren 2016", "VT 2016", "Ht -19". An impossible day ("2014-04-31") is refused, never moved.
 */
export function parsePreciseDate(input: string): ParseResult {
  const text = input.trim().replace(/\s+/g, ' ')
  if (!text) return { ok: false, reason: 'empty' }
  const day = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (day) {
    const iso = `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))}`
    return isCalendarDate(iso)
      ? { ok: true, value: preciseDate('day', iso) }
      : { ok: false, reason: 'impossible' }
  }
  const month = /^(\d{4})-(\d{1,2})$/.exec(text)
  if (month) {
    const m = Number(month[2])
    if (m < 1 || m > 12) return { ok: false, reason: 'impossible' }
    return { ok: true, value: preciseDate('month', `${month[1]}-${pad(m)}-01`) }
  }
  if (/^\d{4}$/.test(text)) return { ok: true, value: preciseDate('year', `${text}-01-01`) }
  const term = /^([a-zåäö]+)\.?\s*[-–]?\s*(\d{4}|\d{2})$/i.exec(text)
  if (term?.[1] && term[2]) {
    const word = term[1].toLowerCase()
    const year = fullYear(term[2])
    if (spring.has(word)) return { ok: true, value: preciseDate('term', `${year}-01-01`) }
    if (autumn.has(word)) return { ok: true, value: preciseDate('term', `${year}-07-01`) }
    const m = monthIndex(word)
    if (m >= 0 && term[2].length === 4) {
      return { ok: true, value: preciseDate('month', `${year}-${pad(m + 1)}-01`) }
    }
  }
  return { ok: false, reason: 'unrecognised' }
}
