import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let lulea: string
let soc: string
let other: string
let programme: string
let project: string
let admin: Client
let leader: Client
let viewer: Client
let outsider: Client

interface Page {
  items: { id: string; name: string }[]
  nextCursor: string | null
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  other = await f.organisation({ name: 'Annan kommun' })
  programme = await f.programme(lulea, 'Folkhälsomedel 2017')
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser i samverkan',
    programmeId: programme,
  })
  const leaderUser = await f.user({ organisationId: soc })
  await f.member(project, leaderUser.id, 'leader')
  admin = await t.as(await f.user({ organisationId: lulea, roles: [['administrator', lulea]] }))
  leader = await t.as(leaderUser)
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))
  outsider = await t.as(await f.user({ organisationId: other, roles: [['administrator', other]] }))
})
afterAll(() => t.close())

describe('editing a project', () => {
  it('saves an edit with the version read, records it in the history, and bumps the version', async () => {
    const before = json<{ version: number; purpose: string }>(await leader.get(`/api/projects/${project}`))
    const response = await leader.patch(`/api/projects/${project}`, {
      version: before.version,
      purpose: 'Tidigt stöd till barn som utmanar.',
    })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({
      purpose: 'Tidigt stöd till barn som utmanar.',
      version: before.version + 1,
    })
    expect(response.headers.etag).toBe(`"${before.version + 1}"`)

    const history = json<{ items: { action: string; actor: { name: string }; changes: unknown[] }[] }>(
      await leader.get(`/api/projects/${project}/history`),
    )
    expect(history.items[0]).toMatchObject({
      action: 'update',
      entity: 'project',
      changes: [{ field: 'purpose', before: before.purpose, after: 'Tidigt stöd till barn som utmanar.' }],
    })
  })

  it('refuses a stale version with 409 and the current state, never overwriting', async () => {
    const current = json<{ version: number }>(await leader.get(`/api/projects/${project}`))
    await admin.patch(`/api/projects/${project}`, { version: current.version, background: 'Först' })
    const stale = await leader.patch(`/api/projects/${project}`, {
      version: current.version,
      background: 'Sen',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.headers['content-type']).toMatch(/problem\+json/)
    expect(json(stale)).toMatchObject({
      code: 'stale_version',
      current: { background: 'Först', version: current.version + 1 },
    })
    const after = json(await leader.get(`/api/projects/${project}`))
    expect(after.background).toBe('Först')
  })

  it('takes the version from If-Match as well', async () => {
    const current = json<{ version: number }>(await leader.get(`/api/projects/${project}`))
    const ok = await leader.patch(
      `/api/projects/${project}`,
      { targetGroup: 'Barn 6–13 år' },
      { 'if-match': `"${current.version}"` },
    )
    expect(ok.statusCode).toBe(200)
    const stale = await leader.patch(
      `/api/projects/${project}`,
      { targetGroup: 'x' },
      { 'if-match': `"${current.version}"` },
    )
    expect(stale.statusCode).toBe(409)
  })

  it('asks for the version when none is sent', async () => {
    const response = await leader.patch(`/api/projects/${project}`, { name: 'Nytt namn' })
    expect(response.statusCode).toBe(400)
    expect(json(response)).toMatchObject({ code: 'version_required', errors: [{ field: 'version' }] })
  })

  it('answers a malformed request with 400 naming each field, in the asked language', async () => {
    leader.language = 'en'
    const response = await leader.patch(`/api/projects/${project}`, {
      version: 'one',
      plannedEnd: '2014-04-31',
      name: '',
      status: 'done',
    })
    leader.language = 'sv'
    expect(response.statusCode).toBe(400)
    const problem = json<{ errors: { field: string; message: string }[] }>(response)
    expect(Object.fromEntries(problem.errors.map((e) => [e.field, e.message]))).toEqual({
      version: 'Enter a whole number.',
      plannedEnd: 'Enter a date that exists, as YYYY-MM-DD.',
      name: 'This field cannot be empty.',
      status: 'Unknown field.',
    })
  })

  it('refuses an end before the start with 422 naming the field, saving nothing', async () => {
    const current = json<{ version: number; name: string }>(await leader.get(`/api/projects/${project}`))
    const response = await leader.patch(`/api/projects/${project}`, {
      version: current.version,
      name: 'Halvsparat',
      plannedStart: '2016-01-01',
      plannedEnd: '2015-01-01',
    })
    expect(response.statusCode).toBe(422)
    expect(json(response)).toMatchObject({ errors: [{ field: 'plannedEnd', code: 'end_before_start' }] })
    expect(json(await leader.get(`/api/projects/${project}`)).name).toBe(current.name)
  })

  it('lets a viewer read but not edit (403)', async () => {
    expect((await viewer.get(`/api/projects/${project}`)).statusCode).toBe(200)
    const response = await viewer.patch(`/api/projects/${project}`, { version: 1, name: 'Nej' })
    expect(response.statusCode).toBe(403)
    expect(json(response).code).toBe('forbidden')
  })

  it("hides another organisation's project entirely (404)", async () => {
    expect((await outsider.get(`/api/projects/${project}`)).statusCode).toBe(404)
    expect((await outsider.patch(`/api/projects/${project}`, { version: 1, name: 'x' })).statusCode).toBe(404)
    expect((await outsider.get(`/api/projects/${project}/history`)).statusCode).toBe(404)
    expect(json<Page>(await outsider.get('/api/projects')).items).toEqual([])
  })

  it('tells each user what they may do with the project', async () => {
    expect(json(await leader.get(`/api/projects/${project}`)).permissions).toEqual([
      'project:read',
      'project:edit',
      'project:plan',
      'project:members',
    ])
    expect(json(await viewer.get(`/api/projects/${project}`)).permissions).toEqual(['project:read'])
  })
})

describe('creating projects', () => {
  it('creates a draft with its first leader and records the creation', async () => {
    const person = await t.fixtures.person(soc, 'Elin Nordin')
    const response = await admin.post('/api/projects', {
      name: 'Samverkan i praktiken',
      code: 'BUN 2017/0412',
      ownerOrganisationId: soc,
      programmeId: programme,
      plannedStart: '2017-01-01',
      plannedEnd: '2019-12-31',
      leaderPersonId: person,
    })
    expect(response.statusCode).toBe(201)
    const created = json<{ id: string }>(response)
    expect(response.headers.location).toBe(`/api/projects/${created.id}`)
    expect(created).toMatchObject({
      status: 'draft',
      version: 1,
      leader: { id: person, name: 'Elin Nordin' },
      programme: { id: programme, name: 'Folkhälsomedel 2017' },
    })
    const history = json<{ items: { action: string }[] }>(
      await admin.get(`/api/projects/${created.id}/history`),
    )
    expect(history.items.map((e) => e.action)).toEqual(['create'])
  })

  it('lets a project leader add sub-projects but not a sub-project of a sub-project', async () => {
    const sub = await leader.post('/api/projects', {
      name: 'FöräldraSupporten',
      parentId: project,
      ownerOrganisationId: soc,
      plannedStart: '2013-09-01',
      plannedEnd: '2016-06-30',
    })
    expect(sub.statusCode).toBe(201)
    const subId = json<{ id: string }>(sub).id
    const parent = json<{ subProjects: { id: string }[] }>(await leader.get(`/api/projects/${project}`))
    expect(parent.subProjects.map((s) => s.id)).toContain(subId)
    const nested = await leader.post('/api/projects', {
      name: 'För djupt',
      parentId: subId,
      ownerOrganisationId: soc,
      plannedStart: '2014-01-01',
      plannedEnd: '2014-12-31',
    })
    expect(nested.statusCode).toBe(422)
    expect(json(nested)).toMatchObject({
      errors: [{ field: 'parentId', message: 'Ett delprojekt kan inte ha egna delprojekt.' }],
    })
  })

  it('refuses creation to those without a creator role over the owner (403)', async () => {
    const body = { name: 'X', ownerOrganisationId: soc, plannedStart: '2025-01-01', plannedEnd: '2025-12-31' }
    expect((await viewer.post('/api/projects', body)).statusCode).toBe(403)
    expect((await outsider.post('/api/projects', body)).statusCode).toBe(403)
  })

  it('names an unknown programme as the field at fault (422)', async () => {
    const response = await admin.post('/api/projects', {
      name: 'Okänt program',
      ownerOrganisationId: soc,
      programmeId: '01900000-0000-7000-8000-000000000000',
      plannedStart: '2025-01-01',
      plannedEnd: '2025-12-31',
    })
    expect(response.statusCode).toBe(422)
    expect(json(response)).toMatchObject({
      errors: [{ field: 'programmeId', message: 'Programmet finns inte.' }],
    })
  })
})

describe('listing projects', () => {
  beforeAll(async () => {
    for (const name of ['Örebro-piloten', 'Askersund-piloten', 'Ängelholm', 'Åre', 'Zeta']) {
      await t.fixtures.project({ ownerOrganisationId: soc, name })
    }
  })

  it('pages through every visible project by keyset, in Swedish order, without repeats', async () => {
    const names: string[] = []
    let cursor: string | null = null
    do {
      const page: Page = json<Page>(
        await admin.get(`/api/projects?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      )
      expect(page.items.length).toBeLessThanOrEqual(3)
      names.push(...page.items.map((p) => p.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(names).size).toBe(names.length)
    const tail = names.filter((n) => ['Zeta', 'Åre', 'Ängelholm', 'Örebro-piloten'].includes(n))
    expect(tail).toEqual(['Zeta', 'Åre', 'Ängelholm', 'Örebro-piloten'])
  })

  it('searches names and diarienummer, and filters by programme, owner and year', async () => {
    const search = json<Page>(await admin.get('/api/projects?q=tidiga'))
    expect(search.items.map((p) => p.name)).toEqual(['Tidiga insatser i samverkan'])
    const byCode = json<Page>(await admin.get(`/api/projects?q=${encodeURIComponent('BUN 2017')}`))
    expect(byCode.items.map((p) => p.name)).toEqual(['Samverkan i praktiken'])
    const byProgramme = json<Page>(await admin.get(`/api/projects?programmeId=${programme}`))
    expect(byProgramme.items.map((p) => p.name).sort()).toEqual([
      'Samverkan i praktiken',
      'Tidiga insatser i samverkan',
    ])
    const byOwner = json<Page>(await admin.get(`/api/projects?ownerOrganisationId=${lulea}&limit=200`))
    expect(byOwner.items.length).toBeGreaterThanOrEqual(8)
    const in2018 = json<Page>(await admin.get('/api/projects?year=2018&limit=200'))
    expect(in2018.items.map((p) => p.name)).toEqual(['Samverkan i praktiken'])
  })

  it('treats % and _ in a search as plain characters', async () => {
    expect(json<Page>(await admin.get('/api/projects?q=%25')).items).toEqual([])
  })

  it('shows a project leader only their own projects unless they hold an organisation role', async () => {
    const mine = json<Page>(await leader.get('/api/projects?limit=200'))
    expect(mine.items.map((p) => p.name)).toEqual(['FöräldraSupporten', 'Tidiga insatser i samverkan'])
  })

  it('refuses a forged cursor with 400', async () => {
    const response = await admin.get('/api/projects?cursor=not-a-cursor')
    expect(response.statusCode).toBe(400)
    expect(json(response)).toMatchObject({ code: 'invalid_cursor' })
  })
})

describe('members', () => {
  it('lets the leader add a member by e-mail, change the role and remove them, all in the history', async () => {
    const newcomer = await t.fixtures.user({ organisationId: soc, name: 'Ny Medarbetare' })
    const added = await leader.post(`/api/projects/${project}/members`, {
      email: newcomer.email,
      role: 'member',
    })
    expect(added.statusCode).toBe(201)
    expect(json(added)).toMatchObject({
      user: { id: newcomer.id, name: 'Ny Medarbetare' },
      role: 'member',
      version: 1,
    })
    const changed = await leader.put(`/api/projects/${project}/members/${newcomer.id}`, {
      version: 1,
      role: 'leader',
    })
    expect(changed.statusCode).toBe(200)
    expect(json(changed)).toMatchObject({ role: 'leader', version: 2 })
    expect(changed.headers.etag).toBe('"2"')
    expect(
      (await leader.delete(`/api/projects/${project}/members/${newcomer.id}?version=2`)).statusCode,
    ).toBe(204)
    const history = json<{ items: { entity: string; action: string }[] }>(
      await leader.get(`/api/projects/${project}/history?entity=project_member`),
    )
    expect(history.items.map((e) => e.action)).toEqual(['delete', 'update', 'create'])
  })

  it('refuses a role change on a stale version with 409 and the current member, and leaves the role', async () => {
    const newcomer = await t.fixtures.user({ organisationId: soc, name: 'Samtidig Ändring' })
    const url = `/api/projects/${project}/members/${newcomer.id}`
    expect(
      (await leader.post(`/api/projects/${project}/members`, { email: newcomer.email, role: 'member' }))
        .statusCode,
    ).toBe(201)
    // Two people read version 1; the first one's change wins.
    const first = await leader.put(url, { role: 'leader' }, { 'if-match': '"1"' })
    expect(first.statusCode).toBe(200)
    expect(json(first)).toMatchObject({ role: 'leader', version: 2 })

    const second = await admin.put(url, { version: 1, role: 'member' })
    expect(second.statusCode).toBe(409)
    expect(second.headers['content-type']).toMatch(/problem\+json/)
    expect(json(second)).toMatchObject({
      code: 'stale_version',
      current: { user: { id: newcomer.id }, role: 'leader', version: 2 },
    })
    const listed = json<{ items: { user: { id: string }; role: string; version: number }[] }>(
      await leader.get(`/api/projects/${project}/members`),
    )
    expect(listed.items.find((m) => m.user.id === newcomer.id)).toMatchObject({ role: 'leader', version: 2 })

    const history = json<{ items: { entityId: string; action: string; changes: unknown[] }[] }>(
      await leader.get(`/api/projects/${project}/history?entity=project_member`),
    )
    const mine = history.items.filter((e) => e.entityId === newcomer.id)
    // The refused change left no trace; the accepted one is recorded with what it changed.
    expect(mine.map((e) => e.action)).toEqual(['update', 'create'])
    expect(mine[0]!.changes).toEqual([{ field: 'role', before: 'member', after: 'leader' }])
  })

  it('refuses a removal on a stale version with 409 and the current member, keeps them, and removes on the right one', async () => {
    const newcomer = await t.fixtures.user({ organisationId: soc, name: 'Samtidig Borttagning' })
    const url = `/api/projects/${project}/members/${newcomer.id}`
    expect(
      (await leader.post(`/api/projects/${project}/members`, { email: newcomer.email, role: 'member' }))
        .statusCode,
    ).toBe(201)
    // One person read version 1 and asks to remove; another changed the role in between.
    expect((await admin.put(url, { version: 1, role: 'leader' })).statusCode).toBe(200)

    const stale = await leader.delete(url, { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(409)
    expect(stale.headers['content-type']).toMatch(/problem\+json/)
    expect(json(stale)).toMatchObject({
      code: 'stale_version',
      current: { user: { id: newcomer.id }, role: 'leader', version: 2 },
    })
    expect((await leader.delete(`${url}?version=1`)).statusCode).toBe(409)
    const members = async () =>
      json<{ items: { user: { id: string }; role: string; version: number }[] }>(
        await leader.get(`/api/projects/${project}/members`),
      ).items.find((m) => m.user.id === newcomer.id)
    expect(await members()).toMatchObject({ role: 'leader', version: 2 })
    const actions = async () =>
      json<{ items: { entityId: string; action: string }[] }>(
        await leader.get(`/api/projects/${project}/history?entity=project_member`),
      )
        .items.filter((e) => e.entityId === newcomer.id)
        .map((e) => e.action)
    // The refused removals left no trace.
    expect(await actions()).toEqual(['update', 'create'])

    const unversioned = await leader.delete(url)
    expect(unversioned.statusCode).toBe(400)
    expect(json(unversioned)).toMatchObject({ code: 'version_required', errors: [{ field: 'version' }] })

    expect((await leader.delete(url, { 'if-match': 'W/"2"' })).statusCode).toBe(204)
    expect(await members()).toBeUndefined()
    expect(await actions()).toEqual(['delete', 'update', 'create'])
    expect((await leader.delete(url, { 'if-match': '"2"' })).statusCode).toBe(404)
  })

  it('asks for the version on a role change and answers 404 for a user who is not a member', async () => {
    const newcomer = await t.fixtures.user({ organisationId: soc })
    const url = `/api/projects/${project}/members/${newcomer.id}`
    // Adding someone is POST; a role change of no member has nothing to change.
    const missing = await leader.put(url, { version: 1, role: 'leader' })
    expect(missing.statusCode).toBe(404)
    await leader.post(`/api/projects/${project}/members`, { email: newcomer.email, role: 'member' })
    const unversioned = await leader.put(url, { role: 'leader' })
    expect(unversioned.statusCode).toBe(400)
    expect(json(unversioned)).toMatchObject({ code: 'version_required', errors: [{ field: 'version' }] })
  })

  it('refuses to add someone who is already a member with 409 naming the e-mail, and keeps their role', async () => {
    const newcomer = await t.fixtures.user({ organisationId: soc, name: 'Redan Med' })
    const add = (role: string, email = newcomer.email) =>
      leader.post(`/api/projects/${project}/members`, { email, role }, { 'accept-language': 'sv' })
    expect((await add('leader')).statusCode).toBe(201)
    // Another case of the same address is the same user.
    const again = await add('member', newcomer.email.toUpperCase())
    expect(again.statusCode).toBe(409)
    expect(json(again)).toMatchObject({
      code: 'already_member',
      errors: [{ field: 'email', code: 'already_member', message: expect.stringContaining('redan med') }],
      current: { user: { id: newcomer.id }, role: 'leader', version: 1 },
    })
    const english = await leader.post(
      `/api/projects/${project}/members`,
      { email: newcomer.email, role: 'member' },
      { 'accept-language': 'en' },
    )
    expect(json(english)).toMatchObject({
      errors: [{ field: 'email', message: expect.stringContaining('already a member') }],
    })
    const listed = json<{ items: { user: { id: string }; role: string }[] }>(
      await leader.get(`/api/projects/${project}/members`),
    )
    expect(listed.items.find((m) => m.user.id === newcomer.id)?.role).toBe('leader')
    const history = json<{ items: { entityId: string; action: string }[] }>(
      await leader.get(`/api/projects/${project}/history?entity=project_member`),
    )
    expect(history.items.filter((e) => e.entityId === newcomer.id).map((e) => e.action)).toEqual(['create'])
  })

  it('lets an administrator give an invited account a role by its id, once', async () => {
    const invited = await t.fixtures.user({ organisationId: soc, active: false })
    const url = `/api/projects/${project}/members`
    const added = await admin.post(url, { userId: invited.id, role: 'member' })
    expect(added.statusCode).toBe(201)
    expect(json(added)).toMatchObject({ user: { id: invited.id }, role: 'member', version: 1 })
    const again = await admin.post(url, { userId: invited.id, role: 'leader' })
    expect(again.statusCode).toBe(409)
    expect(json(again)).toMatchObject({ code: 'already_member', errors: [{ field: 'userId' }] })
    // By e-mail only active users are found.
    const byEmail = await leader.post(url, { email: invited.email, role: 'member' })
    expect(byEmail.statusCode).toBe(422)
  })

  it('names the e-mail field when no such user exists', async () => {
    const response = await leader.post(`/api/projects/${project}/members`, {
      email: 'ingen@test.example',
      role: 'member',
    })
    expect(response.statusCode).toBe(422)
    expect(json(response)).toMatchObject({ errors: [{ field: 'email', code: 'unknown_user' }] })
  })

  it('names the e-mail field when the address is malformed or no one is named', async () => {
    const url = `/api/projects/${project}/members`
    const malformed = await leader.post(url, { email: 'inte-en-adress', role: 'member' })
    expect(malformed.statusCode).toBe(400)
    expect(json(malformed)).toMatchObject({ errors: [{ field: 'email', code: 'email' }] })
    const nobody = await leader.post(url, { role: 'member' })
    expect(nobody.statusCode).toBe(422)
    expect(json(nobody)).toMatchObject({ errors: [{ field: 'email', code: 'required' }] })
  })

  it('does not let a viewer manage members', async () => {
    const response = await viewer.post(`/api/projects/${project}/members`, {
      email: 'x@test.example',
      role: 'member',
    })
    expect(response.statusCode).toBe(403)
  })
})
