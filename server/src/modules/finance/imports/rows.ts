import { createHash } from 'node:crypto'
import type { ImportField } from '@lagesbild/shared/api/finance-imports'
import { isCalendarDate } from '@lagesbild/shared/domain/calendar-date'
import type { Category } from '@lagesbild/shared/domain/finance'
import { type Ore, parseAmount } from '@lagesbild/shared/domain/money'
import type { Localized } from '@lagesbild/shared/http/language'
import type { Mapping } from './parse.ts'

export interface RowIssue {
  column: string | null
  value: string | null
  code: string
  message: Localized
}

export interface CostRow {
  date: string
  amountOre: Ore
  voucher: string
  account: string
  costCentre: string
  code: string
  category: string
  description: string
  projectId: string
}

export interface AccountRule {
  prefix: string
  category: string
}

/** What interpreting rows needs besides the row: where the columns are and how codes map. */
export interface RowContext {
  columns: Partial<Record<ImportField, number>>
  headers: string[]
  codes: Map<string, string>
  /** Whether the user may enter costs on a project (finance on it); cached by the caller. */
  mayFinance: (projectId: string) => boolean
  categories: Category[]
  accountRules: AccountRule[]
}

export function columnIndexes(mapping: Mapping, headers: readonly string[]) {
  const columns: Partial<Record<ImportField, number>> = {}
  for (const [field, header] of Object.entries(mapping) as [ImportField, string | null | undefined][]) {
    if (!header) continue
    const index = headers.indexOf(header)
    if (index >= 0) columns[field] = index
  }
  return columns
}

/** 2016-03-31, 20160331 or 2016/03/31 (and 2016-03-31 00:00 from spreadsheets) as 'YYYY-MM-DD'. */
export function parseDate(text: string): string | null {
  const t = text.trim()
  let match = /^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(t)
  match ??= /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (!match) return null
  const date = `${match[1]}-${match[2]}-${match[3]}`
  return isCalendarDate(date) ? date : null
}

const issue = (column: string | null, value: string | null, code: string, message: Localized): RowIssue => ({
  column,
  value,
  code,
  message,
})

function categoryFor(ctx: RowContext, account: string, given: string | undefined): string | null {
  if (given !== undefined && given.trim() !== '') {
    const wanted = given.trim().toLowerCase()
    const found = ctx.categories.find(
      (c) => c.code === wanted || c.nameSv.toLowerCase() === wanted || c.nameEn.toLowerCase() === wanted,
    )
    return found?.code ?? null
  }
  let best: AccountRule | undefined
  for (const rule of ctx.accountRules) {
    if (account.startsWith(rule.prefix) && (!best || rule.prefix.length > best.prefix.length)) best = rule
  }
  if (best) return best.category
  return ctx.categories.some((c) => c.code === 'other') ? 'other' : (ctx.categories[0]?.code ?? 'other')
}

const MAX_TEXT = 60

/**
 * One file row read through the mapping: the cost, or every reason it cannot be one.
 * Returns null for a blank row (ignored, as a spreadsheet user would expect).
 */
export function interpretRow(
  cells: readonly string[],
  ctx: RowContext,
): { row: CostRow | null; issues: RowIssue[] } | null {
  if (cells.every((c) => c.trim() === '')) return null
  const issues: RowIssue[] = []
  const cell = (field: ImportField) => {
    const index = ctx.columns[field]
    return index === undefined ? undefined : (cells[index] ?? '')
  }
  const header = (field: ImportField) => {
    const index = ctx.columns[field]
    return index === undefined ? null : (ctx.headers[index] ?? null)
  }

  const dateText = cell('date') ?? ''
  const date = parseDate(dateText)
  if (!date) {
    issues.push(
      issue(header('date'), dateText, 'invalid_date', {
        sv: 'Datumet går inte att läsa; skriv det som 2016-03-31 eller 20160331.',
        en: 'The date cannot be read; write it as 2016-03-31 or 20160331.',
      }),
    )
  }

  let amountOre: Ore | null = null
  if (ctx.columns.amount !== undefined) {
    const text = cell('amount') ?? ''
    amountOre = parseAmount(text)
    if (amountOre === null) {
      issues.push(
        issue(header('amount'), text, 'invalid_amount', {
          sv: 'Beloppet går inte att läsa; skriv det som 1 234,50 eller -12 000,00.',
          en: 'The amount cannot be read; write it as 1 234,50 or -12 000,00.',
        }),
      )
    }
  } else {
    const debitText = cell('debit') ?? ''
    const creditText = cell('credit') ?? ''
    const debit = debitText.trim() === '' ? 0 : parseAmount(debitText)
    const credit = creditText.trim() === '' ? 0 : parseAmount(creditText)
    if (debit === null) {
      issues.push(
        issue(header('debit'), debitText, 'invalid_amount', {
          sv: 'Debetbeloppet går inte att läsa.',
          en: 'The debit amount cannot be read.',
        }),
      )
    }
    if (credit === null) {
      issues.push(
        issue(header('credit'), creditText, 'invalid_amount', {
          sv: 'Kreditbeloppet går inte att läsa.',
          en: 'The credit amount cannot be read.',
        }),
      )
    }
    if (debit !== null && credit !== null) amountOre = debit - credit
  }

  const voucher = (cell('voucher') ?? '').trim()
  if (voucher === '') {
    issues.push(
      issue(header('voucher'), '', 'missing_voucher', {
        sv: 'Verifikationsnummer saknas; utan det kan raden inte skiljas från en dubblett.',
        en: 'The voucher number is missing; without it the row cannot be told from a duplicate.',
      }),
    )
  }

  const account = (cell('account') ?? '').trim()
  const costCentre = (cell('costCentre') ?? '').trim()
  const projectCode = (cell('projectCode') ?? '').trim()
  for (const [field, value] of [
    ['voucher', voucher],
    ['account', account],
    ['costCentre', costCentre],
    ['projectCode', projectCode],
  ] as const) {
    if (value.length > MAX_TEXT) {
      issues.push(
        issue(header(field), value.slice(0, 80), 'too_long', {
          sv: `Högst ${MAX_TEXT} tecken.`,
          en: `At most ${MAX_TEXT} characters.`,
        }),
      )
    }
  }

  // The project code wins when the file has one; otherwise the cost centre names the project.
  const code = (projectCode || costCentre).toUpperCase()
  const codeColumn = projectCode ? header('projectCode') : header('costCentre')
  const projectId = code ? ctx.codes.get(code) : undefined
  if (!projectId) {
    issues.push(
      issue(codeColumn, code, 'unknown_project', {
        sv: `Koden "${code}" är inte kopplad till något projekt; koppla den under projektets ekonomi.`,
        en: `The code "${code}" is not linked to a project; link it on the project's finance page.`,
      }),
    )
  } else if (!ctx.mayFinance(projectId)) {
    issues.push(
      issue(codeColumn, code, 'project_not_allowed', {
        sv: 'Du har inte behörighet att föra in kostnader på projektet som koden hör till.',
        en: 'You may not enter costs on the project this code belongs to.',
      }),
    )
  }

  const categoryText = cell('category')
  const category = categoryFor(ctx, account, categoryText)
  if (!category) {
    issues.push(
      issue(header('category'), categoryText ?? '', 'unknown_category', {
        sv: 'Kostnadskategorin finns inte i organisationens lista.',
        en: "The cost category is not in the organisation's list.",
      }),
    )
  }

  if (issues.length > 0 || !date || amountOre === null || !projectId || !category)
    return { row: null, issues }
  return {
    row: {
      date,
      amountOre,
      voucher,
      account,
      costCentre,
      code,
      category,
      description: (cell('description') ?? '').trim().replace(/\s+/g, ' ').slice(0, 500),
      projectId,
    },
    issues,
  }
}

/**
 * A row's identity: a hash of its normalised content. The same line imported again, from the
 * same file or an overlapping one, has the same identity; `occurrence` tells apart lines that
 * are identical within one file (the second "same" line is a second cost).
 */
export function rowKey(row: CostRow, occurrence: number): string {
  const hash = createHash('sha256')
    .update(
      [
        row.date,
        String(row.amountOre),
        row.voucher.toUpperCase(),
        row.account.toUpperCase(),
        row.costCentre.toUpperCase(),
        row.code,
        row.description.toLowerCase(),
      ].join('\u001f'),
    )
    .digest()
    // 128 bits of the hash: collisions are out of reach, and the dedupe index stays small.
    .toString('base64url', 0, 16)
  return occurrence === 0 ? hash : `${hash}#${occurrence}`
}
