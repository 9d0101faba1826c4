import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getSsoStatus, type SsoFailure, ssoCallback, startSso } from '@lagesbild/shared/api/sso'
import type { FastifyReply, FastifyRequest } from 'fastify'
import * as oidc from 'openid-client'
import type { OidcConfig } from '../../config.ts'
import { access } from '../../plugins/access.ts'
import { type SessionOptions, setSessionCookie } from '../../plugins/auth.ts'
import { OidcClient } from './client.ts'
import { rolesFromClaim, SsoFailureError, signInWithIdentity } from './service.ts'

const FLOW_COOKIE = 'lagesbild_oidc'
const FLOW_PATH = '/api/auth/oidc'
const FLOW_MINUTES = 10

/** What the browser carries from start to callback, signed so it cannot be altered. */
interface Flow {
  state: string
  nonce: string
  verifier: string
  returnTo: string
}

/** Only paths inside the app: no other site, no protocol-relative //host, no API. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s]*$/.test(value) || value.startsWith('/api/')) return '/'
  return value
}

const toLogin = (reply: FastifyReply, reason: SsoFailure) =>
  reply.code(302).header('location', `/login?sso=${reason}`).send(null)

function readFlow(request: FastifyRequest): Flow | null {
  const raw = request.cookies[FLOW_COOKIE]
  if (!raw) return null
  const unsigned = request.unsignCookie(raw)
  if (!unsigned.valid || !unsigned.value) return null
  try {
    const flow = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Partial<Flow>
    if (
      typeof flow.state === 'string' &&
      typeof flow.nonce === 'string' &&
      typeof flow.verifier === 'string' &&
      typeof flow.returnTo === 'string'
    ) {
      return flow as Flow
    }
  } catch {
    // an unreadable cookie is no flow
  }
  return null
}

const claimString = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)

export interface SsoRoutesOptions {
  session: SessionOptions
  oidc: OidcConfig | undefined
}

export const ssoRoutes: FastifyPluginAsyncTypebox<SsoRoutesOptions> = async (app, options) => {
  const client = options.oidc ? new OidcClient(options.oidc) : undefined
  const cookieOptions = (request: FastifyRequest) => ({
    path: FLOW_PATH,
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    sameSite: 'lax' as const,
    secure:
      options.session.secureCookies === 'auto' ? request.protocol === 'https' : options.session.secureCookies,
    signed: true,
    maxAge: FLOW_MINUTES * 60,
  })

  app.route({
    ...getSsoStatus,
    config: { access: access.public },
    handler: async () => ({ enabled: client !== undefined }),
  })

  app.route({
    ...startSso,
    config: { access: access.public },
    handler: async (request, reply) => {
      if (!client) return toLogin(reply, 'not_configured')
      let configuration: oidc.Configuration
      try {
        configuration = await client.configuration()
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID provider discovery failed')
        return toLogin(reply, 'provider_unavailable')
      }
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(request.query.returnTo),
      }
      const target = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: client.settings.redirectUri,
        scope: client.settings.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      })
      reply.setCookie(
        FLOW_COOKIE,
        Buffer.from(JSON.stringify(flow)).toString('base64url'),
        cookieOptions(request),
      )
      reply.header('cache-control', 'no-store')
      return reply.code(302).header('location', target.href).send(null)
    },
  })

  app.route({
    ...ssoCallback,
    config: { access: access.public },
    handler: async (request, reply) => {
      const flow = readFlow(request)
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH })
      reply.header('cache-control', 'no-store')
      if (!client) return toLogin(reply, 'not_configured')
      // A callback without the flow this browser started (another browser's link) is refused.
      if (!flow) return toLogin(reply, 'invalid_response')
      if (request.query.error) {
        request.log.info({ error: request.query.error }, 'OpenID provider returned an error')
        return toLogin(reply, request.query.error === 'access_denied' ? 'cancelled' : 'invalid_response')
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      let userInfo: oidc.UserInfoResponse | undefined
      let configuration: oidc.Configuration
      try {
        configuration = await client.configuration()
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID provider discovery failed')
        return toLogin(reply, 'provider_unavailable')
      }
      try {
        const currentUrl = new URL(client.settings.redirectUri)
        currentUrl.search = request.url.split('?')[1] ?? ''
        tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        })
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID authorization response refused')
        return toLogin(reply, 'invalid_response')
      }
      const claims = tokens.claims()
      if (!claims) return toLogin(reply, 'invalid_response')
      if (configuration.serverMetadata().userinfo_endpoint) {
        try {
          userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
        } catch (error) {
          request.log.warn({ err: error }, 'OpenID userinfo refused')
          return toLogin(reply, 'invalid_response')
        }
      }
      const merged: Record<string, unknown> = { ...claims, ...userInfo }
      const settings = client.settings
      try {
        const started = await signInWithIdentity(
          app.db,
          settings,
          {
            issuer: claims.iss,
            subject: claims.sub,
            email: claimString(merged.email),
            emailVerified: merged.email_verified !== false,
            name:
              claimString(merged.name) ??
              ([claimString(merged.given_name), claimString(merged.family_name)].filter(Boolean).join(' ') ||
                undefined),
            roles: settings.roleClaim
              ? rolesFromClaim(merged[settings.roleClaim], settings.roleMap)
              : undefined,
          },
          options.session,
          request.headers['user-agent'],
        )
        setSessionCookie(reply, request, started.token, options.session)
        return reply.code(302).header('location', flow.returnTo).send(null)
      } catch (error) {
        if (!(error instanceof SsoFailureError)) throw error
        request.log.info({ reason: error.reason, detail: error.message }, 'single sign-on refused')
        return toLogin(reply, error.reason)
      }
    },
  })
}
