import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration } from 'oidc-provider'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OidcConfig } from '../../config.ts'
import { createTestApp, json, type TestContext } from '../../test/helper.ts'
import { safeReturnTo } from './routes.ts'

/**
 * A real, certified OpenID provider (oidc-provider) on a loopback port, driven over HTTP the
 * way a browser would: redirects followed, its login and consent forms submitted.
 */

const REDIRECT_URI = 'http://localhost/api/auth/oidc/callback'
const CLIENT_SECRET = 'lagesbild-test-client-secret-0123456789'

interface AccountClaims {
  email?: string
  email_verified?: boolean
  name?: string
  groups?: string[]
}
const accounts = new Map<string, AccountClaims>()
/** When set, rewrites the token endpoint's JSON on its way out: a token altered in transit. */
let tamperTokenResponse: ((body: Record<string, unknown>) => void) | undefined

let server: Server
let issuer: string
let t: TestContext
let root: string
let unit: string

async function startProvider() {
  server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const configuration: Configuration = {
    clients: [{ client_id: 'lagesbild', client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI] }],
    findAccount: (_ctx, id) => {
      const claims = accounts.get(id)
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['lagesbild-provider-cookie-key'] },
  }
  const provider = new Provider(issuer, configuration)
  provider.use(async (ctx, next) => {
    await next()
    if (tamperTokenResponse && ctx.path === '/token' && ctx.body && typeof ctx.body === 'object') {
      tamperTokenResponse(ctx.body as Record<string, unknown>)
    }
  })
  server.on('request', provider.callback())
}

const oidcSettings = (overrides: Partial<OidcConfig> = {}): OidcConfig => ({
  issuer,
  clientId: 'lagesbild',
  clientSecret: CLIENT_SECRET,
  redirectUri: REDIRECT_URI,
  scopes: 'openid email profile groups',
  matchByEmail: true,
  createUsers: false,
  organisationId: undefined,
  defaultRole: undefined,
  roleClaim: undefined,
  roleMap: {},
  ...overrides,
})

beforeAll(async () => {
  await startProvider()
  t = await createTestApp({ config: { oidc: oidcSettings() } })
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  unit = await t.fixtures.organisation({ name: 'Socialförvaltningen', parentId: root })
})
afterAll(async () => {
  await t.close()
  await new Promise((resolve) => server.close(resolve))
})

/** The browser at the provider: a cookie jar, redirects, and the dev login and consent forms. */
class ProviderBrowser {
  private cookies = new Map<string, string>()

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
    return response
  }

  /** Logs in as `login` and consents; returns where the provider sends the browser back. */
  async signIn(authorizeUrl: string, login: string): Promise<URL> {
    let url = authorizeUrl
    let init: RequestInit = {}
    for (let step = 0; step < 12; step++) {
      const response = await this.request(url, init)
      init = {}
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url)
        if (next.href.startsWith(REDIRECT_URI)) return next
        url = next.href
        continue
      }
      const html = await response.text()
      if (response.status !== 200)
        throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`)
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1]
      if (!action || !prompt) throw new Error(`no form on provider page: ${html.slice(0, 300)}`)
      const form = new URLSearchParams({ prompt })
      if (prompt === 'login') {
        form.set('login', login)
        form.set('password', 'any password the dev provider accepts')
      }
      url = new URL(action, url).href
      init = {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }
    }
    throw new Error('too many steps at the provider')
  }
}

interface Attempt {
  status: number
  location: string
  sessionCookie: string | undefined
}

/** The whole flow: start in the app, sign in at the provider, come back to the app's callback. */
async function ssoLogin(
  ctx: TestContext,
  login: string,
  options: {
    returnTo?: string
    alterAuthorizeUrl?: (url: URL) => void
    alterCallback?: (url: URL) => void
    dropFlowCookie?: boolean
  } = {},
): Promise<Attempt> {
  const start = await ctx
    .anonymous()
    .get(`/api/auth/oidc/start${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`)
  expect(start.statusCode).toBe(302)
  const authorize = new URL(String(start.headers.location))
  expect(authorize.origin).toBe(issuer)
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorize.searchParams.get('state')).toBeTruthy()
  expect(authorize.searchParams.get('nonce')).toBeTruthy()
  options.alterAuthorizeUrl?.(authorize)
  const flowCookie = String(start.headers['set-cookie']).split(';')[0]
  expect(flowCookie).toMatch(/^lagesbild_oidc=/)

  const callback = await new ProviderBrowser().signIn(authorize.href, login)
  options.alterCallback?.(callback)
  const response = await ctx.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: options.dropFlowCookie ? {} : { cookie: flowCookie },
  })
  const cookies = [response.headers['set-cookie'] ?? []].flat()
  return {
    status: response.statusCode,
    location: String(response.headers.location),
    sessionCookie: cookies.find((c) => c.startsWith('lagesbild_session='))?.split(';')[0],
  }
}

async function asCookie(ctx: TestContext, cookie: string | undefined) {
  const client = ctx.anonymous()
  client.cookie = cookie
  const me = await client.get('/api/me')
  expect(me.statusCode).toBe(200)
  client.csrfToken = json<{ csrfToken: string }>(me).csrfToken
  return client
}

const refused = (attempt: Attempt, reason = 'invalid_response') => {
  expect(attempt.status).toBe(302)
  expect(attempt.location).toBe(`/login?sso=${reason}`)
  expect(attempt.sessionCookie).toBeUndefined()
}

describe('single sign-on with OpenID Connect', () => {
  it('lets an invited project leader log in with the organisation’s account and see only their project', async () => {
    const theirs = await t.fixtures.project({ ownerOrganisationId: unit, name: 'FöräldraSupporten' })
    await t.fixtures.project({ ownerOrganisationId: unit, name: 'Någon annans projekt' })
    const admin = await t.as(
      await t.fixtures.user({ organisationId: root, roles: [['administrator', root]] }),
    )
    const invited = await admin.post('/api/users/invitations', {
      email: 'Malin.Ekstrom@lulea.example',
      name: 'Malin Ekström',
      organisationId: unit,
      roles: [],
      projects: [{ projectId: theirs, role: 'leader' }],
    })
    expect(invited.statusCode).toBe(201)
    const userId = json<{ user: { id: string } }>(invited).user.id
    accounts.set('malin-sub-1', {
      email: 'malin.ekstrom@lulea.example',
      email_verified: true,
      name: 'Malin Ekström',
    })

    const attempt = await ssoLogin(t, 'malin-sub-1', { returnTo: '/projekt' })
    expect(attempt.status).toBe(302)
    expect(attempt.location).toBe('/projekt')
    const session = await asCookie(t, attempt.sessionCookie)
    expect(json(await session.get('/api/me'))).toMatchObject({
      id: userId,
      projectRoles: [{ projectId: theirs, role: 'leader' }],
    })
    const projects = json<{ items: { name: string }[] }>(await session.get('/api/projects'))
    expect(projects.items.map((p) => p.name)).toEqual(['FöräldraSupporten'])

    const detail = json<{ status: string; sso: boolean }>(await admin.get(`/api/users/${userId}`))
    expect(detail).toMatchObject({ status: 'active', sso: true })
    const stored = await t.db
      .selectFrom('app_user')
      .where('id', '=', userId)
      .select(['oidc_issuer', 'oidc_subject'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ oidc_issuer: issuer, oidc_subject: 'malin-sub-1' })
    const sessions = json<{ items: { method: string }[] }>(await session.get('/api/me/sessions'))
    expect(sessions.items[0]?.method).toBe('oidc')
  })

  it('matches by the stored subject afterwards, even when the address changes at the provider', async () => {
    const user = await t.fixtures.user({ organisationId: unit, email: 'jonas.berg@lulea.example' })
    accounts.set('jonas-sub', { email: 'jonas.berg@lulea.example', email_verified: true })
    const first = await ssoLogin(t, 'jonas-sub')
    expect((await asCookie(t, first.sessionCookie)).cookie).toBeDefined()
    accounts.set('jonas-sub', { email: 'jonas.berg2@lulea.example', email_verified: true })
    const second = await ssoLogin(t, 'jonas-sub')
    const me = json<{ id: string }>(await (await asCookie(t, second.sessionCookie)).get('/api/me'))
    expect(me.id).toBe(user.id)
  })

  it('does not match by an address the provider has not verified, nor take over a linked account', async () => {
    await t.fixtures.user({ organisationId: unit, email: 'overifierad@lulea.example' })
    accounts.set('unverified-sub', { email: 'overifierad@lulea.example', email_verified: false })
    refused(await ssoLogin(t, 'unverified-sub'), 'unknown_user')

    accounts.set('intruder-sub', { email: 'jonas.berg@lulea.example', email_verified: true })
    refused(await ssoLogin(t, 'intruder-sub'), 'unknown_user')
  })

  it('refuses someone without an account when accounts are not created on first login', async () => {
    accounts.set('stranger-sub', { email: 'okand@lulea.example', email_verified: true })
    refused(await ssoLogin(t, 'stranger-sub'), 'unknown_user')
    const created = await t.db
      .selectFrom('app_user')
      .where('email', '=', 'okand@lulea.example')
      .select('id')
      .execute()
    expect(created).toEqual([])
  })

  it('refuses a deactivated account', async () => {
    const user = await t.fixtures.user({ organisationId: unit, email: 'slutat@lulea.example', active: false })
    accounts.set('gone-sub', { email: 'slutat@lulea.example', email_verified: true })
    refused(await ssoLogin(t, 'gone-sub'), 'deactivated')
    const row = await t.db
      .selectFrom('app_user')
      .where('id', '=', user.id)
      .select('active')
      .executeTakeFirstOrThrow()
    expect(row.active).toBe(false)
  })

  it('lands only on paths inside the app', async () => {
    accounts.set('jonas-sub', { email: 'jonas.berg2@lulea.example', email_verified: true })
    expect((await ssoLogin(t, 'jonas-sub', { returnTo: '//evil.example/x' })).location).toBe('/')
    expect(safeReturnTo('https://evil.example')).toBe('/')
    expect(safeReturnTo('/\\evil.example')).toBe('/')
    expect(safeReturnTo('/api/users')).toBe('/')
    expect(safeReturnTo('/projekt/1?flik=plan')).toBe('/projekt/1?flik=plan')
  })
})

describe('single sign-on refuses what was tampered with', () => {
  it('a changed state', async () => {
    accounts.set('jonas-sub', { email: 'jonas.berg2@lulea.example', email_verified: true })
    refused(
      await ssoLogin(t, 'jonas-sub', {
        alterCallback: (url) => url.searchParams.set('state', 'forged-state'),
      }),
    )
  })

  it('a changed authorization code', async () => {
    refused(
      await ssoLogin(t, 'jonas-sub', {
        alterCallback: (url) => url.searchParams.set('code', `${url.searchParams.get('code')}x`),
      }),
    )
  })

  it('a nonce replaced in the authorization request', async () => {
    refused(
      await ssoLogin(t, 'jonas-sub', {
        alterAuthorizeUrl: (url) => url.searchParams.set('nonce', 'attacker-chosen-nonce'),
      }),
    )
  })

  it('a PKCE challenge replaced in the authorization request', async () => {
    refused(
      await ssoLogin(t, 'jonas-sub', {
        alterAuthorizeUrl: (url) =>
          url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
      }),
    )
  })

  it('an ID token whose claims were altered after signing', async () => {
    tamperTokenResponse = (body) => {
      const [header, payload, signature] = String(body.id_token).split('.')
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>
      claims.sub = 'malin-sub-1'
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
    }
    try {
      refused(await ssoLogin(t, 'jonas-sub'))
    } finally {
      tamperTokenResponse = undefined
    }
  })

  it('an ID token with a broken signature', async () => {
    tamperTokenResponse = (body) => {
      const [header, payload, signature = ''] = String(body.id_token).split('.')
      const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`
      body.id_token = [header, payload, flipped].join('.')
    }
    try {
      refused(await ssoLogin(t, 'jonas-sub'))
    } finally {
      tamperTokenResponse = undefined
    }
  })

  it('a callback in a browser that did not start the login (login CSRF)', async () => {
    refused(await ssoLogin(t, 'jonas-sub', { dropFlowCookie: true }))
  })

  it('a replayed callback', async () => {
    const start = await t.anonymous().get('/api/auth/oidc/start')
    const flowCookie = String(start.headers['set-cookie']).split(';')[0] ?? ''
    const callback = await new ProviderBrowser().signIn(String(start.headers.location), 'jonas-sub')
    const url = `${callback.pathname}${callback.search}`
    const first = await t.app.inject({ method: 'GET', url, headers: { cookie: flowCookie } })
    expect(first.headers.location).toBe('/')
    const replay = await t.app.inject({ method: 'GET', url, headers: { cookie: flowCookie } })
    expect(replay.headers.location).toBe('/login?sso=invalid_response')
  })
})

describe('accounts and roles from the provider', () => {
  let created: TestContext
  let organisation: string

  beforeAll(async () => {
    organisation = uuid()
    created = await createTestApp({
      config: {
        oidc: oidcSettings({
          createUsers: true,
          organisationId: organisation,
          defaultRole: 'viewer',
          roleClaim: 'groups',
          roleMap: { 'lagesbild-ekonomer': 'finance' },
        }),
      },
    })
    await created.db
      .insertInto('organisation')
      .values({ id: organisation, name: 'Örebro kommun', kind: 'municipality', parent_id: null })
      .execute()
  })
  afterAll(() => created.close())

  const rolesOf = async (cookie: string | undefined) =>
    json<{ roles: { role: string }[] }>(await (await asCookie(created, cookie)).get('/api/me'))
      .roles.map((r) => r.role)
      .sort()

  it('creates the account on first login with the roles from the claim, and follows the claim after', async () => {
    accounts.set('anna-sub', {
      email: 'anna@orebro.example',
      email_verified: true,
      name: 'Anna Ekonom',
      groups: ['lagesbild-ekonomer', 'viewer', 'någon-annan-grupp'],
    })
    const first = await ssoLogin(created, 'anna-sub')
    expect(await rolesOf(first.sessionCookie)).toEqual(['finance', 'viewer'])

    accounts.set('anna-sub', {
      email: 'anna@orebro.example',
      email_verified: true,
      groups: ['portfolio_manager'],
    })
    const second = await ssoLogin(created, 'anna-sub')
    expect(await rolesOf(second.sessionCookie)).toEqual(['portfolio_manager'])
    const audit = await created.db
      .selectFrom('audit_event')
      .where('action', 'in', ['create_via_sso', 'roles_from_sso'])
      .select('action')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create_via_sso', 'roles_from_sso'])
  })

  it('gives the default role when the provider sends no role claim', async () => {
    accounts.set('bo-sub', { email: 'bo@orebro.example', email_verified: true, name: 'Bo Betraktare' })
    const attempt = await ssoLogin(created, 'bo-sub')
    expect(await rolesOf(attempt.sessionCookie)).toEqual(['viewer'])
  })
})

describe('without a provider', () => {
  it('says so, and the start ends on the login page', async () => {
    const plain = await createTestApp()
    try {
      expect(json(await plain.anonymous().get('/api/auth/sso'))).toEqual({ enabled: false })
      const start = await plain.anonymous().get('/api/auth/oidc/start')
      expect(start.statusCode).toBe(302)
      expect(start.headers.location).toBe('/login?sso=not_configured')
    } finally {
      await plain.close()
    }
  })

  it('sends the person back with a reason when the provider cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadIssuer = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    const down = await createTestApp({ config: { oidc: oidcSettings({ issuer: deadIssuer }) } })
    try {
      expect(json(await down.anonymous().get('/api/auth/sso'))).toEqual({ enabled: true })
      const start = await down.anonymous().get('/api/auth/oidc/start')
      expect(start.headers.location).toBe('/login?sso=provider_unavailable')
    } finally {
      await down.close()
    }
  })
})
