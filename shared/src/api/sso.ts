import { Type } from 'typebox'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

export const SsoStatus = Type.Object({
  enabled: Type.Boolean({
    description: 'Whether login with the organisation’s account (OpenID Connect) is set up',
  }),
})

/** Why a single sign-on attempt ended on the login page; the web app explains each. */
export const ssoFailures = [
  'not_configured',
  'provider_unavailable',
  'cancelled',
  'invalid_response',
  'unknown_user',
  'deactivated',
  'email_missing',
] as const
export type SsoFailure = (typeof ssoFailures)[number]

export const SsoStartQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({ maxLength: 500, description: 'A path in the app to land on after login, e.g. /projekt' }),
    ),
  },
  { additionalProperties: false },
)

// The provider adds parameters of its own (iss, session_state …); all are passed on to the check.
export const SsoCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
})

const redirect = { 302: Type.Null({ description: 'Redirect (Location header)' }) }

export const getSsoStatus = endpoint({
  method: 'GET',
  url: '/api/auth/sso',
  schema: {
    summary: 'Whether single sign-on is available, for the login page',
    tags: ['auth'],
    response: { 200: SsoStatus, ...problemResponses },
  },
})

export const startSso = endpoint({
  method: 'GET',
  url: '/api/auth/oidc/start',
  schema: {
    summary: 'Start login with the organisation’s account: redirects to the OpenID provider',
    description:
      'Authorization code flow with PKCE, state and nonce. Ends on /login?sso=<reason> when it cannot start.',
    tags: ['auth'],
    querystring: SsoStartQuery,
    response: { ...redirect, ...problemResponses },
  },
})

export const ssoCallback = endpoint({
  method: 'GET',
  url: '/api/auth/oidc/callback',
  schema: {
    summary: 'Where the OpenID provider sends the browser back; logs in and redirects into the app',
    description: 'On any failure: redirect to /login?sso=<reason> without a session.',
    tags: ['auth'],
    querystring: SsoCallbackQuery,
    response: { ...redirect, ...problemResponses },
  },
})
