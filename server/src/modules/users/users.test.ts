import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext, type TestUser } from '../../test/helper.ts'

let t: TestContext
let root: string
let unit: string
let elsewhere: string
let project: string
let admin: TestUser
let adminClient: Client

interface Detail {
  id: string
  version: number
  status: string
  roles: { role: string; organisationId: string; manageable: boolean }[]
  projects: { projectId: string; role: string }[]
  pendingLink: { purpose: string; expired: boolean } | null
}
interface Created {
  user: Detail
  link: { url: string; purpose: string; expiresAt: string }
}

const tokenOf = (url: string) => url.split('#')[1] ?? ''
const goodPassword = 'fyra hästar sprang i Luleå'

beforeAll(async () => {
  t = await createTestApp()
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  unit = await t.fixtures.organisation({ name: 'Socialförvaltningen', parentId: root })
  elsewhere = await t.fixtures.organisation({ name: 'Piteå kommun' })
  project = await t.fixtures.project({ ownerOrganisationId: unit, name: 'Tidiga insatser' })
  admin = await t.fixtures.user({
    organisationId: root,
    roles: [['administrator', root]],
    name: 'Alva Admin',
  })
  adminClient = await t.as(admin)
})
afterAll(() => t.close())

async function invite(body: Record<string, unknown>) {
  const response = await adminClient.post('/api/users/invitations', {
    name: 'Nina Ny',
    organisationId: unit,
    roles: [],
    projects: [],
    ...body,
  })
  return response
}

describe('invitations', () => {
  it('creates an invited user with roles and project membership, and a one-time link', async () => {
    const response = await invite({
      email: 'nina.ny@test.example',
      roles: [{ role: 'viewer', organisationId: unit }],
      projects: [{ projectId: project, role: 'leader' }],
    })
    expect(response.statusCode).toBe(201)
    const created = json<Created>(response)
    expect(created.user).toMatchObject({
      status: 'invited',
      roles: [{ role: 'viewer', organisationId: unit, manageable: true }],
      projects: [{ projectId: project, role: 'leader' }],
      pendingLink: { purpose: 'invite', expired: false },
    })
    expect(created.link.url).toMatch(/^http:\/\/localhost(:\d+)?\/invitation#[A-Za-z0-9_-]{40,}$/)
    // Only the hash of the token is stored.
    const token = tokenOf(created.link.url)
    const stored = await t.db
      .selectFrom('invitation')
      .where('user_id', '=', created.user.id)
      .selectAll()
      .execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.token_hash).toBe(hashToken(token))
    expect(JSON.stringify(stored)).not.toContain(token)
    // An invited user cannot log in before accepting.
    const login = await t
      .anonymous()
      .post('/api/auth/login', { email: 'nina.ny@test.example', password: 'x' })
    expect(login.statusCode).toBe(401)
  })

  it('lets the person set a password that meets the policy, logs them in, and works once', async () => {
    const created = json<Created>(await invite({ email: 'oskar.ny@test.example', name: 'Oskar Ny' }))
    const token = tokenOf(created.link.url)
    const visitor = t.anonymous()
    expect(json(await visitor.post('/api/invitations/lookup', { token }))).toMatchObject({
      purpose: 'invite',
      email: 'oskar.ny@test.example',
      name: 'Oskar Ny',
      organisationName: 'Socialförvaltningen',
    })

    const weak = await visitor.post('/api/invitations/accept', { token, password: 'sommar2024' })
    expect(weak.statusCode).toBe(422)
    expect(json(weak)).toMatchObject({
      code: 'password_policy',
      errors: [
        { field: 'password', code: 'too_short' },
        { field: 'password', code: 'common' },
      ],
    })
    const sameAsEmail = await visitor.post('/api/invitations/accept', {
      token,
      password: 'oskar.ny@test.example',
    })
    expect(json(sameAsEmail)).toMatchObject({ errors: [{ field: 'password', code: 'equals_email' }] })
    const common = await visitor.post('/api/invitations/accept', { token, password: 'Password12345!' })
    expect(json(common)).toMatchObject({ errors: [{ field: 'password', code: 'common' }] })

    const accepted = await visitor.post('/api/invitations/accept', { token, password: goodPassword })
    expect(accepted.statusCode).toBe(200)
    expect(json(accepted)).toMatchObject({ email: 'oskar.ny@test.example' })
    expect(String(accepted.headers['set-cookie'])).toMatch(/lagesbild_session=.*HttpOnly/)

    const again = await t.anonymous().post('/api/invitations/accept', { token, password: `${goodPassword}!` })
    expect(again.statusCode).toBe(410)
    expect(json(again).code).toBe('invitation_used')
    expect((await t.as('oskar.ny@test.example', goodPassword)).cookie).toBeDefined()
    expect(json<Detail>(await adminClient.get(`/api/users/${created.user.id}`))).toMatchObject({
      status: 'active',
      pendingLink: null,
    })
  })

  it('refuses an expired, a withdrawn and an unknown link', async () => {
    const created = json<Created>(await invite({ email: 'sen@test.example' }))
    await sql`update invitation set created_at = now() - interval '4 days', expires_at = now() - interval '1 day'
      where user_id = ${created.user.id}`.execute(t.db)
    const expired = await t.anonymous().post('/api/invitations/accept', {
      token: tokenOf(created.link.url),
      password: goodPassword,
    })
    expect(expired.statusCode).toBe(410)
    expect(json(expired).code).toBe('invitation_expired')
    expect(json<Detail>(await adminClient.get(`/api/users/${created.user.id}`)).pendingLink).toMatchObject({
      expired: true,
    })

    const renewed = await adminClient.post(`/api/users/${created.user.id}/link`)
    expect(renewed.statusCode).toBe(201)
    const fresh = json<Created['link']>(renewed)
    expect(fresh.purpose).toBe('invite')
    const second = json<Created['link']>(await adminClient.post(`/api/users/${created.user.id}/link`))
    const withdrawn = await t.anonymous().post('/api/invitations/lookup', { token: tokenOf(fresh.url) })
    expect(withdrawn.statusCode).toBe(410)
    expect(json(withdrawn).code).toBe('invitation_revoked')
    expect(
      (await t.anonymous().post('/api/invitations/lookup', { token: tokenOf(second.url) })).statusCode,
    ).toBe(200)
    const unknown = await t.anonymous().post('/api/invitations/lookup', { token: 'x'.repeat(43) })
    expect(unknown.statusCode).toBe(404)
  })

  it('validates the invitation', async () => {
    const bad = await invite({ email: 'inte-en-adress' })
    expect(bad.statusCode).toBe(400)
    expect(json(bad)).toMatchObject({ errors: [{ field: 'email' }] })

    await invite({ email: 'dubbel@test.example' })
    const duplicate = await invite({ email: 'DUBBEL@test.example' })
    expect(duplicate.statusCode).toBe(409)
    expect(json(duplicate)).toMatchObject({
      code: 'duplicate',
      errors: [{ field: 'email', message: 'Det finns redan en användare med den e-postadressen.' }],
    })

    const foreignRole = await invite({
      email: 'utrikes@test.example',
      roles: [{ role: 'administrator', organisationId: elsewhere }],
    })
    expect(foreignRole.statusCode).toBe(403)
    expect(json(foreignRole).detail).toMatch(/roles\.0\.organisationId/)

    const foreignOrg = await invite({ email: 'utrikes2@test.example', organisationId: elsewhere })
    expect(foreignOrg.statusCode).toBe(403)

    const foreignProject = await t.fixtures.project({ ownerOrganisationId: elsewhere })
    const noProject = await invite({
      email: 'utrikes3@test.example',
      projects: [{ projectId: foreignProject, role: 'member' }],
    })
    expect(noProject.statusCode).toBe(422)
    expect(json(noProject)).toMatchObject({ errors: [{ field: 'projects.0.projectId' }] })
    // Nothing of a refused invitation is left behind.
    const left = await t.db.selectFrom('app_user').where('email', 'like', 'utrikes%').select('id').execute()
    expect(left).toEqual([])
  })

  it('needs the CSRF token like every cookie-authenticated mutation', async () => {
    const token = adminClient.csrfToken
    adminClient.csrfToken = undefined
    try {
      const response = await invite({ email: 'csrf@test.example' })
      expect(response.statusCode).toBe(403)
      expect(json(response).code).toBe('csrf')
    } finally {
      adminClient.csrfToken = token
    }
  })
})

describe('deactivation', () => {
  it('ends the sessions and open links at once, and reactivation lets the user back in', async () => {
    const user = await t.fixtures.user({ organisationId: unit })
    const session = await t.as(user)
    const link = json<Created['link']>(await adminClient.post(`/api/users/${user.id}/link`))
    expect(link.purpose).toBe('password_reset')
    const current = json<Detail>(await adminClient.get(`/api/users/${user.id}`))

    const response = await adminClient.post(`/api/users/${user.id}/deactivate`, { version: current.version })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ status: 'deactivated', pendingLink: null })
    expect((await session.get('/api/me')).statusCode).toBe(401)
    expect(await t.db.selectFrom('session').where('user_id', '=', user.id).select('id').execute()).toEqual([])
    expect(
      (await t.anonymous().post('/api/invitations/lookup', { token: tokenOf(link.url) })).statusCode,
    ).toBe(410)
    await expect(t.as(user)).rejects.toThrow(/401/)

    const stale = await adminClient.post(`/api/users/${user.id}/reactivate`, { version: current.version })
    expect(stale.statusCode).toBe(409)
    expect(json(stale).code).toBe('stale_version')
    const back = await adminClient.post(`/api/users/${user.id}/reactivate`, { version: current.version + 1 })
    expect(json(back)).toMatchObject({ status: 'active' })
    expect((await (await t.as(user)).get('/api/me')).statusCode).toBe(200)
  })

  it('refuses to deactivate yourself', async () => {
    const response = await adminClient.post(`/api/users/${admin.id}/deactivate`, {})
    expect(response.statusCode).toBe(409)
    expect(json(response).code).toBe('self')
  })

  it('lets an administrator revoke all sessions of a user', async () => {
    const user = await t.fixtures.user({ organisationId: unit })
    const a = await t.as(user)
    const b = await t.as(user)
    const listed = json<{ items: unknown[] }>(await adminClient.get(`/api/users/${user.id}/sessions`))
    expect(listed.items).toHaveLength(2)
    expect((await adminClient.delete(`/api/users/${user.id}/sessions`)).statusCode).toBe(204)
    expect((await a.get('/api/me')).statusCode).toBe(401)
    expect((await b.get('/api/me')).statusCode).toBe(401)
  })
})

describe('roles and the last administrator', () => {
  it('changes roles only on organisations the administrator administers', async () => {
    const user = await t.fixtures.user({
      organisationId: unit,
      roles: [
        ['viewer', root],
        ['finance', elsewhere],
      ],
    })
    const before = json<Detail>(await adminClient.get(`/api/users/${user.id}`))
    expect(before.roles.map((r) => [r.role, r.manageable])).toEqual([
      ['viewer', true],
      ['finance', false],
    ])
    const response = await adminClient.put(`/api/users/${user.id}/roles`, {
      version: before.version,
      roles: [{ role: 'portfolio_manager', organisationId: unit }],
    })
    expect(response.statusCode).toBe(200)
    const after = json<Detail>(response)
    expect(after.roles.map((r) => r.role).sort()).toEqual(['finance', 'portfolio_manager'])
    expect(after.version).toBe(before.version + 1)

    const stale = await adminClient.put(`/api/users/${user.id}/roles`, { version: before.version, roles: [] })
    expect(stale.statusCode).toBe(409)
    const foreign = await adminClient.put(`/api/users/${user.id}/roles`, {
      version: after.version,
      roles: [{ role: 'finance', organisationId: elsewhere }],
    })
    expect(foreign.statusCode).toBe(403)
    const badRole = await adminClient.put(`/api/users/${user.id}/roles`, {
      version: after.version,
      roles: [{ role: 'emperor', organisationId: unit }],
    })
    expect(badRole.statusCode).toBe(400)
    expect(json(badRole)).toMatchObject({ errors: [{ field: 'roles.0.role' }] })
  })

  it('keeps at least one active administrator over every organisation', async () => {
    const town = await t.fixtures.organisation({ name: 'Bodens kommun' })
    const school = await t.fixtures.organisation({ name: 'Skolförvaltningen', parentId: town })
    const first = await t.fixtures.user({ organisationId: town, roles: [['administrator', town]] })
    const firstClient = await t.as(first)
    const me = json<Detail>(await firstClient.get(`/api/users/${first.id}`))

    const alone = await firstClient.put(`/api/users/${first.id}/roles`, { version: me.version, roles: [] })
    expect(alone.statusCode).toBe(409)
    expect(json(alone)).toMatchObject({ code: 'last_administrator' })
    expect(json(alone).detail).toMatch(/sista aktiva administratören för Bodens kommun/)

    // An administrator of a unit below is covered by the one above and may lose the role.
    const unitAdmin = await t.fixtures.user({ organisationId: school, roles: [['administrator', school]] })
    const unitDetail = json<Detail>(await firstClient.get(`/api/users/${unitAdmin.id}`))
    expect(
      (await firstClient.put(`/api/users/${unitAdmin.id}/roles`, { version: unitDetail.version, roles: [] }))
        .statusCode,
    ).toBe(200)

    // With a second administrator the first may step down, and then the second is the last.
    const second = await t.fixtures.user({ organisationId: town, roles: [['administrator', town]] })
    expect(
      (await firstClient.put(`/api/users/${first.id}/roles`, { version: me.version, roles: [] })).statusCode,
    ).toBe(200)
    const secondClient = await t.as(second)
    const deactivateFirst = await secondClient.post(`/api/users/${first.id}/deactivate`, {})
    expect(deactivateFirst.statusCode).toBe(200)
    const secondDetail = json<Detail>(await secondClient.get(`/api/users/${second.id}`))
    const last = await secondClient.put(`/api/users/${second.id}/roles`, {
      version: secondDetail.version,
      roles: [{ role: 'viewer', organisationId: town }],
    })
    expect(last.statusCode).toBe(409)
    expect(json(last).code).toBe('last_administrator')
    // Nothing changed.
    expect(json<Detail>(await secondClient.get(`/api/users/${second.id}`)).roles.map((r) => r.role)).toEqual([
      'administrator',
    ])
  })
})

describe('user list', () => {
  it('searches, filters and pages by keyset within the administered organisations only', async () => {
    for (const name of ['Sara Lund', 'Sara Berg', 'Sara Öberg', 'Sara Åkesson']) {
      await t.fixtures.user({ organisationId: unit, name })
    }
    await t.fixtures.user({ organisationId: elsewhere, name: 'Sara Piteå' })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/api/users?q=sara&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = json<{ items: { name: string }[]; nextCursor: string | null }>(await adminClient.get(url))
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((u) => u.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['Sara Berg', 'Sara Lund', 'Sara Åkesson', 'Sara Öberg'])

    const invited = json<{ items: { status: string }[] }>(await adminClient.get('/api/users?status=invited'))
    expect(invited.items.length).toBeGreaterThan(0)
    expect(invited.items.every((u) => u.status === 'invited')).toBe(true)
    const admins = json<{ items: { id: string }[] }>(await adminClient.get('/api/users?role=administrator'))
    expect(admins.items.map((u) => u.id)).toContain(admin.id)

    const badCursor = await adminClient.get('/api/users?cursor=nonsense')
    expect(badCursor.statusCode).toBe(400)
    expect(json(badCursor)).toMatchObject({ errors: [{ field: 'query.cursor' }] })
  })

  it('hides users of other organisations', async () => {
    const foreign = await t.fixtures.user({ organisationId: elsewhere })
    expect((await adminClient.get(`/api/users/${foreign.id}`)).statusCode).toBe(404)
    expect((await adminClient.post(`/api/users/${foreign.id}/deactivate`, {})).statusCode).toBe(404)
  })

  it('is for administrators only', async () => {
    const viewer = await t.as(await t.fixtures.user({ organisationId: root, roles: [['viewer', root]] }))
    expect((await viewer.get('/api/users')).statusCode).toBe(403)
  })
})

describe('editing a user', () => {
  it('renames and moves within the administered organisations, with optimistic concurrency', async () => {
    const user = await t.fixtures.user({ organisationId: unit, name: 'Gammalt Namn' })
    const before = json<Detail>(await adminClient.get(`/api/users/${user.id}`))
    const moved = await adminClient.patch(`/api/users/${user.id}`, {
      version: before.version,
      name: 'Nytt Namn',
      organisationId: root,
    })
    expect(json(moved)).toMatchObject({ name: 'Nytt Namn', organisation: { id: root } })
    expect(
      (await adminClient.patch(`/api/users/${user.id}`, { version: before.version, name: 'X' })).statusCode,
    ).toBe(409)
    const away = await adminClient.patch(`/api/users/${user.id}`, {
      version: before.version + 1,
      organisationId: elsewhere,
    })
    expect(away.statusCode).toBe(403)
    const noVersion = await adminClient.patch(`/api/users/${user.id}`, { name: 'Y' })
    expect(noVersion.statusCode).toBe(400)
  })
})
