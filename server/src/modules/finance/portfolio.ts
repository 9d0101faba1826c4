import type { PortfolioFinance, PortfolioQuery } from '@lagesbild/shared/api/finance-portfolio'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  allocateByWeights,
  type FundingStatus,
  type InKindUnit,
  inKindValueOre,
  isGranted,
  sumBy,
} from '@lagesbild/shared/domain/finance'
import { expectedUnspent, forecastCell } from '@lagesbild/shared/domain/forecast'
import { type Ore, sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { costsToDay, idArray, toOre } from './queries.ts'

interface YearAmount {
  projectId: string
  year: number
  category: string
  amountOre: Ore
}

/** Rows grouped by project, so per-project totals are lookups rather than scans of every row. */
function byProject<T extends { projectId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(row.projectId)
    if (group) group.push(row)
    else groups.set(row.projectId, [row])
  }
  return groups
}

/** A project's own rows and its sub-projects' count as the top-level project's. */
const topLevel = sql<string>`coalesce(p.parent_id, p.id)`

/** Aggregates in SQL, per top-level project, year and category. */
async function aggregates(db: Kysely<Database>, projectIds: string[], asOf: string) {
  if (projectIds.length === 0)
    return withGroups({ budget: [], actual: [], manual: [], funding: [], inKind: [] })
  const [budget, actual, manual, funding, inKind] = await Promise.all([
    db
      .selectFrom('budget_line as l')
      .innerJoin('budget_version as v', 'v.id', 'l.budget_version_id')
      .where('v.project_id', 'in', projectIds)
      .where('v.status', '=', 'approved')
      .where((eb) =>
        eb(
          'v.approval_seq',
          '=',
          eb
            .selectFrom('budget_version as m')
            .whereRef('m.project_id', '=', 'v.project_id')
            .select((s) => s.fn.max('m.approval_seq').as('x')),
        ),
      )
      .select(['v.project_id', 'l.year', 'l.category', sql<string>`sum(l.amount_ore)::text`.as('amount')])
      .groupBy(['v.project_id', 'l.year', 'l.category'])
      .execute(),
    // From the roll-ups: the projects and their sub-projects, then summed per top-level project.
    sql<{ project_id: string; year: number; category: string; amount: string }>`
      select ${topLevel} as project_id, c.year, c.category, sum(c.amount_ore)::text as amount
      from ${costsToDay(
        sql`array(select s.id from project s where s.id = any(${idArray(projectIds)}) or s.parent_id = any(${idArray(projectIds)}))`,
        asOf,
      )} c
      join project p on p.id = c.project_id
      group by 1, 2, 3
      having sum(c.entries) > 0`
      .execute(db)
      .then((r) => r.rows),
    db
      .selectFrom('finance_forecast')
      .where('project_id', 'in', projectIds)
      .select(['project_id', 'year', 'category', 'amount_ore'])
      .execute(),
    db
      .selectFrom('funding_entry')
      .where('project_id', 'in', projectIds)
      .select(['project_id', 'funder_name', 'year', 'amount_ore', 'status'])
      .execute(),
    db
      .selectFrom('in_kind_contribution as c')
      .innerJoin('project as p', 'p.id', 'c.project_id')
      .where(topLevel, 'in', projectIds)
      .select([topLevel.as('project_id'), 'c.year', 'c.unit', 'c.quantity', 'c.months', 'c.rate_ore'])
      .execute(),
  ])
  const amounts = (
    rows: { project_id: string; year: number; category: string; amount: string }[],
  ): YearAmount[] =>
    rows.map((r) => ({
      projectId: r.project_id,
      year: Number(r.year),
      category: r.category,
      amountOre: toOre(r.amount),
    }))
  return withGroups({
    budget: amounts(budget),
    actual: amounts(actual),
    manual: manual.map((r) => ({
      projectId: r.project_id,
      year: r.year,
      category: r.category,
      amountOre: r.amount_ore,
    })),
    funding: funding.map((r) => ({
      projectId: r.project_id,
      funderName: r.funder_name,
      year: r.year,
      amountOre: r.amount_ore,
      granted: isGranted(r.status as FundingStatus),
    })),
    inKind: inKind.map((r) => ({
      projectId: r.project_id,
      year: r.year,
      valueOre: inKindValueOre({
        unit: r.unit as InKindUnit,
        quantity: r.quantity,
        months: r.months,
        rateOre: r.rate_ore,
      }),
    })),
  })
}

interface Aggregates {
  budget: YearAmount[]
  actual: YearAmount[]
  manual: YearAmount[]
  funding: { projectId: string; funderName: string; year: number; amountOre: Ore; granted: boolean }[]
  inKind: { projectId: string; year: number; valueOre: Ore }[]
}

function withGroups(data: Aggregates) {
  return {
    ...data,
    of: {
      budget: byProject(data.budget),
      actual: byProject(data.actual),
      manual: byProject(data.manual),
      funding: byProject(data.funding),
      inKind: byProject(data.inKind),
    },
  }
}

export interface ProjectFinanceTotals {
  grantedOre: Ore
  budgetOre: Ore
  spentOre: Ore
  forecastOre: Ore
  unspentOre: Ore
  inKindOre: Ore
}

function totalsFor(
  data: Awaited<ReturnType<typeof aggregates>>,
  projectId: string,
  asOf: string,
  year?: number,
): ProjectFinanceTotals {
  const inYear = (y: number) => year === undefined || y === year
  const all = <T>(groups: Map<string, T[]>) => groups.get(projectId) ?? []
  const own = <T extends { projectId: string; year: number }>(groups: Map<string, T[]>) =>
    all(groups).filter((r) => inYear(r.year))
  const budget = own(data.of.budget)
  // The forecast's cells, summed without building and sorting them (a portfolio has hundreds
  // of projects); the rule per cell is the one the project's own forecast uses.
  const cells = new Map<
    string,
    { year: number; budgetOre: Ore; actualOre: Ore; manualOre: Ore | undefined }
  >()
  const cellOf = (r: YearAmount) => {
    const key = `${r.year}|${r.category}`
    let cell = cells.get(key)
    if (!cell) {
      cell = { year: r.year, budgetOre: 0, actualOre: 0, manualOre: undefined }
      cells.set(key, cell)
    }
    return cell
  }
  for (const r of all(data.of.budget)) {
    const cell = cellOf(r)
    cell.budgetOre = sumOre([cell.budgetOre, r.amountOre])
  }
  for (const r of all(data.of.actual)) {
    const cell = cellOf(r)
    cell.actualOre = sumOre([cell.actualOre, r.amountOre])
  }
  for (const r of all(data.of.manual)) cellOf(r).manualOre = r.amountOre
  const asOfYear = Number(asOf.slice(0, 4))
  let forecastOre = 0
  for (const cell of cells.values()) {
    if (inYear(cell.year)) forecastOre = sumOre([forecastOre, forecastCell(cell, asOfYear).amountOre])
  }
  const budgetOre = sumOre(budget.map((r) => r.amountOre))
  return {
    grantedOre: sumOre(
      own(data.of.funding)
        .filter((f) => f.granted)
        .map((f) => f.amountOre),
    ),
    budgetOre,
    spentOre: sumOre(own(data.of.actual).map((r) => r.amountOre)),
    forecastOre,
    unspentOre: expectedUnspent(budgetOre, forecastOre),
    inKindOre: sumOre(own(data.of.inKind).map((r) => r.valueOre)),
  }
}

/**
 * Per top-level project (its sub-projects included): granted funding, current approved budget,
 * spent to date, forecast and expected unspent, in-kind value. SQL aggregates, a handful of
 * queries whatever the number of projects; the portfolio (issue 9) calls this.
 */
export async function projectFinanceTotals(
  db: Kysely<Database>,
  projectIds: string[],
  options: { asOf?: string; year?: number } = {},
): Promise<Map<string, ProjectFinanceTotals>> {
  const asOf = options.asOf ?? todayInSweden()
  const data = await aggregates(db, projectIds, asOf)
  return new Map(projectIds.map((id) => [id, totalsFor(data, id, asOf, options.year)]))
}

type Portfolio = Static<typeof PortfolioFinance>

export async function portfolioFinance(
  db: Kysely<Database>,
  user: AuthUser,
  query: Static<typeof PortfolioQuery>,
): Promise<Portfolio> {
  const asOf = query.asOf ?? todayInSweden()
  let q = db
    .selectFrom('project')
    .leftJoin('programme', 'programme.id', 'project.programme_id')
    .where(projectVisibleTo(user))
    .where('project.parent_id', 'is', null)
    .select([
      'project.id',
      'project.name',
      'programme.id as programme_id',
      'programme.name as programme_name',
    ])
    .orderBy('programme.name')
    .orderBy(sql`project.sort_key collate "C"`)
  if (query.programmeId) q = q.where('project.programme_id', '=', query.programmeId)
  const projects = await q.execute()
  const ids = projects.map((p) => p.id)
  const data = await aggregates(db, ids, asOf)
  const year = query.year
  const rows = projects.map((p) => ({
    project: { id: p.id, name: p.name },
    programme: p.programme_id && p.programme_name ? { id: p.programme_id, name: p.programme_name } : null,
    ...totalsFor(data, p.id, asOf, year),
  }))
  const add = (items: ProjectFinanceTotals[]) => ({
    grantedOre: sumOre(items.map((i) => i.grantedOre)),
    budgetedOre: sumOre(items.map((i) => i.budgetOre)),
    spentOre: sumOre(items.map((i) => i.spentOre)),
    forecastOre: sumOre(items.map((i) => i.forecastOre)),
    unspentOre: sumOre(items.map((i) => i.unspentOre)),
  })
  const programmeKeys = [...new Set(rows.map((r) => r.programme?.id ?? ''))]
  const programmes = programmeKeys.map((key) => {
    const own = rows.filter((r) => (r.programme?.id ?? '') === key)
    return { programme: own[0]?.programme ?? null, ...add(own) }
  })

  // Spent per funder: each project's yearly actual split by its funders' shares that year.
  const funderSpent = new Map<string, Ore>()
  const funderGranted = sumBy(
    data.funding.filter((f) => f.granted && (year === undefined || f.year === year)),
    (f) => f.funderName,
    (f) => f.amountOre,
  )
  for (const id of ids) {
    const funding = data.of.funding.get(id) ?? []
    const names = [...new Set(funding.map((f) => f.funderName))]
    const spentPerYear = sumBy(
      (data.of.actual.get(id) ?? []).filter((a) => year === undefined || a.year === year),
      (a) => String(a.year),
      (a) => a.amountOre,
    )
    for (const [y, amount] of spentPerYear) {
      const yearWeights = names.map((n) =>
        sumOre(funding.filter((f) => f.funderName === n && f.year === Number(y)).map((f) => f.amountOre)),
      )
      const weights = yearWeights.some((w) => w > 0)
        ? yearWeights
        : names.map((n) => sumOre(funding.filter((f) => f.funderName === n).map((f) => f.amountOre)))
      if (!weights.some((w) => w > 0)) {
        funderSpent.set('', sumOre([funderSpent.get('') ?? 0, amount]))
        continue
      }
      allocateByWeights(amount, weights).forEach((part, i) => {
        const name = names[i] ?? ''
        funderSpent.set(name, sumOre([funderSpent.get(name) ?? 0, part]))
      })
    }
  }
  const funderNames = [...new Set([...funderGranted.keys(), ...funderSpent.keys()])].sort((a, b) =>
    a.localeCompare(b, 'sv'),
  )
  const funders = funderNames.map((name) => ({
    funderName: name || 'Ej fördelat',
    grantedOre: funderGranted.get(name) ?? 0,
    spentOre: funderSpent.get(name) ?? 0,
  }))

  const yearSet = new Set<number>([
    ...data.budget.map((r) => r.year),
    ...data.actual.map((r) => r.year),
    ...data.funding.map((r) => r.year),
  ])
  const years = [...yearSet]
    .filter((y) => year === undefined || y === year)
    .sort()
    .map((y) => ({
      year: y,
      grantedOre: sumOre(data.funding.filter((f) => f.granted && f.year === y).map((f) => f.amountOre)),
      budgetedOre: sumOre(data.budget.filter((b) => b.year === y).map((b) => b.amountOre)),
      spentOre: sumOre(data.actual.filter((a) => a.year === y).map((a) => a.amountOre)),
    }))

  return {
    asOf,
    year: year ?? null,
    totals: add(rows),
    projects: rows.map(({ budgetOre, ...r }) => ({ ...r, budgetedOre: budgetOre, inKindOre: r.inKindOre })),
    programmes,
    funders,
    years,
  }
}
