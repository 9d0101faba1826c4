import type { PortfolioFinance, PortfolioQuery } from '@lagesbild/shared/api/finance-portfolio'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { type InKindUnit, inKindValueOre } from '@lagesbild/shared/domain/finance'
import { expectedUnspent } from '@lagesbild/shared/domain/forecast'
import { type Ore, sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { costsToDay, manyIds, toOre } from './queries.ts'

/** A project's own rows and its sub-projects' count as the top-level project's. */
const topLevel = sql<string>`coalesce(p.parent_id, p.id)`

/** Sums travel as text inside the JSON, so no sum beyond 2^53 is silently rounded. */
type Sum = string

interface FinanceSums {
  /** Per top-level project: totals over the years asked for. */
  projects: {
    project_id: string
    granted: Sum
    budget: Sum
    spent: Sum
    forecast: Sum
  }[]
  /** Per year with budget, costs to the day or funding (`breakdown` only). */
  years: { year: number; granted: Sum; budgeted: Sum; spent: Sum; forecast: Sum }[]
  /** Per funder name ('' for costs no funder's share covers; `breakdown` only). */
  funders: { funder_name: string; granted: Sum; spent: Sum }[]
}

/**
 * Everything the portfolio's finance totals, in one statement that returns one row per top-level
 * project (its sub-projects' costs included) and, with `breakdown`, one per year and per funder.
 * The overview of a municipality's hundreds of projects parsed and summed a row per project,
 * year and category in Node (26.6 ms CPU per request at national scale); the cells are now only
 * ever PostgreSQL's.
 *
 * - Budget: the current approved version's lines; actuals: costs to the day from the roll-ups
 *   (`costsToDay`); forecast per year and category cell with `forecastCell`'s rule (manual where
 *   given; the actual for years that are over, or where it exceeds the budget; else the
 *   budget). The tests beside this module check the sums against `yearCategoryForecast` and a
 *   plain sum over the entries.
 * - Spent per funder: each project's yearly actual split by its funders' shares of its funding
 *   that year (all funding years when that year has none), largest remainder as
 *   `allocateByWeights` does, ties to the funder name first in byte order; with no shares at all
 *   it stays unallocated (''). A test checks it against `allocateByWeights`.
 */
function financeSums(projectIds: string[], asOf: string, year: number | undefined, breakdown: boolean) {
  const ids = manyIds(projectIds)
  // The projects and, by the parent index, their sub-projects (an OR of both scanned every project).
  const scope = sql<string[]>`array(select id from scope)`
  const asOfYear = Number(asOf.slice(0, 4))
  const inYear = (column: string) => (year === undefined ? sql`true` : sql`${sql.ref(column)} = ${year}`)
  const sums = sql`
    with scope as materialized (
      select id, id as top from unnest(${ids}) id
      union all select s.id, s.parent_id from project s where s.parent_id = any(${ids})
    ),
    budget as (
      select v.project_id, l.year, l.category, sum(l.amount_ore) as amount
      from budget_line l join budget_version v on v.id = l.budget_version_id
      where v.project_id = any(${ids}) and v.status = 'approved'
        and v.approval_seq = (select max(m.approval_seq) from budget_version m where m.project_id = v.project_id)
      group by 1, 2, 3
    ),
    actual as (
      select t.top as project_id, c.year, c.category, sum(c.amount_ore) as amount
      from ${costsToDay(scope, asOf)} c join scope t on t.id = c.project_id
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
    ),
    project_year as materialized (
      select project_id, year,
        coalesce(sum(budget), 0) as budget,
        coalesce(sum(actual), 0) as actual,
        sum(case
          when manual is not null then manual
          when year < ${asOfYear} or coalesce(actual, 0) > coalesce(budget, 0) then coalesce(actual, 0)
          else coalesce(budget, 0)
        end) as forecast,
        bool_or(budget is not null) as has_budget,
        bool_or(actual is not null) as has_actual
      from cells
      group by project_id, year
    ),
    funding as materialized (
      select project_id, funder_name, year, amount_ore, status <> 'applied' as granted
      from funding_entry where project_id = any(${ids})
    ),
    per_project as (
      select project_id, coalesce(g.amount, 0)::text as granted,
        coalesce(y.budget, 0)::text as budget, coalesce(y.spent, 0)::text as spent,
        coalesce(y.forecast, 0)::text as forecast
      from (
        select project_id, sum(budget) as budget, sum(actual) as spent, sum(forecast) as forecast
        from project_year where ${inYear('year')} group by 1
      ) y
      full join (
        select project_id, sum(amount_ore) as amount from funding where granted and ${inYear('year')} group by 1
      ) g using (project_id)
    )
    ${breakdown ? breakdownSql(inYear) : sql``}
    select (select coalesce(json_agg(per_project), '[]') from per_project) as projects,
      ${
        breakdown
          ? sql`(select coalesce(json_agg(per_year order by year), '[]') from per_year) as years,
        (select coalesce(json_agg(per_funder), '[]') from per_funder) as funders`
          : sql`'[]'::json as years, '[]'::json as funders`
      }
  `
  return sums
}

/** The CTEs for the years and funders of the overview, after `financeSums`' own. */
function breakdownSql(inYear: (column: string) => RawBuilder<unknown>) {
  return sql`,
    spent_year as (
      select project_id, year, actual as amount from project_year where has_actual and ${inYear('year')}
    ),
    -- Every funder a project has, with its funding over all years (the fallback weights).
    funder_total as (
      select project_id, funder_name, sum(amount_ore) as amount from funding group by 1, 2
    ),
    funder_year as (
      select project_id, year, funder_name, sum(amount_ore) as amount from funding group by 1, 2, 3
    ),
    candidates as (
      select s.project_id, s.year, s.amount, t.funder_name,
        case when bool_or(coalesce(fy.amount, 0) > 0) over w then coalesce(fy.amount, 0) else t.amount end as weight
      from spent_year s
      join funder_total t on t.project_id = s.project_id
      left join funder_year fy on fy.project_id = s.project_id and fy.year = s.year and fy.funder_name = t.funder_name
      window w as (partition by s.project_id, s.year)
    ),
    shares as (
      select project_id, year, funder_name, sign(amount) as sign, abs(amount) as whole,
        div(abs(amount)::numeric * weight, sum(weight) over w) as floor,
        mod(abs(amount)::numeric * weight, sum(weight) over w) as rest,
        sum(weight) over w as weights
      from candidates
      window w as (partition by project_id, year)
    ),
    ranked as (
      select funder_name, sign, floor,
        row_number() over (partition by project_id, year order by rest desc, funder_name collate "C") as rank,
        whole - sum(floor) over (partition by project_id, year) as missing
      from shares where weights > 0
    ),
    allocated as (
      select funder_name, sign * (floor + case when rank <= missing then 1 else 0 end) as amount from ranked
      union all
      select '', s.amount from spent_year s
      where not exists (select 1 from shares h where h.project_id = s.project_id and h.year = s.year and h.weights > 0)
    ),
    per_funder as (
      select funder_name, coalesce(g.amount, 0)::text as granted, coalesce(a.amount, 0)::text as spent
      from (select funder_name, sum(amount_ore) as amount from funding where granted and ${inYear('year')} group by 1) g
        full join (select funder_name, sum(amount) as amount from allocated group by 1) a using (funder_name)
    ),
    per_year as (
      select year, coalesce(g.amount, 0)::text as granted,
        coalesce(p.budget, 0)::text as budgeted, coalesce(p.spent, 0)::text as spent,
        coalesce(p.forecast, 0)::text as forecast
      from (
        select year from project_year
        union select year from funding
      ) y
      left join (
        select year, sum(budget) as budget, sum(actual) as spent, sum(forecast) as forecast
        from project_year group by 1
      ) p using (year)
      left join (select year, sum(amount_ore) as amount from funding where granted group by 1) g using (year)
      where ${inYear('year')}
    )`
}

async function readSums(
  db: Kysely<Database>,
  projectIds: string[],
  asOf: string,
  year: number | undefined,
  breakdown: boolean,
): Promise<FinanceSums> {
  if (projectIds.length === 0) return { projects: [], years: [], funders: [] }
  const { rows } = await financeSums(projectIds, asOf, year, breakdown).$castTo<FinanceSums>().execute(db)
  return rows[0] ?? { projects: [], years: [], funders: [] }
}

/** In-kind value per top-level project: few rows, and the valuation is the shared function's. */
async function inKindByProject(db: Kysely<Database>, projectIds: string[], year: number | undefined) {
  const totals = new Map<string, Ore>()
  if (projectIds.length === 0) return totals
  let q = db
    .selectFrom('in_kind_contribution as c')
    .innerJoin('project as p', 'p.id', 'c.project_id')
    .where(sql<boolean>`${topLevel} = any(${manyIds(projectIds)})`)
    .select([topLevel.as('project_id'), 'c.unit', 'c.quantity', 'c.months', 'c.rate_ore'])
  if (year !== undefined) q = q.where('c.year', '=', year)
  for (const r of await q.execute()) {
    const value = inKindValueOre({
      unit: r.unit as InKindUnit,
      quantity: r.quantity,
      months: r.months,
      rateOre: r.rate_ore,
    })
    totals.set(r.project_id, sumOre([totals.get(r.project_id) ?? 0, value]))
  }
  return totals
}

export interface ProjectFinanceTotals {
  grantedOre: Ore
  budgetOre: Ore
  spentOre: Ore
  forecastOre: Ore
  unspentOre: Ore
  inKindOre: Ore
}

async function totalsAndBreakdown(
  db: Kysely<Database>,
  projectIds: string[],
  asOf: string,
  year: number | undefined,
  breakdown: boolean,
) {
  const [sums, inKind] = await Promise.all([
    readSums(db, projectIds, asOf, year, breakdown),
    inKindByProject(db, projectIds, year),
  ])
  const totals = new Map<string, ProjectFinanceTotals>()
  for (const r of sums.projects) {
    const budgetOre = toOre(r.budget)
    const forecastOre = toOre(r.forecast)
    totals.set(r.project_id, {
      grantedOre: toOre(r.granted),
      budgetOre,
      spentOre: toOre(r.spent),
      forecastOre,
      unspentOre: expectedUnspent(budgetOre, forecastOre),
      inKindOre: inKind.get(r.project_id) ?? 0,
    })
  }
  return { totals, sums }
}

const noTotals: ProjectFinanceTotals = {
  grantedOre: 0,
  budgetOre: 0,
  spentOre: 0,
  forecastOre: 0,
  unspentOre: 0,
  inKindOre: 0,
}

/**
 * Per top-level project (its sub-projects included): granted funding, current approved budget,
 * spent to date, forecast and expected unspent, in-kind value. Two queries whatever the number
 * of projects; the portfolio (issue 9) calls this.
 */
export async function projectFinanceTotals(
  db: Kysely<Database>,
  projectIds: string[],
  options: { asOf?: string; year?: number } = {},
): Promise<Map<string, ProjectFinanceTotals>> {
  const asOf = options.asOf ?? todayInSweden()
  const { totals } = await totalsAndBreakdown(db, projectIds, asOf, options.year, false)
  return new Map(projectIds.map((id) => [id, totals.get(id) ?? noTotals]))
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
  const year = query.year
  const { totals, sums } = await totalsAndBreakdown(db, ids, asOf, year, true)
  const rows = projects.map((p) => ({
    project: { id: p.id, name: p.name },
    programme: p.programme_id && p.programme_name ? { id: p.programme_id, name: p.programme_name } : null,
    ...(totals.get(p.id) ?? noTotals),
  }))
  const add = (items: ProjectFinanceTotals[]) => ({
    grantedOre: sumOre(items.map((i) => i.grantedOre)),
    budgetedOre: sumOre(items.map((i) => i.budgetOre)),
    spentOre: sumOre(items.map((i) => i.spentOre)),
    forecastOre: sumOre(items.map((i) => i.forecastOre)),
    unspentOre: sumOre(items.map((i) => i.unspentOre)),
  })
  const byProgramme = new Map<string, typeof rows>()
  for (const row of rows) {
    const key = row.programme?.id ?? ''
    const group = byProgramme.get(key)
    if (group) group.push(row)
    else byProgramme.set(key, [row])
  }
  const programmes = [...byProgramme.values()].map((own) => ({
    programme: own[0]?.programme ?? null,
    ...add(own),
  }))
  // Sorted here, not in SQL: Swedish order as the page shows it, whatever the database's collation.
  const funders = sums.funders
    .map((f) => ({ name: f.funder_name, grantedOre: toOre(f.granted), spentOre: toOre(f.spent) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map(({ name, ...amounts }) => ({ funderName: name || 'Ej fördelat', ...amounts }))
  const years = sums.years.map((y) => ({
    year: Number(y.year),
    grantedOre: toOre(y.granted),
    budgetedOre: toOre(y.budgeted),
    spentOre: toOre(y.spent),
    forecastOre: toOre(y.forecast),
    unspentOre: expectedUnspent(toOre(y.budgeted), toOre(y.forecast)),
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
