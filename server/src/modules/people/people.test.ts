import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

interface PersonBody {
  id: string
  name: string
  title: string | null
  email: string | null
  organisation: { id: string; name: string }
  accounts: { id: string; name: string }[]
  erased: boolean
  version: number
}

let t: TestContext
let root: string
let unit: string
let admin: Client

beforeAll(async () => {
  t = await createTestApp()
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  unit = await t.fixtures.organisation({ name: 'Socialförvaltningen', parentId: root })
  admin = await t.as(
    await t.fixtures.user({ organisationId: root, roles: [['administrator', root]], name: 'Alva Lund' }),
  )
})
afterAll(() => t.close())

const create = async (name: string, email: string | null = null) => {
  const response = await admin.post('/api/people', { name, email, organisationId: unit })
  expect(response.statusCode).toBe(201)
  return json<PersonBody>(response)
}

describe('staff register', () => {
  it('names the accounts linked to a staff record, and none for one without', async () => {
    const withAccount = await create('Maja Öberg', 'maja.oberg@lulea.example')
    const without = await create('Nils Ek')
    const user = await t.fixtures.user({ organisationId: unit, name: 'Maja Öberg (konto)' })
    await t.db.updateTable('app_user').set({ person_id: withAccount.id }).where('id', '=', user.id).execute()

    const got = json<PersonBody>(await admin.get(`/api/people/${withAccount.id}`))
    expect(got.accounts).toEqual([{ id: user.id, name: 'Maja Öberg (konto)' }])
    expect(got.erased).toBe(false)
    const listed = json<{ items: PersonBody[] }>(await admin.get(`/api/people?organisationId=${unit}`))
    expect(listed.items.find((p) => p.id === without.id)?.accounts).toEqual([])
    expect(listed.items.find((p) => p.id === withAccount.id)?.accounts).toHaveLength(1)
  })

  it('edits with the version and refuses a stale one with the current state', async () => {
    const person = await create('Ola Berg')
    const edited = await admin.patch(`/api/people/${person.id}`, {
      version: person.version,
      title: 'Samordnare',
    })
    expect(edited.statusCode).toBe(200)
    expect(json<PersonBody>(edited)).toMatchObject({ title: 'Samordnare', version: person.version + 1 })
    const stale = await admin.patch(`/api/people/${person.id}`, { version: person.version, title: 'X' })
    expect(stale.statusCode).toBe(409)
    expect(json(stale)).toMatchObject({ current: { title: 'Samordnare' } })
  })

  it('refuses to edit an erased staff record, so the erasure cannot be undone', async () => {
    const person = await create('Tove Lind', 'tove.lind@lulea.example')
    const erased = await admin.post(`/api/privacy/people/${person.id}/erase`, { confirmName: 'Tove Lind' })
    expect(erased.statusCode).toBe(200)
    const after = json<PersonBody>(await admin.get(`/api/people/${person.id}`))
    expect(after.erased).toBe(true)
    expect(after.name).not.toBe('Tove Lind')
    const edit = await admin.patch(`/api/people/${person.id}`, { version: after.version, name: 'Tove Lind' })
    expect(edit.statusCode).toBe(409)
    expect(json(edit)).toMatchObject({ code: 'erased' })
    expect(json<PersonBody>(await admin.get(`/api/people/${person.id}`)).name).toBe(after.name)
  })
})
