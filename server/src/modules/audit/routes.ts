import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getProjectHistory } from '@lagesbild/shared/api/history'
import { access } from '../../plugins/access.ts'
import { listProjectHistory } from './queries.ts'

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...getProjectHistory,
    config: { access: access.project('project:read') },
    handler: async (request) => listProjectHistory(app.db, request.params.projectId, request.query),
  })
}
