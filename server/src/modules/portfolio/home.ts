import type { Home } from '@lagesbild/shared/api/home'
import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { inbox } from '../governance/approvals.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { dueForUser, recentReplies } from '../status-reports/service.ts'
import { filtered, listPortfolio, rowsFor } from './queries.ts'

const LIST = 20
const ENDING_SOON_DAYS = 90
const REPLY_DAYS = 60
const REPLIES = 10
const running = ['approved', 'active', 'paused']
const ended = ['completed', 'terminated', 'made_permanent', 'handed_over']

/** Late activities of running projects only: in an ended project an undone activity is "Återstår", not a task. */
async function lateActivitiesOf(db: Kysely<Database>, user: AuthUser, asOf: string) {
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('project', 'project.id', 'a.project_id')
    .where('project.status', 'in', running)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_member as m')
          .where('m.user_id', '=', user.id)
          .where((w) =>
            w.or([
              w('m.project_id', '=', w.ref('project.id')),
              w('m.project_id', '=', w.ref('project.parent_id')),
            ]),
          )
          .select(sql`1`.as('one')),
      ),
    )
    .where('a.status', 'not in', ['done', 'cancelled'])
    .where(sql`coalesce(a.planned_end_to, a.planned_start_to)`, '<', sql`${asOf}::date`)
    .select([
      'project.id as project_id',
      'project.name as project_name',
      'a.id',
      'a.title',
      'a.milestone',
      sql<string>`coalesce(a.planned_end_to, a.planned_start_to)::text`.as('due'),
      sql<number>`${asOf}::date - coalesce(a.planned_end_to, a.planned_start_to)`.as('overdue'),
    ])
    .orderBy(sql`coalesce(a.planned_end_to, a.planned_start_to)`)
    .orderBy('a.id')
    .limit(LIST)
    .execute()
  return rows.map((r) => ({
    project: { id: r.project_id, name: r.project_name },
    activity: { id: r.id, title: r.title, milestone: r.milestone },
    dueDate: r.due,
    overdueDays: Number(r.overdue),
  }))
}

/** Projects that have ended without a submitted final report, longest ago first. */
async function reportsMissing(db: Kysely<Database>, user: AuthUser, asOf: string) {
  const endDay = sql<string>`coalesce(project.actual_end, project.planned_end)`
  const rows = await db
    .selectFrom('project')
    .where(projectVisibleTo(user))
    .where('project.parent_id', 'is', null)
    .where((eb) => eb.or([eb('project.status', 'in', ended), eb(endDay, '<', asOf)]))
    .where('project.status', '!=', 'draft')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('final_report as r')
            .whereRef('r.project_id', '=', 'project.id')
            .where('r.status', '=', 'submitted')
            .select(sql`1`.as('one')),
        ),
      ),
    )
    .select((eb) => [
      'project.id',
      'project.name',
      sql<string>`${endDay}::text`.as('ended'),
      eb
        .exists(
          eb
            .selectFrom('final_report as d')
            .whereRef('d.project_id', '=', 'project.id')
            .where('d.status', '=', 'draft')
            .select(sql`1`.as('one')),
        )
        .as('has_draft'),
    ])
    .orderBy(endDay)
    .orderBy('project.id')
    .limit(LIST)
    .execute()
  return rows.map((r) => ({
    project: { id: r.id, name: r.name },
    ended: r.ended,
    hasDraft: Boolean(r.has_draft),
  }))
}

/** Per programme: how many projects, how many running, slipping and ending soon. One grouped query. */
async function programmeHealth(db: Kysely<Database>, user: AuthUser, asOf: string) {
  const soon = addDays(asOf, ENDING_SOON_DAYS)
  const runningSql = sql`project.status in ('approved', 'active', 'paused')`
  const slipping = sql`exists (select 1 from activity a
    where a.project_id = any(array(select project.id union all select s.id from project s where s.parent_id = project.id))
      and a.milestone and a.status not in ('done', 'cancelled')
      and coalesce(a.planned_end_to, a.planned_start_to) < ${asOf}::date)`
  const rows = await db
    .selectFrom('project')
    .leftJoin('programme', 'programme.id', 'project.programme_id')
    .where(projectVisibleTo(user))
    .where('project.parent_id', 'is', null)
    .groupBy(['programme.id', 'programme.name'])
    .select([
      'programme.id as programme_id',
      'programme.name as programme_name',
      sql<string>`count(*)`.as('projects'),
      sql<string>`count(*) filter (where ${runningSql})`.as('running'),
      sql<string>`count(*) filter (where ${runningSql} and ${slipping})`.as('slipping'),
      sql<string>`count(*) filter (where ${runningSql} and project.planned_end between ${asOf}::date and ${soon}::date)`.as(
        'ending',
      ),
    ])
    .orderBy('programme.name')
    .execute()
  return rows.map((r) => ({
    programme: r.programme_id && r.programme_name ? { id: r.programme_id, name: r.programme_name } : null,
    projectCount: Number(r.projects),
    runningCount: Number(r.running),
    slippingCount: Number(r.slipping),
    endingSoonCount: Number(r.ending),
  }))
}

async function endingSoon(db: Kysely<Database>, user: AuthUser, asOf: string) {
  const soon = addDays(asOf, ENDING_SOON_DAYS)
  // The next ENDING_SOON_DAYS of running projects, by the portfolio's own rows.
  const ids = await filtered(db, user, { topLevel: true })
    .where('project.status', 'in', running)
    .where('project.planned_end', '>=', asOf)
    .where('project.planned_end', '<=', soon)
    .select('project.id')
    .orderBy('project.planned_end')
    .orderBy('project.id')
    .limit(LIST)
    .execute()
  const rows = await rowsFor(
    db,
    ids.map((r) => r.id),
    asOf,
  )
  return ids.flatMap((r) => rows.get(r.id) ?? [])
}

export async function home(
  db: Kysely<Database>,
  user: AuthUser,
  asOf = todayInSweden(),
): Promise<Static<typeof Home>> {
  const roles = [...new Set(user.grants.map((g) => g.role))]
  const manages = roles.some((r) => r === 'administrator' || r === 'portfolio_manager' || r === 'viewer')
  const memberships = await db
    .selectFrom('project_member')
    .where('user_id', '=', user.id)
    .select(['role'])
    .execute()
  const leads = memberships.some((m) => m.role === 'leader')
  const [mine, late, ending, missing, health, requests, governed, due, replies] = await Promise.all([
    memberships.length > 0
      ? listPortfolio(db, user, { mine: true, sort: 'plannedEnd', limit: LIST }, asOf)
      : Promise.resolve({ items: [] }),
    memberships.length > 0 ? lateActivitiesOf(db, user, asOf) : Promise.resolve([]),
    manages ? endingSoon(db, user, asOf) : Promise.resolve([]),
    manages || memberships.length > 0 ? reportsMissing(db, user, asOf) : Promise.resolve([]),
    manages ? programmeHealth(db, user, asOf) : Promise.resolve([]),
    inbox(db, user),
    listPortfolio(db, user, { governed: true, sort: 'slip', limit: LIST }, asOf),
    dueForUser(db, user, asOf),
    leads ? recentReplies(db, user.id, addDays(asOf, -REPLY_DAYS), asOf, REPLIES) : Promise.resolve([]),
  ])
  const pending = (r: Awaited<ReturnType<typeof inbox>>['mine'][number]) => ({
    id: r.id,
    project: r.project,
    title: r.summary,
    change: r.change,
    requestedOn: r.requestedAt.slice(0, 10),
  })
  return {
    asOf,
    roles,
    leadsProjects: leads,
    memberOfProjects: memberships.length > 0,
    myProjects: mine.items,
    lateActivities: late,
    approvalsPending: requests.mine.filter((r) => r.status === 'pending').map(pending),
    toDecide: requests.toDecide.map(pending),
    upcomingMeetings: requests.upcomingMeetings.map((m) => ({
      id: m.id,
      steeringGroup: { id: m.steeringGroupId, name: m.steeringGroupName },
      date: m.date,
      place: m.place,
    })),
    governedProjects: governed.items,
    reportsDue: due.items.slice(0, LIST).map((d) => ({
      project: d.project,
      period: d.period,
      dueDate: d.periodEnd,
      hasDraft: d.draftId !== null,
    })),
    reportsToAcknowledge: requests.reportsToAcknowledge.slice(0, LIST),
    repliesToMe: replies,
    endingSoon: ending,
    reportsMissing: missing,
    programmeHealth: health,
  }
}
