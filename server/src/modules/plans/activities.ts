import type { Activity, ActivityCreate, ActivityPatch } from '@lagesbild/shared/api/plans'
import { compareActivityNumbers } from '@lagesbild/shared/domain/activity-number'
import type { AuditAction } from '@lagesbild/shared/domain/audit-vocabulary'
import { type CalendarDate, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { PreciseDate } from '@lagesbild/shared/domain/date-precision'
import { type ActivityStatus, deviation, outsidePeriod } from '@lagesbild/shared/domain/deviation'
import { isRunning, type LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { type Kysely, type Selectable, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { ActivityTable, Database, ProjectRow } from '../../db/schema.ts'
import { type FieldIssue, HttpProblem, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { applyDateInput, notedDateColumns, readDate } from './dates.ts'

registerConstraintMessages({
  activity_number_key: {
    sv: 'Numret används redan av en annan aktivitet i projektet.',
    en: 'The number is already used by another activity in the project.',
  },
  activity_number_check: {
    sv: 'Ange numret som 1.1, 2.10 …',
    en: 'Write the number as 1.1, 2.10 …',
  },
  activity_goal_id_fkey: {
    sv: 'Delmålet finns inte i projektet.',
    en: 'The sub-goal does not exist in the project.',
  },
  activity_planned_end_order_check: {
    sv: 'Planerat slut kan inte ligga före planerad start.',
    en: 'The planned end cannot be before the planned start.',
  },
  activity_actual_end_order_check: {
    sv: 'Faktiskt slut kan inte ligga före faktisk start.',
    en: 'The actual end cannot be before the actual start.',
  },
  milestone_approval_activity_id_fkey: {
    sv: 'En godkänd milstolpe kan inte tas bort.',
    en: 'An approved milestone cannot be removed.',
  },
})

type Db = Kysely<Database>
export type ActivityT = Static<typeof Activity>
type ActivityRow = Selectable<ActivityTable>
type Period = { start: CalendarDate; end: CalendarDate }

/** The plan a request works on: the project and its sub-projects, with the periods that bound them. */
export interface PlanScope {
  project: ProjectRow
  projects: { id: string; name: string }[]
  periods: Map<string, Period[]>
  /** Projects in the scope that are running: only their activities can be late. */
  running: Set<string>
}

const periodOf = (p: ProjectRow): Period => ({ start: p.planned_start, end: p.planned_end })

/** The project, its parent's period and its sub-projects, in one query (every plan request loads it). */
export async function loadScope(db: Db, projectId: string): Promise<PlanScope> {
  const row = await db
    .selectFrom('project')
    .leftJoin('project as parent', 'parent.id', 'project.parent_id')
    .where('project.id', '=', projectId)
    .selectAll('project')
    .select((eb) => [
      'parent.planned_start as parent_start',
      'parent.planned_end as parent_end',
      jsonArrayFrom(
        eb
          .selectFrom('project as sub')
          .whereRef('sub.parent_id', '=', 'project.id')
          .orderBy(sql`sub.sort_key collate "C"`)
          .select(['sub.id', 'sub.name', 'sub.status', 'sub.planned_start', 'sub.planned_end']),
      ).as('subs'),
    ])
    .executeTakeFirst()
  if (!row) throw notFound()
  const { parent_start, parent_end, subs, ...project } = row
  const periods = new Map<string, Period[]>()
  periods.set(
    project.id,
    parent_start && parent_end
      ? [periodOf(project), { start: parent_start, end: parent_end }]
      : [periodOf(project)],
  )
  for (const sub of subs)
    periods.set(sub.id, [{ start: sub.planned_start, end: sub.planned_end }, periodOf(project)])
  return {
    project,
    projects: [
      { id: project.id, name: project.name },
      ...subs.map((sub) => ({ id: sub.id, name: sub.name })),
    ],
    periods,
    running: new Set(
      [project, ...subs].filter((p) => isRunning(p.status as LifecycleStatus)).map((p) => p.id),
    ),
  }
}

const inScope = (scope: PlanScope, projectId: string) => scope.projects.some((p) => p.id === projectId)

/** An activity in the API's words, before the computed parts. */
export interface ActivityState {
  projectId: string
  goalId: string | null
  number: string | null
  title: string
  description: string
  responsible: string
  status: ActivityStatus
  milestone: boolean
  deviationExplanation: string
  plannedStart: PreciseDate | null
  plannedEnd: PreciseDate | null
  actualStart: PreciseDate | null
  actualEnd: PreciseDate | null
}

export function stateOf(row: ActivityRow): ActivityState {
  return {
    projectId: row.project_id,
    goalId: row.goal_id,
    number: row.number,
    title: row.title,
    description: row.description,
    responsible: row.responsible,
    status: row.status as ActivityStatus,
    milestone: row.milestone,
    deviationExplanation: row.deviation_explanation,
    plannedStart: readDate(
      row.planned_start_from,
      row.planned_start_to,
      row.planned_start_precision,
      row.planned_start_note,
    ),
    plannedEnd: readDate(
      row.planned_end_from,
      row.planned_end_to,
      row.planned_end_precision,
      row.planned_end_note,
    ),
    actualStart: readDate(
      row.actual_start_from,
      row.actual_start_to,
      row.actual_start_precision,
      row.actual_start_note,
    ),
    actualEnd: readDate(
      row.actual_end_from,
      row.actual_end_to,
      row.actual_end_precision,
      row.actual_end_note,
    ),
  }
}

export const emptyState = (projectId: string): ActivityState => ({
  projectId,
  goalId: null,
  number: null,
  title: '',
  description: '',
  responsible: '',
  status: 'planned',
  milestone: false,
  deviationExplanation: '',
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
})

type ActivityInput = Omit<Static<typeof ActivityPatch>, 'version'>

/** The state after an edit; impossible dates become issues and leave the old value. */
export function applyInput(state: ActivityState, input: ActivityInput, issues: FieldIssue[]): ActivityState {
  const text = (value: string | undefined, current: string) => (value === undefined ? current : value.trim())
  return {
    projectId: input.projectId ?? state.projectId,
    goalId: input.goalId === undefined ? state.goalId : input.goalId,
    number: input.number === undefined ? state.number : input.number,
    title: text(input.title, state.title),
    description: input.description ?? state.description,
    responsible: text(input.responsible, state.responsible),
    status: input.status ?? state.status,
    milestone: input.milestone ?? state.milestone,
    deviationExplanation: input.deviationExplanation ?? state.deviationExplanation,
    plannedStart: applyDateInput('plannedStart', state.plannedStart, input.plannedStart, issues),
    plannedEnd: applyDateInput('plannedEnd', state.plannedEnd, input.plannedEnd, issues),
    actualStart: applyDateInput('actualStart', state.actualStart, input.actualStart, issues),
    actualEnd: applyDateInput('actualEnd', state.actualEnd, input.actualEnd, issues),
  }
}

/** What validation needs to know about the rest of the plan; the import keeps it current row by row. */
export interface PlanFacts {
  subGoals: Map<string, { projectId: string; number: number }>
  numbers: Map<string, string>
}

const numberKey = (projectId: string, number: string) => `${projectId}:${number}`

export async function loadPlanFacts(db: Db, scope: PlanScope): Promise<PlanFacts> {
  const ids = scope.projects.map((p) => p.id)
  // One round trip: the update that needs these holds a transaction open meanwhile.
  const { goals, numbers } = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('goal')
          .where('project_id', 'in', ids)
          .where('kind', '=', 'sub')
          .select(['id', 'project_id', 'position']),
      ).as('goals'),
      jsonArrayFrom(
        eb
          .selectFrom('activity')
          .where('project_id', 'in', ids)
          .where('number', 'is not', null)
          .select(['id', 'project_id', 'number']),
      ).as('numbers'),
    ])
    .executeTakeFirstOrThrow()
  return {
    subGoals: new Map(goals.map((g) => [g.id, { projectId: g.project_id, number: g.position }])),
    numbers: new Map(numbers.map((a) => [numberKey(a.project_id, a.number ?? ''), a.id])),
  }
}

export function rememberNumber(facts: PlanFacts, state: ActivityState, id: string, before?: ActivityState) {
  if (before?.number) facts.numbers.delete(numberKey(before.projectId, before.number))
  if (state.number) facts.numbers.set(numberKey(state.projectId, state.number), id)
}

/** Every rule an activity must keep, as issues naming the field. */
export function validateActivity(
  scope: PlanScope,
  facts: PlanFacts,
  state: ActivityState,
  selfId: string | null,
): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!state.title) {
    issues.push({
      field: 'title',
      code: 'required',
      message: { sv: 'Aktiviteten måste ha en rubrik.', en: 'The activity needs a title.' },
    })
  }
  if (!inScope(scope, state.projectId)) {
    issues.push({
      field: 'projectId',
      code: 'not_in_plan',
      message: {
        sv: 'Aktiviteten kan bara höra till projektet eller något av dess delprojekt.',
        en: 'The activity can only belong to the project or one of its sub-projects.',
      },
    })
  }
  if (state.goalId && facts.subGoals.get(state.goalId)?.projectId !== state.projectId) {
    issues.push({
      field: 'goalId',
      code: 'unknown_goal',
      message: {
        sv: 'Delmålet finns inte i aktivitetens projekt.',
        en: "The sub-goal does not exist in the activity's project.",
      },
    })
  }
  const holder = state.number ? facts.numbers.get(numberKey(state.projectId, state.number)) : undefined
  if (holder && holder !== selfId) {
    issues.push({
      field: 'number',
      code: 'number_taken',
      message: {
        sv: `Nummer ${state.number} används redan av en annan aktivitet.`,
        en: `Number ${state.number} is already used by another activity.`,
      },
    })
  }
  if (state.plannedStart && state.plannedEnd && state.plannedEnd.to < state.plannedStart.from) {
    issues.push({
      field: 'plannedEnd',
      code: 'end_before_start',
      message: {
        sv: 'Planerat slut kan inte ligga före planerad start.',
        en: 'The planned end cannot be before the planned start.',
      },
    })
  }
  if (state.actualStart && state.actualEnd && state.actualEnd.to < state.actualStart.from) {
    issues.push({
      field: 'actualEnd',
      code: 'end_before_start',
      message: {
        sv: 'Faktiskt slut kan inte ligga före faktisk start.',
        en: 'The actual end cannot be before the actual start.',
      },
    })
  }
  return issues
}

export const invalid = (issues: FieldIssue[]) =>
  new HttpProblem(422, issues[0]?.code ?? 'invalid', undefined, {
    detail: issues[0]?.message ?? { sv: 'Uppgifterna kan inte sparas.', en: 'The data cannot be saved.' },
    errors: issues,
  })

export function columnsOf(state: ActivityState) {
  return {
    project_id: state.projectId,
    goal_id: state.goalId,
    number: state.number,
    title: state.title,
    description: state.description,
    responsible: state.responsible,
    status: state.status,
    milestone: state.milestone,
    deviation_explanation: state.deviationExplanation,
    ...notedDateColumns('planned_start', state.plannedStart),
    ...notedDateColumns('planned_end', state.plannedEnd),
    ...notedDateColumns('actual_start', state.actualStart),
    ...notedDateColumns('actual_end', state.actualEnd),
  }
}

/** Activities with their goal and their milestone approvals (oldest first), in one query. */
function activityQuery(db: Db) {
  return db
    .selectFrom('activity as a')
    .leftJoin('goal as g', 'g.id', 'a.goal_id')
    .selectAll('a')
    .select((eb) => [
      'g.position as goal_number',
      'g.title as goal_title',
      jsonArrayFrom(
        eb
          .selectFrom('milestone_approval as ma')
          .whereRef('ma.activity_id', '=', 'a.id')
          .orderBy('ma.recorded_at')
          .select(['ma.decision_id as decisionId', 'ma.recorded_at as recordedAt']),
      ).as('approvals'),
    ])
}

async function activityRows(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return []
  return activityQuery(db).where('a.project_id', 'in', projectIds).execute()
}

type JoinedRow = Awaited<ReturnType<typeof activityRows>>[number]

function toActivity(row: JoinedRow, scope: PlanScope, asOf: CalendarDate): ActivityT {
  const state = stateOf(row)
  const name = scope.projects.find((p) => p.id === row.project_id)?.name ?? ''
  const planned = { start: state.plannedStart, end: state.plannedEnd }
  return {
    id: row.id,
    project: { id: row.project_id, name },
    goal:
      row.goal_id && row.goal_number !== null && row.goal_title !== null
        ? { id: row.goal_id, number: row.goal_number, title: row.goal_title }
        : null,
    number: state.number,
    title: state.title,
    description: state.description,
    responsible: state.responsible,
    status: state.status,
    milestone: state.milestone,
    deviationExplanation: state.deviationExplanation,
    plannedStart: state.plannedStart,
    plannedEnd: state.plannedEnd,
    actualStart: state.actualStart,
    actualEnd: state.actualEnd,
    deviation: deviation({ ...state, asOf, projectRunning: scope.running.has(row.project_id) }),
    outsideProjectPeriod: (scope.periods.get(row.project_id) ?? []).some((period) =>
      outsidePeriod(planned, period),
    ),
    approvals: row.approvals.map((a) => ({
      decisionId: a.decisionId,
      recordedAt: new Date(a.recordedAt).toISOString(),
    })),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** The plan in reading order: project before sub-projects, then by number (2.10 after 2.9). */
export async function listActivities(db: Db, scope: PlanScope, asOf: CalendarDate): Promise<ActivityT[]> {
  const order = new Map(scope.projects.map((p, i) => [p.id, i]))
  const rows = await activityRows(
    db,
    scope.projects.map((p) => p.id),
  )
  rows.sort(
    (a, b) =>
      (order.get(a.project_id) ?? 0) - (order.get(b.project_id) ?? 0) ||
      compareActivityNumbers(a.number, b.number) ||
      a.position - b.position,
  )
  return rows.map((row) => toActivity(row, scope, asOf))
}

export async function getActivity(db: Db, scope: PlanScope, activityId: string, asOf = todayInSweden()) {
  const row = await activityQuery(db).where('a.id', '=', activityId).executeTakeFirst()
  if (!row || !inScope(scope, row.project_id)) throw notFound()
  return toActivity(row, scope, asOf)
}

export async function nextPosition(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('activity')
    .where('project_id', '=', projectId)
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

/** Inserts a validated activity; the caller owns the transaction and the audit's actor. */
export async function insertActivity(trx: Db, actorId: string | null, state: ActivityState): Promise<string> {
  const id = uuid()
  await trx
    .insertInto('activity')
    .values({ id, ...columnsOf(state), position: await nextPosition(trx, state.projectId) })
    .execute()
  await recordAudit(trx, {
    actorId,
    entity: 'activity',
    entityId: id,
    projectId: state.projectId,
    action: 'create',
    after: state,
  })
  return id
}

export async function writeActivity(
  trx: Db,
  actorId: string | null,
  id: string,
  version: number,
  before: ActivityState,
  after: ActivityState,
  action: Extract<AuditAction, 'update' | 'import' | 'move' | 'renumber'> = 'update',
): Promise<void> {
  await trx
    .updateTable('activity')
    .set({ ...columnsOf(after), version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
  await recordAudit(trx, {
    actorId,
    entity: 'activity',
    entityId: id,
    projectId: after.projectId,
    action,
    before,
    after,
  })
}

export async function createActivity(
  db: Db,
  actorId: string,
  scope: PlanScope,
  input: Static<typeof ActivityCreate>,
): Promise<ActivityT> {
  const issues: FieldIssue[] = []
  const state = applyInput(emptyState(scope.project.id), input, issues)
  const id = await db.transaction().execute(async (trx) => {
    issues.push(...validateActivity(scope, await loadPlanFacts(trx, scope), state, null))
    if (issues.length > 0) throw invalid(issues)
    return insertActivity(trx, actorId, state)
  })
  return getActivity(db, scope, id)
}

async function lockActivity(trx: Db, scope: PlanScope, activityId: string) {
  const row = await trx
    .selectFrom('activity')
    .selectAll()
    .where('id', '=', activityId)
    .forUpdate()
    .executeTakeFirst()
  if (!row || !inScope(scope, row.project_id)) throw notFound()
  return row
}

export async function updateActivity(
  db: Db,
  actorId: string,
  scope: PlanScope,
  activityId: string,
  version: number,
  patch: ActivityInput,
): Promise<ActivityT> {
  await db.transaction().execute(async (trx) => {
    const row = await lockActivity(trx, scope, activityId)
    if (row.version !== version) throw staleVersion(await getActivity(trx, scope, activityId))
    const before = stateOf(row)
    const issues: FieldIssue[] = []
    const after = applyInput(before, patch, issues)
    if (after.projectId !== before.projectId && patch.goalId === undefined) after.goalId = null
    issues.push(...validateActivity(scope, await loadPlanFacts(trx, scope), after, activityId))
    if (issues.length > 0) throw invalid(issues)
    await writeActivity(trx, actorId, activityId, row.version, before, after)
  })
  return getActivity(db, scope, activityId)
}

export async function deleteActivity(
  db: Db,
  actorId: string,
  scope: PlanScope,
  activityId: string,
  version: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockActivity(trx, scope, activityId)
    if (row.version !== version) throw staleVersion(await getActivity(trx, scope, activityId))
    const approved = await trx
      .selectFrom('milestone_approval')
      .where('activity_id', '=', activityId)
      .select('id')
      .executeTakeFirst()
    if (approved) {
      throw new HttpProblem(409, 'milestone_approved', undefined, {
        detail: {
          sv: 'Milstolpen är godkänd av styrgruppen och kan inte tas bort.',
          en: 'The milestone is approved by the steering group and cannot be removed.',
        },
      })
    }
    await trx.deleteFrom('activity').where('id', '=', activityId).execute()
    await recordAudit(trx, {
      actorId,
      entity: 'activity',
      entityId: activityId,
      projectId: row.project_id,
      action: 'delete',
      before: stateOf(row),
    })
  })
}
