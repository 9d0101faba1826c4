import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Problem } from '@lagesbild/shared/http/problem'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { access } from './access.ts'
import { docsHelmet } from './security.ts'

/** OpenAPI generated from the route schemas (which are the shared TypeBox schemas). */
export const docsPlugin = fp(async (app: FastifyInstance, { version }: { version: string }) => {
  // The interactive docs' own pages and assets are public, declared here as every route must be.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: access.public, helmet: docsHelmet }
    }
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lägesbild API',
        version,
        description: [
          'Project portfolio and follow-up for public-health-funded projects.',
          '',
          'Log in with `POST /api/auth/login`; the session cookie is then sent by your browser.',
          'Mutations must carry the `csrfToken` from the login response (or `GET /api/me`) in the',
          '`x-csrf-token` header: use **Authorize** above to set it.',
          'Updates send the `version` they read (or `If-Match`); a stale one gets 409.',
          'Every error is `application/problem+json` (RFC 9457).',
        ].join('\n'),
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lagesbild_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
        schemas: { Problem: Problem as object },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: ({ schema, url, route }) => ({
      schema: { ...schema, hide: !url.startsWith('/api/') || url.startsWith('/api/docs') },
      url,
      route,
    }),
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { persistAuthorization: true, withCredentials: true },
  })
  app.route({
    method: 'GET',
    url: '/api/openapi.json',
    schema: { hide: true },
    config: { access: access.public },
    handler: async () => app.swagger(),
  })
})
