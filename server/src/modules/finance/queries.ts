import { type Category, defaultCategories } from '@lagesbild/shared/domain/finance'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Database } from '../../db/schema.ts'
import { notFound } from '../../plugins/problem.ts'

/** The organisation at the top of the tree (municipality, region): finance settings live there. */
export async function rootOrganisationOf(db: Kysely<Database>, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organisation_closure as c')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', '=', organisationId)
    .where('o.parent_id', 'is', null)
    .select('o.id')
    .executeTakeFirst()
  return row?.id ?? organisationId
}

export interface ProjectContext {
  id: string
  name: string
  parentId: string | null
  plannedStart: string
  plannedEnd: string
  actualEnd: string | null
  organisationId: string
  organisationName: string
  /** The project and its sub-projects: their costs are the project's costs. */
  projectIds: string[]
  subProjects: { id: string; name: string }[]
}

/** One query: the project, the organisation at the top of its owner's tree, its sub-projects. */
export async function projectContext(db: Kysely<Database>, projectId: string): Promise<ProjectContext> {
  const project = await db
    .selectFrom('project as p')
    .innerJoin('organisation as owner', 'owner.id', 'p.owner_organisation_id')
    .where('p.id', '=', projectId)
    .select((eb) => [
      'p.id',
      'p.name',
      'p.parent_id',
      'p.planned_start',
      'p.planned_end',
      'p.actual_end',
      'owner.id as owner_id',
      'owner.name as owner_name',
      jsonObjectFrom(
        eb
          .selectFrom('organisation_closure as c')
          .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
          .whereRef('c.descendant_id', '=', 'p.owner_organisation_id')
          .where('o.parent_id', 'is', null)
          .select(['o.id', 'o.name'])
          .limit(1),
      ).as('root'),
      jsonArrayFrom(
        eb
          .selectFrom('project as s')
          .whereRef('s.parent_id', '=', 'p.id')
          .select(['s.id', 's.name'])
          .orderBy(sql`s.sort_key collate "C"`),
      ).as('sub_projects'),
    ])
    .executeTakeFirst()
  if (!project) throw notFound()
  const root = project.root ?? { id: project.owner_id, name: project.owner_name }
  const subProjects = project.sub_projects
  return {
    id: project.id,
    name: project.name,
    parentId: project.parent_id,
    plannedStart: project.planned_start,
    plannedEnd: project.planned_end,
    actualEnd: project.actual_end,
    organisationId: root.id,
    organisationName: root.name,
    projectIds: [project.id, ...subProjects.map((s) => s.id)],
    subProjects,
  }
}

/** The period burn is followed over: planned start to the later of planned and actual end. */
export function followUpPeriod(ctx: Pick<ProjectContext, 'plannedStart' | 'plannedEnd' | 'actualEnd'>) {
  const end = ctx.actualEnd && ctx.actualEnd > ctx.plannedEnd ? ctx.actualEnd : ctx.plannedEnd
  return { start: ctx.plannedStart, end }
}

export async function categoriesFor(db: Kysely<Database>, organisationId: string): Promise<Category[]> {
  const row = await db
    .selectFrom('finance_settings')
    .where('organisation_id', '=', organisationId)
    .select('categories')
    .executeTakeFirst()
  return toCategories(row?.categories)
}

/** The organisation's stored list, or the defaults when it has none yet. */
export const toCategories = (stored: unknown): Category[] =>
  stored ? (stored as Category[]) : defaultCategories.map((c) => ({ ...c, active: true }))

/**
 * Actual costs that count: entered by hand, or from an import whose final transaction
 * committed it. Rows of an import still being written (or whose process died) do not.
 */
export function liveActuals(db: Kysely<Database>) {
  return db
    .selectFrom('actual_cost as a')
    .where((eb) =>
      eb.or([
        eb('a.import_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('finance_import as i')
            .whereRef('i.id', '=', 'a.import_id')
            .where('i.status', '=', 'committed')
            .select(sql`1`.as('one')),
        ),
      ]),
    )
}

/** `liveActuals` as an SQL condition on `actual_cost a`, for hand-written queries. */
export const countingCost = sql<boolean>`(a.import_id is null
  or exists (select 1 from finance_import i where i.id = a.import_id and i.status = 'committed'))`

/** Project ids as an SQL array, or `null` for every project. */
export type CostScope = RawBuilder<string[]> | null

const inScope = (column: RawBuilder<unknown>, scope: CostScope) =>
  scope ? sql`${column} = any(${scope})` : sql`true`

/** The first day of the month after a day's month. */
const nextMonth = (day: string) => sql`(${`${day.slice(0, 7)}-01`}::date + interval '1 month')::date`

/**
 * Costs that count up to and including a day, per project, year and category, as rows to sum
 * (`project_id`, `year`, `category`, `amount_ore`, `entries`): from the roll-ups
 * (cost-rollup.ts), whole years up to the day's year less what is dated after the day in that
 * year. That rest is the later months' roll-up and the entries of the day's own month after
 * it: rarely any, as costs are booked after they happen, so a total reads tens of rows, not
 * thousands of entries. A group whose `entries` sum to 0 had no entry up to the day.
 */
export function costsToDay(scope: CostScope, asOf: string) {
  const year = Number(asOf.slice(0, 4))
  const month = `${asOf.slice(0, 7)}-01`
  // Without a scope the rest of the day's month is looked up only for projects with costs in it.
  const monthProjects =
    scope ?? sql`array(select m.project_id from cost_month m where m.month = ${month}::date)`
  return sql<{ project_id: string; year: number; category: string; amount_ore: number; entries: number }>`(
    select y.project_id, y.year, y.category, y.amount_ore, y.entries from cost_year y
    where ${inScope(sql`y.project_id`, scope)} and y.year <= ${year}
    union all
    select m.project_id, ${year}::int, m.category, -m.amount_ore, -m.entries from cost_month m
    where ${inScope(sql`m.project_id`, scope)} and m.month > ${month}::date and m.month <= ${`${year}-12-01`}::date
    union all
    select a.project_id, ${year}::int, a.category, -a.amount_ore, -1 from actual_cost a
    where a.project_id = any(${monthProjects}) and a.entry_date > ${asOf}::date
      and a.entry_date < ${nextMonth(asOf)} and ${countingCost}
  )`
}

/** The same per project, month (its first day) and category, for one project's burn. */
function costsToDayByMonth(scope: RawBuilder<string[]>, asOf: string) {
  const month = `${asOf.slice(0, 7)}-01`
  return sql<{ project_id: string; month: string; category: string; amount_ore: number; entries: number }>`(
    select m.project_id, m.month, m.category, m.amount_ore, m.entries from cost_month m
    where m.project_id = any(${scope}) and m.month <= ${month}::date
    union all
    select a.project_id, ${month}::date, a.category, -a.amount_ore, -1 from actual_cost a
    where a.project_id = any(${scope}) and a.entry_date > ${asOf}::date
      and a.entry_date < ${nextMonth(asOf)} and ${countingCost}
  )`
}

export const idArray = (ids: readonly string[]) => sql<string[]>`${[...ids]}::uuid[]`

/**
 * The same array, as a subquery the planner does not look into. Given hundreds of ids as a
 * value, `= any(...)` or `in (...)` has it estimate every id against the statistics: 7 ms of
 * planning per use for a municipality's 183 projects, more than executing the query.
 */
export const manyIds = (ids: readonly string[]) => sql<string[]>`array(select unnest(${idArray(ids)}))`

/**
 * Actual costs of the projects (an SQL array of ids) per month and category, all of them or up
 * to and including `until`. Sums come as text so no driver turns a large sum into a float.
 */
export function actualsByMonthQuery(scope: RawBuilder<string[]>, until?: string) {
  const source = until
    ? costsToDayByMonth(scope, until)
    : sql`(select m.project_id, m.month, m.category, m.amount_ore, m.entries from cost_month m
        where m.project_id = any(${scope}))`
  // In parentheses, so it also serves as a subquery (a list inside another query's JSON).
  return sql<{ month: string; category: string; amount: string }>`(
    select to_char(c.month, 'YYYY-MM') as month, c.category, sum(c.amount_ore)::text as amount
    from ${source} c group by c.month, c.category having sum(c.entries) > 0)`
}

export const toMonthAmount = (r: { month: string; category: string; amount: string }) => ({
  month: r.month,
  category: r.category,
  amountOre: toOre(r.amount),
})

/** Actual costs per month and category (all of them, or up to and including `until`). */
export async function actualsByMonthCategory(db: Kysely<Database>, projectIds: string[], until?: string) {
  if (projectIds.length === 0) return []
  const { rows } = await actualsByMonthQuery(idArray(projectIds), until).execute(db)
  return rows.map(toMonthAmount)
}

export function toOre(text: string | number | null): number {
  const value = Number(text ?? 0)
  if (!Number.isSafeInteger(value)) throw new RangeError(`Sum out of range: ${text}`)
  return value
}
