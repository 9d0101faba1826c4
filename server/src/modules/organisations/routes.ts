import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '@lagesbild/shared/api/organisations'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { listOrganisations as queryOrganisations } from './queries.ts'
import * as service from './service.ts'

/** The organisation tree is public within the product: every logged-in user may read it. */
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...listOrganisations,
    config: { access: access.authenticated },
    handler: async (request) => queryOrganisations(app.db, request.query),
  })

  app.route({
    ...getOrganisation,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const detail = await service.getOrganisationDetail(app.db, requireUser(request), request.params.id)
      setEtag(reply, detail.version)
      return detail
    },
  })

  app.route({
    ...createOrganisation,
    config: { access: access.role('administrator') },
    handler: async (request, reply) => {
      const created = await service.createOrganisation(app.db, requireUser(request), request.body)
      return reply.code(201).header('location', `/api/organisations/${created.id}`).send(created)
    },
  })

  app.route({
    ...updateOrganisation,
    config: { access: access.role('administrator') },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return service.updateOrganisation(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, version),
        patch,
      )
    },
  })
}
