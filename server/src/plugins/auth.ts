import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import cookie from '@fastify/cookie'
import type { OrganisationRole } from '@lagesbild/shared/domain/access'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import {
  type ProjectAccess,
  type ProjectAccessFacts,
  projectAccessFacts,
  toProjectAccess,
} from '../modules/projects/access.ts'
import { HttpProblem } from './problem.ts'

export const SESSION_COOKIE = 'lagesbild_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Refresh the sliding expiry at most this often, not on every request. */
const TOUCH_AFTER_MS = 5 * 60_000

export interface AuthUser {
  id: string
  email: string
  name: string
  organisationId: string
  personId: string | null
  grants: { role: OrganisationRole; organisationId: string }[]
}

interface SessionInfo {
  idHash: string
  /** The public id, as listed to the user. */
  id: string
  csrfToken: string
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null
    session: SessionInfo | null
    /**
     * The user's access to the route's project, read with the session (undefined when not read:
     * no session, or the route is not a project route); the access check decides with it.
     */
    sessionProjectAccess: ProjectAccess | null | undefined
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The project a route declaring project access works on, when its id is well formed. */
function projectOfRoute(request: FastifyRequest): string | undefined {
  if (request.routeOptions.config.access?.kind !== 'project') return undefined
  const projectId = (request.params as { projectId?: string } | undefined)?.projectId
  return projectId && UUID.test(projectId) ? projectId : undefined
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')
export const newToken = () => randomBytes(32).toString('base64url')

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Cookie-authenticated mutations must echo the session's CSRF token in a header. */
export function verifyCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.session) return
  const sent = request.headers['x-csrf-token']
  if (typeof sent === 'string' && sameSecret(sent, request.session.csrfToken)) return
  throw new HttpProblem(403, 'csrf', undefined, {
    detail: {
      sv: 'Säkerhetstoken saknas eller stämmer inte (x-csrf-token). Ladda om sidan.',
      en: 'The security token is missing or wrong (x-csrf-token). Reload the page.',
    },
  })
}

export interface SessionOptions {
  secret: string
  /** Idle lifetime: activity slides the end forward by this much. */
  ttlHours: number
  /** Absolute lifetime from login, which no activity extends. */
  maxHours: number
  secureCookies: 'auto' | boolean
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  options: SessionOptions,
) {
  const secure = options.secureCookies === 'auto' ? request.protocol === 'https' : options.secureCookies
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    signed: true,
    // The server ends the session (idle or absolute); the cookie only has to outlive it.
    maxAge: options.maxHours * 3600,
  })
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' })

export const authPlugin = fp(async (app: FastifyInstance, options: SessionOptions) => {
  await app.register(cookie, { secret: options.secret })
  app.decorateRequest('user', null)
  app.decorateRequest('session', null)
  app.decorateRequest('sessionProjectAccess', undefined)

  app.addHook('onRequest', async (request) => {
    const raw = request.cookies[SESSION_COOKIE]
    if (!raw || !request.url.startsWith('/api/')) return
    const unsigned = request.unsignCookie(raw)
    if (!unsigned.valid || !unsigned.value) return
    const idHash = hashToken(unsigned.value)
    const projectId = projectOfRoute(request)
    const row = await app.db
      .selectFrom('session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select([
        's.id as session_id',
        's.csrf_token',
        's.last_seen_at',
        'u.id',
        'u.email',
        'u.name',
        'u.organisation_id',
        'u.person_id',
        sql<{ role: OrganisationRole; organisationId: string }[]>`(
          select coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id)), '[]'::json)
          from role_grant g where g.user_id = u.id)`.as('grants'),
        // One round trip for the session and the access check of a project route.
        projectId === undefined
          ? sql<null>`null`.as('project_access')
          : sql<ProjectAccessFacts | null>`(${projectAccessFacts(app.db, sql.ref<string>('u.id'), projectId)})`.as(
              'project_access',
            ),
      ])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('u.active', '=', true)
      .executeTakeFirst()
    if (!row) return
    request.session = { idHash, id: row.session_id, csrfToken: row.csrf_token }
    request.user = {
      id: row.id,
      email: row.email,
      name: row.name,
      organisationId: row.organisation_id,
      personId: row.person_id,
      grants: row.grants,
    }
    if (projectId !== undefined) request.sessionProjectAccess = toProjectAccess(projectId, row.project_access)
    if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
      await app.db
        .updateTable('session')
        .set({
          last_seen_at: sql<Date>`now()`,
          expires_at: sql<Date>`least(now() + make_interval(hours => ${options.ttlHours}), absolute_expires_at)`,
        })
        .where('id_hash', '=', idHash)
        .execute()
    }
  })
})
