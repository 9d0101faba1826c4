import type { Me } from '@lagesbild/shared/api/auth'
import type { OrganisationRole, ProjectRole } from '@lagesbild/shared/domain/access'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import { type AuthUser, hashToken, newToken } from '../../plugins/auth.ts'
import { HttpProblem } from '../../plugins/problem.ts'
import { verifyPassword } from './passwords.ts'

const WINDOW_MINUTES = 15
const MAX_FAILURES_PER_ACCOUNT = 10
const MAX_FAILURES_PER_ADDRESS = 50

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
const addressKey = (ip: string) => `address:${ip}`

async function failuresSince(db: Kysely<Database>, key: string) {
  const row = await db
    .selectFrom('login_attempt')
    .where('key', '=', key)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const tooMany = () =>
  new HttpProblem(429, 'too_many_attempts', undefined, {
    detail: {
      sv: `För många misslyckade inloggningar. Vänta ${WINDOW_MINUTES} minuter och försök igen.`,
      en: `Too many failed logins. Wait ${WINDOW_MINUTES} minutes and try again.`,
    },
    headers: { 'retry-after': String(WINDOW_MINUTES * 60) },
  })

const invalidCredentials = () =>
  new HttpProblem(401, 'invalid_credentials', undefined, {
    detail: { sv: 'Fel e-postadress eller lösenord.', en: 'Wrong e-mail address or password.' },
  })

export interface SessionStart {
  token: string
  userId: string
}

export type AuthMethod = 'password' | 'oidc' | 'invitation'

export interface SessionLifetime {
  ttlHours: number
  maxHours: number
}

/**
 * Opens a new session for a user who has just proven who they are: always a fresh id,
 * so a session id planted before login is worth nothing (no fixation). Call it inside
 * the transaction that accepted the proof.
 */
export async function startSession(
  trx: Kysely<Database>,
  userId: string,
  method: AuthMethod,
  lifetime: SessionLifetime,
  userAgent: string | undefined,
): Promise<SessionStart> {
  const token = newToken()
  await trx
    .deleteFrom('session')
    .where('user_id', '=', userId)
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute()
  await trx
    .insertInto('session')
    .values({
      id_hash: hashToken(token),
      id: uuid(),
      user_id: userId,
      csrf_token: newToken(),
      auth_method: method,
      user_agent: userAgent ? userAgent.slice(0, 300) : null,
      absolute_expires_at: sql<Date>`now() + make_interval(hours => ${lifetime.maxHours})`,
      expires_at: sql<Date>`now() + make_interval(hours => ${Math.min(lifetime.ttlHours, lifetime.maxHours)})`,
    })
    .execute()
  await trx
    .updateTable('app_user')
    .set({ last_login_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .execute()
  return { token, userId }
}

/** Checks the password and opens a new session: a fresh id at every login, so no fixation. */
export async function logIn(
  db: Kysely<Database>,
  email: string,
  password: string,
  ip: string,
  lifetime: SessionLifetime,
  userAgent: string | undefined,
): Promise<SessionStart> {
  const keys = [accountKey(email), addressKey(ip)]
  if (
    (await failuresSince(db, keys[0]!)) >= MAX_FAILURES_PER_ACCOUNT ||
    (await failuresSince(db, keys[1]!)) >= MAX_FAILURES_PER_ADDRESS
  ) {
    throw tooMany()
  }
  const user = await db
    .selectFrom('app_user')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('active', '=', true)
    .select(['id', 'password_hash'])
    .executeTakeFirst()
  const ok = await verifyPassword(user?.password_hash ?? null, password)
  if (!user || !ok) {
    await db
      .insertInto('login_attempt')
      .values(keys.map((key) => ({ key })))
      .execute()
    await db.deleteFrom('login_attempt').where('at', '<', sql<Date>`now() - interval '1 day'`).execute()
    throw invalidCredentials()
  }
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempt').where('key', '=', keys[0]!).execute()
    return startSession(trx, user.id, 'password', lifetime, userAgent)
  })
}

export async function logOut(db: Kysely<Database>, idHash: string) {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute()
}

export async function describeMe(
  db: Kysely<Database>,
  user: AuthUser,
  csrfToken: string,
): Promise<Static<typeof Me>> {
  const [organisation, roles, projectRoles] = await Promise.all([
    db
      .selectFrom('organisation')
      .where('id', '=', user.organisationId)
      .select('name')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('role_grant as g')
      .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
      .where('g.user_id', '=', user.id)
      .select(['g.role', 'o.id', 'o.name'])
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('project_member as m')
      .innerJoin('project as p', 'p.id', 'm.project_id')
      .where('m.user_id', '=', user.id)
      .select(['p.id', 'p.name', 'm.role'])
      .orderBy('p.name')
      .execute(),
  ])
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organisationId: user.organisationId,
    organisationName: organisation.name,
    personId: user.personId,
    roles: roles.map((r) => ({
      role: r.role as OrganisationRole,
      organisationId: r.id,
      organisationName: r.name,
    })),
    projectRoles: projectRoles.map((p) => ({
      projectId: p.id,
      projectName: p.name,
      role: p.role as ProjectRole,
    })),
    csrfToken,
  }
}

/** Loads what the session plugin would, for the response of the login request itself. */
export async function loadAuthUser(db: Kysely<Database>, userId: string, token: string) {
  const session = await db
    .selectFrom('session')
    .where('id_hash', '=', hashToken(token))
    .select('csrf_token')
    .executeTakeFirstOrThrow()
  const user = await db
    .selectFrom('app_user')
    .where('id', '=', userId)
    .select(['id', 'email', 'name', 'organisation_id', 'person_id'])
    .executeTakeFirstOrThrow()
  const grants = await db
    .selectFrom('role_grant')
    .where('user_id', '=', userId)
    .select(['role', 'organisation_id'])
    .execute()
  const authUser: AuthUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    organisationId: user.organisation_id,
    personId: user.person_id,
    grants: grants.map((g) => ({ role: g.role as OrganisationRole, organisationId: g.organisation_id })),
  }
  return { authUser, csrfToken: session.csrf_token }
}
