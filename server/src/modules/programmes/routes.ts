import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  createProgramme,
  getProgramme,
  listProgrammes,
  updateProgramme,
} from '@lagesbild/shared/api/programmes'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { listProgrammes as queryProgrammes } from './queries.ts'
import * as service from './service.ts'

/** Programmes are public registry data; the projects in them stay behind project access. */
export const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...listProgrammes,
    config: { access: access.authenticated },
    handler: async (request) => queryProgrammes(app.db, requireUser(request), request.query),
  })

  app.route({
    ...getProgramme,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const programme = await service.getProgramme(app.db, requireUser(request), request.params.id)
      setEtag(reply, programme.version)
      return programme
    },
  })

  app.route({
    ...createProgramme,
    config: { access: access.role('administrator', 'portfolio_manager') },
    handler: async (request, reply) => {
      const programme = await service.createProgramme(app.db, requireUser(request), request.body)
      return reply.code(201).header('location', `/api/programmes/${programme.id}`).send(programme)
    },
  })

  app.route({
    ...updateProgramme,
    config: { access: access.role('administrator', 'portfolio_manager') },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return service.updateProgramme(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, version),
        patch,
      )
    },
  })
}
