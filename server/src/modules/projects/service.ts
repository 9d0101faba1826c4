import type { Project, ProjectCreate, ProjectPatch } from '@lagesbild/shared/api/projects'
import { projectCreatorRoles } from '@lagesbild/shared/domain/access'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import { assertNoPersonalData } from '../privacy/text-check.ts'
import { loadProjectAccess, type ProjectAccess } from './access.ts'
import { findProjectPage, findProjectRow, projectSnapshot } from './queries.ts'

registerConstraintMessages({
  project_planned_end_check: {
    sv: 'Planerat slut kan inte ligga före planerad start.',
    en: 'The planned end cannot be before the planned start.',
  },
  project_actual_end_check: {
    sv: 'Faktiskt slut kan inte ligga före planerad start.',
    en: 'The actual end cannot be before the planned start.',
  },
  project_parent_id_check: {
    sv: 'Ett delprojekt kan inte ha egna delprojekt.',
    en: 'A sub-project cannot have sub-projects of its own.',
  },
  project_programme_id_fkey: { sv: 'Programmet finns inte.', en: 'The programme does not exist.' },
  project_owner_organisation_id_fkey: {
    sv: 'Organisationen finns inte.',
    en: 'The organisation does not exist.',
  },
})

type ProjectT = Static<typeof Project>

export async function getProject(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  /** What the route's access check already loaded; saves a query per read. */
  known?: ProjectAccess,
): Promise<ProjectT> {
  const access = known ?? (await loadProjectAccess(db, user, projectId))
  if (!access) throw notFound()
  const page = await findProjectPage(db, user, projectId)
  if (!page) throw notFound()
  const { summary, row, leaders, subProjects } = page
  return {
    ...summary,
    client: row.client,
    purpose: row.purpose,
    background: row.background,
    targetGroup: row.target_group,
    leaders: leaders.map((l) => ({ person: { id: l.id, name: l.name }, from: l.from_date, to: l.to_date })),
    subProjects,
    permissions: access.capabilities,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

function checkPeriod(start: string, end: string, actualEnd: string | null) {
  if (end < start) {
    throw invalidField('plannedEnd', 'end_before_start', {
      sv: 'Planerat slut kan inte ligga före planerad start.',
      en: 'The planned end cannot be before the planned start.',
    })
  }
  if (actualEnd && actualEnd < start) {
    throw invalidField('actualEnd', 'end_before_start', {
      sv: 'Faktiskt slut kan inte ligga före planerad start.',
      en: 'The actual end cannot be before the planned start.',
    })
  }
}

export async function createProject(
  db: Kysely<Database>,
  user: AuthUser,
  input: Static<typeof ProjectCreate>,
) {
  checkPeriod(input.plannedStart, input.plannedEnd, null)
  await assertNoPersonalData(db, input.ownerOrganisationId, {
    name: input.name,
    client: input.client,
    purpose: input.purpose,
    background: input.background,
    targetGroup: input.targetGroup,
  })
  if (input.parentId) {
    const parentAccess = await loadProjectAccess(db, user, input.parentId)
    if (!parentAccess) {
      throw invalidField('parentId', 'unknown_reference', {
        sv: 'Huvudprojektet finns inte.',
        en: 'The parent project does not exist.',
      })
    }
    if (!parentAccess.capabilities.includes('project:edit')) throw forbidden()
  } else if (!(await hasRoleOver(db, user, input.ownerOrganisationId, projectCreatorRoles))) {
    throw forbidden({
      sv: 'Du kan bara skapa projekt i organisationer där du är administratör eller portföljansvarig.',
      en: 'You can only create projects in organisations where you are administrator or portfolio manager.',
    })
  }
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('project')
      .values({
        id,
        parent_id: input.parentId ?? null,
        programme_id: input.programmeId ?? null,
        owner_organisation_id: input.ownerOrganisationId,
        name: input.name.trim(),
        code: input.code?.trim() || null,
        client: input.client ?? '',
        purpose: input.purpose ?? '',
        background: input.background ?? '',
        target_group: input.targetGroup ?? '',
        planned_start: input.plannedStart,
        planned_end: input.plannedEnd,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (input.leaderPersonId) {
      await trx
        .insertInto('project_leader')
        .values({ id: uuid(), project_id: id, person_id: input.leaderPersonId, from_date: todayInSweden() })
        .execute()
    }
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'project',
      entityId: id,
      projectId: id,
      action: 'create',
      after: { ...projectSnapshot(row), leaderPersonId: input.leaderPersonId ?? null },
    })
  })
  return getProject(db, user, id)
}

export async function updateProject(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  version: number,
  patch: Omit<Static<typeof ProjectPatch>, 'version'>,
) {
  await db.transaction().execute(async (trx) => {
    const before = await findProjectRow(trx, projectId, true)
    if (!before) throw notFound()
    if (before.version !== version) throw staleVersion(await getProject(trx, user, projectId))
    checkPeriod(
      patch.plannedStart ?? before.planned_start,
      patch.plannedEnd ?? before.planned_end,
      patch.actualEnd === undefined ? before.actual_end : patch.actualEnd,
    )
    await assertNoPersonalData(trx, before.owner_organisation_id, {
      name: patch.name,
      client: patch.client,
      purpose: patch.purpose,
      background: patch.background,
      targetGroup: patch.targetGroup,
    })
    const after = await trx
      .updateTable('project')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.code !== undefined ? { code: patch.code?.trim() || null } : {}),
        ...(patch.programmeId !== undefined ? { programme_id: patch.programmeId } : {}),
        ...(patch.client !== undefined ? { client: patch.client } : {}),
        ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
        ...(patch.background !== undefined ? { background: patch.background } : {}),
        ...(patch.targetGroup !== undefined ? { target_group: patch.targetGroup } : {}),
        ...(patch.plannedStart !== undefined ? { planned_start: patch.plannedStart } : {}),
        ...(patch.plannedEnd !== undefined ? { planned_end: patch.plannedEnd } : {}),
        ...(patch.actualEnd !== undefined ? { actual_end: patch.actualEnd } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', projectId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'project',
      entityId: projectId,
      projectId,
      action: 'update',
      before: projectSnapshot(before),
      after: projectSnapshot(after),
    })
  })
  return getProject(db, user, projectId)
}
