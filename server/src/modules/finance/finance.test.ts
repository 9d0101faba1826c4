import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { approveBudgetVersion } from './budget.ts'
import { burnStatus } from './follow-up.ts'
import { projectFinanceTotals } from './portfolio.ts'

let t: TestContext
let lulea: string
let soc: string
let project: string
let sub: string
let otherProject: string
let finance: Client
let admin: Client
let leader: Client
let member: Client
let viewer: Client
let outsider: Client
let financeUserId: string

const kr = (n: number) => n * 100

interface Version {
  id: string
  status: string
  version: number
  current: boolean
  original: boolean
  superseded: boolean
  totalOre: number
  lines: { year: number; category: string; amountOre: number; subProject: { id: string } | null }[]
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  const other = await f.organisation({ name: 'Piteå kommun' })
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Samverkan i praktiken',
    plannedStart: '2017-01-01',
    plannedEnd: '2019-12-31',
  })
  sub = await f.project({
    ownerOrganisationId: soc,
    name: 'Del a',
    parentId: project,
    plannedStart: '2017-01-01',
    plannedEnd: '2019-12-31',
  })
  otherProject = await f.project({ ownerOrganisationId: soc, name: 'Annat projekt' })
  const financeUser = await f.user({ organisationId: lulea, roles: [['finance', lulea]] })
  financeUserId = financeUser.id
  finance = await t.as(financeUser)
  admin = await t.as(await f.user({ organisationId: lulea, roles: [['administrator', lulea]] }))
  const leaderUser = await f.user({ organisationId: soc })
  await f.member(project, leaderUser.id, 'leader')
  leader = await t.as(leaderUser)
  const memberUser = await f.user({ organisationId: soc })
  await f.member(project, memberUser.id, 'member')
  member = await t.as(memberUser)
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))
  outsider = await t.as(
    await f.user({
      organisationId: other,
      roles: [
        ['finance', other],
        ['administrator', other],
      ],
    }),
  )
})
afterAll(() => t.close())

const base = () => `/api/projects/${project}/finance`

describe('funding plan', () => {
  it('keeps funder × year amounts and computes shares that add up to 100 %', async () => {
    const entries = [
      ['Folkhälsomedel', 'public_health_fund', 2017, 1_200_000],
      ['Folkhälsomedel', 'public_health_fund', 2018, 936_000],
      ['Folkhälsomedel', 'public_health_fund', 2019, 670_000],
      ['BUF', 'administration', 2017, 200_000],
      ['BUF', 'administration', 2018, 350_000],
      ['BUF', 'administration', 2019, 450_000],
      ['SOC', 'administration', 2017, 200_000],
      ['SOC', 'administration', 2018, 350_000],
      ['SOC', 'administration', 2019, 450_000],
    ] as const
    for (const [funderName, funderKind, year, amount] of entries) {
      const response = await finance.post(`${base()}/funding`, {
        funderName,
        funderKind,
        year,
        amountOre: kr(amount),
        status: 'granted',
      })
      expect(response.statusCode, response.body).toBe(201)
    }
    const overview = json<{
      fundingTotalOre: number
      funders: {
        funderName: string
        totalOre: number
        shareBp: number
        byYear: { year: number; shareBp: number }[]
      }[]
    }>(await leader.get(base()))
    expect(overview.fundingTotalOre).toBe(kr(4_806_000))
    expect(overview.funders.map((f) => [f.funderName, f.totalOre, f.shareBp])).toEqual([
      ['Folkhälsomedel', kr(2_806_000), 5838],
      ['BUF', kr(1_000_000), 2081],
      ['SOC', kr(1_000_000), 2081],
    ])
    const share2017 = overview.funders.map((f) => f.byYear.find((y) => y.year === 2017)?.shareBp)
    expect(share2017).toEqual([7500, 1250, 1250])
  })

  it('refuses bad input naming the field, and a funder twice in a year', async () => {
    const negative = await finance.post(`${base()}/funding`, {
      funderName: 'X',
      funderKind: 'other',
      year: 2017,
      amountOre: -1,
    })
    expect(negative.statusCode).toBe(400)
    expect(json(negative)).toMatchObject({ errors: [{ field: 'amountOre' }] })
    const fraction = await finance.post(`${base()}/funding`, {
      funderName: 'X',
      funderKind: 'other',
      year: 2017,
      amountOre: 10.5,
    })
    expect(fraction.statusCode).toBe(400)
    const twice = await finance.post(`${base()}/funding`, {
      funderName: 'BUF',
      funderKind: 'administration',
      year: 2017,
      amountOre: 1,
    })
    expect(twice.statusCode).toBe(409)
    expect(json(twice)).toMatchObject({ code: 'duplicate', errors: [{ field: 'funderName' }] })
  })

  it('edits with the version read and refuses a stale one', async () => {
    const created = json<{ id: string; version: number }>(
      await finance.post(`${base()}/funding`, {
        funderName: 'Regionen',
        funderKind: 'region',
        year: 2018,
        amountOre: kr(10_000),
      }),
    )
    const edited = await finance.patch(`${base()}/funding/${created.id}`, {
      version: created.version,
      status: 'granted',
    })
    expect(json(edited)).toMatchObject({ status: 'granted', version: 2 })
    const stale = await finance.patch(`${base()}/funding/${created.id}`, { version: 1, amountOre: 5 })
    expect(stale.statusCode).toBe(409)
    expect(json(stale)).toMatchObject({ code: 'stale_version', current: { version: 2 } })
    expect((await finance.delete(`${base()}/funding/${created.id}`, { 'if-match': '"2"' })).statusCode).toBe(
      204,
    )
  })

  it('lets leaders and viewers read but not edit; hides it from other organisations', async () => {
    expect((await viewer.get(base())).statusCode).toBe(200)
    const body = { funderName: 'Y', funderKind: 'other', year: 2017, amountOre: 1 }
    expect((await leader.post(`${base()}/funding`, body)).statusCode).toBe(403)
    expect((await viewer.post(`${base()}/funding`, body)).statusCode).toBe(403)
    expect((await outsider.get(base())).statusCode).toBe(404)
    expect((await outsider.post(`${base()}/funding`, body)).statusCode).toBe(404)
  })
})

const yearLines = (year: number, staff: number, other: number) => [
  { year, category: 'staff', amountOre: staff },
  { year, category: 'other', amountOre: other },
]

describe('budget versions', () => {
  let original: Version

  it('starts a draft, refuses lines that break the rules naming the line, and proposes it', async () => {
    const unknown = await finance.post(`${base()}/budget-versions`, {
      lines: [{ year: 2017, category: 'travel', amountOre: 1 }],
    })
    expect(unknown.statusCode).toBe(422)
    expect(json(unknown)).toMatchObject({ errors: [{ field: 'lines.0.category', code: 'unknown_category' }] })
    const outside = await finance.post(`${base()}/budget-versions`, {
      lines: [{ year: 2016, category: 'staff', amountOre: 1 }],
    })
    expect(json(outside)).toMatchObject({ errors: [{ field: 'lines.0.year', code: 'outside_period' }] })
    const foreign = await finance.post(`${base()}/budget-versions`, {
      lines: [{ year: 2017, category: 'staff', amountOre: 1, subProjectId: otherProject }],
    })
    expect(json(foreign)).toMatchObject({ errors: [{ field: 'lines.0.subProjectId' }] })
    const twice = await finance.post(`${base()}/budget-versions`, {
      lines: [...yearLines(2017, 1, 1), { year: 2017, category: 'staff', amountOre: 2 }],
    })
    expect(json(twice)).toMatchObject({ errors: [{ field: 'lines.2', code: 'duplicate_line' }] })

    // 4 800 000 kr over three years with amounts that do not divide evenly into months.
    const response = await finance.post(`${base()}/budget-versions`, {
      note: 'Enligt ansökan',
      lines: [
        ...yearLines(2017, kr(1_150_000) + 1, kr(450_000) - 1),
        ...yearLines(2018, kr(1_200_000) + 7, kr(400_000) - 7),
        ...yearLines(2019, kr(1_200_000), kr(400_000)),
        { year: 2018, category: 'training', subProjectId: sub, amountOre: 0, comment: 'Del a' },
      ],
    })
    expect(response.statusCode, response.body).toBe(201)
    const draft = json<Version>(response)
    expect(draft).toMatchObject({ status: 'draft', current: false, totalOre: kr(4_800_000) })
    expect(draft.lines.find((l) => l.subProject)?.subProject?.id).toBe(sub)
    const proposed = await finance.post(`${base()}/budget-versions/${draft.id}/propose`, {
      version: draft.version,
    })
    expect(json(proposed)).toMatchObject({ status: 'proposed' })
    original = json<Version>(proposed)
  })

  it('lets finance approve a proposal directly, recorded in the history, making it current and original', async () => {
    expect(
      (await leader.post(`${base()}/budget-versions/${original.id}/approve`, { version: original.version }))
        .statusCode,
    ).toBe(403)
    const approved = await finance.post(`${base()}/budget-versions/${original.id}/approve`, {
      version: original.version,
      comment: 'Beslut KS',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    original = json<Version>(approved)
    expect(original).toMatchObject({ status: 'approved', current: true, original: true, superseded: false })
    const history = json<{ items: { entity: string; action: string }[] }>(
      await leader.get(`/api/projects/${project}/history`),
    )
    expect(history.items.some((e) => e.entity === 'budget_version' && e.action === 'approve_direct')).toBe(
      true,
    )
  })

  it('freezes an approved version: no edit through the API and none in the database', async () => {
    const put = await finance.put(`${base()}/budget-versions/${original.id}`, {
      version: original.version,
      lines: [],
    })
    expect(put.statusCode).toBe(409)
    expect(json(put).code).toBe('wrong_state')
    await expect(
      t.db
        .updateTable('budget_line')
        .set({ amount_ore: 1 })
        .where('budget_version_id', '=', original.id)
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      t.db.updateTable('budget_version').set({ note: 'x' }).where('id', '=', original.id).execute(),
    ).rejects.toMatchObject({
      code: 'LBIMM',
    })
  })

  it('lets a leader propose a change; approval supersedes the previous version, which stays comparable', async () => {
    expect((await member.post(`${base()}/budget-versions`, {})).statusCode).toBe(403)
    expect((await viewer.post(`${base()}/budget-versions`, {})).statusCode).toBe(403)
    const draft = json<Version>(await leader.post(`${base()}/budget-versions`, { note: 'Omfördelning' }))
    expect(draft.lines).toHaveLength(original.lines.length)
    const changed = draft.lines.map((l) => ({
      year: l.year,
      category: l.category,
      subProjectId: l.subProject?.id ?? null,
      amountOre:
        l.year === 2018 && l.category === 'staff'
          ? l.amountOre - kr(300_000)
          : l.year === 2019 && l.category === 'staff'
            ? l.amountOre + kr(300_000)
            : l.amountOre,
    }))
    const edited = json<Version>(
      await leader.put(`${base()}/budget-versions/${draft.id}`, { version: draft.version, lines: changed }),
    )
    const stale = await leader.put(`${base()}/budget-versions/${draft.id}`, {
      version: draft.version,
      lines: changed,
    })
    expect(stale.statusCode).toBe(409)
    const proposed = json<Version>(
      await leader.post(`${base()}/budget-versions/${draft.id}/propose`, { version: edited.version }),
    )
    const approved = json<Version>(
      await finance.post(`${base()}/budget-versions/${draft.id}/approve`, { version: proposed.version }),
    )
    expect(approved).toMatchObject({ current: true, original: false, totalOre: kr(4_800_000) })
    const before = json<Version>(await viewer.get(`${base()}/budget-versions/${original.id}`))
    expect(before).toMatchObject({ current: false, original: true, superseded: true })
    const list = json<{ items: Version[] }>(await viewer.get(`${base()}/budget-versions`))
    expect(list.items.map((v) => v.status)).toEqual(['approved', 'approved'])
  })

  it('rejects a proposal, and discards a draft', async () => {
    const draft = json<Version>(await leader.post(`${base()}/budget-versions`, { propose: true }))
    expect(draft.status).toBe('proposed')
    const rejected = await finance.post(`${base()}/budget-versions/${draft.id}/reject`, {
      version: draft.version,
    })
    expect(json(rejected)).toMatchObject({ status: 'rejected' })
    const another = json<Version>(await finance.post(`${base()}/budget-versions`, {}))
    expect(
      (
        await finance.delete(`${base()}/budget-versions/${another.id}`, {
          'if-match': `"${another.version}"`,
        })
      ).statusCode,
    ).toBe(204)
    expect((await finance.get(`${base()}/budget-versions/${another.id}`)).statusCode).toBe(404)
  })

  it('approves inside the caller’s transaction, so governance can commit it with its decision or not at all', async () => {
    const proposal = json<Version>(await leader.post(`${base()}/budget-versions`, { propose: true }))
    const decisionId = await t.fixtures.decision()
    await expect(
      t.db.transaction().execute(async (trx) => {
        await approveBudgetVersion(trx, { budgetVersionId: proposal.id, decisionId, actorId: financeUserId })
        throw new Error('the decision failed to save')
      }),
    ).rejects.toThrow('the decision failed')
    expect(json<Version>(await finance.get(`${base()}/budget-versions/${proposal.id}`)).status).toBe(
      'proposed',
    )
    await t.db
      .transaction()
      .execute((trx) =>
        approveBudgetVersion(trx, { budgetVersionId: proposal.id, decisionId, actorId: financeUserId }),
      )
    expect(json(await finance.get(`${base()}/budget-versions/${proposal.id}`))).toMatchObject({
      status: 'approved',
      current: true,
      decisionId,
    })
  })
})

describe('in-kind contributions', () => {
  it('values a share of a position and hours, and refuses a share without months', async () => {
    const share = await finance.post(`${base()}/in-kind`, {
      contributor: 'Västra Engelbrektsskolan',
      year: 2018,
      unit: 'position_share',
      quantity: 2000,
      months: 10,
      rateOre: kr(48_000),
    })
    expect(json(share)).toMatchObject({ valueOre: kr(96_000) })
    const hours = await finance.post(`${base()}/in-kind`, {
      contributor: 'BUP',
      year: 2018,
      unit: 'hours',
      quantity: 80,
      rateOre: kr(650),
    })
    expect(json(hours)).toMatchObject({ valueOre: kr(52_000), months: null })
    const noMonths = await finance.post(`${base()}/in-kind`, {
      contributor: 'X',
      year: 2018,
      unit: 'position_share',
      quantity: 1000,
      rateOre: 1,
    })
    expect(noMonths.statusCode).toBe(422)
    expect(json(noMonths)).toMatchObject({ errors: [{ field: 'months' }] })
    const created = json<{ id: string; version: number }>(hours)
    expect(
      json(await finance.patch(`${base()}/in-kind/${created.id}`, { version: 1, quantity: 100 })),
    ).toMatchObject({ valueOre: kr(65_000) })
    expect(
      (
        await leader.post(`${base()}/in-kind`, {
          contributor: 'X',
          year: 2018,
          unit: 'hours',
          quantity: 1,
          rateOre: 1,
        })
      ).statusCode,
    ).toBe(403)
    expect(json<{ inKindTotalOre: number }>(await viewer.get(base())).inKindTotalOre).toBe(
      kr(96_000 + 65_000),
    )
  })
})

describe('actuals, burn and the budget summary', () => {
  const entries = [
    { date: '2017-01-31', amountOre: kr(95_000) + 33, category: 'staff' },
    { date: '2017-02-28', amountOre: kr(95_000) + 33, category: 'staff' },
    { date: '2017-03-15', amountOre: kr(12_345) + 67, category: 'other', voucher: 'V1' },
    { date: '2017-03-20', amountOre: -kr(1_000) - 1, category: 'other', voucher: 'V2' },
    {
      date: '2018-01-31',
      amountOre: kr(70_000),
      category: 'staff',
      subProjectId: undefined as string | undefined,
    },
  ]

  it('enters costs by hand, lists them paged newest first, and refuses an unknown category', async () => {
    entries[4]!.subProjectId = sub
    for (const entry of entries) {
      const response = await finance.post(`${base()}/actuals`, entry)
      expect(response.statusCode, response.body).toBe(201)
    }
    const bad = await finance.post(`${base()}/actuals`, {
      date: '2017-01-01',
      amountOre: 1,
      category: 'travel',
    })
    expect(json(bad)).toMatchObject({ errors: [{ field: 'category' }] })
    const badDate = await finance.post(`${base()}/actuals`, {
      date: '2017-02-30',
      amountOre: 1,
      category: 'staff',
    })
    expect(badDate.statusCode).toBe(400)
    expect(
      (await leader.post(`${base()}/actuals`, { date: '2017-01-01', amountOre: 1, category: 'staff' }))
        .statusCode,
    ).toBe(403)
    const first = json<{ items: { date: string; project: { id: string } }[]; nextCursor: string }>(
      await viewer.get(`${base()}/actuals?limit=2`),
    )
    expect(first.items.map((i) => i.date)).toEqual(['2018-01-31', '2017-03-20'])
    expect(first.items[0]?.project.id).toBe(sub)
    const second = json<{ items: { date: string }[] }>(
      await viewer.get(`${base()}/actuals?limit=2&cursor=${first.nextCursor}`),
    )
    expect(second.items.map((i) => i.date)).toEqual(['2017-03-15', '2017-02-28'])
  })

  it('sums everything to the öre in burn, forecast and Bilaga 1', async () => {
    const spent = entries.reduce((a, e) => a + e.amountOre, 0)
    const burn = json<{
      status: { budgetTotalOre: number; spentToDateOre: number; plannedToDateOre: number }
      points: { month: string; cumulativePlanOre: number; cumulativeActualOre: number }[]
      byCategory: { actualOre: number; budgetOre: number }[]
      byFunder: {
        actualOre: number
        forecastOre: number
        forecastManualOre: number
        budgetShareOre: number
      }[]
      breakdown: Record<
        'byCategory' | 'byFunder',
        { points: { cumulativePlanOre: number; cumulativeActualOre: number }[] }[]
      >
      forecast: { cells: { amountOre: number }[]; manualOre: number; runRateOre: number }
    }>(await leader.get(`${base()}/burn?asOf=2018-06-30`))
    expect(burn.status.budgetTotalOre).toBe(kr(4_800_000))
    expect(burn.status.spentToDateOre).toBe(spent)
    expect(burn.points.at(-1)?.cumulativePlanOre).toBe(kr(4_800_000))
    expect(burn.points.at(-1)?.cumulativeActualOre).toBe(spent)
    expect(burn.byCategory.reduce((a, c) => a + c.actualOre, 0)).toBe(spent)
    expect(burn.byCategory.reduce((a, c) => a + c.budgetOre, 0)).toBe(kr(4_800_000))
    expect(burn.byFunder.reduce((a, c) => a + c.actualOre, 0)).toBe(spent)
    expect(burn.forecast.cells.reduce((a, c) => a + c.amountOre, 0)).toBe(burn.forecast.manualOre)
    // Per category and per funder (credits and a sub-project's costs included), every month adds up.
    for (const series of [burn.breakdown.byCategory, burn.breakdown.byFunder]) {
      burn.points.forEach((point, i) => {
        expect(series.reduce((a, s) => a + (s.points[i]?.cumulativePlanOre ?? 0), 0)).toBe(
          point.cumulativePlanOre,
        )
        expect(series.reduce((a, s) => a + (s.points[i]?.cumulativeActualOre ?? 0), 0)).toBe(
          point.cumulativeActualOre,
        )
      })
    }
    expect(burn.byFunder.reduce((a, c) => a + c.forecastOre, 0)).toBe(burn.forecast.runRateOre)
    expect(burn.byFunder.reduce((a, c) => a + c.forecastManualOre, 0)).toBe(burn.forecast.manualOre)
    expect(burn.byFunder.reduce((a, c) => a + c.budgetShareOre, 0)).toBe(kr(4_800_000))

    const summary = json<{
      title: string
      byCategory: { budgetOre: number; actualOre: number; differenceOre: number; originalOre: number }[]
      byFunder: { label: string; actualOre: number; budgetOre: number }[]
      byYear: { key: string; originalOre: number; budgetOre: number }[]
      total: { budgetOre: number; actualOre: number; differenceOre: number; originalOre: number }
      unspentOre: number
    }>(await viewer.get(`${base()}/summary`))
    expect(summary.title).toBe('Bilaga 1 Sammanställning projektbudget')
    expect(summary.total).toMatchObject({
      budgetOre: kr(4_800_000),
      originalOre: kr(4_800_000),
      actualOre: spent,
    })
    expect(summary.unspentOre).toBe(kr(4_800_000) - spent)
    for (const rows of [summary.byCategory, summary.byFunder, summary.byYear]) {
      expect(rows.reduce((a, r) => a + r.budgetOre, 0)).toBe(
        rows === summary.byFunder ? kr(4_806_000) : kr(4_800_000),
      )
    }
    expect(summary.byCategory.reduce((a, r) => a + r.actualOre, 0)).toBe(spent)
    expect(summary.byFunder.reduce((a, r) => a + r.actualOre, 0)).toBe(spent)
    for (const r of summary.byCategory) expect(r.differenceOre).toBe(r.budgetOre - r.actualOre)
    // The approved change moved 300 000 kr of staff from 2018 to 2019; the original is kept beside it.
    expect(summary.byYear.find((y) => y.key === '2018')).toMatchObject({
      originalOre: kr(1_600_000),
      budgetOre: kr(1_300_000),
    })
  })

  it('warns when burn deviates from plan beyond the threshold, which finance sets', async () => {
    const status = await burnStatus(t.db, project, '2017-03-31')
    expect(status.state).toBe('underspend')
    expect(status.deviationBp).toBeLessThan(-1000)
    const settings = json<{ settings: { version: number } }>(await finance.get(base())).settings
    const patched = await finance.patch(`${base()}/settings`, {
      version: settings.version,
      deviationThresholdBp: 9000,
    })
    expect(json(patched)).toMatchObject({ deviationThresholdBp: 9000 })
    expect((await burnStatus(t.db, project, '2017-03-31')).state).toBe('on_track')
    const tooHigh = await finance.patch(`${base()}/settings`, { version: 2, deviationThresholdBp: 10_001 })
    expect(tooHigh.statusCode).toBe(400)
    expect(
      (await leader.patch(`${base()}/settings`, { version: 2, deviationThresholdBp: 100 })).statusCode,
    ).toBe(403)
  })

  it('keeps a manual forecast per year and category that moves the forecast', async () => {
    const before = json<{ forecast: { manualOre: number } }>(
      await viewer.get(`${base()}/burn?asOf=2018-06-30`),
    ).forecast.manualOre
    const current = json<{ settings: { version: number } }>(await finance.get(base())).settings.version
    const put = await finance.put(`${base()}/forecast`, {
      version: current,
      entries: [{ year: 2019, category: 'staff', amountOre: kr(1_000_000) }],
    })
    expect(put.statusCode, put.body).toBe(200)
    const after = json<{
      forecast: { manualOre: number; cells: { year: number; category: string; source: string }[] }
    }>(await viewer.get(`${base()}/burn?asOf=2018-06-30`)).forecast
    expect(after.manualOre).toBe(before - kr(500_000))
    expect(after.cells.find((c) => c.year === 2019 && c.category === 'staff')?.source).toBe('manual')
    const stale = await finance.put(`${base()}/forecast`, { version: current, entries: [] })
    expect(stale.statusCode).toBe(409)
    const unknown = await finance.put(`${base()}/forecast`, {
      version: current + 1,
      entries: [{ year: 2019, category: 'x', amountOre: 1 }],
    })
    expect(json(unknown)).toMatchObject({ errors: [{ field: 'entries.0.category' }] })
  })

  it('gives the portfolio its aggregates per project, sub-projects included', async () => {
    const totals = await projectFinanceTotals(t.db, [project], { asOf: '2026-01-01' })
    const spent = entries.reduce((a, e) => a + e.amountOre, 0)
    expect(totals.get(project)).toMatchObject({
      budgetOre: kr(4_800_000),
      spentOre: spent,
      grantedOre: kr(4_806_000),
      inKindOre: kr(161_000),
    })
  })

  it('removes a hand-entered cost, but never an imported one on its own', async () => {
    const created = json<{ id: string }>(
      await finance.post(`${base()}/actuals`, { date: '2017-05-01', amountOre: 5, category: 'staff' }),
    )
    expect((await finance.delete(`${base()}/actuals/${created.id}`)).statusCode).toBe(204)
    expect((await finance.delete(`${base()}/actuals/${created.id}`)).statusCode).toBe(404)
  })
})

describe('codes, organisation settings and the portfolio', () => {
  it('maps a code to one project per organisation', async () => {
    const created = await finance.post(`${base()}/codes`, { code: ' p-417 ' })
    expect(json(created)).toMatchObject({ code: 'P-417', organisation: { id: lulea } })
    const again = await finance.post(`/api/projects/${otherProject}/finance/codes`, { code: 'p-417' })
    expect(again.statusCode).toBe(409)
    expect(json(again)).toMatchObject({ errors: [{ field: 'code' }] })
    expect((await leader.post(`${base()}/codes`, { code: 'X1' })).statusCode).toBe(403)
  })

  it('lets finance rename categories but not drop one in use; other organisations get 404', async () => {
    const current = json<{
      categories: { code: string; nameSv: string; nameEn: string; active: boolean }[]
      accountRules: unknown[]
      version: number
    }>(await finance.get(`/api/finance/organisations/${lulea}/settings`))
    const dropped = await finance.put(`/api/finance/organisations/${lulea}/settings`, {
      version: current.version,
      categories: current.categories.filter((c) => c.code !== 'staff'),
      accountRules: [],
    })
    expect(dropped.statusCode).toBe(422)
    expect(json(dropped).code).toBe('category_in_use')
    const renamed = await finance.put(`/api/finance/organisations/${soc}/settings`, {
      version: current.version,
      categories: [
        ...current.categories.map((c) => (c.code === 'other' ? { ...c, nameSv: 'Övriga kostnader' } : c)),
        { code: 'travel', nameSv: 'Resor', nameEn: 'Travel', active: true },
      ],
      accountRules: [{ prefix: '71', category: 'travel' }],
    })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(json<{ organisation: { id: string } }>(renamed).organisation.id).toBe(lulea)
    expect((await outsider.get(`/api/finance/organisations/${lulea}/settings`)).statusCode).toBe(404)
    expect((await viewer.get(`/api/finance/organisations/${lulea}/settings`)).statusCode).toBe(403)
  })

  it('sums the portfolio to its projects and exports it with number cells', async () => {
    const portfolio = json<{
      totals: { budgetedOre: number; spentOre: number; grantedOre: number }
      projects: { project: { id: string }; budgetedOre: number; spentOre: number }[]
      years: { year: number; budgetedOre: number }[]
    }>(await admin.get('/api/finance/portfolio'))
    expect(portfolio.projects.map((p) => p.project.id)).toContain(project)
    expect(portfolio.projects.map((p) => p.project.id)).not.toContain(sub)
    expect(portfolio.totals.spentOre).toBe(portfolio.projects.reduce((a, p) => a + p.spentOre, 0))
    expect(portfolio.years.reduce((a, y) => a + y.budgetedOre, 0)).toBe(portfolio.totals.budgetedOre)
    const year = json<{ totals: { budgetedOre: number } }>(
      await admin.get('/api/finance/portfolio?year=2019'),
    )
    expect(year.totals.budgetedOre).toBe(kr(1_900_000))
    expect(json<{ projects: unknown[] }>(await outsider.get('/api/finance/portfolio')).projects).toEqual([])

    const file = await admin.get('/api/finance/portfolio/export')
    expect(file.headers['content-type']).toMatch(/spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Projekt')
    const row = sheet?.getRows(2, 50)?.find((r) => r.getCell(1).value === 'Samverkan i praktiken')
    expect(typeof row?.getCell(4).value).toBe('number')
    expect(row?.getCell(4).value).toBe(4_800_000)
    expect(row?.getCell(4).numFmt).toBe('#,##0.00')
  })

  it('exports the project’s budget, actuals and summary with number and date cells', async () => {
    const file = await viewer.get(`${base()}/export`)
    expect(file.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Sammanställning',
      'Budget',
      'Finansiering',
      'Utfall',
      'Naturabidrag',
      'Förbrukning per finansiär',
      'Förbrukning per kategori',
    ])
    const actuals = workbook.getWorksheet('Utfall')
    expect(actuals?.getCell('A2').value).toBeInstanceOf(Date)
    expect(typeof actuals?.getCell('B2').value).toBe('number')
  })

  it('exports burn per funder and per category month by month, as the burn route gives it', async () => {
    type Series = {
      key: string
      points: { month: string; cumulativePlanOre: number; cumulativeActualOre: number }[]
    }
    const burn = json<{
      points: { month: string; cumulativePlanOre: number; cumulativeActualOre: number }[]
      breakdown: { byFunder: Series[]; byCategory: Series[] }
    }>(await viewer.get(`${base()}/burn`))
    const file = await viewer.get(`${base()}/export`)
    expect(file.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    const last = burn.points.at(-1)
    expect(last?.cumulativeActualOre).toBeGreaterThan(0)
    const toOre = (cell: ExcelJS.Cell) => Math.round(Number(cell.value) * 100)
    // A month is a date cell on its first day (midnight UTC), read back as 2017-07.
    const monthOf = (cell: ExcelJS.Cell | undefined) =>
      cell?.value instanceof Date ? cell.value.toISOString().slice(0, 7) : cell?.value

    for (const [name, series] of [
      ['Förbrukning per finansiär', burn.breakdown.byFunder],
      ['Förbrukning per kategori', burn.breakdown.byCategory],
    ] as const) {
      const sheet = workbook.getWorksheet(name)
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet?.getCell('A1').value).toBe('Månad')
      // One row per month of the total line, the header above them.
      expect(sheet?.rowCount).toBe(burn.points.length + 1)
      const lastRow = sheet?.getRow(burn.points.length + 1)
      expect(monthOf(lastRow?.getCell(1))).toBe(last?.month)
      expect(lastRow?.getCell(1).numFmt).toBe('yyyy-mm')
      const columns = series.map((_, i) => ({ plan: 2 + 2 * i, actual: 3 + 2 * i }))
      expect(typeof lastRow?.getCell(2).value).toBe('number')
      expect(lastRow?.getCell(2).numFmt).toBe('#,##0.00')
      const sum = (pick: (c: { plan: number; actual: number }) => number) =>
        columns.reduce((a, c) => a + (lastRow ? toOre(lastRow.getCell(pick(c))) : 0), 0)
      expect(sum((c) => c.actual)).toBe(last?.cumulativeActualOre)
      expect(sum((c) => c.plan)).toBe(last?.cumulativePlanOre)
    }

    // One funder's figures, read by its header, are the burn route's to the öre.
    const funders = workbook.getWorksheet('Förbrukning per finansiär')
    const headers = (funders?.getRow(1).values ?? []) as unknown[]
    expect(headers.filter((h) => typeof h === 'string' && h.endsWith('(kr)'))).toHaveLength(
      burn.breakdown.byFunder.length * 2,
    )
    const actualColumn = headers.indexOf('Folkhälsomedel, utfall ack. (kr)')
    const planColumn = headers.indexOf('Folkhälsomedel, budget ack. (kr)')
    const points = burn.breakdown.byFunder.find((s) => s.key === 'Folkhälsomedel')?.points ?? []
    const march2017 = points.findIndex((p) => p.month === '2017-03')
    expect(march2017).toBeGreaterThanOrEqual(0)
    for (const index of [march2017, points.length - 1]) {
      const row = funders?.getRow(index + 2)
      expect(monthOf(row?.getCell(1))).toBe(points[index]?.month)
      expect(row && toOre(row.getCell(actualColumn))).toBe(points[index]?.cumulativeActualOre)
      expect(row && toOre(row.getCell(planColumn))).toBe(points[index]?.cumulativePlanOre)
    }
    expect(points.at(-1)?.cumulativeActualOre).toBeGreaterThan(0)

    // Categories are named as the organisation names them, renamed ones too.
    const categoryHeaders = workbook.getWorksheet('Förbrukning per kategori')?.getRow(1).values
    expect(categoryHeaders).toContain('Personal, utfall ack. (kr)')
    expect(categoryHeaders).toContain('Övriga kostnader, budget ack. (kr)')
  })
})
