import type { Localized } from '@lagesbild/shared/http/language'
import { HttpProblem } from '../plugins/problem.ts'

/** The fields of a PostgreSQL error that both pg and PGlite report. */
interface PgError {
  code: string
  constraint?: string
  table?: string
  column?: string
  message: string
}

const constraintMessages = new Map<string, Localized>()

/** Lets a module say, per constraint, what a person should be told when it is broken. */
export function registerConstraintMessages(messages: Record<string, Localized>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message)
}

export function isPgError(error: unknown): error is PgError {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** `project_planned_end_check` on table `project` names the field `plannedEnd`. */
export function fieldOfConstraint(constraint: string | undefined, table: string | undefined): string | null {
  if (!constraint) return null
  let name = constraint
  if (table && name.startsWith(`${table}_`)) name = name.slice(table.length + 1)
  name = name.replace(/_(check|key|fkey|idx|excl)$/, '')
  if (!name || name === 'pkey') return null
  return camel(name)
}

const connectionCodes = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '53300',
])

export function isConnectionError(error: unknown): boolean {
  if (isPgError(error)) return connectionCodes.has(error.code)
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ETIMEDOUT' ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      error.message,
    )
  )
}

function fieldProblem(status: number, code: string, error: PgError, fallback: Localized): HttpProblem {
  const field =
    fieldOfConstraint(error.constraint, error.table) ?? (error.column ? camel(error.column) : null)
  const message = (error.constraint && constraintMessages.get(error.constraint)) || fallback
  return new HttpProblem(status, code, undefined, {
    detail: message,
    errors: field ? [{ field, code, message }] : [],
  })
}

/** Maps what the database refused to what the client should hear; null means a server fault. */
export function problemFromDatabase(error: unknown): HttpProblem | null {
  if (isConnectionError(error)) {
    return new HttpProblem(503, 'database_unavailable', undefined, {
      detail: {
        sv: 'Databasen svarar inte just nu. Försök igen om en stund.',
        en: 'The database is not answering right now. Try again shortly.',
      },
      headers: { 'retry-after': '5' },
    })
  }
  if (!isPgError(error)) return null
  switch (error.code) {
    case '23505':
      return fieldProblem(409, 'duplicate', error, {
        sv: 'Det finns redan en post med samma värde.',
        en: 'A record with the same value already exists.',
      })
    case '23503':
      if (/still referenced/.test(error.message)) {
        return fieldProblem(409, 'in_use', error, {
          sv: 'Posten används av annat och kan inte tas bort.',
          en: 'The record is in use and cannot be removed.',
        })
      }
      return fieldProblem(422, 'unknown_reference', error, {
        sv: 'Det finns ingen sådan post att hänvisa till.',
        en: 'There is no such record to refer to.',
      })
    case '23514':
      return fieldProblem(422, 'constraint', error, {
        sv: 'Värdet bryter mot en regel.',
        en: 'The value breaks a rule.',
      })
    case '23502':
      return fieldProblem(422, 'required', error, {
        sv: 'Fältet måste fyllas i.',
        en: 'This field is required.',
      })
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
    case '22023':
    case '2200N':
    case '22P05':
      return fieldProblem(400, 'invalid_value', error, {
        sv: 'Ett värde har fel format eller är utanför tillåtna gränser.',
        en: 'A value has the wrong format or is out of range.',
      })
    case 'LBIMM':
      return new HttpProblem(409, 'immutable', undefined, {
        detail: {
          sv: 'Det här är registrerat och kan inte ändras eller tas bort. Gör en ny post som ersätter den.',
          en: 'This is on record and cannot be changed or removed. Record a new one that supersedes it.',
        },
      })
    case '40001':
    case '40P01':
      return new HttpProblem(409, 'concurrent_update', undefined, {
        detail: {
          sv: 'Någon annan sparade samtidigt. Försök igen.',
          en: 'Someone else saved at the same time. Try again.',
        },
      })
    default:
      return null
  }
}
