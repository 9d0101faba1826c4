import type { Language } from '../http/language.ts'
import { type CalendarDate, daysBetween } from './calendar-date.ts'
import type { DateRange } from './date-precision.ts'

export const activityStatuses = [
  'planned',
  'upcoming',
  'in_progress',
  'done',
  'remaining',
  'cancelled',
] as const
export type ActivityStatus = (typeof activityStatuses)[number]

export const deviationKinds = ['on_time', 'late', 'early', 'remaining', 'cancelled', 'unknown'] as const
export type DeviationKind = (typeof deviationKinds)[number]

export interface DeviationInput {
  status: ActivityStatus
  plannedEnd: DateRange | null
  actualEnd: DateRange | null
  /** Counted from when the plan has only a start ("träffas regelbundet fr.o.m. 2014-01-01"). */
  plannedStart?: DateRange | null
  actualStart?: DateRange | null
  /** The day the question is asked (today in Sweden, or a report's date). */
  asOf: CalendarDate
  /**
   * Whether the activity's project is running (approved, active or paused); true when not given.
   * In a project that has not started or has ended, what is not done is "Återstår", never late.
   */
  projectRunning?: boolean
}

export interface Deviation {
  kind: DeviationKind
  /**
   * Actual end minus planned end in days, positive when late. A range when either date is
   * imprecise ("Våren 2016"): the least and the most it can be.
   */
  days: { min: number; max: number } | null
  /** The planned end has passed, the activity is neither done nor cancelled and its project runs. */
  late: boolean
  /** Days past the planned end (its last possible day) when late. */
  overdueDays: number | null
}

const finished = (status: ActivityStatus) => status === 'done' || status === 'cancelled'

/** Planned against actual, as the Efterkalkyl's Kalkyl / Utfall / Differens columns. */
export function deviation(input: DeviationInput): Deviation {
  const { status, asOf } = input
  const plannedEnd = input.plannedEnd ?? input.plannedStart ?? null
  const actualEnd = input.plannedEnd ? input.actualEnd : (input.actualEnd ?? input.actualStart ?? null)
  const running = input.projectRunning ?? true
  const overdue = plannedEnd && running && !finished(status) ? daysBetween(plannedEnd.to, asOf) : null
  const late = overdue !== null && overdue > 0
  const base = { late, overdueDays: late ? overdue : null }
  if (status === 'cancelled') return { kind: 'cancelled', days: null, ...base }
  if (status !== 'done') return { kind: 'remaining', days: null, ...base }
  if (!plannedEnd || !actualEnd) return { kind: 'unknown', days: null, ...base }
  const days = {
    min: daysBetween(plannedEnd.to, actualEnd.from),
    max: daysBetween(plannedEnd.from, actualEnd.to),
  }
  const kind: DeviationKind = days.min > 0 ? 'late' : days.max < 0 ? 'early' : 'on_time'
  return { kind, days, ...base }
}

type Unit = 'day' | 'week' | 'month' | 'year'

const unitNames: Record<Language, Record<Unit, [one: string, many: string]>> = {
  sv: { day: ['dag', 'dagar'], week: ['vecka', 'veckor'], month: ['månad', 'månader'], year: ['år', 'år'] },
  en: { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'], year: ['year', 'years'] },
}

const about: Record<Language, string> = { sv: 'ca', en: 'about' }

interface Magnitude {
  unit: Unit
  count: number
  exact: boolean
}

const DAYS_PER_MONTH = 365.25 / 12

/** How a person says a number of days: 5 dagar, 3 veckor, ca 4 månader, ca 2 år. */
function magnitude(days: number): Magnitude {
  const d = Math.abs(days)
  if (d < 7) return { unit: 'day', count: d, exact: true }
  if (d < 56) return { unit: 'week', count: Math.round(d / 7), exact: d % 7 === 0 }
  if (d < 730) return { unit: 'month', count: Math.round(d / DAYS_PER_MONTH), exact: false }
  return { unit: 'year', count: Math.round(d / 365.25), exact: false }
}

function say(m: Magnitude, language: Language): string {
  const [one, many] = unitNames[language][m.unit]
  const text = `${m.count} ${m.count === 1 ? one : many}`
  return m.exact ? text : `${about[language]} ${text}`
}

/** A length of time in words, without direction: "3 veckor", "ca 4 månader". */
export function humanDuration(days: number, language: Language): string {
  return say(magnitude(days), language)
}

function humanSpan(min: number, max: number, language: Language): string {
  const low = magnitude(min)
  const high = magnitude(max)
  if (low.unit === high.unit && low.count === high.count) return say(low.exact ? high : low, language)
  if (low.unit === high.unit) {
    const [, many] = unitNames[language][low.unit]
    return `${about[language]} ${low.count}–${high.count} ${many}`
  }
  return `${say(low, language)} – ${say(high, language)}`
}

const words: Record<Language, Record<'on_time' | 'remaining' | 'cancelled' | 'unknown' | 'early', string>> = {
  sv: { on_time: 'i tid', remaining: 'Återstår', cancelled: 'Inställd', unknown: '–', early: 'tidigare' },
  en: { on_time: 'on time', remaining: 'Remaining', cancelled: 'Cancelled', unknown: '–', early: 'early' },
}

/** The Differens cell as the seeds write it: "i tid", "3 veckor", "ca 4 månader", "Återstår". */
export function formatDeviation(d: Pick<Deviation, 'kind' | 'days'>, language: Language): string {
  const w = words[language]
  if (d.kind === 'remaining' || d.kind === 'cancelled' || d.kind === 'unknown' || d.kind === 'on_time') {
    return w[d.kind]
  }
  if (!d.days) return w.unknown
  if (d.kind === 'late') return humanSpan(d.days.min, d.days.max, language)
  return `${humanSpan(-d.days.max, -d.days.min, language)} ${w.early}`
}

/** An activity planned (wholly or partly) outside the project's period gets a visible warning. */
export function outsidePeriod(
  planned: { start: DateRange | null; end: DateRange | null },
  period: { start: CalendarDate; end: CalendarDate },
): boolean {
  const first = planned.start?.from ?? planned.end?.from
  const last = planned.end?.to ?? planned.start?.to
  if (!first || !last) return false
  return first < period.start || last > period.end
}
