import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_PASSWORD, SAMVERKAN, TIDIGA } from '../../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../../test/helper.ts'

/** The "done when", as the demo finance user, through the API the web uses. */
let t: TestContext
let ekonom: Client
let lulea: string
const ids = new Map<string, string>()
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../../tests/fixtures/finance/${name}`, import.meta.url))

async function upload(fileName: string, content: Buffer) {
  const boundary = 'demo-boundary'
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/finance/imports?organisationId=${lulea}`,
    headers: {
      cookie: ekonom.cookie ?? '',
      'x-csrf-token': ekonom.csrfToken ?? '',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  })
  expect(response.statusCode, response.body).toBe(201)
  return json<{ id: string; mappingFromProfile: boolean; detected: { encoding: string; headerRow: number } }>(
    response,
  )
}

const finance = async (name: string) =>
  json<{ spentTotalOre: number; burn: { spentToDateOre: number } }>(
    await ekonom.get(`/api/projects/${ids.get(name)}/finance`),
  )

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  ekonom = await t.as('ekonom@demo.example', DEMO_PASSWORD)
  const orgs = json<{ items: { id: string; name: string }[] }>(
    await ekonom.get('/api/finance/organisations'),
  ).items
  lulea = orgs.find((o) => o.name === 'Luleå kommun')?.id ?? ''
  const projects = json<{ items: { id: string; name: string }[] }>(
    await ekonom.get('/api/projects?limit=200'),
  ).items
  for (const p of projects) ids.set(p.name, p.id)
})
afterAll(() => t.close())

it('imports the sample export into Samverkan i praktiken and Tidiga insatser, once', async () => {
  const before = { samverkan: await finance(SAMVERKAN), tidiga: await finance(TIDIGA) }
  const created = await upload('exempel-export.csv', fixture('sample-export.csv'))
  expect(created).toMatchObject({
    mappingFromProfile: true,
    detected: { encoding: 'windows-1252', headerRow: 5 },
  })
  const validated = json<{
    status: string
    counts: { total: number; invalid: number }
    amountTotalOre: number
  }>(await ekonom.post(`/api/finance/imports/${created.id}/validate`))
  expect(validated).toMatchObject({ status: 'validated', counts: { invalid: 0 } })
  const committed = json<{ counts: { inserted: number; total: number } }>(
    await ekonom.post(`/api/finance/imports/${created.id}/commit`),
  )
  expect(committed.counts.inserted).toBe(validated.counts.total)

  const after = { samverkan: await finance(SAMVERKAN), tidiga: await finance(TIDIGA) }
  const added =
    after.samverkan.spentTotalOre -
    before.samverkan.spentTotalOre +
    (after.tidiga.spentTotalOre - before.tidiga.spentTotalOre)
  expect(after.samverkan.spentTotalOre).toBeGreaterThan(before.samverkan.spentTotalOre)
  expect(after.tidiga.spentTotalOre).toBeGreaterThan(before.tidiga.spentTotalOre)
  expect(added).toBe(validated.amountTotalOre)
  expect(after.tidiga.burn.spentToDateOre).toBe(after.tidiga.spentTotalOre)

  // Tidiga's report: the budget was not fully used, staff costs came in lower.
  const summary = json<{
    unspentOre: number
    byCategory: { key: string; budgetOre: number; actualOre: number }[]
  }>(await ekonom.get(`/api/projects/${ids.get(TIDIGA)}/finance/summary`))
  expect(summary.unspentOre).toBeGreaterThan(0)
  const staff = summary.byCategory.find((c) => c.key === 'staff')
  expect(staff && staff.actualOre < staff.budgetOre).toBe(true)

  const again = await upload('exempel-export.csv', fixture('sample-export.csv'))
  await ekonom.post(`/api/finance/imports/${again.id}/validate`)
  expect(json(await ekonom.post(`/api/finance/imports/${again.id}/commit`))).toMatchObject({
    counts: { inserted: 0, duplicate: validated.counts.total },
  })
  expect((await finance(TIDIGA)).spentTotalOre).toBe(after.tidiga.spentTotalOre)
})

it('refuses the broken export with row-level errors and writes nothing', async () => {
  const before = await finance(TIDIGA)
  const created = await upload('exempel-export-med-fel.csv', fixture('broken-export.csv'))
  const validated = json<{ status: string; counts: { invalid: number } }>(
    await ekonom.post(`/api/finance/imports/${created.id}/validate`),
  )
  expect(validated).toMatchObject({ status: 'invalid', counts: { invalid: 4 } })
  const errors = json<{ items: { rowNumber: number; code: string }[] }>(
    await ekonom.get(`/api/finance/imports/${created.id}/errors`),
  ).items
  expect(errors.map((e) => [e.rowNumber, e.code])).toEqual([
    [8, 'invalid_amount'],
    [9, 'invalid_date'],
    [12, 'missing_voucher'],
    [13, 'unknown_project'],
  ])
  expect((await ekonom.post(`/api/finance/imports/${created.id}/commit`)).statusCode).toBe(409)
  expect((await finance(TIDIGA)).spentTotalOre).toBe(before.spentTotalOre)
})

it('shows the Örebro pilot as in-kind only, and the Samverkan budget as the seed states it', async () => {
  const orebro = json<{ inKindTotalOre: number; currentBudget: unknown; funding: unknown[] }>(
    await ekonom.get(
      `/api/projects/${ids.get('Tillsammans för samverkan på Västra Engelbrektsskolan')}/finance`,
    ),
  )
  expect(orebro.currentBudget).toBeNull()
  expect(orebro.funding).toEqual([])
  expect(orebro.inKindTotalOre).toBeGreaterThan(0)
  const samverkan = json<{
    fundingTotalOre: number
    currentBudget: { totalOre: number }
    funders: { funderName: string; totalOre: number }[]
  }>(await ekonom.get(`/api/projects/${ids.get(SAMVERKAN)}/finance`))
  expect(samverkan.currentBudget.totalOre).toBe(480_000_000)
  expect(samverkan.funders.map((f) => f.totalOre)).toEqual([280_600_000, 100_000_000, 100_000_000])
})
