import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** How long what is only needed for a while is kept; the README's data-protection section repeats it. */
export const RETENTION = {
  loginAttemptsHours: 24,
  closedLinksDays: 30,
} as const

export interface Purged {
  sessions: number
  loginAttempts: number
  links: number
}

/** Deletes ended sessions, old failed-login records and links long used, withdrawn or expired. */
export async function purgeExpired(db: Kysely<Database>): Promise<Purged> {
  const sessions = await db
    .deleteFrom('session')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst()
  const attempts = await db
    .deleteFrom('login_attempt')
    .where('at', '<', sql<Date>`now() - make_interval(hours => ${RETENTION.loginAttemptsHours})`)
    .executeTakeFirst()
  const links = await db
    .deleteFrom('invitation')
    .where(
      sql<boolean>`coalesce(used_at, revoked_at, expires_at) < now() - make_interval(days => ${RETENTION.closedLinksDays})`,
    )
    .executeTakeFirst()
  return {
    sessions: Number(sessions.numDeletedRows),
    loginAttempts: Number(attempts.numDeletedRows),
    links: Number(links.numDeletedRows),
  }
}

/** Purges at start and then every hour while the server runs. */
export const retentionPlugin = fp(async (app: FastifyInstance) => {
  let timer: NodeJS.Timeout | undefined
  const run = async () => {
    try {
      const purged = await purgeExpired(app.db)
      if (purged.sessions + purged.loginAttempts + purged.links > 0)
        app.log.info({ purged }, 'retention purge')
    } catch (error) {
      app.log.warn({ err: error }, 'retention purge failed')
    }
  }
  app.addHook('onListen', async () => {
    await run()
    timer = setInterval(() => void run(), 3_600_000)
    timer.unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))
})
