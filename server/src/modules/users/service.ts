import type {
  GrantInput,
  InvitationCreate,
  InvitationInfo,
  IssuedLink,
  UserDetail,
  UserPatch,
} from '@lagesbild/shared/api/users'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import { type AuthUser, hashToken, newToken } from '../../plugins/auth.ts'
import { forbidden, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { assertPasswordAllowed, type PasswordPolicyOptions } from '../auth/password-policy.ts'
import { hashPassword } from '../auth/passwords.ts'
import { type SessionLifetime, type SessionStart, startSession } from '../auth/service.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import { loadProjectAccess } from '../projects/access.ts'
import { insertMember } from '../projects/members.ts'
import { administratorGrantsOf, assertAdministratorsRemain, lockAdministrators } from './administrators.ts'
import { findUserDetail } from './queries.ts'

registerConstraintMessages({
  app_user_email_key: {
    sv: 'Det finns redan en användare med den e-postadressen.',
    en: 'There is already a user with that e-mail address.',
  },
  app_user_organisation_id_fkey: {
    sv: 'Organisationen finns inte.',
    en: 'The organisation does not exist.',
  },
  app_user_person_id_fkey: {
    sv: 'Personen finns inte i personregistret.',
    en: 'The person is not in the staff register.',
  },
})

type Detail = Static<typeof UserDetail>
type Grant = Static<typeof GrantInput>
type Link = Static<typeof IssuedLink>

export interface LinkOptions {
  /** Origin the person opens the link on, e.g. https://lagesbild.lulea.se */
  baseUrl: string
  ttlHours: number
}

const ADMIN = ['administrator'] as const

export async function getUser(db: Kysely<Database>, actor: AuthUser, id: string): Promise<Detail> {
  const user = await findUserDetail(db, actor, id)
  if (!user) throw notFound()
  return user
}

async function assertAdministers(
  db: Kysely<Database>,
  actor: AuthUser,
  organisationId: string,
  field: string,
) {
  if (await hasRoleOver(db, actor, organisationId, ADMIN)) return
  throw forbidden({
    sv: `Du är inte administratör för organisationen i fältet ${field}.`,
    en: `You are not an administrator of the organisation in the field ${field}.`,
  })
}

async function assertPersonUsable(db: Kysely<Database>, actor: AuthUser, personId: string) {
  const person = await db
    .selectFrom('person')
    .where('id', '=', personId)
    .select(['organisation_id', 'erasure_id'])
    .executeTakeFirst()
  if (!person || person.erasure_id || !(await hasRoleOver(db, actor, person.organisation_id, ADMIN))) {
    throw invalidField('personId', 'unknown_reference', {
      sv: 'Personen finns inte bland de organisationer du administrerar.',
      en: 'The person is not among the organisations you administer.',
    })
  }
}

const grantKey = (g: { role: string; organisationId: string }) => `${g.role}@${g.organisationId}`

function buildLink(
  token: string,
  purpose: 'invite' | 'password_reset',
  expiresAt: Date,
  options: LinkOptions,
): Link {
  // The token travels in the fragment: browsers never send it to a server or in a Referer.
  return { purpose, url: `${options.baseUrl}/invitation#${token}`, expiresAt: expiresAt.toISOString() }
}

/** Revokes the user's open links and issues a new one, inside the caller's transaction. */
async function writeLink(
  trx: Kysely<Database>,
  actor: AuthUser,
  userId: string,
  purpose: 'invite' | 'password_reset',
  options: LinkOptions,
): Promise<Link> {
  await trx
    .updateTable('invitation')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
  const token = newToken()
  const id = uuid()
  const row = await trx
    .insertInto('invitation')
    .values({
      id,
      user_id: userId,
      token_hash: hashToken(token),
      purpose,
      created_by: actor.id,
      expires_at: sql<Date>`now() + make_interval(hours => ${options.ttlHours})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    actorId: actor.id,
    entity: 'user',
    entityId: userId,
    action: purpose === 'invite' ? 'issue_invitation' : 'issue_password_reset',
    after: { linkId: id, expiresAt: new Date(row.expires_at).toISOString() },
  })
  return buildLink(token, purpose, new Date(row.expires_at), options)
}

export async function inviteUser(
  db: Kysely<Database>,
  actor: AuthUser,
  input: Static<typeof InvitationCreate>,
  options: LinkOptions,
): Promise<{ user: Detail; link: Link }> {
  await assertAdministers(db, actor, input.organisationId, 'organisationId')
  for (const [i, grant] of input.roles.entries()) {
    await assertAdministers(db, actor, grant.organisationId, `roles.${i}.organisationId`)
  }
  for (const [i, membership] of input.projects.entries()) {
    const access = await loadProjectAccess(db, actor, membership.projectId)
    if (!access?.capabilities.includes('project:members')) {
      throw invalidField(`projects.${i}.projectId`, 'unknown_reference', {
        sv: 'Projektet finns inte, eller så får du inte ändra dess medlemmar.',
        en: 'The project does not exist, or you may not change its members.',
      })
    }
  }
  if (input.personId) await assertPersonUsable(db, actor, input.personId)
  const id = uuid()
  const email = input.email.trim()
  const roles = [...new Map(input.roles.map((g) => [grantKey(g), g])).values()]
  const link = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_user')
      .values({
        id,
        email,
        name: input.name.trim(),
        organisation_id: input.organisationId,
        person_id: input.personId ?? null,
        password_hash: null,
        active: false,
      })
      .execute()
    if (roles.length > 0) {
      await trx
        .insertInto('role_grant')
        .values(roles.map((g) => ({ user_id: id, role: g.role, organisation_id: g.organisationId })))
        .execute()
    }
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: id,
      action: 'invite',
      after: { email, name: input.name.trim(), organisationId: input.organisationId, roles },
    })
    // The same project twice in one invitation: the last role given wins, as in one form.
    const projects = new Map(input.projects.map((m) => [m.projectId, m.role]))
    for (const [projectId, role] of projects) {
      await insertMember(trx, actor, projectId, id, role, 'projects')
    }
    return writeLink(trx, actor, id, 'invite', options)
  })
  return { user: await getUser(db, actor, id), link }
}

/** Locks the user row for a change and checks the version the client read. */
async function lockUser(trx: Kysely<Database>, actor: AuthUser, id: string, version: number | undefined) {
  const row = await trx.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw notFound()
  if (version !== undefined && row.version !== version) throw staleVersion(await getUser(trx, actor, id))
  if (row.erasure_id) {
    throw new HttpProblem(409, 'erased', undefined, {
      detail: {
        sv: 'Användaren är raderad (pseudonymiserad) och kan inte ändras.',
        en: 'The user has been erased (pseudonymised) and cannot be changed.',
      },
    })
  }
  return row
}

const bumpVersion = (trx: Kysely<Database>, id: string, version: number) =>
  trx
    .updateTable('app_user')
    .set({ version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .execute()

export async function updateUser(
  db: Kysely<Database>,
  actor: AuthUser,
  id: string,
  version: number,
  patch: Omit<Static<typeof UserPatch>, 'version'>,
): Promise<Detail> {
  await getUser(db, actor, id)
  if (patch.organisationId) await assertAdministers(db, actor, patch.organisationId, 'organisationId')
  if (patch.personId) await assertPersonUsable(db, actor, patch.personId)
  await db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, actor, id, version)
    const after = await trx
      .updateTable('app_user')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
        ...(patch.personId !== undefined ? { person_id: patch.personId } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const view = (r: typeof before) => ({
      name: r.name,
      organisationId: r.organisation_id,
      personId: r.person_id,
    })
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: id,
      action: 'update',
      before: view(before),
      after: view(after),
    })
  })
  return getUser(db, actor, id)
}

/**
 * Replaces the user's roles on organisations the actor administers with `roles`; roles
 * elsewhere are not the actor's to change and stay.
 */
export async function setUserRoles(
  db: Kysely<Database>,
  actor: AuthUser,
  id: string,
  version: number,
  roles: Grant[],
): Promise<Detail> {
  const current = await getUser(db, actor, id)
  for (const [i, grant] of roles.entries()) {
    await assertAdministers(db, actor, grant.organisationId, `roles.${i}.organisationId`)
  }
  const wanted = new Map(roles.map((g) => [grantKey(g), g]))
  const removable = current.roles.filter((g) => g.manageable && !wanted.has(grantKey(g)))
  const existing = new Set(current.roles.map(grantKey))
  const added = [...wanted.values()].filter((g) => !existing.has(grantKey(g)))
  await db.transaction().execute(async (trx) => {
    await lockAdministrators(trx)
    const before = await lockUser(trx, actor, id, version)
    const adminBefore = await administratorGrantsOf(trx, id)
    for (const grant of removable) {
      await trx
        .deleteFrom('role_grant')
        .where('user_id', '=', id)
        .where('role', '=', grant.role)
        .where('organisation_id', '=', grant.organisationId)
        .execute()
    }
    if (added.length > 0) {
      await trx
        .insertInto('role_grant')
        .values(added.map((g) => ({ user_id: id, role: g.role, organisation_id: g.organisationId })))
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    if (before.active) await assertAdministratorsRemain(trx, adminBefore)
    await bumpVersion(trx, id, before.version)
    const view = (grants: { role: string; organisationId: string }[]) =>
      grants.map((g) => ({ role: g.role, organisationId: g.organisationId }))
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: id,
      action: 'roles',
      before: { roles: view(current.roles) },
      after: {
        roles: view([...current.roles.filter((g) => !removable.includes(g)), ...added]),
      },
    })
  })
  return getUser(db, actor, id)
}

const selfRefused = () =>
  new HttpProblem(409, 'self', undefined, {
    detail: {
      sv: 'Du kan inte inaktivera ditt eget konto. Be en annan administratör.',
      en: 'You cannot deactivate your own account. Ask another administrator.',
    },
  })

/** Ends access at once: the account, its sessions and its open links. */
export async function deactivateUser(
  db: Kysely<Database>,
  actor: AuthUser,
  id: string,
  version: number | undefined,
): Promise<Detail> {
  await getUser(db, actor, id)
  if (id === actor.id) throw selfRefused()
  await db.transaction().execute(async (trx) => {
    await lockAdministrators(trx)
    const before = await lockUser(trx, actor, id, version)
    await trx
      .updateTable('app_user')
      .set({ active: false, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute()
    const sessions = await trx.deleteFrom('session').where('user_id', '=', id).executeTakeFirst()
    await trx
      .updateTable('invitation')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    if (before.active) await assertAdministratorsRemain(trx, await administratorGrantsOf(trx, id))
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: id,
      action: 'deactivate',
      before: { active: before.active },
      after: { active: false, sessionsEnded: Number(sessions.numDeletedRows) },
    })
  })
  return getUser(db, actor, id)
}

export async function reactivateUser(
  db: Kysely<Database>,
  actor: AuthUser,
  id: string,
  version: number | undefined,
): Promise<Detail> {
  const current = await getUser(db, actor, id)
  if (current.status === 'invited') {
    throw new HttpProblem(409, 'invitation_pending', undefined, {
      detail: {
        sv: 'Användaren har inte tagit emot sin inbjudan än. Skapa en ny länk i stället.',
        en: 'The user has not accepted their invitation yet. Issue a new link instead.',
      },
    })
  }
  await db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, actor, id, version)
    if (before.active) return
    await trx
      .updateTable('app_user')
      .set({ active: true, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: id,
      action: 'reactivate',
      before: { active: false },
      after: { active: true },
    })
  })
  return getUser(db, actor, id)
}

/** A new one-time link: to accept the invitation while invited, to reset the password once active. */
export async function issueLink(
  db: Kysely<Database>,
  actor: AuthUser,
  id: string,
  options: LinkOptions,
): Promise<Link> {
  const current = await getUser(db, actor, id)
  if (current.status === 'erased' || current.status === 'deactivated') {
    throw new HttpProblem(409, 'inactive', undefined, {
      detail: {
        sv: 'Användaren är inaktiverad. Aktivera kontot först.',
        en: 'The user is deactivated. Reactivate the account first.',
      },
    })
  }
  const purpose = current.status === 'invited' ? 'invite' : 'password_reset'
  return db.transaction().execute(async (trx) => {
    await lockUser(trx, actor, id, undefined)
    return writeLink(trx, actor, id, purpose, options)
  })
}

const linkGone = (code: string, sv: string, en: string) =>
  new HttpProblem(
    410,
    code,
    { sv: 'Länken gäller inte längre', en: 'The link is no longer valid' },
    {
      detail: { sv, en },
    },
  )

const linkNotFound = () =>
  notFound({
    sv: 'Länken är ogiltig. Kontrollera att du fått med hela länken, eller be administratören om en ny.',
    en: 'The link is not valid. Check that you copied all of it, or ask the administrator for a new one.',
  })

async function findOpenLink(trx: Kysely<Database>, token: string, lock: boolean) {
  let q = trx
    .selectFrom('invitation as i')
    .innerJoin('app_user as u', 'u.id', 'i.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where('i.token_hash', '=', hashToken(token))
    .select([
      'i.id',
      'i.purpose',
      'i.expires_at',
      'i.used_at',
      'i.revoked_at',
      sql<boolean>`i.expires_at <= now()`.as('expired'),
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.active',
      'u.erasure_id',
      'u.version',
      'o.name as organisation_name',
    ])
  if (lock) q = q.forUpdate()
  const link = await q.executeTakeFirst()
  if (!link) throw linkNotFound()
  if (link.used_at) {
    throw linkGone(
      'invitation_used',
      'Länken har redan använts. Logga in, eller be administratören om en ny länk.',
      'The link has already been used. Log in, or ask the administrator for a new link.',
    )
  }
  if (link.revoked_at || link.erasure_id) {
    throw linkGone(
      'invitation_revoked',
      'Länken har dragits tillbaka. Be administratören om en ny.',
      'The link has been withdrawn. Ask the administrator for a new one.',
    )
  }
  if (link.expired) {
    throw linkGone(
      'invitation_expired',
      'Länken har gått ut. Be administratören om en ny.',
      'The link has expired. Ask the administrator for a new one.',
    )
  }
  return link
}

export async function lookupInvitation(
  db: Kysely<Database>,
  token: string,
): Promise<Static<typeof InvitationInfo>> {
  const link = await findOpenLink(db, token, false)
  return {
    purpose: link.purpose as 'invite' | 'password_reset',
    email: link.email,
    name: link.name,
    organisationName: link.organisation_name,
    expiresAt: new Date(link.expires_at).toISOString(),
  }
}

/**
 * Sets the password with a one-time link and logs the person in. The link is used up in
 * the same transaction, so it works once; a reset also ends every earlier session.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  password: string,
  policy: PasswordPolicyOptions,
  lifetime: SessionLifetime,
  userAgent: string | undefined,
): Promise<SessionStart> {
  const preview = await findOpenLink(db, token, false)
  await assertPasswordAllowed(password, preview.email, policy)
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const link = await findOpenLink(trx, token, true)
    if (link.purpose === 'password_reset' && !link.active) {
      throw linkGone(
        'account_inactive',
        'Kontot är inaktiverat. Kontakta administratören.',
        'The account is deactivated. Contact the administrator.',
      )
    }
    await trx.updateTable('invitation').set({ used_at: sql<Date>`now()` }).where('id', '=', link.id).execute()
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, active: true, version: link.version + 1, updated_at: new Date() })
      .where('id', '=', link.user_id)
      .execute()
    await trx.deleteFrom('session').where('user_id', '=', link.user_id).execute()
    await recordAudit(trx, {
      actorId: link.user_id,
      entity: 'user',
      entityId: link.user_id,
      action: link.purpose === 'invite' ? 'accept_invitation' : 'reset_password',
      after: { linkId: link.id },
    })
    return startSession(trx, link.user_id, 'invitation', lifetime, userAgent)
  })
}
