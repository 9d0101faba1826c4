import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let root: string
let buf: string
let admin: Client
let viewer: Client

beforeAll(async () => {
  t = await createTestApp()
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  buf = await t.fixtures.organisation({ name: 'Barn- och utbildningsförvaltningen', parentId: root })
  admin = await t.as(await t.fixtures.user({ organisationId: root, roles: [['administrator', root]] }))
  viewer = await t.as(await t.fixtures.user({ organisationId: root, roles: [['viewer', root]] }))
})
afterAll(() => t.close())

describe('organisation tree', () => {
  it('creates a unit under an administration and shows its place in the tree', async () => {
    const created = await admin.post('/api/organisations', {
      parentId: buf,
      name: 'Centrala Elevhälsan',
      shortName: 'CEH',
      kind: 'unit',
    })
    expect(created.statusCode).toBe(201)
    const unit = json<{ id: string }>(created)
    const detail = json(await viewer.get(`/api/organisations/${unit.id}`))
    expect(detail).toMatchObject({
      name: 'Centrala Elevhälsan',
      shortName: 'CEH',
      ancestors: [
        { id: root, name: 'Luleå kommun' },
        { id: buf, name: 'Barn- och utbildningsförvaltningen' },
      ],
      canEdit: false,
    })
    const parent = json<{ children: { name: string }[]; childCount: number }>(
      await admin.get(`/api/organisations/${buf}`),
    )
    expect(parent.children.map((c) => c.name)).toEqual(['Centrala Elevhälsan'])
    expect(parent.childCount).toBe(1)
  })

  it('lists roots and children', async () => {
    const roots = json<{ items: { name: string }[] }>(await viewer.get('/api/organisations?roots=true'))
    expect(roots.items.map((o) => o.name)).toContain('Luleå kommun')
    expect(roots.items.map((o) => o.name)).not.toContain('Barn- och utbildningsförvaltningen')
    const children = json<{ items: { name: string }[] }>(
      await viewer.get(`/api/organisations?parentId=${root}`),
    )
    expect(children.items.map((o) => o.name)).toEqual(['Barn- och utbildningsförvaltningen'])
  })

  it('refuses a duplicate name at the same level with 409 naming the field', async () => {
    const response = await admin.post('/api/organisations', {
      parentId: root,
      name: 'Barn- och utbildningsförvaltningen',
      kind: 'administration',
    })
    expect(response.statusCode).toBe(409)
    expect(json(response)).toMatchObject({ code: 'duplicate', errors: [{ field: 'name' }] })
  })

  it('renames with optimistic concurrency', async () => {
    const current = json<{ version: number }>(await admin.get(`/api/organisations/${buf}`))
    const renamed = await admin.patch(`/api/organisations/${buf}`, {
      version: current.version,
      shortName: 'BUF',
    })
    expect(json(renamed)).toMatchObject({ shortName: 'BUF', version: current.version + 1 })
    expect(
      (await admin.patch(`/api/organisations/${buf}`, { version: current.version, name: 'x' })).statusCode,
    ).toBe(409)
  })

  it('lets only administrators change the tree', async () => {
    expect(
      (await viewer.post('/api/organisations', { parentId: root, name: 'X', kind: 'unit' })).statusCode,
    ).toBe(403)
    expect((await viewer.patch(`/api/organisations/${buf}`, { version: 1, name: 'X' })).statusCode).toBe(403)
  })

  it('does not let an administrator of another municipality change this one', async () => {
    const elsewhere = await t.fixtures.organisation({ name: 'Piteå kommun' })
    const foreign = await t.as(
      await t.fixtures.user({ organisationId: elsewhere, roles: [['administrator', elsewhere]] }),
    )
    expect(
      (await foreign.post('/api/organisations', { parentId: root, name: 'Intrång', kind: 'unit' }))
        .statusCode,
    ).toBe(403)
  })
})

describe('people', () => {
  it('registers staff and shows them only within the same municipality', async () => {
    const created = await admin.post('/api/people', {
      name: 'Ingela Wiberg',
      title: 'Verksamhetschef',
      email: 'ingela.wiberg@demo.example',
      organisationId: buf,
    })
    expect(created.statusCode).toBe(201)
    const person = json<{ id: string }>(created)
    const list = json<{ items: { name: string; organisation: { name: string } }[] }>(
      await viewer.get('/api/people?q=ingela'),
    )
    expect(list.items).toEqual([
      expect.objectContaining({
        name: 'Ingela Wiberg',
        organisation: { id: buf, name: 'Barn- och utbildningsförvaltningen' },
      }),
    ])

    const elsewhere = await t.fixtures.organisation({ name: 'Bodens kommun' })
    const foreign = await t.as(
      await t.fixtures.user({ organisationId: elsewhere, roles: [['viewer', elsewhere]] }),
    )
    expect(json<{ items: unknown[] }>(await foreign.get('/api/people?q=ingela')).items).toEqual([])
    expect((await foreign.get(`/api/people/${person.id}`)).statusCode).toBe(404)
  })

  it('checks the e-mail format', async () => {
    const response = await admin.post('/api/people', {
      name: 'X',
      email: 'inte-en-adress',
      organisationId: buf,
    })
    expect(response.statusCode).toBe(400)
    expect(json(response)).toMatchObject({
      errors: [{ field: 'email', message: 'Ange en giltig e-postadress.' }],
    })
  })
})

describe('programmes', () => {
  it('creates and edits a programme, counting only the projects you can see', async () => {
    const created = await admin.post('/api/programmes', {
      name: 'Folkhälsomedel 2017',
      ownerOrganisationId: root,
      periodStart: '2017-01-01',
      periodEnd: '2019-12-31',
    })
    expect(created.statusCode).toBe(201)
    const programme = json<{ id: string; version: number }>(created)
    await t.fixtures.project({ ownerOrganisationId: buf, programmeId: programme.id })
    expect(json(await viewer.get(`/api/programmes/${programme.id}`))).toMatchObject({
      projectCount: 1,
      canEdit: false,
    })
    const edited = await admin.patch(`/api/programmes/${programme.id}`, {
      version: programme.version,
      periodEnd: '2016-12-31',
    })
    expect(edited.statusCode).toBe(422)
    expect(json(edited)).toMatchObject({ errors: [{ field: 'periodEnd' }] })
  })
})
