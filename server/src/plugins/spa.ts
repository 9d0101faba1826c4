import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem, toProblem } from './errors.ts'
import { notFound } from './problem.ts'

const missingBuild = `<!doctype html><html lang="sv"><meta charset="utf-8"><title>Lägesbild</title>
<p>Webbgränssnittet är inte byggt. Kör <code>pnpm start</code> (som bygger det) eller
<code>pnpm --filter @lagesbild/web build</code>.</p><p><a href="/api/docs">API-dokumentation</a></p></html>`

/** Serves the built web app at `/`, with index.html for every client-side route. */
export const spaPlugin = fp(async (app: FastifyInstance, { webDist }: { webDist: string }) => {
  const hasBuild = existsSync(join(webDist, 'index.html'))
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        // Hashed assets never change; index.html must always be fetched fresh.
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/')
    if (!wantsPage || /\.[a-z0-9]+$/i.test(path)) {
      const { body, headers } = toProblem(
        notFound({ sv: `Det finns ingen resurs ${path}.`, en: `There is no resource ${path}.` }),
        request,
      )
      return sendProblem(
        reply,
        { ...body, code: 'route_not_found', type: 'urn:lagesbild:problem:route_not_found' },
        headers,
      )
    }
    reply.header('cache-control', 'no-cache')
    if (!hasBuild) return reply.type('text/html').send(missingBuild)
    return reply.sendFile('index.html')
  })
})
