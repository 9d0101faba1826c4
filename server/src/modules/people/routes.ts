import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createPerson, getPerson, listPeople, updatePerson } from '@lagesbild/shared/api/people'
import { peopleKeeperRoles } from '@lagesbild/shared/domain/access'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { homeRoots } from '../organisations/queries.ts'
import { listPeople as queryPeople } from './queries.ts'
import * as service from './service.ts'

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...listPeople,
    config: { access: access.authenticated },
    handler: async (request) =>
      queryPeople(app.db, await homeRoots(app.db, requireUser(request)), request.query),
  })

  app.route({
    ...getPerson,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const person = await service.getPerson(app.db, requireUser(request), request.params.id)
      setEtag(reply, person.version)
      return person
    },
  })

  app.route({
    ...createPerson,
    config: { access: access.role(...peopleKeeperRoles) },
    handler: async (request, reply) => {
      const person = await service.createPerson(app.db, requireUser(request), request.body)
      return reply.code(201).header('location', `/api/people/${person.id}`).send(person)
    },
  })

  app.route({
    ...updatePerson,
    config: { access: access.role(...peopleKeeperRoles) },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return service.updatePerson(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, version),
        patch,
      )
    },
  })
}
