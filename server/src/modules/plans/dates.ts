import type { PreciseDateInput } from '@lagesbild/shared/api/plans'
import { isCalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DatePrecision, type PreciseDate, preciseDate } from '@lagesbild/shared/domain/date-precision'
import type { Static } from 'typebox'
import type { FieldIssue } from '../../plugins/problem.ts'

type Input = Static<typeof PreciseDateInput>

/** A precise date from its columns; null when the columns are empty. */
export function readDate(
  from: string | null,
  to: string | null,
  precision: string | null,
  note: string | null = null,
): PreciseDate | null {
  if (!from || !to || !precision) return null
  return { from, to, precision: precision as DatePrecision, note }
}

export type DateColumns<P extends string> = Record<`${P}_from` | `${P}_to` | `${P}_precision`, string | null>
export type NotedDateColumns<P extends string> = DateColumns<P> & Record<`${P}_note`, string | null>

export function dateColumns<P extends string>(prefix: P, date: PreciseDate | null): DateColumns<P> {
  return {
    [`${prefix}_from`]: date?.from ?? null,
    [`${prefix}_to`]: date?.to ?? null,
    [`${prefix}_precision`]: date?.precision ?? null,
  } as DateColumns<P>
}

export function notedDateColumns<P extends string>(prefix: P, date: PreciseDate | null): NotedDateColumns<P> {
  return { ...dateColumns(prefix, date), [`${prefix}_note`]: date?.note ?? null } as NotedDateColumns<P>
}

export const impossibleDate = (field: string, value: string): FieldIssue => ({
  field,
  code: 'impossible_date',
  message: {
    sv: `Datumet ${value} finns inte i kalendern.`,
    en: `The date ${value} does not exist in the calendar.`,
  },
})

/**
 * What a client sent, widened to its precision's period. A note is kept while the date stays
 * what it was, and dropped when the date changes without a new one.
 */
export function applyDateInput(
  field: string,
  current: PreciseDate | null,
  input: Input | null | undefined,
  issues: FieldIssue[],
): PreciseDate | null {
  if (input === undefined) return current
  if (input === null) return null
  if (!isCalendarDate(input.from)) {
    issues.push(impossibleDate(`${field}.from`, input.from))
    return current
  }
  const next = preciseDate(input.precision ?? 'day', input.from)
  const same = current && current.from === next.from && current.precision === next.precision
  const note = input.note !== undefined ? input.note?.trim() || null : same ? (current.note ?? null) : null
  return { ...next, note }
}
