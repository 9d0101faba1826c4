import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, FORALDRASUPPORTEN, TABB_OREBRO } from '../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let leader: Client
let admin: Client

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  admin = await t.as('admin@demo.example', DEMO_PASSWORD)
})
afterAll(() => t.close())

describe('demo indicators and status reports', () => {
  it('follows FöräldraSupporten’s goal: 137 children against 70, 80 % successful against 60 %', async () => {
    const project = await projectId(FORALDRASUPPORTEN)
    const items = json<{
      items: {
        name: string
        latest: { value: number | null; numerator: number | null } | null
        progress: { status: string }
      }[]
    }>(await leader.get(`/api/projects/${project}/indicators`)).items
    const children = items.find((i) => i.name === 'Barn vars föräldrar fått stöd')
    expect(children?.latest?.value).toBe(137)
    expect(children?.progress.status).toBe('on_track')
    expect(items.find((i) => i.name.startsWith('Föräldrar som hanterar'))?.latest?.numerator).toBe(80)
  })

  it('rolls the Stockholm pilots up with shares from summed counts', async () => {
    const programme = await t.db
      .selectFrom('programme')
      .where('name', '=', 'Samverkan skola–socialtjänst')
      .select('id')
      .executeTakeFirstOrThrow()
    const rollup = json<{
      indicators: {
        sharedKey: string
        total: { period: string; numerator: number; denominator: number; projects: number }[]
        projects: { series: { period: string; numerator: number; denominator: number }[] }[]
      }[]
    }>(await admin.get(`/api/programmes/${programme.id}/indicators`))
    const reach = rollup.indicators.find((i) => i.sharedKey === 'rackvidd')
    expect(reach?.projects).toHaveLength(4)
    const march = reach?.total.find((p) => p.period === '2014-03')
    const parts = reach?.projects.map((p) => p.series.find((s) => s.period === '2014-03'))
    expect(march?.numerator).toBe(parts?.reduce((sum, p) => sum + (p?.numerator ?? 0), 0))
    expect(march?.denominator).toBe(38 + 30 + 24 + 27)
    expect(rollup.indicators.map((i) => i.sharedKey)).not.toContain(null)
  })

  it('has TABB Örebro’s term reports with frozen facts and the spring term 2023 due for its leader', async () => {
    const project = await projectId(TABB_OREBRO)
    const list = json<{ due: string[]; items: { id: string; period: string; acknowledgements: number }[] }>(
      await leader.get(`/api/projects/${project}/status-reports`),
    )
    expect(list.items.map((i) => i.period)).toEqual(['2022-HT', '2022-VT'])
    expect(list.due).toEqual(['2023-VT'])
    const first = json<{
      factsFrozen: boolean
      facts: { asOf: string }
      suggestions: Record<string, unknown>
    }>(await leader.get(`/api/projects/${project}/status-reports/${list.items[1]?.id}`))
    expect(first.factsFrozen).toBe(true)
    expect(first.facts.asOf).toBe('2022-06-30')
    const due = json<{ items: { project: { name: string }; period: string }[] }>(
      await leader.get('/api/me/status-reports-due'),
    ).items
    expect(due).toEqual([
      expect.objectContaining({ project: expect.objectContaining({ name: TABB_OREBRO }), period: '2023-VT' }),
    ])
  })
})
