import type { SsoFailure } from '@lagesbild/shared/api/sso'
import { type OrganisationRole, organisationRoles } from '@lagesbild/shared/domain/access'
import { type Kysely, sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import type { OidcConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { recordAudit } from '../audit/record.ts'
import { type SessionLifetime, type SessionStart, startSession } from '../auth/service.ts'

/** Ends the attempt on the login page with a reason; never a session. */
export class SsoFailureError extends Error {
  readonly reason: SsoFailure
  constructor(reason: SsoFailure, message?: string) {
    super(message ?? reason)
    this.reason = reason
  }
}

/** Who the provider says the person is, after the tokens were checked. */
export interface SsoIdentity {
  issuer: string
  subject: string
  email: string | undefined
  emailVerified: boolean
  name: string | undefined
  /** Roles from the configured claim; undefined when no claim is configured or sent. */
  roles: OrganisationRole[] | undefined
}

const isRole = (value: string): value is OrganisationRole =>
  (organisationRoles as readonly string[]).includes(value)

/** Claim values (an array, or one string of values separated by spaces or commas) to roles. */
export function rolesFromClaim(
  value: unknown,
  map: Record<string, OrganisationRole>,
): OrganisationRole[] | undefined {
  if (value === undefined || value === null) return undefined
  const values = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/[\s,]+/)
      : []
  const roles = new Set<OrganisationRole>()
  for (const v of values) {
    const mapped = map[v] ?? (isRole(v) ? v : undefined)
    if (mapped) roles.add(mapped)
  }
  return [...roles]
}

type Trx = Kysely<Database>

async function findUser(trx: Trx, settings: OidcConfig, identity: SsoIdentity) {
  const columns = [
    'id',
    'email',
    'active',
    'erasure_id',
    'oidc_subject',
    'organisation_id',
    'version',
  ] as const
  const linked = await trx
    .selectFrom('app_user')
    .where('oidc_issuer', '=', identity.issuer)
    .where('oidc_subject', '=', identity.subject)
    .select(columns)
    .forUpdate()
    .executeTakeFirst()
  if (linked) return { user: linked, linkedNow: false }
  if (!settings.matchByEmail || !identity.email || !identity.emailVerified) return undefined
  const email = identity.email
  const byEmail = await trx
    .selectFrom('app_user')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .select(columns)
    .forUpdate()
    .executeTakeFirst()
  // An account already linked to another subject is not taken over by a matching address.
  if (!byEmail || byEmail.oidc_subject !== null) return undefined
  return { user: byEmail, linkedNow: true }
}

async function createUser(trx: Trx, settings: OidcConfig, identity: SsoIdentity): Promise<string> {
  const organisationId = settings.organisationId
  if (!identity.email) throw new SsoFailureError('email_missing')
  if (!organisationId) throw new SsoFailureError('unknown_user')
  const exists = await trx
    .selectFrom('organisation')
    .where('id', '=', organisationId)
    .select('id')
    .executeTakeFirst()
  if (!exists)
    throw new SsoFailureError('unknown_user', `OIDC_ORGANISATION_ID ${organisationId} does not exist`)
  const id = uuid()
  const name = identity.name?.trim() || identity.email
  await trx
    .insertInto('app_user')
    .values({
      id,
      email: identity.email.trim(),
      name: name.slice(0, 200),
      organisation_id: organisationId,
      oidc_issuer: identity.issuer,
      oidc_subject: identity.subject,
      active: true,
    })
    .execute()
  const roles = identity.roles ?? (settings.defaultRole ? [settings.defaultRole] : [])
  if (roles.length > 0) {
    await trx
      .insertInto('role_grant')
      .values(roles.map((role) => ({ user_id: id, role, organisation_id: organisationId })))
      .execute()
  }
  await recordAudit(trx, {
    actorId: id,
    entity: 'user',
    entityId: id,
    action: 'create_via_sso',
    after: { email: identity.email, name, organisationId, roles, issuer: identity.issuer },
  })
  return id
}

/**
 * The provider's claim decides the roles on the configured organisation: grants there are
 * set to exactly those, at every login, so a role withdrawn at the provider is withdrawn here.
 */
async function syncRoles(trx: Trx, settings: OidcConfig, userId: string, roles: OrganisationRole[]) {
  const organisationId = settings.organisationId
  if (!organisationId) return
  const current = await trx
    .selectFrom('role_grant')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .select('role')
    .execute()
  const before = current.map((g) => g.role).sort()
  const after = [...roles].sort()
  if (before.join() === after.join()) return
  await trx
    .deleteFrom('role_grant')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .execute()
  if (after.length > 0) {
    await trx
      .insertInto('role_grant')
      .values(after.map((role) => ({ user_id: userId, role, organisation_id: organisationId })))
      .execute()
  }
  await trx
    .updateTable('app_user')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', userId)
    .execute()
  await recordAudit(trx, {
    actorId: userId,
    entity: 'user',
    entityId: userId,
    action: 'roles_from_sso',
    before: { roles: before.map((role) => ({ role, organisationId })) },
    after: { roles: after.map((role) => ({ role, organisationId })) },
  })
}

/** An invited person who signs in with their organisation's account has accepted the invitation. */
async function acceptPendingInvitation(trx: Trx, userId: string): Promise<boolean> {
  const accepted = await trx
    .updateTable('invitation')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('id')
    .execute()
  return accepted.length > 0
}

/** Finds, links or creates the account of a checked identity, and opens a session for it. */
export async function signInWithIdentity(
  db: Kysely<Database>,
  settings: OidcConfig,
  identity: SsoIdentity,
  lifetime: SessionLifetime,
  userAgent: string | undefined,
): Promise<SessionStart> {
  return db.transaction().execute(async (trx) => {
    const found = await findUser(trx, settings, identity)
    let userId: string
    if (!found) {
      if (!settings.createUsers) throw new SsoFailureError('unknown_user')
      userId = await createUser(trx, settings, identity)
    } else {
      const { user, linkedNow } = found
      userId = user.id
      if (user.erasure_id) throw new SsoFailureError('unknown_user')
      if (!user.active) {
        if (!(await acceptPendingInvitation(trx, user.id))) throw new SsoFailureError('deactivated')
        await trx
          .updateTable('app_user')
          .set({ active: true, version: user.version + 1, updated_at: new Date() })
          .where('id', '=', user.id)
          .execute()
        await recordAudit(trx, {
          actorId: user.id,
          entity: 'user',
          entityId: user.id,
          action: 'accept_invitation',
          after: { via: 'sso' },
        })
      }
      if (linkedNow) {
        await trx
          .updateTable('app_user')
          .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
          .where('id', '=', user.id)
          .execute()
        await recordAudit(trx, {
          actorId: user.id,
          entity: 'user',
          entityId: user.id,
          action: 'link_sso',
          after: { issuer: identity.issuer },
        })
      }
      if (identity.roles) await syncRoles(trx, settings, user.id, identity.roles)
    }
    return startSession(trx, userId, 'oidc', lifetime, userAgent)
  })
}
