import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Client,
  createTestApp,
  json,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../test/helper.ts'

let t: TestContext
let org: string
let user: TestUser

interface Session {
  id: string
  current: boolean
  method: string
  userAgent: string | null
  expiresAt: string
  absoluteExpiresAt: string
}

beforeAll(async () => {
  t = await createTestApp({ config: { sessionTtlHours: 8, sessionMaxHours: 24 } })
  org = await t.fixtures.organisation({ name: 'Sessionskommun' })
  user = await t.fixtures.user({ organisationId: org, roles: [['viewer', org]] })
})
afterAll(() => t.close())

const sessionsOf = async (client: Client) =>
  json<{ items: Session[] }>(await client.get('/api/me/sessions')).items

describe('own sessions', () => {
  it('lists them with the current one marked, and logs out the others', async () => {
    const other = await t.as(user)
    const client = new Client(t.app)
    await client.login(user.email)
    const mine = await sessionsOf(client)
    expect(mine.length).toBeGreaterThanOrEqual(2)
    expect(mine.filter((s) => s.current)).toHaveLength(1)
    expect(mine[0]).toMatchObject({ method: 'password' })

    const response = await client.post('/api/me/sessions/revoke-others')
    expect(response.statusCode).toBe(200)
    expect(json<{ revoked: number }>(response).revoked).toBe(mine.length - 1)
    expect((await other.get('/api/me')).statusCode).toBe(401)
    expect((await client.get('/api/me')).statusCode).toBe(200)
    expect(await sessionsOf(client)).toHaveLength(1)
  })

  it('ends one chosen session, but never another user’s', async () => {
    const client = await t.as(user)
    const second = await t.as(user)
    const target = (await sessionsOf(second)).find((s) => s.current)!
    expect((await client.delete(`/api/me/sessions/${target.id}`)).statusCode).toBe(204)
    expect((await second.get('/api/me')).statusCode).toBe(401)

    const stranger = await t.as(await t.fixtures.user({ organisationId: org }))
    const strangerSession = (await sessionsOf(stranger))[0]!
    expect((await client.delete(`/api/me/sessions/${strangerSession.id}`)).statusCode).toBe(404)
    expect((await stranger.get('/api/me')).statusCode).toBe(200)
  })

  it('records the browser', async () => {
    const client = new Client(t.app)
    await client.post(
      '/api/auth/login',
      { email: user.email, password: TEST_PASSWORD },
      { 'user-agent': 'Firefox/140 (Lägesbild-test)' },
    )
    const rows = await t.db
      .selectFrom('session')
      .where('user_id', '=', user.id)
      .select('user_agent')
      .execute()
    expect(rows.map((r) => r.user_agent)).toContain('Firefox/140 (Lägesbild-test)')
  })
})

describe('session lifetime', () => {
  it('ends a session at its absolute limit however active it is', async () => {
    const client = await t.as(user)
    const current = (await sessionsOf(client)).find((s) => s.current)!
    expect(new Date(current.absoluteExpiresAt) >= new Date(current.expiresAt)).toBe(true)
    await t.db
      .updateTable('session')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'`, last_seen_at: sql<Date>`now()` })
      .where('id', '=', current.id)
      .execute()
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('never slides the idle end past the absolute one', async () => {
    const client = await t.as(user)
    const current = (await sessionsOf(client)).find((s) => s.current)!
    // Pretend the session started 23 hours ago and was last used 6 hours ago.
    await sql`update session set created_at = now() - interval '23 hours',
      last_seen_at = now() - interval '6 hours', expires_at = now() + interval '1 hour',
      absolute_expires_at = now() + interval '1 hour' + interval '30 minutes'
      where id = ${current.id}`.execute(t.db)
    expect((await client.get('/api/me')).statusCode).toBe(200)
    const row = await t.db
      .selectFrom('session')
      .where('id', '=', current.id)
      .select(['expires_at', 'absolute_expires_at', 'last_seen_at'])
      .executeTakeFirstOrThrow()
    expect(new Date(row.expires_at).getTime()).toBe(new Date(row.absolute_expires_at).getTime())
  })

  it('refuses an invalid limit at start-up', async () => {
    const { loadConfig } = await import('../../config.ts')
    expect(() =>
      loadConfig({ SESSION_TTL_HOURS: '12', SESSION_MAX_HOURS: '8', DATABASE_URL: 'postgres://x' }),
    ).toThrow(/SESSION_MAX_HOURS \(8\) must be at least SESSION_TTL_HOURS \(12\)/)
  })
})

describe('session fixation', () => {
  it('issues a new session id at login even when the browser already sends one', async () => {
    const client = await t.as(user)
    const planted = client.cookie
    const response = await client.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })
    expect(response.statusCode).toBe(200)
    const fresh = String(response.headers['set-cookie']).split(';')[0]
    expect(fresh).not.toBe(planted)
  })
})

describe('password change', () => {
  it('checks the current password and the policy, then ends the other sessions', async () => {
    const own = await t.fixtures.user({ organisationId: org, email: 'byter.losen@test.example' })
    const client = await t.as(own)
    const other = await t.as(own)

    const wrong = await client.post('/api/me/password', {
      currentPassword: 'fel',
      newPassword: 'ett långt nytt lösenord',
    })
    expect(wrong.statusCode).toBe(422)
    expect(json(wrong)).toMatchObject({ errors: [{ field: 'currentPassword' }] })

    const weak = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'qwerty123',
    })
    expect(weak.statusCode).toBe(422)
    expect(json(weak)).toMatchObject({
      errors: [{ field: 'newPassword', code: 'too_short' }, { code: 'common' }],
    })

    const ok = await client.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'ett långt nytt lösenord',
    })
    expect(ok.statusCode).toBe(204)
    expect((await client.get('/api/me')).statusCode).toBe(200)
    expect((await other.get('/api/me')).statusCode).toBe(401)
    expect((await t.as(own, 'ett långt nytt lösenord')).cookie).toBeDefined()
  })

  it('can skip the common-password list when configured so', async () => {
    const lenient = await createTestApp({ config: { passwordBreachCheck: false } })
    try {
      const o = await lenient.fixtures.organisation()
      const u = await lenient.fixtures.user({ organisationId: o })
      const client = await lenient.as(u)
      const response = await client.post('/api/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'password12345',
      })
      expect(response.statusCode).toBe(204)
    } finally {
      await lenient.close()
    }
  })
})

describe('login rate limit', () => {
  it('blocks an address after many failures, whichever accounts it tried', async () => {
    const attempt = (email: string, password: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password }),
      })
    for (let i = 0; i < 50; i++) {
      const response = await attempt(`nobody${i}@test.example`, 'wrong', '192.0.2.7')
      expect(response.statusCode).toBe(401)
    }
    const blocked = await attempt(user.email, TEST_PASSWORD, '192.0.2.7')
    expect(blocked.statusCode).toBe(429)
    expect(json(blocked).code).toBe('too_many_attempts')
    // The account itself is not blocked from another address.
    expect((await attempt(user.email, TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200)
  })
})
