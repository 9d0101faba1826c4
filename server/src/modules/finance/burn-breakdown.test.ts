import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

// Burn per funder and per cost category, and each funder's forecast, on a constructed project
// whose every figure is worked out by hand below (amounts in öre).
let t: TestContext
let project: string
let unfunded: string
let finance: Client
let viewer: Client

const kr = (n: number) => n * 100

interface Point {
  month: string
  cumulativePlanOre: number
  cumulativeActualOre: number
}
interface Series {
  key: string
  points: Point[]
}
interface FunderRow {
  funderName: string
  budgetOre: number
  actualOre: number
  budgetShareOre: number
  plannedToDateOre: number
  forecastOre: number
  forecastManualOre: number
  expectedUnspentOre: number
  expectedUnspentManualOre: number
}
interface Report {
  status: { spentToDateOre: number; forecastOre: number; budgetTotalOre: number; plannedToDateOre: number }
  points: (Point & { planOre: number })[]
  byFunder: FunderRow[]
  breakdown: { byCategory: Series[]; byFunder: Series[] }
  forecast: { runRateOre: number; manualOre: number }
}

async function approveBudget(
  projectId: string,
  lines: { year: number; category: string; amountOre: number }[],
) {
  const base = `/api/projects/${projectId}/finance`
  const draft = json<{ id: string; version: number }>(
    await finance.post(`${base}/budget-versions`, { lines }),
  )
  const proposed = json<{ id: string; version: number }>(
    await finance.post(`${base}/budget-versions/${draft.id}/propose`, { version: draft.version }),
  )
  const approved = await finance.post(`${base}/budget-versions/${draft.id}/approve`, {
    version: proposed.version,
  })
  expect(approved.statusCode, approved.body).toBe(200)
}

async function addActuals(
  projectId: string,
  entries: { date: string; category: string; amountOre: number }[],
) {
  for (const entry of entries) {
    const response = await finance.post(`/api/projects/${projectId}/finance/actuals`, entry)
    expect(response.statusCode, response.body).toBe(201)
  }
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  const org = await f.organisation({ name: 'Kommunen' })
  project = await f.project({
    ownerOrganisationId: org,
    name: 'Familjecentralen',
    plannedStart: '2017-07-01',
    plannedEnd: '2018-06-30',
  })
  unfunded = await f.project({
    ownerOrganisationId: org,
    name: 'Utan finansieringsplan',
    plannedStart: '2017-01-01',
    plannedEnd: '2017-12-31',
  })
  finance = await t.as(await f.user({ organisationId: org, roles: [['finance', org]] }))
  viewer = await t.as(await f.user({ organisationId: org, roles: [['viewer', org]] }))

  for (const [funderName, year, amount] of [
    ['Folkhälsomedel', 2017, 300_000],
    ['SOC', 2017, 100_000],
    ['SOC', 2018, 200_000],
  ] as const) {
    const response = await finance.post(`/api/projects/${project}/finance/funding`, {
      funderName,
      funderKind: funderName === 'SOC' ? 'administration' : 'public_health_fund',
      year,
      amountOre: kr(amount),
      status: 'granted',
    })
    expect(response.statusCode, response.body).toBe(201)
  }
  // 2017: 300 000,03 kr over July–December (50 000,01 kr the first three months, then 50 000 kr);
  // 2018: 300 000 kr over January–June.
  await approveBudget(project, [
    { year: 2017, category: 'staff', amountOre: kr(240_000) + 1 },
    { year: 2017, category: 'premises', amountOre: kr(60_000) + 2 },
    { year: 2018, category: 'staff', amountOre: kr(240_000) },
    { year: 2018, category: 'other', amountOre: kr(60_000) },
  ])
  await addActuals(project, [
    { date: '2017-07-15', category: 'staff', amountOre: kr(40_000) },
    { date: '2017-08-31', category: 'premises', amountOre: kr(10_000) },
    { date: '2017-09-30', category: 'staff', amountOre: kr(40_000) + 1 },
    { date: '2018-01-31', category: 'other', amountOre: kr(5_000) },
  ])
  const version = json<{ settings: { version: number } }>(
    await finance.get(`/api/projects/${project}/finance`),
  ).settings.version
  const put = await finance.put(`/api/projects/${project}/finance/forecast`, {
    version,
    entries: [{ year: 2018, category: 'staff', amountOre: kr(300_000) }],
  })
  expect(put.statusCode, put.body).toBe(200)

  await approveBudget(unfunded, [{ year: 2017, category: 'staff', amountOre: kr(120_000) }])
  await addActuals(unfunded, [{ date: '2017-03-31', category: 'staff', amountOre: kr(30_000) }])
})
afterAll(() => t.close())

const burn = async (projectId: string, asOf: string) =>
  json<Report>(await viewer.get(`/api/projects/${projectId}/finance/burn?asOf=${asOf}`))

const at = (series: Series[], key: string, month: string) =>
  series.find((s) => s.key === key)?.points.find((p) => p.month === month)

describe('burn per category and per funder', () => {
  it('adds the series up to the total line every month, plan and actual', async () => {
    const report = await burn(project, '2018-03-31')
    expect(report.points.map((p) => p.month)).toEqual([
      '2017-07',
      '2017-08',
      '2017-09',
      '2017-10',
      '2017-11',
      '2017-12',
      '2018-01',
      '2018-02',
      '2018-03',
      '2018-04',
      '2018-05',
      '2018-06',
    ])
    for (const series of [report.breakdown.byCategory, report.breakdown.byFunder]) {
      report.points.forEach((point, i) => {
        const sum = (pick: (p: Point) => number) => series.reduce((a, s) => a + pick(s.points[i] ?? point), 0)
        expect(series.every((s) => s.points[i]?.month === point.month)).toBe(true)
        expect(sum((p) => p.cumulativePlanOre)).toBe(point.cumulativePlanOre)
        expect(sum((p) => p.cumulativeActualOre)).toBe(point.cumulativeActualOre)
      })
    }
    expect(report.points.at(-1)?.cumulativePlanOre).toBe(kr(600_000) + 3)
  })

  it('gives each category its own actual and its budget spread over the months of each year', async () => {
    const { byCategory } = (await burn(project, '2018-03-31')).breakdown
    expect(byCategory.map((s) => s.key)).toEqual(['other', 'premises', 'staff'])
    // July: 50 000,01 kr split 240 000,01 : 60 000,02, i.e. 40 000,008 and 10 000,002; the öre to staff.
    expect(at(byCategory, 'staff', '2017-07')).toEqual({
      month: '2017-07',
      cumulativePlanOre: kr(40_000) + 1,
      cumulativeActualOre: kr(40_000),
    })
    expect(at(byCategory, 'premises', '2017-07')?.cumulativePlanOre).toBe(kr(10_000))
    // At the end of each year a category has exactly its budget for the year.
    expect(at(byCategory, 'staff', '2017-12')?.cumulativePlanOre).toBe(kr(240_000) + 1)
    expect(at(byCategory, 'premises', '2017-12')?.cumulativePlanOre).toBe(kr(60_000) + 2)
    expect(at(byCategory, 'other', '2017-12')?.cumulativePlanOre).toBe(0)
    expect(at(byCategory, 'other', '2018-03')).toEqual({
      month: '2018-03',
      cumulativePlanOre: kr(30_000),
      cumulativeActualOre: kr(5_000),
    })
    expect(at(byCategory, 'staff', '2018-06')).toEqual({
      month: '2018-06',
      cumulativePlanOre: kr(480_000) + 1,
      cumulativeActualOre: kr(80_000) + 1,
    })
  })

  it('shares budget and actual between funders by their funding each year', async () => {
    const { byFunder } = (await burn(project, '2018-03-31')).breakdown
    expect(byFunder.map((s) => s.key)).toEqual(['Folkhälsomedel', 'SOC'])
    // 2017 is funded 3 : 1. July's 50 000,01 kr gives 37 500,0075 kr, rounded up by the largest remainder.
    expect(at(byFunder, 'Folkhälsomedel', '2017-07')).toEqual({
      month: '2017-07',
      cumulativePlanOre: kr(37_500) + 1,
      cumulativeActualOre: kr(30_000),
    })
    expect(at(byFunder, 'SOC', '2017-08')).toEqual({
      month: '2017-08',
      cumulativePlanOre: kr(25_000),
      cumulativeActualOre: kr(12_500),
    })
    // 2018 is SOC's alone: everything after December goes to SOC.
    expect(at(byFunder, 'Folkhälsomedel', '2018-06')).toEqual({
      month: '2018-06',
      cumulativePlanOre: kr(225_000) + 2,
      cumulativeActualOre: kr(67_500) + 1,
    })
    expect(at(byFunder, 'SOC', '2018-06')).toEqual({
      month: '2018-06',
      cumulativePlanOre: kr(375_000) + 1,
      cumulativeActualOre: kr(27_500),
    })
  })

  it('gives each funder its share of both forecasts and what it is expected to leave unspent', async () => {
    const report = await burn(project, '2018-03-31')
    // Spent 95 000,01 kr in nine months; three remain: 31 666,67 kr more at the run rate.
    expect(report.status.spentToDateOre).toBe(kr(95_000) + 1)
    expect(report.forecast.runRateOre).toBe(kr(126_666) + 68)
    // 2017 at its actual, 2018 staff at the manual 300 000 kr and other at its budget 60 000 kr.
    expect(report.forecast.manualOre).toBe(kr(450_000) + 1)
    expect(report.byFunder).toEqual([
      {
        funderName: 'Folkhälsomedel',
        budgetOre: kr(300_000),
        actualOre: kr(67_500) + 1,
        budgetShareOre: kr(225_000) + 2,
        plannedToDateOre: kr(225_000) + 2,
        forecastOre: kr(67_500) + 1,
        forecastManualOre: kr(67_500) + 1,
        expectedUnspentOre: kr(232_499) + 99,
        expectedUnspentManualOre: kr(232_499) + 99,
      },
      {
        funderName: 'SOC',
        budgetOre: kr(300_000),
        actualOre: kr(27_500),
        budgetShareOre: kr(375_000) + 1,
        plannedToDateOre: kr(225_000) + 1,
        // 2017: 22 500 kr; 2018: 5 000 kr spent and 31 666,67 kr ahead.
        forecastOre: kr(59_166) + 67,
        forecastManualOre: kr(382_500),
        expectedUnspentOre: kr(240_833) + 33,
        // The manual forecast for 2018 is beyond SOC's funding: an overrun of 82 500 kr.
        expectedUnspentManualOre: -kr(82_500),
      },
    ])
    const sum = (pick: (r: FunderRow) => number) => report.byFunder.reduce((a, r) => a + pick(r), 0)
    expect(sum((r) => r.forecastOre)).toBe(report.forecast.runRateOre)
    expect(sum((r) => r.forecastManualOre)).toBe(report.forecast.manualOre)
    expect(sum((r) => r.budgetShareOre)).toBe(report.status.budgetTotalOre)
    expect(sum((r) => r.plannedToDateOre)).toBe(report.status.plannedToDateOre)
    expect(sum((r) => r.actualOre)).toBe(report.status.spentToDateOre)
  })

  it('follows the original budget when asked to compare with it', async () => {
    const report = json<Report>(
      await viewer.get(`/api/projects/${project}/finance/burn?asOf=2018-03-31&compare=original`),
    )
    // Only one version was ever approved, so the original is the current one.
    expect(at(report.breakdown.byCategory, 'staff', '2017-07')?.cumulativePlanOre).toBe(kr(40_000) + 1)
  })

  it('keeps money without a funding plan on one unallocated line, funded by nobody', async () => {
    const report = await burn(unfunded, '2017-06-30')
    expect(report.breakdown.byFunder.map((s) => s.key)).toEqual([''])
    expect(at(report.breakdown.byFunder, '', '2017-06')).toEqual({
      month: '2017-06',
      cumulativePlanOre: kr(60_000),
      cumulativeActualOre: kr(30_000),
    })
    // 30 000 kr in six months, six more at that rate.
    expect(report.byFunder).toEqual([
      {
        funderName: '',
        budgetOre: 0,
        actualOre: kr(30_000),
        budgetShareOre: kr(120_000),
        plannedToDateOre: kr(60_000),
        forecastOre: kr(60_000),
        forecastManualOre: kr(120_000),
        expectedUnspentOre: -kr(60_000),
        expectedUnspentManualOre: -kr(120_000),
      },
    ])
  })
})
