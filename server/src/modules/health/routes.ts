import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getHealth } from '@lagesbild/shared/api/health'
import { sql } from 'kysely'
import { access } from '../../plugins/access.ts'

const HEALTH_TIMEOUT_MS = 2_000

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...getHealth,
    config: { access: access.public },
    handler: async (_request, reply) => {
      const started = performance.now()
      const reachable = await Promise.race([
        sql`select 1`.execute(app.db).then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS).unref()),
      ])
      const body = {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        database: {
          reachable,
          driver: app.dbDriver,
          ...(reachable ? { latencyMs: Math.round((performance.now() - started) * 10) / 10 } : {}),
        },
        version: app.appVersion,
      }
      return reply.code(reachable ? 200 : 503).send(body)
    },
  })
}
