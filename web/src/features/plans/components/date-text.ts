import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  type DatePrecision,
  formatPreciseDate,
  parsePreciseDate,
} from '@lagesbild/shared/domain/date-precision'
import type { Language } from '@lagesbild/shared/http/language'

interface ShownDate {
  from: string
  precision: DatePrecision
}

/** A plan date as the seeds write it: "2014-09-22", "Våren 2016". */
export function showDate(date: ShownDate | null | undefined, language: Language, empty = ''): string {
  return date ? formatPreciseDate(date, language) : empty
}

export type DateEntry =
  | { ok: true; value: { from: string; precision: DatePrecision } | null }
  | { ok: false; reason: 'impossible' | 'unrecognised' }

const todayWords = new Set(['idag', 'i dag', 'today', 'nu', '.'])

/** What a person typed into a date cell; empty clears it, "idag" is today in Sweden. */
export function readDateEntry(text: string): DateEntry {
  const trimmed = text.trim()
  if (!trimmed) return { ok: true, value: null }
  if (todayWords.has(trimmed.toLowerCase()))
    return { ok: true, value: { from: todayInSweden(), precision: 'day' } }
  const parsed = parsePreciseDate(trimmed)
  if (parsed.ok) return { ok: true, value: { from: parsed.value.from, precision: parsed.value.precision } }
  return { ok: false, reason: parsed.reason === 'impossible' ? 'impossible' : 'unrecognised' }
}
