import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  acceptInvitation,
  changeMyPassword,
  deactivateUser,
  getUser,
  inviteUser,
  issueUserLink,
  listMySessions,
  listUserSessions,
  listUsers,
  lookupInvitation,
  reactivateUser,
  revokeMyOtherSessions,
  revokeMySession,
  revokeUserSessions,
  setUserRoles,
  updateUser,
} from '@lagesbild/shared/api/users'
import type { FastifyRequest } from 'fastify'
import { access, requireUser } from '../../plugins/access.ts'
import { type SessionOptions, setSessionCookie } from '../../plugins/auth.ts'
import { unauthenticated } from '../../plugins/problem.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { describeMe, loadAuthUser } from '../auth/service.ts'
import { listUsers as queryUsers } from './queries.ts'
import * as service from './service.ts'
import * as sessions from './sessions.ts'

export interface UserRoutesOptions {
  session: SessionOptions
  /** Origin for the links handed out; the request's own when undefined. */
  publicUrl: string | undefined
  invitationTtlHours: number
  passwordBreachCheck: boolean
}

const admin = access.role('administrator')

export const userRoutes: FastifyPluginAsyncTypebox<UserRoutesOptions> = async (app, options) => {
  const policy = { breachCheck: options.passwordBreachCheck }
  const links = (request: FastifyRequest) => ({
    baseUrl: options.publicUrl ?? `${request.protocol}://${request.host}`,
    ttlHours: options.invitationTtlHours,
  })
  const currentSessionId = (request: FastifyRequest) => {
    if (!request.session) throw unauthenticated()
    return request.session.id
  }

  app.route({
    ...listUsers,
    config: { access: admin },
    handler: async (request) => queryUsers(app.db, requireUser(request), request.query),
  })

  app.route({
    ...getUser,
    config: { access: admin },
    handler: async (request, reply) => {
      const user = await service.getUser(app.db, requireUser(request), request.params.id)
      setEtag(reply, user.version)
      return user
    },
  })

  app.route({
    ...inviteUser,
    config: { access: admin },
    handler: async (request, reply) => {
      const created = await service.inviteUser(app.db, requireUser(request), request.body, links(request))
      return reply.code(201).header('location', `/api/users/${created.user.id}`).send(created)
    },
  })

  app.route({
    ...updateUser,
    config: { access: admin },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return service.updateUser(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...setUserRoles,
    config: { access: admin },
    handler: async (request) =>
      service.setUserRoles(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, request.body.version),
        request.body.roles,
      ),
  })

  app.route({
    ...deactivateUser,
    config: { access: admin },
    handler: async (request) =>
      service.deactivateUser(app.db, requireUser(request), request.params.id, request.body.version),
  })

  app.route({
    ...reactivateUser,
    config: { access: admin },
    handler: async (request) =>
      service.reactivateUser(app.db, requireUser(request), request.params.id, request.body.version),
  })

  app.route({
    ...issueUserLink,
    config: { access: admin },
    handler: async (request, reply) => {
      const link = await service.issueLink(app.db, requireUser(request), request.params.id, links(request))
      return reply.code(201).send(link)
    },
  })

  app.route({
    ...listUserSessions,
    config: { access: admin },
    handler: async (request) => {
      const user = await service.getUser(app.db, requireUser(request), request.params.id)
      return sessions.listSessions(app.db, user.id, request.session?.id ?? null)
    },
  })

  app.route({
    ...revokeUserSessions,
    config: { access: admin },
    handler: async (request, reply) => {
      const actor = requireUser(request)
      const user = await service.getUser(app.db, actor, request.params.id)
      await sessions.revokeAllSessions(app.db, actor, user.id)
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...listMySessions,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return sessions.listSessions(app.db, requireUser(request).id, currentSessionId(request))
    },
  })

  app.route({
    ...revokeMySession,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      await sessions.revokeOwnSession(app.db, requireUser(request), request.params.sessionId)
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...revokeMyOtherSessions,
    config: { access: access.authenticated },
    handler: async (request) =>
      sessions.revokeOtherSessions(app.db, requireUser(request), currentSessionId(request)),
  })

  app.route({
    ...changeMyPassword,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const { currentPassword, newPassword } = request.body
      await sessions.changePassword(
        app.db,
        requireUser(request),
        currentSessionId(request),
        currentPassword,
        newPassword,
        policy,
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...lookupInvitation,
    config: { access: access.public },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return service.lookupInvitation(app.db, request.body.token)
    },
  })

  app.route({
    ...acceptInvitation,
    config: { access: access.public },
    handler: async (request, reply) => {
      const started = await service.acceptInvitation(
        app.db,
        request.body.token,
        request.body.password,
        policy,
        options.session,
        request.headers['user-agent'],
      )
      setSessionCookie(reply, request, started.token, options.session)
      const { authUser, csrfToken } = await loadAuthUser(app.db, started.userId, started.token)
      return describeMe(app.db, authUser, csrfToken)
    },
  })
}
