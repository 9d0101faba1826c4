import type { Goal, GoalCreate, GoalPatch, GoalTree, goalKinds } from '@lagesbild/shared/api/goals'
import { renumber } from '@lagesbild/shared/domain/activity-number'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, GoalTable } from '../../db/schema.ts'
import { HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { findProjectRow, listSubProjectRefs } from '../projects/queries.ts'

registerConstraintMessages({
  goal_parent_id_fkey: {
    sv: 'Projektmålet finns inte i projektet.',
    en: 'The project goal does not exist in the project.',
  },
  goal_parent_id_check: {
    sv: 'Bara delmål kan höra till ett projektmål.',
    en: 'Only sub-goals can belong to a project goal.',
  },
  goal_title_check: { sv: 'Målet måste ha en text.', en: 'The goal needs a text.' },
})

type Db = Kysely<Database>
type GoalKind = (typeof goalKinds)[number]
type GoalT = Static<typeof Goal>
type GoalRow = Selectable<GoalTable>

async function goalRows(db: Db, projectId: string) {
  return db
    .selectFrom('goal')
    .where('project_id', '=', projectId)
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('activity')
        .whereRef('activity.goal_id', '=', 'goal.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('activity_count'),
    )
    .orderBy('kind')
    .orderBy('position')
    .execute()
}

function toGoal(row: GoalRow & { activity_count?: number | string | null }): GoalT {
  return {
    id: row.id,
    kind: row.kind as GoalKind,
    parentId: row.parent_id,
    position: row.position,
    number: row.kind === 'sub' ? row.position : null,
    title: row.title,
    description: row.description,
    activityCount: Number(row.activity_count ?? 0),
    version: row.version,
  }
}

async function treePart(db: Db, projectId: string) {
  const project = await findProjectRow(db, projectId)
  if (!project) throw notFound()
  const goals = (await goalRows(db, projectId)).map(toGoal)
  return {
    purpose: project.purpose,
    targetGroup: project.target_group,
    overall: goals.filter((g) => g.kind === 'overall'),
    project: goals.filter((g) => g.kind === 'project'),
    sub: goals.filter((g) => g.kind === 'sub'),
  }
}

/** Purpose, overall goals, project goals and numbered sub-goals, with the sub-projects' own trees. */
export async function goalTree(db: Db, projectId: string): Promise<Static<typeof GoalTree>> {
  const subs = await listSubProjectRefs(db, projectId)
  return {
    projectId,
    ...(await treePart(db, projectId)),
    subProjects: await Promise.all(
      subs.map(async (sub) => ({
        subProject: { id: sub.id, name: sub.name },
        ...(await treePart(db, sub.id)),
      })),
    ),
  }
}

async function getGoal(db: Db, projectId: string, goalId: string): Promise<GoalT> {
  const row = (await goalRows(db, projectId)).find((g) => g.id === goalId)
  if (!row) throw notFound()
  return toGoal(row)
}

async function lockGoal(trx: Db, projectId: string, goalId: string, version: number) {
  const row = await trx
    .selectFrom('goal')
    .selectAll()
    .where('id', '=', goalId)
    .where('project_id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.version !== version) throw staleVersion(await getGoal(trx, projectId, goalId))
  return row
}

async function checkParent(db: Db, projectId: string, kind: GoalKind, parentId: string | null | undefined) {
  if (!parentId) return
  const parent = await db
    .selectFrom('goal')
    .where('id', '=', parentId)
    .where('project_id', '=', projectId)
    .select('kind')
    .executeTakeFirst()
  if (kind !== 'sub' || parent?.kind !== 'project') {
    throw invalidField('parentId', 'invalid_parent', {
      sv: 'Bara ett delmål kan höra till ett mål, och då till ett projektmål i samma projekt.',
      en: 'Only a sub-goal can belong to a goal, and then to a project goal of the same project.',
    })
  }
}

async function siblings(trx: Db, projectId: string, kind: string) {
  return trx
    .selectFrom('goal')
    .where('project_id', '=', projectId)
    .where('kind', '=', kind)
    .orderBy('position')
    .selectAll()
    .forUpdate()
    .execute()
}

/**
 * Gives goals of one kind the positions 1…n in the given order. A sub-goal's number is its
 * position, so when it changes the numbers of its activities follow ("2.3" becomes "3.3").
 */
async function applyOrder(trx: Db, actorId: string, rows: GoalRow[]) {
  for (const [index, row] of rows.entries()) {
    const position = index + 1
    if (row.position === position) continue
    await trx
      .updateTable('goal')
      .set({ position, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', row.id)
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'goal',
      entityId: row.id,
      projectId: row.project_id,
      action: 'move',
      before: { title: row.title, position: row.position },
      after: { title: row.title, position },
    })
    if (row.kind === 'sub') await renumberActivities(trx, actorId, row.id, row.position, position)
  }
}

async function renumberActivities(trx: Db, actorId: string, goalId: string, from: number, to: number) {
  const activities = await trx
    .selectFrom('activity')
    .where('goal_id', '=', goalId)
    .where('number', 'is not', null)
    .select(['id', 'project_id', 'number', 'title', 'version'])
    .forUpdate()
    .execute()
  for (const activity of activities) {
    const number = renumber(activity.number ?? '', from, to)
    if (number === activity.number) continue
    await trx
      .updateTable('activity')
      .set({ number, version: activity.version + 1, updated_at: new Date() })
      .where('id', '=', activity.id)
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'activity',
      entityId: activity.id,
      projectId: activity.project_id,
      action: 'renumber',
      before: { title: activity.title, number: activity.number },
      after: { title: activity.title, number },
    })
  }
}

function placeAt<T>(list: T[], item: T, position: number): T[] {
  const rest = list.filter((x) => x !== item)
  const index = Math.min(Math.max(position - 1, 0), rest.length)
  return [...rest.slice(0, index), item, ...rest.slice(index)]
}

export async function createGoal(
  db: Db,
  actorId: string,
  projectId: string,
  input: Static<typeof GoalCreate>,
): Promise<GoalT> {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await checkParent(trx, projectId, input.kind, input.parentId)
    const existing = await siblings(trx, projectId, input.kind)
    const row = await trx
      .insertInto('goal')
      .values({
        id,
        project_id: projectId,
        kind: input.kind,
        parent_id: input.parentId ?? null,
        position: existing.length + 1,
        title: input.title.trim(),
        description: input.description ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId,
      entity: 'goal',
      entityId: id,
      projectId,
      action: 'create',
      after: { kind: row.kind, title: row.title, description: row.description, parentId: row.parent_id },
    })
    if (input.position !== undefined)
      await applyOrder(trx, actorId, placeAt([...existing, row], row, input.position))
  })
  return getGoal(db, projectId, id)
}

export async function updateGoal(
  db: Db,
  actorId: string,
  projectId: string,
  goalId: string,
  version: number,
  patch: Omit<Static<typeof GoalPatch>, 'version'>,
): Promise<GoalT> {
  await db.transaction().execute(async (trx) => {
    const before = await lockGoal(trx, projectId, goalId, version)
    if (patch.parentId !== undefined)
      await checkParent(trx, projectId, before.kind as GoalKind, patch.parentId)
    const after = await trx
      .updateTable('goal')
      .set({
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', goalId)
      .returningAll()
      .executeTakeFirstOrThrow()
    const snapshot = (g: GoalRow) => ({ title: g.title, description: g.description, parentId: g.parent_id })
    await recordAudit(trx, {
      actorId,
      entity: 'goal',
      entityId: goalId,
      projectId,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    })
  })
  return getGoal(db, projectId, goalId)
}

export async function moveGoal(
  db: Db,
  actorId: string,
  projectId: string,
  goalId: string,
  version: number,
  position: number,
) {
  await db.transaction().execute(async (trx) => {
    const goal = await lockGoal(trx, projectId, goalId, version)
    const rows = await siblings(trx, projectId, goal.kind)
    const self = rows.find((r) => r.id === goalId)
    if (self) await applyOrder(trx, actorId, placeAt(rows, self, position))
  })
  return goalTree(db, projectId)
}

export interface GoalRemoval {
  moveActivitiesTo?: string | undefined
  detachActivities?: boolean | undefined
}

/** Moves a removed sub-goal's activities under another, numbered after the ones already there. */
async function moveActivities(trx: Db, actorId: string, from: GoalRow, target: GoalRow) {
  const [moving, present] = await Promise.all([
    trx
      .selectFrom('activity')
      .where('goal_id', '=', from.id)
      .selectAll()
      .orderBy('position')
      .forUpdate()
      .execute(),
    trx.selectFrom('activity').where('goal_id', '=', target.id).select('number').execute(),
  ])
  const prefix = `${target.position}.`
  let last = Math.max(
    0,
    ...present.map((a) => (a.number?.startsWith(prefix) ? Number(a.number.split('.')[1]) || 0 : 0)),
  )
  for (const activity of moving) {
    const number = activity.number?.startsWith(`${from.position}.`)
      ? `${target.position}.${++last}`
      : activity.number
    await trx
      .updateTable('activity')
      .set({ goal_id: target.id, number, version: activity.version + 1, updated_at: new Date() })
      .where('id', '=', activity.id)
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'activity',
      entityId: activity.id,
      projectId: activity.project_id,
      action: 'move',
      before: { title: activity.title, goalId: from.id, number: activity.number },
      after: { title: activity.title, goalId: target.id, number },
    })
  }
}

export async function deleteGoal(
  db: Db,
  actorId: string,
  projectId: string,
  goalId: string,
  version: number,
  removal: GoalRemoval,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const goal = await lockGoal(trx, projectId, goalId, version)
    const children = await trx.selectFrom('goal').where('parent_id', '=', goalId).select('id').execute()
    if (children.length > 0) {
      throw new HttpProblem(409, 'goal_has_sub_goals', undefined, {
        detail: {
          sv: `Projektmålet har ${children.length} delmål. Flytta eller ta bort dem först.`,
          en: `The project goal has ${children.length} sub-goals. Move or remove them first.`,
        },
      })
    }
    const activities = await trx.selectFrom('activity').where('goal_id', '=', goalId).select('id').execute()
    if (activities.length > 0 && removal.moveActivitiesTo) {
      const target = await trx
        .selectFrom('goal')
        .selectAll()
        .where('id', '=', removal.moveActivitiesTo)
        .where('project_id', '=', projectId)
        .where('kind', '=', 'sub')
        .executeTakeFirst()
      if (!target || target.id === goalId) {
        throw invalidField('moveActivitiesTo', 'unknown_goal', {
          sv: 'Välj ett annat delmål i samma projekt att flytta aktiviteterna till.',
          en: 'Choose another sub-goal of the same project to move the activities to.',
        })
      }
      await moveActivities(trx, actorId, goal, target)
    } else if (activities.length > 0 && removal.detachActivities) {
      const detached = await trx
        .updateTable('activity')
        .set((eb) => ({ goal_id: null, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('goal_id', '=', goalId)
        .returning(['id', 'project_id', 'title'])
        .execute()
      for (const activity of detached) {
        await recordAudit(trx, {
          actorId,
          entity: 'activity',
          entityId: activity.id,
          projectId: activity.project_id,
          action: 'detach',
          before: { title: activity.title, goalId },
          after: { title: activity.title, goalId: null },
        })
      }
    } else if (activities.length > 0) {
      throw new HttpProblem(409, 'goal_has_activities', undefined, {
        detail: {
          sv: `Delmålet har ${activities.length} aktiviteter. Flytta dem till ett annat delmål eller koppla loss dem först.`,
          en: `The sub-goal has ${activities.length} activities. Move them to another sub-goal or detach them first.`,
        },
      })
    }
    await trx.deleteFrom('goal').where('id', '=', goalId).execute()
    await recordAudit(trx, {
      actorId,
      entity: 'goal',
      entityId: goalId,
      projectId,
      action: 'delete',
      before: { kind: goal.kind, title: goal.title, position: goal.position },
    })
    await applyOrder(trx, actorId, await siblings(trx, projectId, goal.kind))
  })
}
