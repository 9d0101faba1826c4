import type { Efterkalkyl } from '@lagesbild/shared/api/plans'
import { type CalendarDate, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import { HttpProblem, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { type ActivityT, listActivities, loadScope, type PlanScope } from './activities.ts'

/*
 * What other modules may ask of plans. Status reports, the final report and governance call
 * these instead of reading the plan tables. (freezeBaseline lives in baselines.ts, goalTree in
 * goals.ts.)
 */

type Db = Kysely<Database>

function projectPeriod(scope: PlanScope) {
  return {
    id: scope.project.id,
    name: scope.project.name,
    plannedStart: scope.project.planned_start,
    plannedEnd: scope.project.planned_end,
    actualEnd: scope.project.actual_end,
  }
}

/** The activity plan of a project and its sub-projects with deviations as of a day. */
export async function activityPlan(db: Db, projectId: string, asOf: CalendarDate = todayInSweden()) {
  const scope = await loadScope(db, projectId)
  return {
    project: projectPeriod(scope),
    projects: scope.projects.map((p) => ({ ...p, running: scope.running.has(p.id) })),
    asOf,
    items: await listActivities(db, scope, asOf),
  }
}

/** Activities whose planned end has passed without being done or cancelled (for status reports). */
export async function listLateActivities(
  db: Db,
  projectId: string,
  asOf: CalendarDate = todayInSweden(),
): Promise<ActivityT[]> {
  const plan = await activityPlan(db, projectId, asOf)
  return plan.items.filter((a) => a.deviation.late)
}

/** The Efterkalkyl table of the final report: Kalkyl, Utfall, Differens, Återstår, per sub-project. */
export async function efterkalkyl(
  db: Db,
  projectId: string,
  asOf: CalendarDate = todayInSweden(),
): Promise<Static<typeof Efterkalkyl>> {
  const plan = await activityPlan(db, projectId, asOf)
  const groups = plan.projects
    .map((project) => ({
      project: { id: project.id, name: project.name },
      rows: plan.items
        .filter((a) => a.project.id === project.id)
        .map((a) => ({
          activityId: a.id,
          number: a.number,
          title: a.title,
          status: a.status,
          plannedStart: a.plannedStart,
          plannedEnd: a.plannedEnd,
          actualStart: a.actualStart,
          actualEnd: a.actualEnd,
          deviation: a.deviation,
          explanation: a.deviationExplanation,
        })),
    }))
    .filter((group) => group.rows.length > 0)
  return { project: plan.project, asOf, groups }
}

/** Whether an activity is a milestone, and which decisions approved it; null if there is no such activity. */
export async function milestoneOf(db: Db, activityId: string) {
  const row = await db
    .selectFrom('activity')
    .where('id', '=', activityId)
    .select(['id', 'project_id', 'title', 'milestone'])
    .executeTakeFirst()
  if (!row) return null
  const approvals = await db
    .selectFrom('milestone_approval')
    .where('activity_id', '=', activityId)
    .orderBy('recorded_at')
    .select(['decision_id', 'recorded_at'])
    .execute()
  return {
    activityId: row.id,
    projectId: row.project_id,
    title: row.title,
    milestone: row.milestone,
    approvals: approvals.map((a) => ({
      decisionId: a.decision_id,
      recordedAt: new Date(a.recorded_at).toISOString(),
    })),
  }
}

/**
 * Records that a steering-group decision approved a milestone, inside the approving transaction.
 * The record is immutable; an activity that is not a milestone is refused.
 */
export async function recordMilestoneApproval(
  trx: Db,
  input: { activityId: string; decisionId: string; actorId?: string | null },
): Promise<string> {
  const activity = await trx
    .selectFrom('activity')
    .where('id', '=', input.activityId)
    .select(['id', 'project_id', 'title', 'milestone'])
    .forUpdate()
    .executeTakeFirst()
  if (!activity) throw notFound()
  if (!activity.milestone) {
    throw new HttpProblem(409, 'not_a_milestone', undefined, {
      detail: {
        sv: 'Aktiviteten är ingen milstolpe och kan inte godkännas som en.',
        en: 'The activity is not a milestone and cannot be approved as one.',
      },
    })
  }
  const id = uuid()
  await trx
    .insertInto('milestone_approval')
    .values({ id, activity_id: input.activityId, decision_id: input.decisionId })
    .execute()
  await recordAudit(trx, {
    actorId: input.actorId ?? null,
    entity: 'activity',
    entityId: input.activityId,
    projectId: activity.project_id,
    action: 'approve_milestone',
    after: { title: activity.title, decisionId: input.decisionId },
  })
  return id
}
