import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getMe, login, logout } from '@lagesbild/shared/api/auth'
import { access, requireUser } from '../../plugins/access.ts'
import { clearSessionCookie, type SessionOptions, setSessionCookie } from '../../plugins/auth.ts'
import { describeMe, loadAuthUser, logIn, logOut } from './service.ts'

export const authRoutes: FastifyPluginAsyncTypebox<{ session: SessionOptions }> = async (
  app,
  { session },
) => {
  app.route({
    ...login,
    config: { access: access.public },
    handler: async (request, reply) => {
      const { email, password } = request.body
      const started = await logIn(app.db, email, password, request.ip, session, request.headers['user-agent'])
      setSessionCookie(reply, request, started.token, session)
      const { authUser, csrfToken } = await loadAuthUser(app.db, started.userId, started.token)
      return describeMe(app.db, authUser, csrfToken)
    },
  })

  app.route({
    ...logout,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      if (request.session) await logOut(app.db, request.session.idHash)
      clearSessionCookie(reply)
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...getMe,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return describeMe(app.db, requireUser(request), request.session?.csrfToken ?? '')
    },
  })
}
