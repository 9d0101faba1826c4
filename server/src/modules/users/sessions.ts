import type { SessionInfo } from '@lagesbild/shared/api/users'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { HttpProblem, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { assertPasswordAllowed, type PasswordPolicyOptions } from '../auth/password-policy.ts'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'

type Session = Static<typeof SessionInfo>

const iso = (value: Date) => new Date(value).toISOString()

/** A user's sessions that have not ended, newest activity first. */
export async function listSessions(
  db: Kysely<Database>,
  userId: string,
  currentId: string | null,
): Promise<{ items: Session[] }> {
  const rows = await db
    .selectFrom('session')
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .select([
      'id',
      'created_at',
      'last_seen_at',
      'expires_at',
      'absolute_expires_at',
      'auth_method',
      'user_agent',
    ])
    .orderBy('last_seen_at', 'desc')
    .execute()
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: iso(r.created_at),
      lastSeenAt: iso(r.last_seen_at),
      expiresAt: iso(r.expires_at),
      absoluteExpiresAt: iso(r.absolute_expires_at),
      method: r.auth_method as Session['method'],
      userAgent: r.user_agent,
      current: r.id === currentId,
    })),
  }
}

export async function revokeOwnSession(db: Kysely<Database>, user: AuthUser, sessionId: string) {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('session')
      .where('user_id', '=', user.id)
      .where('id', '=', sessionId)
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) === 0) throw notFound()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'session',
      entityId: sessionId,
      action: 'revoke',
    })
  })
}

/** "Log out other sessions": everything but the session making the request. */
export async function revokeOtherSessions(db: Kysely<Database>, user: AuthUser, currentId: string) {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('session')
      .where('user_id', '=', user.id)
      .where('id', '<>', currentId)
      .executeTakeFirst()
    const revoked = Number(removed.numDeletedRows)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'user',
      entityId: user.id,
      action: 'revoke_other_sessions',
      after: { revoked },
    })
    return { revoked }
  })
}

/** An administrator ends all of a user's sessions. */
export async function revokeAllSessions(db: Kysely<Database>, actor: AuthUser, userId: string) {
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'user',
      entityId: userId,
      action: 'revoke_sessions',
      after: { revoked: Number(removed.numDeletedRows) },
    })
  })
}

/** Changes the password after checking the current one; other sessions end, this one stays. */
export async function changePassword(
  db: Kysely<Database>,
  user: AuthUser,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  policy: PasswordPolicyOptions,
) {
  const row = await db
    .selectFrom('app_user')
    .where('id', '=', user.id)
    .select(['password_hash'])
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, currentPassword))) {
    throw new HttpProblem(422, 'wrong_password', undefined, {
      detail: { sv: 'Nuvarande lösenord stämmer inte.', en: 'The current password is wrong.' },
      errors: [
        {
          field: 'currentPassword',
          code: 'wrong_password',
          message: { sv: 'Lösenordet stämmer inte.', en: 'The password is wrong.' },
        },
      ],
    })
  }
  await assertPasswordAllowed(newPassword, user.email, policy, 'newPassword')
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute()
    await trx
      .deleteFrom('session')
      .where('user_id', '=', user.id)
      .where('id', '<>', currentSessionId)
      .execute()
    await recordAudit(trx, { actorId: user.id, entity: 'user', entityId: user.id, action: 'change_password' })
  })
}
