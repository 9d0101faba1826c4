import type { ProjectMember, ProjectMemberAdd } from '@lagesbild/shared/api/projects'
import type { ProjectRole } from '@lagesbild/shared/domain/access'
import type { Localized } from '@lagesbild/shared/http/language'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'

type Member = Static<typeof ProjectMember>

function memberQuery(db: Kysely<Database>, projectId: string) {
  return db
    .selectFrom('project_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .where('m.project_id', '=', projectId)
    .select(['u.id', 'u.name', 'u.email', 'm.role', 'm.version'])
}

const toMember = (row: {
  id: string
  name: string
  email: string
  role: string
  version: number
}): Member => ({
  user: { id: row.id, name: row.name, email: row.email },
  role: row.role as ProjectRole,
  version: row.version,
})

export async function listMembers(db: Kysely<Database>, projectId: string) {
  const rows = await memberQuery(db, projectId).orderBy('m.role').orderBy('u.name').execute()
  return { items: rows.map(toMember) }
}

async function findMember(db: Kysely<Database>, projectId: string, userId: string) {
  const row = await memberQuery(db, projectId).where('u.id', '=', userId).executeTakeFirst()
  return row ? toMember(row) : undefined
}

async function getMember(db: Kysely<Database>, projectId: string, userId: string): Promise<Member> {
  const member = await findMember(db, projectId, userId)
  if (!member) throw notFound()
  return member
}

/** The user a POST names, by e-mail or id; a 422 naming the field when there is none. */
async function userToAdd(
  db: Kysely<Database>,
  { email, userId }: Static<typeof ProjectMemberAdd>,
): Promise<{ id: string; field: 'email' | 'userId' }> {
  if (email !== undefined && userId === undefined) {
    const user = await db
      .selectFrom('app_user')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('active', '=', true)
      .select(['id'])
      .executeTakeFirst()
    if (user) return { id: user.id, field: 'email' }
    throw invalidField('email', 'unknown_user', {
      sv: 'Det finns ingen aktiv användare med den e-postadressen.',
      en: 'There is no active user with that e-mail address.',
    })
  }
  if (userId !== undefined && email === undefined) {
    // By id an administrator may also give an invited or deactivated account a role, as the
    // invitation itself does; an erased one is gone for good.
    const user = await db
      .selectFrom('app_user')
      .where('id', '=', userId)
      .where('erasure_id', 'is', null)
      .select(['id'])
      .executeTakeFirst()
    if (user) return { id: user.id, field: 'userId' }
    throw invalidField('userId', 'unknown_user', {
      sv: 'Användaren finns inte.',
      en: 'The user does not exist.',
    })
  }
  throw invalidField('email', email === undefined ? 'required' : 'email_or_user', {
    sv: 'Ange antingen e-postadressen eller användaren, inte båda.',
    en: 'Give either the e-mail address or the user, not both.',
  })
}

export async function addMember(
  db: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  input: Static<typeof ProjectMemberAdd>,
): Promise<Member> {
  const user = await userToAdd(db, input)
  await db
    .transaction()
    .execute((trx) => insertMember(trx, actor, projectId, user.id, input.role, user.field))
  return getMember(db, projectId, user.id)
}

/**
 * Gives a user a role in a project, inside the caller's transaction (which also audits it). A user
 * who already has a role gets 409 naming `field`: adding is not a way to change a role without the
 * version, and the client should see the role someone else gave first.
 */
export async function insertMember(
  trx: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  userId: string,
  role: ProjectRole,
  field = 'email',
): Promise<void> {
  // On a concurrent insert of the same pair PostgreSQL waits for the other transaction, then
  // does nothing: exactly one of them adds the member, the other gets the 409 below.
  const inserted = await trx
    .insertInto('project_member')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
    .returning('version')
    .executeTakeFirst()
  if (!inserted) {
    const message: Localized = {
      sv: 'Användaren är redan med i projektet. Ändra rollen i listan i stället.',
      en: 'The user is already a member of the project. Change the role in the list instead.',
    }
    throw new HttpProblem(409, 'already_member', undefined, {
      detail: message,
      errors: [{ field, code: 'already_member', message }],
      current: await findMember(trx, projectId, userId),
    })
  }
  await recordAudit(trx, {
    actorId: actor.id,
    entity: 'project_member',
    entityId: userId,
    projectId,
    action: 'create',
    after: { role },
  })
}

/** The member row, locked for the change, if it is still at the version the client read. */
async function lockedAt(trx: Kysely<Database>, projectId: string, userId: string, version: number) {
  const before = await trx
    .selectFrom('project_member')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .select(['role', 'version'])
    .forUpdate()
    .executeTakeFirst()
  if (!before) throw notFound()
  if (before.version !== version) throw staleVersion(await getMember(trx, projectId, userId))
  return before
}

/** Changes a member's role if the member is still at the version the client read. */
export async function setRole(
  db: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  userId: string,
  version: number,
  role: ProjectRole,
): Promise<Member> {
  await db.transaction().execute(async (trx) => {
    const before = await lockedAt(trx, projectId, userId, version)
    await trx
      .updateTable('project_member')
      .set({ role, version: before.version + 1 })
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'project_member',
      entityId: userId,
      projectId,
      action: 'update',
      before: { role: before.role },
      after: { role },
    })
  })
  return getMember(db, projectId, userId)
}

/**
 * Takes a user out of the project if the member is still at the version the client read: a role
 * changed meanwhile gets 409 with the current member, so nobody removes a role they have not seen.
 */
export async function removeMember(
  db: Kysely<Database>,
  actor: AuthUser,
  projectId: string,
  userId: string,
  version: number,
) {
  await db.transaction().execute(async (trx) => {
    const before = await lockedAt(trx, projectId, userId, version)
    await trx
      .deleteFrom('project_member')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'project_member',
      entityId: userId,
      projectId,
      action: 'delete',
      before: { role: before.role },
    })
  })
}
