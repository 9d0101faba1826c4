import type { ProjectMember } from '@lagesbild/shared/api/projects'
import type { ProjectRole } from '@lagesbild/shared/domain/access'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'

type Member = Static<typeof ProjectMember>

function memberQuery(db: Kysely<Database>, projectId: string) {
  return db
    .selectFrom('project_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .where('m.project_id', '=', projectId)
    .select(['u.id', 'u.name', 'u.email', 'm.role'])
}

const toMember = (row: { id: string; name: string; email: string; role: string }): Member => ({
  user: { id: row.id, name: row.name, email: row.email },
  role: row.role as ProjectRole,
})

export async function listMembers(db: Kysely<Database>, projectId: string) {
  const rows = await memberQuery(db, projectId).orderBy('m.role').orderBy('u.name').execute()
  return { items: rows.map(toMember) }
}

export async function addMember(
  db: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  email: string,
  role: ProjectRole,
): Promise<Member> {
  const user = await db
    .selectFrom('app_user')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('active', '=', true)
    .select(['id'])
    .executeTakeFirst()
  if (!user) {
    throw invalidField('email', 'unknown_user', {
      sv: 'Det finns ingen aktiv användare med den e-postadressen.',
      en: 'There is no active user with that e-mail address.',
    })
  }
  return setRole(db, actor, projectId, user.id, role)
}

export async function setRole(
  db: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<Member> {
  await db.transaction().execute((trx) => writeMember(trx, actor, projectId, userId, role))
  const row = await memberQuery(db, projectId).where('u.id', '=', userId).executeTakeFirstOrThrow()
  return toMember(row)
}

/** Gives a user a role in a project, inside the caller's transaction (which also audits it). */
export async function writeMember(
  trx: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<void> {
  const before = await trx
    .selectFrom('project_member')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .select('role')
    .forUpdate()
    .executeTakeFirst()
  if (
    !before &&
    !(await trx.selectFrom('app_user').where('id', '=', userId).select('id').executeTakeFirst())
  ) {
    throw notFound()
  }
  await trx
    .insertInto('project_member')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
    .execute()
  await recordAudit(trx, {
    actorId: actor.id,
    entity: 'project_member',
    entityId: userId,
    projectId,
    action: before ? 'update' : 'create',
    ...(before ? { before: { role: before.role } } : {}),
    after: { role },
  })
}

export async function removeMember(db: Kysely<Database>, actor: AuthUser, projectId: string, userId: string) {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('project_member')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .returning('role')
      .executeTakeFirst()
    if (!removed) throw notFound()
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'project_member',
      entityId: userId,
      projectId,
      action: 'delete',
      before: { role: removed.role },
    })
  })
}
