import type { IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import { parseAmount } from '@lagesbild/shared/domain/money'
import {
  isPeriodKey,
  type PeriodFrequency,
  periodContaining,
} from '@lagesbild/shared/domain/reporting-period'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { type FieldIssue, HttpProblem } from '../../plugins/problem.ts'
import type { Upload } from '../../plugins/uploads.ts'
import { detect, readRows } from '../finance/imports/parse.ts'
import { parseDate } from '../finance/imports/rows.ts'
import { indicatorRows, unitOf, writeMeasurement } from './service.ts'
import { readQuantity } from './values.ts'

type Column = 'indicator' | 'period' | 'value' | 'numerator' | 'denominator' | 'source' | 'comment'

const headerNames: Record<Column, string[]> = {
  indicator: ['indikator', 'indicator'],
  period: ['period'],
  value: ['värde', 'varde', 'value', 'utfall'],
  numerator: ['täljare', 'taljare', 'numerator'],
  denominator: ['nämnare', 'namnare', 'denominator'],
  source: ['källa', 'kalla', 'source'],
  comment: ['kommentar', 'comment'],
}

const MAX_ROWS = 5000
const MAX_ISSUES = 200

const message = (sv: string, en: string) => ({ sv, en })

/** "12,5", "1 200" or "3.25" as a number; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^\u2212/, '-')
    .replace(',', '.')
  if (!/^[+-]?\d+(\.\d+)?$/.test(cleaned)) return null
  return Number(cleaned)
}

/** A period key as it is, or the period a date falls in (spreadsheets turn '2014-09' into a date). */
function readPeriod(text: string, frequency: PeriodFrequency): string | null {
  const t = text.trim()
  if (isPeriodKey(frequency, t)) return t
  const date = parseDate(/^\d{4}-\d{2}$/.test(t) ? `${t}-01` : t)
  return date ? periodContaining(frequency, date) : null
}

interface ParsedRow {
  rowNumber: number
  indicatorId: string
  period: string
  quantity: { value: number | null; numerator: number | null; denominator: number | null }
  source: string | undefined
  comment: string | undefined
}

function columnsOf(headers: readonly string[]) {
  const normal = headers.map((h) => h.trim().toLowerCase())
  const columns: Partial<Record<Column, number>> = {}
  for (const column of Object.keys(headerNames) as Column[]) {
    const index = normal.findIndex((h) => headerNames[column].includes(h))
    if (index >= 0) columns[column] = index
  }
  return columns
}

/**
 * Reads measurements from a CSV or XLSX file (columns Indikator, Period, Värde or Täljare and
 * Nämnare, optionally Källa and Kommentar) and writes all of them in one transaction, or,
 * when any row is wrong, none: the 422 names each row and column.
 */
export async function importMeasurements(
  db: Kysely<Database>,
  actorId: string,
  projectId: string,
  upload: Upload,
): Promise<{ created: number; updated: number }> {
  const format = upload.kind.extensions.includes('.xlsx') ? 'xlsx' : 'csv'
  const detection = await detect(upload.content, format)
  const headerRow = detection.settings.headerRow
  const headers = detection.headers
  const columns = columnsOf(headers)
  const missing = (['indicator', 'period'] as const).filter((c) => columns[c] === undefined)
  if (missing.length > 0 || (columns.value === undefined && columns.numerator === undefined)) {
    throw new HttpProblem(422, 'missing_columns', undefined, {
      detail: message(
        'Filen behöver kolumnerna Indikator, Period och Värde (eller Täljare och Nämnare för andelar).',
        'The file needs the columns Indikator, Period and Värde (or Täljare and Nämnare for shares).',
      ),
      errors: [
        {
          field: 'file',
          code: 'missing_columns',
          message: message(
            'Kolumner som krävs: Indikator, Period, Värde eller Täljare och Nämnare.',
            'Required columns: Indikator, Period, Värde or Täljare and Nämnare.',
          ),
        },
      ],
    })
  }
  const indicators = await indicatorRows(db, projectId)
  const byName = new Map(indicators.map((i) => [i.name.trim().toLowerCase(), i]))
  const issues: FieldIssue[] = []
  const parsed: ParsedRow[] = []
  const seen = new Map<string, number>()
  const cellOf = (cells: string[], column: Column) => {
    const index = columns[column]
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  const headerOf = (column: Column) => headers[columns[column] ?? -1] ?? column
  let count = 0
  for await (const row of readRows(upload.content, format, detection.settings)) {
    if (row.rowNumber <= headerRow) continue
    if (row.cells.every((c) => c.trim() === '')) continue
    if (++count > MAX_ROWS) {
      issues.push({
        field: 'file',
        code: 'too_many_rows',
        message: message(`Högst ${MAX_ROWS} rader per fil.`, `At most ${MAX_ROWS} rows per file.`),
      })
      break
    }
    const field = (column: Column) => `rows.${row.rowNumber}.${headerOf(column)}`
    const before = issues.length
    const indicator = byName.get(cellOf(row.cells, 'indicator').toLowerCase())
    if (!indicator) {
      issues.push({
        field: field('indicator'),
        code: 'unknown_indicator',
        message: message(
          `Rad ${row.rowNumber}: projektet har ingen indikator som heter "${cellOf(row.cells, 'indicator')}".`,
          `Row ${row.rowNumber}: the project has no indicator called "${cellOf(row.cells, 'indicator')}".`,
        ),
      })
      continue
    }
    const frequency = indicator.frequency as PeriodFrequency
    const period = readPeriod(cellOf(row.cells, 'period'), frequency)
    if (!period) {
      issues.push({
        field: field('period'),
        code: 'invalid_period',
        message: message(
          `Rad ${row.rowNumber}: perioden går inte att läsa; skriv den som 2014-09, 2014-Q3, 2014-HT eller 2014.`,
          `Row ${row.rowNumber}: the period cannot be read; write it as 2014-09, 2014-Q3, 2014-HT or 2014.`,
        ),
      })
    }
    const unit: IndicatorUnit = unitOf(indicator)
    const number = (column: Column) => {
      const text = cellOf(row.cells, column)
      if (text === '') return null
      const parsedNumber = unit === 'kronor' && column === 'value' ? parseAmount(text) : parseDecimal(text)
      if (parsedNumber === null) {
        issues.push({
          field: field(column),
          code: 'not_a_number',
          message: message(
            `Rad ${row.rowNumber}: "${text}" är inget tal.`,
            `Row ${row.rowNumber}: "${text}" is not a number.`,
          ),
        })
      }
      return parsedNumber
    }
    const input = {
      value: number('value'),
      numerator: number('numerator'),
      denominator: number('denominator'),
    }
    const quantity =
      issues.length === before
        ? readQuantity(unit, input, `rows.${row.rowNumber}.`, issues, {
            value: headerOf('value'),
            numerator: headerOf('numerator'),
            denominator: headerOf('denominator'),
          })
        : null
    if (period) {
      const key = `${indicator.id}:${period}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        issues.push({
          field: field('period'),
          code: 'duplicate_period',
          message: message(
            `Rad ${row.rowNumber}: indikatorn har redan ett värde för ${period} på rad ${earlier}.`,
            `Row ${row.rowNumber}: the indicator already has a value for ${period} on row ${earlier}.`,
          ),
        })
      }
      seen.set(key, row.rowNumber)
    }
    if (issues.length > MAX_ISSUES) break
    if (quantity && period && issues.length === before) {
      parsed.push({
        rowNumber: row.rowNumber,
        indicatorId: indicator.id,
        period,
        quantity,
        source: columns.source === undefined ? undefined : cellOf(row.cells, 'source'),
        comment: columns.comment === undefined ? undefined : cellOf(row.cells, 'comment'),
      })
    }
  }
  const first = issues[0]
  if (first) {
    throw new HttpProblem(422, 'import_rows_invalid', undefined, {
      detail: message(
        `${issues.length} fel i filen; inget har sparats. Rätta raderna och försök igen.`,
        `${issues.length} errors in the file; nothing was saved. Correct the rows and try again.`,
      ),
      errors: issues,
    })
  }
  const result = { created: 0, updated: 0 }
  await db.transaction().execute(async (trx) => {
    const locked = new Map((await indicatorRows(trx, projectId)).map((i) => [i.id, i]))
    for (const row of parsed) {
      const indicator = locked.get(row.indicatorId)
      if (!indicator) continue
      const outcome = await writeMeasurement(trx, actorId, indicator, row.period, 'any', {
        quantity: row.quantity,
        source: row.source,
        comment: row.comment,
      })
      result[outcome] += 1
    }
  })
  return result
}
