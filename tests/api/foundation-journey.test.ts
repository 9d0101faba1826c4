import { createTestApp, json, type TestContext } from '@lagesbild/server/test/helper'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const DEMO_PASSWORD = 'lagesbild-demo'
let t: TestContext

interface Page {
  items: { id: string; name: string; subProjectCount: number; programme: { name: string } | null }[]
  nextCursor: string | null
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
})
afterAll(() => t.close())

describe('demo data', () => {
  it('has a working account for every role named in the README', async () => {
    for (const email of [
      'admin@demo.example',
      'portfolj@demo.example',
      'ekonom@demo.example',
      'projektledare@demo.example',
      'styrgrupp@demo.example',
      'betraktare@demo.example',
    ]) {
      const client = await t.as(email, DEMO_PASSWORD)
      expect(json(await client.get('/api/me')).email).toBe(email)
    }
  })

  it('holds the four seed projects, the sub-projects and the Stockholm pilots', async () => {
    const portfolio = await t.as('portfolj@demo.example', DEMO_PASSWORD)
    const all = json<Page>(await portfolio.get('/api/projects?limit=200'))
    const names = all.items.map((p) => p.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'Samverkan i praktiken',
        'Tidiga insatser i samverkan, skola – socialtjänst',
        'FöräldraSupporten',
        'Kartläggning/välfärdsanalys',
        'Tillsammans för samverkan på Västra Engelbrektsskolan',
      ]),
    )
    const tidiga = all.items.find((p) => p.name.startsWith('Tidiga insatser'))
    expect(tidiga?.subProjectCount).toBe(2)
    const tabb = all.items.find((p) => p.name.startsWith('Tillsammans för samverkan'))
    expect(tabb?.programme?.name).toBe('TABB – Tillsammans för alla barns bästa')
    const pilots = all.items.filter((p) => p.programme?.name === 'Samverkan skola–socialtjänst')
    expect(pilots).toHaveLength(16)
  })
})

describe('the foundation journey', () => {
  it('project leader finds Tidiga insatser, edits its purpose and sees it in the history; stale, malformed and viewer edits are refused', async () => {
    const leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
    const found = json<Page>(await leader.get(`/api/projects?q=${encodeURIComponent('Tidiga insatser')}`))
    expect(found.items.map((p) => p.name)).toEqual(['Tidiga insatser i samverkan, skola – socialtjänst'])
    const id = found.items[0]!.id

    const project = json<{ version: number; leader: { name: string }; permissions: string[] }>(
      await leader.get(`/api/projects/${id}`),
    )
    expect(project.leader.name).toBe('Elin Nordin')
    expect(project.permissions).toContain('project:edit')

    const purpose = 'Tidigt stöd till barn som utmanar och en resurs för att följa barn och ungas utveckling.'
    const edited = await leader.patch(`/api/projects/${id}`, { version: project.version, purpose })
    expect(edited.statusCode).toBe(200)

    const history = json<{
      items: { actor: { name: string }; changes: { field: string; after: unknown }[] }[]
    }>(await leader.get(`/api/projects/${id}/history`))
    expect(history.items[0]).toMatchObject({
      actor: { name: 'Elin Nordin' },
      changes: [{ field: 'purpose', after: purpose }],
    })

    const stale = await leader.patch(`/api/projects/${id}`, {
      version: project.version,
      purpose: 'Gammal version',
    })
    expect(stale.statusCode).toBe(409)

    const malformed = await leader.patch(`/api/projects/${id}`, {
      version: project.version + 1,
      plannedStart: 'våren 2014',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/)

    const viewer = await t.as('betraktare@demo.example', DEMO_PASSWORD)
    expect((await viewer.get(`/api/projects/${id}`)).statusCode).toBe(200)
    const refused = await viewer.patch(`/api/projects/${id}`, {
      version: project.version + 1,
      purpose: 'Nej',
    })
    expect(refused.statusCode).toBe(403)
  })
})
