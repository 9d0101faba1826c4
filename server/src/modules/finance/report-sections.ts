import type { BudgetSummary, InKindContribution } from '@lagesbild/shared/api/finance'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DocumentBlock, facts, note, paragraph, table } from '@lagesbild/shared/domain/document-model'
import { formatBasisPoints, formatMoney, type Ore, sumOre } from '@lagesbild/shared/domain/money'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { budgetLines, currentBudgetVersionId } from './budget.ts'
import { budgetSummary } from './follow-up.ts'
import { funderTotals, listFunding } from './funding.ts'
import { listInKind } from './in-kind.ts'
import { actualsByMonthCategory, categoriesFor, type ProjectContext, projectContext } from './queries.ts'

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

/** A submitted report freezes what it read, so rows come in one order every time. */
const byYearAndContributor = (a: Contribution, b: Contribution) =>
  a.year - b.year ||
  a.contributor.localeCompare(b.contributor, 'sv') ||
  a.description.localeCompare(b.description, 'sv') ||
  a.id.localeCompare(b.id)

async function inKindOf(db: Kysely<Database>, projectIds: string[]): Promise<Contribution[]> {
  return (await listInKind(db, projectIds)).sort(byYearAndContributor)
}

const inKindOfProject = async (db: Kysely<Database>, projectId: string) =>
  inKindOf(db, (await projectContext(db, projectId)).projectIds)

/**
 * A sub-project whose money is kept on its main project: no budget version and no funding of
 * its own. Its budget is the main project's budget lines marked with it.
 */
async function budgetKeptByParent(db: Kysely<Database>, ctx: ProjectContext) {
  if (!ctx.parentId) return null
  const [ownBudget, ownFunding] = await Promise.all([
    currentBudgetVersionId(db, ctx.id),
    listFunding(db, ctx.id),
  ])
  if (ownBudget || ownFunding.length > 0) return null
  const parent = await projectContext(db, ctx.parentId)
  return { parentId: parent.id, parentName: parent.name }
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
  const [entries, inKind] = await Promise.all([listFunding(db, projectId), inKindOfProject(db, projectId)])
  const inKindTotal = sumOre(inKind.map((c) => c.valueOre))
  const parent =
    entries.length === 0 ? await budgetKeptByParent(db, await projectContext(db, projectId)) : null
  if (parent) {
    return [
      paragraph(
        `Delprojektet finansieras inom huvudprojektet ${parent.parentName}, och finansieringen redovisas där.`,
      ),
      ...(inKindTotal > 0 ? [paragraph(inKindSentence(inKindTotal))] : []),
    ]
  }
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

/** Bilaga 1 of a sub-project: the main project's budget lines marked with it against its own costs. */
async function subProjectBudget(
  db: Kysely<Database>,
  ctx: ProjectContext,
  parent: { parentId: string; parentName: string },
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [currentId, originalId, actuals, categories, inKind] = await Promise.all([
    currentBudgetVersionId(db, parent.parentId, 'current'),
    currentBudgetVersionId(db, parent.parentId, 'original'),
    actualsByMonthCategory(db, [ctx.id], asOf),
    categoriesFor(db, ctx.organisationId),
    inKindOf(db, [ctx.id]),
  ])
  const marked = async (versionId: string | null) =>
    versionId ? (await budgetLines(db, versionId)).filter((l) => l.subProject?.id === ctx.id) : []
  const [current, original] = await Promise.all([marked(currentId), marked(originalId)])
  const sum = (items: { category: string; amountOre: Ore }[], category: string) =>
    sumOre(items.filter((i) => i.category === category).map((i) => i.amountOre))
  const used = new Set([...current, ...original, ...actuals].map((i) => i.category))
  const rows: SummaryRow[] = [
    ...categories.filter((c) => used.has(c.code)).map((c) => ({ key: c.code, label: c.nameSv })),
    ...[...used]
      .filter((code) => !categories.some((c) => c.code === code))
      .sort()
      .map((code) => ({ key: code, label: code })),
  ].map(({ key, label }) => {
    const budgetOre = sum(current, key)
    const actualOre = sum(actuals, key)
    return {
      key,
      label,
      originalOre: sum(original, key),
      budgetOre,
      actualOre,
      differenceOre: budgetOre - actualOre,
    }
  })
  const total = totalOf(rows)
  const inKindTotal = sumOre(inKind.map((c) => c.valueOre))
  const blocks: DocumentBlock[] = [
    paragraph(
      `Delprojektets budget ingår i huvudprojektet ${parent.parentName}, där finansieringen och Bilaga 1 för hela projektet redovisas. Här visas de budgetrader som gäller delprojektet och dess utfall till och med ${asOf}.`,
    ),
    facts([
      ['Budget för delprojektet', money(total.budgetOre)],
      ['Utfall', money(total.actualOre)],
      total.differenceOre < 0
        ? ['Överskridande', money(-total.differenceOre)]
        : ['Ej förbrukade medel', money(total.differenceOre)],
      ...(inKindTotal > 0 ? [['Insatser in natura', money(inKindTotal)] as [string, string]] : []),
    ]),
  ]
  if (rows.length > 0) {
    const changed = rows.some((r) => r.originalOre !== r.budgetOre)
    blocks.push(summaryTable('Per kostnadsslag', 'Kostnadsslag', rows, total, changed))
  }
  if (inKind.length > 0) blocks.push(inKindTable(inKind))
  return blocks
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
  const ctx = await projectContext(db, projectId)
  const parent = await budgetKeptByParent(db, ctx)
  if (parent) return subProjectBudget(db, ctx, parent, asOf)
  const [summary, inKind] = await Promise.all([
    budgetSummary(db, projectId, asOf),
    inKindOfProject(db, projectId),
  ])
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
