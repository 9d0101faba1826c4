import type { PortfolioFinance } from '@lagesbild/shared/api/finance-portfolio'
import { type BreakdownSeries, UNALLOCATED } from '@lagesbild/shared/domain/burn-breakdown'
import { ORE_PER_KRONA, type Ore } from '@lagesbild/shared/domain/money'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { budgetLines, currentBudgetVersionId } from './budget.ts'
import { budgetSummary, burnReport } from './follow-up.ts'
import { listFunding } from './funding.ts'
import { listInKind } from './in-kind.ts'
import { categoriesFor, liveActuals, projectContext } from './queries.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MONEY = '#,##0.00'

/**
 * Kronor as a spreadsheet number. The division is only for the cell: the sums in the
 * workbook are the exact öre sums computed before, each shown to two decimals.
 */
const kr = (ore: Ore) => ore / ORE_PER_KRONA

/** A calendar date as an Excel date cell (midnight UTC, which Excel shows as that day). */
const excelDate = (date: string) => new Date(`${date}T00:00:00Z`)

interface Column {
  header: string
  key: string
  width: number
  money?: boolean
  date?: boolean
  /** A month as a date cell (its first day) shown as 2017-07, so Excel can sort and chart it. */
  month?: boolean
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.money
      ? { numFmt: MONEY }
      : c.date
        ? { numFmt: 'yyyy-mm-dd' }
        : c.month
          ? { numFmt: 'yyyy-mm' }
          : {},
  }))
  ws.getRow(1).font = { bold: true }
  ws.addRows(rows)
  return ws
}

/**
 * One row per month with each series' cumulative budget and actual side by side, as the finance
 * tab's per-funder and per-category views show them.
 */
function breakdownSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  months: readonly string[],
  series: readonly BreakdownSeries[],
  label: (key: string) => string,
) {
  const money = (header: string, key: string): Column => ({
    header,
    key,
    width: Math.max(18, header.length + 2),
    money: true,
  })
  const columns: Column[] = [
    { header: 'Månad', key: 'month', width: 10, month: true },
    ...series.flatMap((s, i) => [
      money(`${label(s.key)}, budget ack. (kr)`, `plan${i}`),
      money(`${label(s.key)}, utfall ack. (kr)`, `actual${i}`),
    ]),
  ]
  const rows = months.map((month, m) => {
    const row: Record<string, unknown> = { month: excelDate(`${month}-01`) }
    // Every series has a point for every month of the total line, in the same order.
    series.forEach((s, i) => {
      row[`plan${i}`] = kr(s.points[m]?.cumulativePlanOre ?? 0)
      row[`actual${i}`] = kr(s.points[m]?.cumulativeActualOre ?? 0)
    })
    return row
  })
  return sheet(workbook, name, columns, rows)
}

export async function projectWorkbook(db: Kysely<Database>, projectId: string): Promise<Buffer> {
  const ctx = await projectContext(db, projectId)
  const [categories, funding, currentId, summary, burn, inKind, actuals] = await Promise.all([
    categoriesFor(db, ctx.organisationId),
    listFunding(db, projectId),
    currentBudgetVersionId(db, projectId),
    budgetSummary(db, projectId),
    // The burn route's own report, so the sheets show the figures of the finance tab to the öre.
    burnReport(db, projectId, {}),
    listInKind(db, ctx.projectIds),
    liveActuals(db)
      .innerJoin('project as p', 'p.id', 'a.project_id')
      .where('a.project_id', 'in', ctx.projectIds)
      .select([
        'a.entry_date',
        'a.amount_ore',
        'a.category',
        'a.account',
        'a.cost_centre',
        'a.voucher',
        'a.description',
        'a.source',
        'p.name',
      ])
      .orderBy('a.entry_date')
      .orderBy('a.id')
      .execute(),
  ])
  const names = new Map(categories.map((c) => [c.code, c.nameSv]))
  const lines = currentId ? await budgetLines(db, currentId) : []
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lägesbild'
  workbook.created = new Date()

  const summaryColumns: Column[] = [
    { header: 'Post', key: 'label', width: 34 },
    { header: 'Ursprunglig budget (kr)', key: 'original', width: 22, money: true },
    { header: 'Budget (kr)', key: 'budget', width: 18, money: true },
    { header: 'Utfall (kr)', key: 'actual', width: 18, money: true },
    { header: 'Differens (kr)', key: 'difference', width: 18, money: true },
  ]
  const summaryRows = (rows: typeof summary.byCategory) =>
    rows.map((r) => ({
      label: r.label,
      original: kr(r.originalOre),
      budget: kr(r.budgetOre),
      actual: kr(r.actualOre),
      difference: kr(r.differenceOre),
    }))
  const ws = sheet(workbook, 'Sammanställning', summaryColumns, [
    ...summaryRows(summary.byCategory),
    {
      label: 'Summa',
      original: kr(summary.total.originalOre),
      budget: kr(summary.total.budgetOre),
      actual: kr(summary.total.actualOre),
      difference: kr(summary.total.differenceOre),
    },
    {},
    { label: 'Per finansiär' },
    ...summaryRows(summary.byFunder),
    {},
    { label: 'Ej förbrukat', difference: kr(summary.unspentOre) },
    { label: 'Naturabidrag (värde)', actual: kr(summary.inKindTotalOre) },
  ])
  ws.insertRow(1, [`${summary.title} – ${ctx.name}`])
  ws.getRow(1).font = { bold: true, size: 13 }

  sheet(
    workbook,
    'Budget',
    [
      { header: 'År', key: 'year', width: 8 },
      { header: 'Kategori', key: 'category', width: 20 },
      { header: 'Delprojekt', key: 'sub', width: 28 },
      { header: 'Belopp (kr)', key: 'amount', width: 18, money: true },
      { header: 'Kommentar', key: 'comment', width: 40 },
    ],
    lines.map((l) => ({
      year: l.year,
      category: names.get(l.category) ?? l.category,
      sub: l.subProject?.name ?? '',
      amount: kr(l.amountOre),
      comment: l.comment,
    })),
  )
  sheet(
    workbook,
    'Finansiering',
    [
      { header: 'Finansiär', key: 'funder', width: 30 },
      { header: 'År', key: 'year', width: 8 },
      { header: 'Belopp (kr)', key: 'amount', width: 18, money: true },
      { header: 'Status', key: 'status', width: 14 },
      { header: 'Beslut', key: 'decision', width: 30 },
    ],
    funding.map((f) => ({
      funder: f.funderName,
      year: f.year,
      amount: kr(f.amountOre),
      status: { applied: 'Ansökt', granted: 'Beviljad', paid_out: 'Utbetald' }[f.status],
      decision: f.decisionReference,
    })),
  )
  sheet(
    workbook,
    'Utfall',
    [
      { header: 'Datum', key: 'date', width: 12, date: true },
      { header: 'Belopp (kr)', key: 'amount', width: 16, money: true },
      { header: 'Kategori', key: 'category', width: 18 },
      { header: 'Konto', key: 'account', width: 10 },
      { header: 'Ansvar', key: 'costCentre', width: 10 },
      { header: 'Verifikation', key: 'voucher', width: 14 },
      { header: 'Text', key: 'description', width: 40 },
      { header: 'Projekt', key: 'project', width: 30 },
      { header: 'Källa', key: 'source', width: 10 },
    ],
    actuals.map((a) => ({
      date: excelDate(a.entry_date),
      amount: kr(a.amount_ore),
      category: names.get(a.category) ?? a.category,
      account: a.account,
      costCentre: a.cost_centre,
      voucher: a.voucher,
      description: a.description,
      project: a.name,
      source: a.source === 'import' ? 'Import' : 'Manuell',
    })),
  )
  sheet(
    workbook,
    'Naturabidrag',
    [
      { header: 'Bidragsgivare', key: 'contributor', width: 30 },
      { header: 'År', key: 'year', width: 8 },
      { header: 'Beskrivning', key: 'description', width: 36 },
      { header: 'Timmar / andel (%)', key: 'quantity', width: 18 },
      { header: 'Månader', key: 'months', width: 10 },
      { header: 'Kostnad per enhet (kr)', key: 'rate', width: 20, money: true },
      { header: 'Värde (kr)', key: 'value', width: 16, money: true },
    ],
    inKind.map((c) => ({
      contributor: c.contributor,
      year: c.year,
      description: c.description,
      quantity: c.unit === 'hours' ? c.quantity : c.quantity / 100,
      months: c.months ?? '',
      rate: kr(c.rateOre),
      value: kr(c.valueOre),
    })),
  )
  const months = burn.points.map((p) => p.month)
  breakdownSheet(workbook, 'Förbrukning per finansiär', months, burn.breakdown.byFunder, (key) =>
    key === UNALLOCATED ? 'Ej fördelat på finansiär' : key,
  )
  breakdownSheet(
    workbook,
    'Förbrukning per kategori',
    months,
    burn.breakdown.byCategory,
    (key) => names.get(key) ?? key,
  )
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export async function portfolioWorkbook(portfolio: Static<typeof PortfolioFinance>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lägesbild'
  const money = (header: string, key: string): Column => ({ header, key, width: 18, money: true })
  const amountColumns = [
    money('Beviljat (kr)', 'granted'),
    money('Budget (kr)', 'budgeted'),
    money('Utfall (kr)', 'spent'),
    money('Prognos (kr)', 'forecast'),
    money('Ej förbrukat (kr)', 'unspent'),
  ]
  const amounts = (a: {
    grantedOre: Ore
    budgetedOre: Ore
    spentOre: Ore
    forecastOre: Ore
    unspentOre: Ore
  }) => ({
    granted: kr(a.grantedOre),
    budgeted: kr(a.budgetedOre),
    spent: kr(a.spentOre),
    forecast: kr(a.forecastOre),
    unspent: kr(a.unspentOre),
  })
  sheet(
    workbook,
    'Projekt',
    [
      { header: 'Projekt', key: 'project', width: 44 },
      { header: 'Program', key: 'programme', width: 34 },
      ...amountColumns,
      money('Naturabidrag (kr)', 'inKind'),
    ],
    [
      ...portfolio.projects.map((p) => ({
        project: p.project.name,
        programme: p.programme?.name ?? '',
        ...amounts(p),
        inKind: kr(p.inKindOre),
      })),
      { project: 'Summa', ...amounts(portfolio.totals) },
    ],
  )
  sheet(
    workbook,
    'Program',
    [{ header: 'Program', key: 'programme', width: 44 }, ...amountColumns],
    portfolio.programmes.map((p) => ({ programme: p.programme?.name ?? 'Utan program', ...amounts(p) })),
  )
  sheet(
    workbook,
    'Finansiärer',
    [
      { header: 'Finansiär', key: 'funder', width: 36 },
      money('Beviljat (kr)', 'granted'),
      money('Utfall (kr)', 'spent'),
    ],
    portfolio.funders.map((f) => ({
      funder: f.funderName,
      granted: kr(f.grantedOre),
      spent: kr(f.spentOre),
    })),
  )
  sheet(
    workbook,
    'År',
    [
      { header: 'År', key: 'year', width: 8 },
      money('Beviljat (kr)', 'granted'),
      money('Budget (kr)', 'budgeted'),
      money('Utfall (kr)', 'spent'),
    ],
    portfolio.years.map((y) => ({
      year: y.year,
      granted: kr(y.grantedOre),
      budgeted: kr(y.budgetedOre),
      spent: kr(y.spentOre),
    })),
  )
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
