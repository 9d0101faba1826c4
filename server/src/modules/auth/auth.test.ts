import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, type TestContext, type TestUser } from '../../test/helper.ts'

let t: TestContext
let user: TestUser
let orgId: string

beforeAll(async () => {
  t = await createTestApp()
  orgId = await t.fixtures.organisation({ name: 'Testkommun' })
  user = await t.fixtures.user({ organisationId: orgId, roles: [['viewer', orgId]], name: 'Vera Viewer' })
})
afterAll(() => t.close())

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user with a CSRF token', async () => {
    const response = await t
      .anonymous()
      .post('/api/auth/login', { email: user.email, password: 'test-password-1' })
    expect(response.statusCode).toBe(200)
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).toMatch(/^lagesbild_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const me = json(response)
    expect(me).toMatchObject({ email: user.email, name: 'Vera Viewer', organisationName: 'Testkommun' })
    expect(me.roles).toEqual([{ role: 'viewer', organisationId: orgId, organisationName: 'Testkommun' }])
    expect(String(me.csrfToken).length).toBeGreaterThan(20)
  })

  it('accepts the e-mail address in any case', async () => {
    const client = await t.as(user.email.toUpperCase())
    expect((await client.get('/api/me')).statusCode).toBe(200)
  })

  it('refuses a wrong password with 401 problem details', async () => {
    const response = await t.anonymous().post('/api/auth/login', { email: user.email, password: 'wrong' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(json(response)).toMatchObject({
      code: 'invalid_credentials',
      detail: 'Fel e-postadress eller lösenord.',
    })
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a deactivated account like an unknown one', async () => {
    const inactive = await t.fixtures.user({ organisationId: orgId, active: false })
    const response = await t
      .anonymous()
      .post('/api/auth/login', { email: inactive.email, password: 'test-password-1' })
    expect(response.statusCode).toBe(401)
  })

  it('starts a new session at every login (no fixation)', async () => {
    const first = await t.as(user)
    const second = await t.as(user)
    expect(first.cookie).not.toBe(second.cookie)
    expect((await first.get('/api/me')).statusCode).toBe(200)
  })

  it('rate-limits failed logins per account', async () => {
    const target = await t.fixtures.user({ organisationId: orgId })
    const client = t.anonymous()
    for (let i = 0; i < 10; i++) {
      expect(
        (await client.post('/api/auth/login', { email: target.email, password: 'nope' })).statusCode,
      ).toBe(401)
    }
    const blocked = await client.post('/api/auth/login', { email: target.email, password: 'test-password-1' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBe('900')
    expect(json(blocked).code).toBe('too_many_attempts')
  })

  it('validates the body before anything else', async () => {
    const response = await t.anonymous().post('/api/auth/login', { email: 'not-an-email' })
    expect(response.statusCode).toBe(400)
    expect(
      json<{ errors: { field: string }[] }>(response)
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['email', 'password'])
  })
})

describe('session', () => {
  it('answers /api/me with 401 problem details when not logged in', async () => {
    const response = await t.anonymous().get('/api/me')
    expect(response.statusCode).toBe(401)
    expect(json(response)).toMatchObject({ status: 401, code: 'unauthenticated' })
  })

  it('ignores a tampered cookie', async () => {
    const client = await t.as(user)
    client.cookie = `${client.cookie?.slice(0, -2)}xx`
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('requires the CSRF token on cookie-authenticated mutations', async () => {
    const client = await t.as(user)
    const token = client.csrfToken
    client.csrfToken = undefined
    const without = await client.post('/api/auth/logout')
    expect(without.statusCode).toBe(403)
    expect(json(without).code).toBe('csrf')
    client.csrfToken = 'wrong-token'
    expect((await client.post('/api/auth/logout')).statusCode).toBe(403)
    client.csrfToken = token
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204)
  })

  it('ends the session at logout', async () => {
    const client = await t.as(user)
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204)
    expect((await client.get('/api/me')).statusCode).toBe(401)
  })

  it('keeps sessions in the database, so any instance can serve them', async () => {
    const client = await t.as(user)
    const sessions = await t.db.selectFrom('session').where('user_id', '=', user.id).selectAll().execute()
    expect(sessions.length).toBeGreaterThan(0)
    // The cookie carries a token whose hash is stored, never the stored key itself.
    expect(sessions.map((s) => s.id_hash)).not.toContain(client.cookie?.split('=')[1])
  })
})
