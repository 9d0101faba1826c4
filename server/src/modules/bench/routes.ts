import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getBenchBaseline } from '@lagesbild/shared/api/bench'
import { sql } from 'kysely'
import { access } from '../../plugins/access.ts'

/**
 * Routes only the benchmark registers (BENCH_ROUTES=true). The baseline is signed in like the
 * routes it is compared with, so the ratio shows each route's own work, not the session check.
 */
export const benchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...getBenchBaseline,
    config: { access: access.authenticated },
    handler: async () => {
      const result = await sql<{ one: number }>`select 1 as one`.execute(app.db)
      return { one: result.rows[0]?.one ?? 0 }
    },
  })
}
