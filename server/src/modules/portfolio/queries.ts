import type { PortfolioQuery, PortfolioRow, PortfolioViewQuery } from '@lagesbild/shared/api/portfolio'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { isClosed, lifecycleStatuses, runningStatuses } from '@lagesbild/shared/domain/lifecycle'
import {
  defaultOrder,
  elapsedPercent,
  type PortfolioSort,
  spentPercent,
} from '@lagesbild/shared/domain/portfolio'
import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, encodeCursor } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { costsToDay, toOre } from '../finance/queries.ts'
import { projectVisibleTo } from '../projects/access.ts'

type Row = Static<typeof PortfolioRow>
/** The table's filters, and for the home page the projects governed by the user's steering groups. */
type Filters = Static<typeof PortfolioViewQuery> & { governed?: boolean }
type Eb = ExpressionBuilder<Database, 'project'>

/*
 * The portfolio read model. Every figure is an SQL aggregate over the row's project and, for a
 * top-level project, its sub-projects; a page is two queries whatever its size: the first finds
 * the page's ids in sort order (computing a sort key only when the sort needs one), the second
 * computes the columns for those ids only.
 */

/** The row's project and its sub-projects, as an array for `= any(...)` index lookups. */
const scopeIds = sql<
  string[]
>`array(select project.id union all select s.id from project s where s.parent_id = project.id)`

/** The day an open activity is due: its planned end, or its planned start when it has no end. */
const dueDay = sql`coalesce(a.planned_end_to, a.planned_start_to)`
const openActivity = sql`a.project_id = any(${scopeIds}) and a.status not in ('done', 'cancelled')`

const statusIn = (statuses: readonly string[]) =>
  sql<boolean>`project.status in (${sql.join(statuses.map((s) => sql.lit(s)))})`
/*
 * Only a running project has late activities. What an ended project left undone is "Återstår"
 * (the final report's word), counted apart; a project not yet approved has neither.
 */
const projectRuns = statusIn(runningStatuses)
const projectEnded = statusIn(lifecycleStatuses.filter(isClosed))

function worstLateMilestone(asOf: string) {
  return sql<{ id: string; title: string; days: number } | null>`(select json_build_object(
      'id', a.id, 'title', a.title, 'days', ${asOf}::date - ${dueDay})
    from activity a where ${projectRuns} and ${openActivity} and a.milestone and ${dueDay} < ${asOf}::date
    order by ${dueDay}, a.id limit 1)`
}

function lateActivityCount(asOf: string) {
  return sql<
    string | number
  >`(select count(*) from activity a where ${projectRuns} and ${openActivity} and ${dueDay} < ${asOf}::date)`
}

const remainingActivityCount = sql<
  string | number
>`(select count(*) from activity a where ${projectEnded} and ${openActivity})`

function nextMilestone(asOf: string) {
  return sql<{ id: string; title: string; date: string } | null>`(select json_build_object(
      'id', a.id, 'title', a.title, 'date', coalesce(a.planned_end_from, a.planned_start_from))
    from activity a where ${openActivity} and a.milestone and ${dueDay} >= ${asOf}::date
    order by ${dueDay}, a.id limit 1)`
}

/**
 * The current approved budget: of the project, or a sub-project's lines in its parent's budget.
 * Budget versions belong to the top-level project (see the finance module).
 */
const budgetOre = sql<string>`(select coalesce(sum(l.amount_ore), 0) from budget_line l
    join budget_version v on v.id = l.budget_version_id
    where v.project_id = coalesce(project.parent_id, project.id) and v.status = 'approved'
      and v.approval_seq = (select max(m.approval_seq) from budget_version m where m.project_id = v.project_id)
      and (project.parent_id is null or l.sub_project_id = project.id))`

/** Actual costs to a day (those that count), from finance's roll-ups. */
function spentOre(asOf: string) {
  return sql<string>`(select coalesce(sum(c.amount_ore), 0) from ${costsToDay(scopeIds, asOf)} c)`
}

/**
 * The project's latest submitted status report that no later report corrects: its lights
 * and the day it was submitted (in Sweden).
 */
const latestReport = sql`(select r.* from status_report r
    where r.project_id = project.id and r.status = 'submitted'
      and not exists (select 1 from status_report c where c.supersedes_id = r.id and c.status = 'submitted')
    order by r.period_start desc, r.submitted_at desc limit 1)`
const submittedDay = sql`to_char(lr.submitted_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD')`
const latestHealth = sql<Row['health']>`(select json_build_object('schedule', lr.schedule_light,
    'budget', lr.budget_light, 'goals', lr.goals_light, 'risks', lr.risks_light,
    'overall', lr.overall_light, 'reportedOn', ${submittedDay}) from ${latestReport} lr)`
const lastStatusReport = sql<string | null>`(select ${submittedDay} from ${latestReport} lr)`

const lifecycleRank = sql<number>`array_position(array[${sql.join(
  lifecycleStatuses.map((s) => sql.lit(s)),
)}]::text[], project.status)`

type KeyKind = 'text' | 'int' | 'date'

type Aggregate = RawBuilder<{ pid: string; value: string | number | null }>

/**
 * A sort key over the whole filtered set is read from grouped passes joined in, not from a
 * subquery per row: each groups by a plain column (the project, or its parent for the
 * sub-projects' share) so the planner estimates them well and hash-joins them.
 */
interface SortKey {
  kind: KeyKind
  expression: RawBuilder<unknown>
  /** Up to three `(pid, value)` tables the key reads as `agg1.value` … `agg3.value`. */
  aggregates?: Aggregate[]
}

const none: Aggregate = sql`(select null::uuid as pid, null::bigint as value where false)`

const openMilestone = sql`a.milestone and a.status not in ('done', 'cancelled')`

function milestoneAggregates(asOf: string, fn: 'max' | 'min'): Aggregate[] {
  const late = fn === 'max'
  const value = late ? sql`max(${asOf}::date - ${dueDay})` : sql`min(${dueDay})`
  const when = late ? sql`${dueDay} < ${asOf}::date` : sql`${dueDay} >= ${asOf}::date`
  return [
    sql`(select a.project_id as pid, ${value} as value from activity a
      where ${openMilestone} and ${when} group by a.project_id)`,
    sql`(select p.parent_id as pid, ${value} as value from activity a join project p on p.id = a.project_id
      where p.parent_id is not null and ${openMilestone} and ${when} group by p.parent_id)`,
  ]
}

function burnAggregates(asOf: string): Aggregate[] {
  const current = sql`budget_line l join budget_version v on v.id = l.budget_version_id
    join (select project_id, max(approval_seq) as seq from budget_version where status = 'approved' group by project_id) cur
      on cur.project_id = v.project_id and cur.seq = v.approval_seq`
  return [
    // A top-level project's whole budget and each sub-project's own lines: disjoint ids.
    sql`(select v.project_id as pid, sum(l.amount_ore) as value from ${current} group by v.project_id
      union all
      select l.sub_project_id, sum(l.amount_ore) from ${current} where l.sub_project_id is not null group by l.sub_project_id)`,
    sql`(select c.project_id as pid, sum(c.amount_ore) as value from ${costsToDay(null, asOf)} c
      group by c.project_id)`,
    sql`(select p.parent_id as pid, sum(c.amount_ore) as value from ${costsToDay(null, asOf)} c
      join project p on p.id = c.project_id where p.parent_id is not null group by p.parent_id)`,
  ]
}

/** Each sort as a never-null key, so a keyset cursor can compare it; empty values sort last ascending. */
function sortKey(sort: PortfolioSort, asOf: string): SortKey {
  switch (sort) {
    case 'name':
      return { kind: 'text', expression: sql`project.sort_key collate "C"` }
    case 'status':
      return { kind: 'int', expression: lifecycleRank }
    case 'plannedStart':
      return { kind: 'date', expression: sql`project.planned_start` }
    case 'plannedEnd':
      return { kind: 'date', expression: sql`project.planned_end` }
    case 'slip':
      return {
        kind: 'int',
        expression: sql`case when ${projectRuns} then coalesce(greatest(agg1.value, agg2.value), -1) else -1 end`,
        aggregates: milestoneAggregates(asOf, 'max'),
      }
    case 'nextMilestone':
      return {
        kind: 'date',
        expression: sql`coalesce(least(agg1.value, agg2.value), '9999-12-31'::date)`,
        aggregates: milestoneAggregates(asOf, 'min'),
      }
    case 'burn':
      return {
        kind: 'int',
        expression: sql`coalesce(floor((coalesce(agg2.value, 0) + coalesce(agg3.value, 0))::numeric * 10000 / nullif(agg1.value, 0)), -1)::bigint`,
        aggregates: burnAggregates(asOf),
      }
  }
}

function cursorValue(kind: KeyKind, value: string | number) {
  if (kind === 'int') return sql`${Number(value)}::bigint`
  if (kind === 'date') return sql`${String(value)}::date`
  return sql`${String(value)}::text collate "C"`
}

/** The filters of the portfolio table, on top of what the user may see. */
export function filtered(db: Kysely<Database>, user: AuthUser, filters: Filters) {
  const today = todayInSweden()
  let q = db.selectFrom('project').where(projectVisibleTo(user))
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('project.name', 'ilike', pattern), eb('project.code', 'ilike', pattern)]))
  }
  if (filters.programmeId) q = q.where('project.programme_id', '=', filters.programmeId)
  if (filters.status) q = q.where('project.status', '=', filters.status)
  if (filters.topLevel) q = q.where('project.parent_id', 'is', null)
  const ownerId = filters.ownerOrganisationId
  if (ownerId) {
    q = q.where('project.owner_organisation_id', 'in', (eb) =>
      eb.selectFrom('organisation_closure').where('ancestor_id', '=', ownerId).select('descendant_id'),
    )
  }
  if (filters.year) {
    q = q
      .where('project.planned_start', '<=', `${filters.year}-12-31`)
      .where(sql<string>`coalesce(project.actual_end, project.planned_end)`, '>=', `${filters.year}-01-01`)
  }
  const leaderId = filters.leaderPersonId
  if (leaderId) {
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('project_leader as pl')
          .whereRef('pl.project_id', '=', 'project.id')
          .where('pl.person_id', '=', leaderId)
          .where('pl.from_date', '<=', today)
          .where((w) => w.or([w('pl.to_date', 'is', null), w('pl.to_date', '>=', today)]))
          .select(sql`1`.as('one')),
      ),
    )
  }
  const groupId = filters.steeringGroupId
  if (groupId) {
    // Governed by the group at any time, itself or through its parent project.
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('steering_group_project as sgp')
          .where('sgp.steering_group_id', '=', groupId)
          .where((w) =>
            w.or([
              w('sgp.project_id', '=', w.ref('project.id')),
              w('sgp.project_id', '=', w.ref('project.parent_id')),
            ]),
          )
          .select(sql`1`.as('one')),
      ),
    )
  }
  if (filters.governed) {
    q = q.where((eb: Eb) => eb.exists(governedBy(user)))
  }
  if (filters.mine) {
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('project_member as mine')
          .where((w) =>
            w.or([
              w('mine.project_id', '=', w.ref('project.id')),
              w('mine.project_id', '=', w.ref('project.parent_id')),
            ]),
          )
          .where('mine.user_id', '=', user.id)
          .select(sql`1`.as('one')),
      ),
    )
  }
  return q
}

/** SQL: a steering group the user sits in today governs the project (or its parent) today. */
function governedBy(user: AuthUser) {
  const today = todayInSweden()
  return sql`(select 1 from steering_group_member sm
    join app_user su on su.person_id = sm.person_id
    join steering_group_project sp on sp.steering_group_id = sm.steering_group_id
    where su.id = ${user.id} and su.active
      and sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today})
      and (sp.from_date is null or sp.from_date <= ${today}) and (sp.to_date is null or sp.to_date >= ${today})
      and (sp.project_id = project.id or sp.project_id = project.parent_id))`
}

/** The ids of one page in sort order, and the cursor of the next. */
type Query = Static<typeof PortfolioQuery> & Pick<Filters, 'governed'>

export function pageQuery(db: Kysely<Database>, user: AuthUser, query: Query, asOf: string) {
  const sort = query.sort ?? 'name'
  const order = query.order ?? defaultOrder(sort)
  const limit = query.limit ?? 50
  const key = sortKey(sort, asOf)
  const after = decodeCursor(query.cursor, 2)
  // Sorts on a plain column join empty relations, which the planner drops.
  const [agg1 = none, agg2 = none, agg3 = none] = key.aggregates ?? []
  let q = filtered(db, user, query)
    .leftJoin(agg1.as('agg1'), 'agg1.pid', 'project.id')
    .leftJoin(agg2.as('agg2'), 'agg2.pid', 'project.id')
    .leftJoin(agg3.as('agg3'), 'agg3.pid', 'project.id')
    .select(['project.id', key.expression.as('sort_value')])
  if (after) {
    const [value, id] = after as [string | number, string]
    const comparison = order === 'asc' ? sql.raw('>') : sql.raw('<')
    q = q.where(
      sql<boolean>`(${key.expression}, project.id) ${comparison} (${cursorValue(key.kind, value)}, ${String(id)}::uuid)`,
    )
  }
  return {
    key,
    limit,
    query: q
      .orderBy(key.expression, order)
      .orderBy('project.id', order)
      .limit(limit + 1),
  }
}

async function pageIds(
  db: Kysely<Database>,
  user: AuthUser,
  query: Query,
  asOf: string,
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const { key, limit, query: q } = pageQuery(db, user, query, asOf)
  const rows = await q.execute()
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const cursorKey = (value: unknown): string | number =>
    key.kind === 'int' ? Number(value) : key.kind === 'date' ? dateText(value) : String(value)
  return {
    ids: items.map((r) => r.id),
    nextCursor: rows.length > limit && last ? encodeCursor([cursorKey(last.sort_value), last.id]) : null,
  }
}

/** Drivers return dates as text here, but a Date is made safe too. */
function dateText(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
}

/** Every column of the given projects, computed in one query. */
export async function rowsFor(db: Kysely<Database>, ids: string[], asOf: string): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map()
  const today = todayInSweden()
  const rows = await db
    .selectFrom('project')
    .innerJoin('organisation as owner', 'owner.id', 'project.owner_organisation_id')
    .leftJoin('programme', 'programme.id', 'project.programme_id')
    .leftJoin('project as parent', 'parent.id', 'project.parent_id')
    .where('project.id', 'in', ids)
    .select((eb) => [
      'project.id',
      'project.name',
      'project.code',
      'project.status',
      'project.planned_start',
      'project.planned_end',
      'project.actual_end',
      'owner.id as owner_id',
      'owner.name as owner_name',
      'programme.id as programme_id',
      'programme.name as programme_name',
      'parent.id as parent_id',
      'parent.name as parent_name',
      eb
        .selectFrom('project_leader as l')
        .innerJoin('person', 'person.id', 'l.person_id')
        .whereRef('l.project_id', '=', 'project.id')
        .where('l.from_date', '<=', today)
        .orderBy('l.to_date', (ob) => ob.desc().nullsFirst())
        .orderBy('l.from_date', 'desc')
        .select(
          sql<{ id: string; name: string }>`json_build_object('id', person.id, 'name', person.name)`.as('x'),
        )
        .limit(1)
        .as('leader'),
      latestHealth.as('health'),
      lastStatusReport.as('last_status_report'),
      worstLateMilestone(asOf).as('slip'),
      lateActivityCount(asOf).as('late_count'),
      remainingActivityCount.as('remaining_count'),
      nextMilestone(asOf).as('next_milestone'),
      budgetOre.as('budget_ore'),
      spentOre(asOf).as('spent_ore'),
    ])
    .execute()
  return new Map(
    rows.map((r) => {
      const budget = toOre(r.budget_ore)
      const spent = toOre(r.spent_ore)
      const end = r.actual_end ?? r.planned_end
      const row: Row = {
        id: r.id,
        name: r.name,
        code: r.code,
        status: r.status as LifecycleStatus,
        parent: r.parent_id && r.parent_name ? { id: r.parent_id, name: r.parent_name } : null,
        programme: r.programme_id && r.programme_name ? { id: r.programme_id, name: r.programme_name } : null,
        ownerOrganisation: { id: r.owner_id, name: r.owner_name },
        leader: r.leader ?? null,
        plannedStart: r.planned_start,
        plannedEnd: r.planned_end,
        actualEnd: r.actual_end,
        health: r.health ?? null,
        slip: r.slip ? { days: r.slip.days, activity: { id: r.slip.id, title: r.slip.title } } : null,
        lateActivityCount: Number(r.late_count),
        remainingActivityCount: Number(r.remaining_count),
        burn: {
          budgetOre: budget,
          spentOre: spent,
          spentPercent: spentPercent(spent, budget),
          timePercent: elapsedPercent(r.planned_start, end, asOf),
        },
        nextMilestone: r.next_milestone
          ? { id: r.next_milestone.id, title: r.next_milestone.title, date: dateText(r.next_milestone.date) }
          : null,
        lastStatusReport: r.last_status_report ? dateText(r.last_status_report) : null,
      }
      return [r.id, row]
    }),
  )
}

export async function listPortfolio(
  db: Kysely<Database>,
  user: AuthUser,
  query: Query,
  asOf: string = todayInSweden(),
) {
  const page = await pageIds(db, user, query, asOf)
  const rows = await rowsFor(db, page.ids, asOf)
  return {
    items: page.ids.flatMap((id) => rows.get(id) ?? []),
    nextCursor: page.nextCursor,
    asOf,
  }
}

/** Every row of a filtered, sorted portfolio, a page at a time (for exports and overviews). */
export async function allPortfolioRows(
  db: Kysely<Database>,
  user: AuthUser,
  filters: Filters,
  asOf: string = todayInSweden(),
  max = 20_000,
): Promise<Row[]> {
  const rows: Row[] = []
  let cursor: string | undefined
  do {
    const page = await listPortfolio(db, user, { ...filters, limit: 1000, cursor }, asOf)
    rows.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && rows.length < max)
  return rows
}
