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
import { expectedUnspent } from '@lagesbild/shared/domain/forecast'
import { type Ore, sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { costsToDay, manyIds, toOre } from './queries.ts'

/** A top-level project's year: its sub-projects' costs included. */
interface ProjectYear {
  projectId: string
  year: number
  budgetOre: Ore
  actualOre: Ore
  forecastOre: Ore
  /** Whether the year has budget lines, or costs up to the day: a manual forecast alone does not count. */
  hasBudget: boolean
  hasActual: boolean
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

/**
 * Per top-level project and year: current approved budget, actual costs to the day (from the
 * roll-ups), and the forecast. The forecast is summed over year and category cells in SQL with
 * `forecastCell`'s rule (manual where given; the actual for years that are over, or where it
 * exceeds the budget; else the budget), so a portfolio of hundreds of projects parses one row
 * per project and year, not one per cell. The test beside this module checks it against
 * `yearCategoryForecast`.
 */
async function projectYears(
  db: Kysely<Database>,
  projectIds: string[],
  asOf: string,
): Promise<ProjectYear[]> {
  const ids = manyIds(projectIds)
  // The projects and, by the parent index, their sub-projects (an OR of both scanned every project).
  const scope = sql<string[]>`array(select unnest(${ids}) union all
    select s.id from project s where s.parent_id = any(${ids}))`
  const { rows } = await sql<{
    project_id: string
    year: number
    budget: string
    actual: string
    forecast: string
    has_budget: boolean
    has_actual: boolean
  }>`
    with budget as (
      select v.project_id, l.year, l.category, sum(l.amount_ore) as amount
      from budget_line l join budget_version v on v.id = l.budget_version_id
      where v.project_id = any(${ids}) and v.status = 'approved'
        and v.approval_seq = (select max(m.approval_seq) from budget_version m where m.project_id = v.project_id)
      group by 1, 2, 3
    ),
    actual as (
      select ${topLevel} as project_id, c.year, c.category, sum(c.amount_ore) as amount
      from ${costsToDay(scope, asOf)} c join project p on p.id = c.project_id
      group by 1, 2, 3
      having sum(c.entries) > 0
    ),
    manual as (
      select project_id, year, category, amount_ore as amount from finance_forecast where project_id = any(${ids})
    ),
    cells as (
      select project_id, year, category, b.amount as budget, a.amount as actual, m.amount as manual
      from budget b full join actual a using (project_id, year, category)
        full join manual m using (project_id, year, category)
    )
    select project_id, year,
      coalesce(sum(budget), 0)::text as budget,
      coalesce(sum(actual), 0)::text as actual,
      sum(case
        when manual is not null then manual
        when year < ${Number(asOf.slice(0, 4))} or coalesce(actual, 0) > coalesce(budget, 0) then coalesce(actual, 0)
        else coalesce(budget, 0)
      end)::text as forecast,
      bool_or(budget is not null) as has_budget,
      bool_or(actual is not null) as has_actual
    from cells
    group by project_id, year
  `.execute(db)
  return rows.map((r) => ({
    projectId: r.project_id,
    year: Number(r.year),
    budgetOre: toOre(r.budget),
    actualOre: toOre(r.actual),
    forecastOre: toOre(r.forecast),
    hasBudget: r.has_budget,
    hasActual: r.has_actual,
  }))
}

/** Aggregates in SQL, per top-level project and year. */
async function aggregates(db: Kysely<Database>, projectIds: string[], asOf: string) {
  if (projectIds.length === 0) return withGroups({ years: [], funding: [], inKind: [] })
  const [years, funding, inKind] = await Promise.all([
    projectYears(db, projectIds, asOf),
    db
      .selectFrom('funding_entry')
      .where(sql<boolean>`project_id = any(${manyIds(projectIds)})`)
      .select(['project_id', 'funder_name', 'year', 'amount_ore', 'status'])
      .execute(),
    db
      .selectFrom('in_kind_contribution as c')
      .innerJoin('project as p', 'p.id', 'c.project_id')
      .where(sql<boolean>`${topLevel} = any(${manyIds(projectIds)})`)
      .select([topLevel.as('project_id'), 'c.year', 'c.unit', 'c.quantity', 'c.months', 'c.rate_ore'])
      .execute(),
  ])
  return withGroups({
    years,
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
  years: ProjectYear[]
  funding: { projectId: string; funderName: string; year: number; amountOre: Ore; granted: boolean }[]
  inKind: { projectId: string; year: number; valueOre: Ore }[]
}

function withGroups(data: Aggregates) {
  return {
    ...data,
    of: {
      years: byProject(data.years),
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
  year?: number,
): ProjectFinanceTotals {
  const own = <T extends { year: number }>(groups: Map<string, T[]>) =>
    (groups.get(projectId) ?? []).filter((r) => year === undefined || r.year === year)
  const years = own(data.of.years)
  const budgetOre = sumOre(years.map((r) => r.budgetOre))
  const forecastOre = sumOre(years.map((r) => r.forecastOre))
  return {
    grantedOre: sumOre(
      own(data.of.funding)
        .filter((f) => f.granted)
        .map((f) => f.amountOre),
    ),
    budgetOre,
    spentOre: sumOre(years.map((r) => r.actualOre)),
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
  return new Map(projectIds.map((id) => [id, totalsFor(data, id, options.year)]))
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
    ...totalsFor(data, p.id, year),
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
      (data.of.years.get(id) ?? []).filter((a) => a.hasActual && (year === undefined || a.year === year)),
      (a) => String(a.year),
      (a) => a.actualOre,
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
    ...data.years.filter((r) => r.hasBudget || r.hasActual).map((r) => r.year),
    ...data.funding.map((r) => r.year),
  ])
  const years = [...yearSet]
    .filter((y) => year === undefined || y === year)
    .sort()
    .map((y) => ({
      year: y,
      grantedOre: sumOre(data.funding.filter((f) => f.granted && f.year === y).map((f) => f.amountOre)),
      budgetedOre: sumOre(data.years.filter((r) => r.year === y).map((r) => r.budgetOre)),
      spentOre: sumOre(data.years.filter((r) => r.year === y).map((r) => r.actualOre)),
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
