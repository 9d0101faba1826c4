import { formatMoney } from '@lagesbild/shared/domain/money'
import type { Language } from '@lagesbild/shared/http/language'

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' }

/** A calendar date as Swedish standard writes it: YYYY-MM-DD (the API already sends that form). */
export function formatDate(date: string | null | undefined, empty = '–'): string {
  return date ?? empty
}

/** "25 nov. 2026" (sv) or "25 Nov 2026" (en). Calendar dates have no zone, so format them in UTC. */
export function formatDateLong(date: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`))
}

/** An instant as Swedish wall-clock time: "2026-11-25 18:03". */
export function formatTimestamp(timestamp: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(timestamp))
}

/** "2013-09-01 – 2016-06-30"; an open end shows as a dash. */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatDate(start)} – ${formatDate(end, '')}`.trimEnd()
}

/** Money is integer öre; "2 806 000 kr". */
export function formatAmount(ore: number): string {
  return formatMoney(ore)
}
