import type { OrganisationRole, ProjectCapability } from '@lagesbild/shared/domain/access'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { loadProjectAccess, type ProjectAccess } from '../modules/projects/access.ts'
import { type AuthUser, verifyCsrf } from './auth.ts'
import { forbidden, notFound, unauthenticated } from './problem.ts'

/**
 * What a route demands, declared beside it. A route with no declaration is refused
 * at run time, and a test fails for it, so nothing is reachable by omission.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'project'; capability: ProjectCapability }
  | { kind: 'role'; roles: readonly OrganisationRole[] }

export const access = {
  public: { kind: 'public' } as Access,
  authenticated: { kind: 'authenticated' } as Access,
  project: (capability: ProjectCapability): Access => ({ kind: 'project', capability }),
  role: (...roles: OrganisationRole[]): Access => ({ kind: 'role', roles }),
}

export interface RouteAccessEntry {
  method: string
  url: string
  access: Access | undefined
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyInstance {
    routeAccess: RouteAccessEntry[]
  }
  interface FastifyRequest {
    projectAccess: ProjectAccess | null
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string) => UUID.test(value)

/** The user of a request whose route demanded a login; the hook already refused anonymous ones. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthenticated()
  return request.user
}

export function requireProjectAccess(request: FastifyRequest): ProjectAccess {
  if (!request.projectAccess) throw notFound()
  return request.projectAccess
}

export const accessPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('routeAccess', [] as RouteAccessEntry[])
  app.decorateRequest('projectAccess', null)

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD') continue
      // Read lazily: a later onRoute hook (the docs plugin) may still declare access.
      app.routeAccess.push({
        method,
        url: route.url,
        get access() {
          return route.config?.access
        },
      })
    }
  })

  // Before validation, so an outsider learns nothing from how a request body is judged.
  app.addHook('preValidation', async (request) => {
    const declared = request.routeOptions.config.access
    if (!request.routeOptions.url?.startsWith('/api/')) return
    if (!declared) throw forbidden()
    if (declared.kind === 'public') return
    const user = requireUser(request)
    verifyCsrf(request)
    if (declared.kind === 'authenticated') return
    if (declared.kind === 'role') {
      if (!user.grants.some((g) => declared.roles.includes(g.role))) throw forbidden()
      return
    }
    const projectId = (request.params as { projectId?: string }).projectId
    if (!projectId) throw forbidden()
    if (!isUuid(projectId)) throw notFound()
    const projectAccess =
      request.sessionProjectAccess === undefined
        ? await loadProjectAccess(app.db, user, projectId)
        : request.sessionProjectAccess
    if (!projectAccess?.capabilities.includes('project:read')) throw notFound()
    if (!projectAccess.capabilities.includes(declared.capability)) throw forbidden()
    request.projectAccess = projectAccess
  })
})
