import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The Content-Security-Policy of the web app: only its own scripts, styles, images and
 * API. The SPA is built without inline scripts or styles, so nothing needs 'unsafe-inline'.
 */
export const appCsp = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
}

/**
 * Swagger UI (at /api/docs only) styles some elements inline; everything else in the
 * policy stays as strict as the app's.
 */
export const docsCsp = {
  ...appCsp,
  'style-src': ["'self'", "'unsafe-inline'"],
  'frame-ancestors': ["'self'"],
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Per-route helmet options, read by @fastify/helmet at request time. */
    helmet?: Omit<FastifyHelmetOptions, 'global'>
  }
}

/** Helmet options for a route that must relax the policy (the API docs). */
export const docsHelmet = { contentSecurityPolicy: { useDefaults: false, directives: docsCsp } }

/** Security headers on every response (helmet), and no caching of API answers by shared caches. */
export const securityPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appCsp },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'private, no-cache')
    }
  })
})
