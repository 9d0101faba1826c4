import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  erasePerson,
  eraseUser,
  getMyExtract,
  getPersonExtract,
  getPrivacySetting,
  getUserExtract,
  putPrivacySetting,
} from '@lagesbild/shared/api/privacy'
import { pickLanguage } from '@lagesbild/shared/http/language'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { access, requireUser } from '../../plugins/access.ts'
import { notFound } from '../../plugins/problem.ts'
import { erase } from './erase.ts'
import { buildExtract } from './extract.ts'
import { getSetting, putSetting } from './settings.ts'
import { resolveForAdministrator, resolveSubject } from './subject.ts'

const admin = access.role('administrator')

/** Extracts hold personal data: never cached, and named for saving. */
function asExtract(reply: FastifyReply, name: string) {
  reply.header('cache-control', 'no-store')
  reply.header('content-disposition', `inline; filename="registerutdrag-${name}.json"`)
}

const language = (request: FastifyRequest) => pickLanguage(request.headers['accept-language'])

export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...getPersonExtract,
    config: { access: admin },
    handler: async (request, reply) => {
      const subject = await resolveForAdministrator(app.db, requireUser(request), {
        personId: request.params.id,
      })
      asExtract(reply, request.params.id)
      return buildExtract(app.db, subject, language(request))
    },
  })

  app.route({
    ...getUserExtract,
    config: { access: admin },
    handler: async (request, reply) => {
      const subject = await resolveForAdministrator(app.db, requireUser(request), {
        userId: request.params.id,
      })
      asExtract(reply, request.params.id)
      return buildExtract(app.db, subject, language(request))
    },
  })

  app.route({
    ...getMyExtract,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const user = requireUser(request)
      const subject = await resolveSubject(app.db, { userId: user.id })
      if (!subject) throw notFound()
      asExtract(reply, user.id)
      return buildExtract(app.db, subject, language(request))
    },
  })

  app.route({
    ...erasePerson,
    config: { access: admin },
    handler: async (request) => {
      const actor = requireUser(request)
      const subject = await resolveForAdministrator(app.db, actor, { personId: request.params.id })
      return erase(app.db, actor, subject, request.body.confirmName)
    },
  })

  app.route({
    ...eraseUser,
    config: { access: admin },
    handler: async (request) => {
      const actor = requireUser(request)
      const subject = await resolveForAdministrator(app.db, actor, { userId: request.params.id })
      return erase(app.db, actor, subject, request.body.confirmName)
    },
  })

  app.route({
    ...getPrivacySetting,
    config: { access: access.authenticated },
    handler: async (request) => getSetting(app.db, requireUser(request), request.params.organisationId),
  })

  app.route({
    ...putPrivacySetting,
    config: { access: admin },
    handler: async (request) =>
      putSetting(
        app.db,
        requireUser(request),
        request.params.organisationId,
        request.body.personalDataCheck,
        request.body.version,
      ),
  })
}
