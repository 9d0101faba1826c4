import type { BudgetSummary, InKindContribution } from '@lagesbild/shared/api/finance'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DocumentBlock, facts, note, paragraph, table } from '@lagesbild/shared/domain/document-model'
import { formatBasisPoints, formatMoney, type Ore, sumOre } from '@lagesbild/shared/domain/money'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { budgetSummary } from './follow-up.ts'
import { funderTotals, listFunding } from './funding.ts'
import { listInKind } from './in-kind.ts'
import { projectContext } from './queries.ts'

type Summary = Static<typeof BudgetSummary>
type SummaryRow = Summary['byCategory'][number]
type Contribution = Static<typeof InKindContribution>

const money = (ore: Ore) => formatMoney(ore)
const amount = (ore: Ore) => formatMoney(ore, { unit: false })
const right = (title: string, width?: number) => ({
  title,
  align: 'right' as const,
  ...(width ? { width } : {}),
})

/** Years shown as their own columns of the funding table; a longer plan shows totals only. */
const MAX_YEAR_COLUMNS = 5

async function inKindOf(db: Kysely<Database>, projectId: string): Promise<Contribution[]> {
  const ctx = await projectContext(db, projectId)
  return listInKind(db, ctx.projectIds)
}

const inKindSentence = (total: Ore) =>
  `Därtill kommer insatser i tjänstetid och annat som inte betalas ut i pengar (in natura), värderade till ${money(total)}.`

/**
 * Bakgrund: the funding plan per funder (and per year while the years fit on a page), with
 * each funder's share, and the value of in-kind contributions beside the cash.
 */
export async function fundingFacts(
  db: Kysely<Database>,
  projectId: string,
  _asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [entries, inKind] = await Promise.all([listFunding(db, projectId), inKindOf(db, projectId)])
  const inKindTotal = sumOre(inKind.map((c) => c.valueOre))
  if (entries.length === 0) {
    return inKindTotal > 0
      ? [
          paragraph(
            `Projektet har ingen finansiering i pengar och genomförs inom befintlig budget. Insatserna i tjänstetid och annat (in natura) är värderade till ${money(inKindTotal)}.`,
          ),
        ]
      : [note('info', 'Ingen finansieringsplan är registrerad för projektet.')]
  }
  const totals = funderTotals(entries)
  const years = [...new Set(entries.map((e) => e.year))].sort((a, b) => a - b)
  const perYear = years.length <= MAX_YEAR_COLUMNS
  const total = sumOre(totals.map((t) => t.totalOre))
  const granted = sumOre(totals.map((t) => t.grantedOre))
  const yearAmount = (t: (typeof totals)[number], year: number) =>
    sumOre(t.byYear.filter((y) => y.year === year).map((y) => y.amountOre))
  const blocks: DocumentBlock[] = [
    facts([
      [
        'Finansiering',
        `${money(total)} från ${totals.length === 1 ? 'en finansiär' : `${totals.length} finansiärer`}`,
      ],
      ...(granted !== total ? [['Varav beviljat', money(granted)] as [string, string]] : []),
      ...(inKindTotal > 0 ? [['Insatser in natura', money(inKindTotal)] as [string, string]] : []),
    ]),
    // Amounts without "kr" in the cells, the unit in the caption: a year column is narrow.
    table({
      caption: 'Finansiering per finansiär, kronor',
      columns: [
        { title: 'Finansiär', width: perYear ? 24 : 50 },
        ...(perYear ? years.map((y) => right(String(y))) : []),
        right('Summa'),
        right('Andel', 10),
      ],
      rows: totals.map((t) => [
        t.funderName,
        ...(perYear ? years.map((y) => amount(yearAmount(t, y))) : []),
        amount(t.totalOre),
        formatBasisPoints(t.shareBp),
      ]),
      footerRows: [
        [
          'Summa',
          ...(perYear
            ? years.map((y) => amount(sumOre(entries.filter((e) => e.year === y).map((e) => e.amountOre))))
            : []),
          amount(total),
          formatBasisPoints(10_000),
        ],
      ],
    }),
  ]
  if (inKindTotal > 0) blocks.push(paragraph(inKindSentence(inKindTotal)))
  return blocks
}

const differenceColumn = 'Differens'

function summaryTable(
  caption: string,
  first: string,
  rows: SummaryRow[],
  total: SummaryRow,
  original: boolean,
) {
  const cells = (r: SummaryRow) => [
    r.label,
    ...(original ? [money(r.originalOre)] : []),
    money(r.budgetOre),
    money(r.actualOre),
    money(r.differenceOre),
  ]
  return table({
    caption,
    columns: [
      { title: first, width: 30 },
      ...(original ? [right('Ursprunglig budget')] : []),
      right('Budget'),
      right('Utfall'),
      right(differenceColumn),
    ],
    rows: rows.map(cells),
    footerRows: [cells({ ...total, label: 'Summa' })],
  })
}

const totalOf = (rows: SummaryRow[]): SummaryRow => ({
  key: 'total',
  label: 'Summa',
  originalOre: sumOre(rows.map((r) => r.originalOre)),
  budgetOre: sumOre(rows.map((r) => r.budgetOre)),
  actualOre: sumOre(rows.map((r) => r.actualOre)),
  differenceOre: sumOre(rows.map((r) => r.differenceOre)),
})

function inKindTable(contributions: Contribution[]) {
  return table({
    caption: 'Insatser in natura (tjänstetid och annat som inte betalas ut i pengar)',
    columns: [
      { title: 'Bidragsgivare', width: 28 },
      { title: 'Insats', width: 44 },
      { title: 'År', width: 8 },
      right('Värde', 20),
    ],
    rows: contributions.map((c) => [c.contributor, c.description, String(c.year), money(c.valueOre)]),
    footerRows: [['Summa', '', '', money(sumOre(contributions.map((c) => c.valueOre)))]],
  })
}

/**
 * Projektbudget, "Bilaga 1 Sammanställning projektbudget": budget against actual per funder,
 * per cost category and per year as of the report's date, what was left unspent, and the
 * in-kind contributions beside the cash.
 */
export async function projectBudget(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [summary, inKind] = await Promise.all([budgetSummary(db, projectId, asOf), inKindOf(db, projectId)])
  const { total } = summary
  const inKindTotal = sumOre(inKind.map((c) => c.valueOre))
  const hasCash = summary.byCategory.length > 0 || summary.byFunder.length > 0
  if (!hasCash && inKind.length === 0) {
    return [note('info', 'Projektet har ingen budget, finansiering eller utfall i Lägesbild.')]
  }
  const blocks: DocumentBlock[] = [
    paragraph(`${summary.title}, utfall till och med ${asOf}.`),
    facts([
      ['Budget', money(total.budgetOre)],
      ...(total.originalOre !== total.budgetOre
        ? [['Ursprunglig budget', money(total.originalOre)] as [string, string]]
        : []),
      ['Utfall', money(total.actualOre)],
      summary.overrunOre > 0
        ? ['Överskridande', money(summary.overrunOre)]
        : ['Ej förbrukade medel', money(summary.unspentOre)],
      ...(inKindTotal > 0
        ? [
            ['Insatser in natura', money(inKindTotal)] as [string, string],
            ['Budget och insatser in natura sammanlagt', money(sumOre([total.budgetOre, inKindTotal]))] as [
              string,
              string,
            ],
          ]
        : []),
    ]),
  ]
  if (summary.byFunder.length > 0) {
    blocks.push(
      table({
        caption: 'Per finansiär',
        columns: [
          { title: 'Finansiär', width: 34 },
          right('Finansiering'),
          right('Utfall'),
          right('Ej förbrukat'),
        ],
        rows: summary.byFunder.map((r) => [
          r.label,
          money(r.budgetOre),
          money(r.actualOre),
          money(r.differenceOre),
        ]),
        footerRows: [
          (() => {
            const sum = totalOf(summary.byFunder)
            return ['Summa', money(sum.budgetOre), money(sum.actualOre), money(sum.differenceOre)]
          })(),
        ],
      }),
    )
  }
  if (summary.byCategory.length > 0) {
    const changed = summary.byCategory.some((r) => r.originalOre !== r.budgetOre)
    blocks.push(summaryTable('Per kostnadsslag', 'Kostnadsslag', summary.byCategory, total, changed))
  }
  if (summary.byYear.length > 1) {
    blocks.push(summaryTable('Per år', 'År', summary.byYear, total, false))
  }
  if (inKind.length > 0) blocks.push(inKindTable(inKind))
  if (hasCash) {
    blocks.push(
      note(
        'info',
        `${summary.note} ${differenceColumn} och ej förbrukat är budget minus utfall; ett minustecken betyder att budgeten har överskridits.`,
      ),
    )
  }
  return blocks
}

registerReportSection('funding', fundingFacts)
registerReportSection('project_budget', projectBudget)
