import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import ExcelJS from 'exceljs'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthUser } from '../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { addToRollup, costsOf } from '../finance/cost-rollup.ts'
import { listPortfolio } from './queries.ts'

let t: TestContext
let lulea: string
let soc: string
let programme: string
let samverkan: string
let delA: string
let tidiga: string
let hidden: string
let leaderPerson: string
let manager: Client
let managerUser: AuthUser
let leader: Client
let leaderId: string
let outsider: Client

const asOf = '2018-06-30'

async function activity(
  projectId: string,
  title: string,
  options: { due: string; milestone?: boolean; status?: string },
) {
  const id = uuid()
  await t.db
    .insertInto('activity')
    .values({
      id,
      project_id: projectId,
      title,
      position: 1,
      milestone: options.milestone ?? false,
      status: options.status ?? 'planned',
      planned_end_from: options.due,
      planned_end_to: options.due,
      planned_end_precision: 'day',
    })
    .execute()
  return id
}

async function approvedBudget(projectId: string, lines: { amountOre: number; subProjectId?: string }[]) {
  const id = uuid()
  await t.db.insertInto('budget_version').values({ id, project_id: projectId, number: 1 }).execute()
  for (const [i, line] of lines.entries()) {
    await t.db
      .insertInto('budget_line')
      .values({
        id: uuid(),
        budget_version_id: id,
        year: 2017 + i,
        category: 'staff',
        amount_ore: line.amountOre,
        sub_project_id: line.subProjectId ?? null,
      })
      .execute()
  }
  // Lines are written while a draft; a decided version is frozen.
  await t.db
    .updateTable('budget_version')
    .set({ status: 'approved', approval_seq: 1 })
    .where('id', '=', id)
    .execute()
}

async function spend(projectId: string, entryDate: string, amountOre: number) {
  const id = uuid()
  await t.db
    .insertInto('actual_cost')
    .values({
      id,
      project_id: projectId,
      organisation_id: soc,
      entry_date: entryDate,
      amount_ore: amountOre,
      category: 'staff',
      source: 'manual',
    })
    .execute()
  // Written as the finance module writes it: with the roll-up the totals read.
  await addToRollup(t.db, costsOf.entry(id))
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  const pitea = await f.organisation({ name: 'Piteå kommun' })
  programme = await f.programme(lulea, 'Folkhälsomedel 2017')
  samverkan = await f.project({
    ownerOrganisationId: soc,
    name: 'Samverkan i praktiken',
    programmeId: programme,
    plannedStart: '2017-01-01',
    plannedEnd: '2019-12-31',
  })
  delA = await f.project({
    ownerOrganisationId: soc,
    name: 'Del a',
    parentId: samverkan,
    plannedStart: '2017-01-01',
    plannedEnd: '2018-12-31',
  })
  tidiga = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser',
    programmeId: programme,
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
    status: 'completed',
  })
  await f.project({ ownerOrganisationId: soc, name: 'Öppna mottagningen', status: 'draft' })
  hidden = await f.project({ ownerOrganisationId: pitea, name: 'Piteås hemliga projekt' })

  // Samverkan: a milestone 40 days late in its sub-project, one 10 days late, one upcoming.
  await activity(delA, 'Öppna mottagningen', { due: '2018-05-21', milestone: true })
  await activity(samverkan, 'Kommunikationsplan', {
    due: '2018-06-20',
    milestone: true,
    status: 'in_progress',
  })
  await activity(samverkan, 'Kartläggning', { due: '2018-06-01' })
  await activity(samverkan, 'Klar', { due: '2018-01-01', milestone: true, status: 'done' })
  await activity(samverkan, 'Uppföljning', { due: '2018-09-30', milestone: true })
  await activity(samverkan, 'Handlingsplan', { due: '2018-12-31', milestone: true })
  // Tidiga ended 2016-06-30 with its implementation and follow-up undone: Återstår, not late.
  await activity(tidiga, 'Implementering', { due: '2016-06-01', milestone: true, status: 'remaining' })
  await activity(tidiga, 'Uppföljning', { due: '2016-08-31', status: 'remaining' })
  await activity(tidiga, 'Handlingsplan', { due: '2014-12-31', status: 'done' })
  // 4 800 000 kr, 1 200 000 of it for Del a; 1 440 000 spent, 240 000 of it by Del a.
  await approvedBudget(samverkan, [
    { amountOre: 360_000_000 },
    { amountOre: 120_000_000, subProjectId: delA },
  ])
  await spend(samverkan, '2017-06-30', 120_000_000)
  await spend(delA, '2018-03-31', 24_000_000)
  await spend(samverkan, '2018-07-31', 99_900_000)

  const managerRef = await f.user({ organisationId: soc, roles: [['portfolio_manager', lulea]] })
  managerUser = {
    id: managerRef.id,
    email: managerRef.email,
    name: 'Förvaltare',
    organisationId: soc,
    personId: null,
    grants: [{ role: 'portfolio_manager', organisationId: lulea }],
  }
  manager = await t.as(managerRef)
  leaderPerson = await f.person(soc, 'Lena Ledare')
  await t.db
    .insertInto('project_leader')
    .values({
      id: uuid(),
      project_id: tidiga,
      person_id: leaderPerson,
      from_date: '2013-09-01',
      to_date: null,
    })
    .execute()
  const leaderRef = await f.user({ organisationId: soc })
  await f.member(samverkan, leaderRef.id, 'leader')
  leaderId = leaderRef.id
  leader = await t.as(leaderRef)
  outsider = await t.as(await f.user({ organisationId: pitea }))
})
afterAll(() => t.close())

describe('portfolio rows', () => {
  it('computes slip, next milestone and burn in SQL, the sub-project counted in its parent', async () => {
    const page = await listPortfolio(t.db, managerUser, { q: 'Samverkan' }, asOf)
    expect(page.items).toHaveLength(1)
    const row = page.items[0]!
    expect(row.slip).toMatchObject({ days: 40, activity: { title: 'Öppna mottagningen' } })
    expect(row.lateActivityCount).toBe(3)
    expect(row.remainingActivityCount).toBe(0)
    expect(row.nextMilestone).toMatchObject({ title: 'Uppföljning', date: '2018-09-30' })
    expect(row.burn).toEqual({
      budgetOre: 480_000_000,
      spentOre: 144_000_000,
      spentPercent: 30,
      timePercent: 49.9,
    })
    expect(row.health).toBeNull()
    expect(row.lastStatusReport).toBeNull()
  })

  it('counts what an ended project left undone as remaining, never late', async () => {
    const [row] = (await listPortfolio(t.db, managerUser, { q: 'Tidiga' }, asOf)).items
    expect(row).toMatchObject({
      status: 'completed',
      slip: null,
      lateActivityCount: 0,
      remainingActivityCount: 2,
    })
    // Worst slip first: the ended project's two-year-old milestone does not put it on top.
    const bySlip = await listPortfolio(t.db, managerUser, { sort: 'slip' }, asOf)
    expect(bySlip.items.map((r) => r.name).indexOf('Tidiga insatser')).toBeGreaterThan(1)
  })

  it('gives a sub-project its own lines of the parent budget and its own costs', async () => {
    const page = await listPortfolio(t.db, managerUser, { q: 'Del a' }, asOf)
    expect(page.items[0]).toMatchObject({
      parent: { id: samverkan },
      slip: { days: 40 },
      burn: { budgetOre: 120_000_000, spentOre: 24_000_000, spentPercent: 20 },
    })
  })

  it('filters by programme, status, year, owner, leader and top level', async () => {
    const names = async (filters: Parameters<typeof listPortfolio>[2]) =>
      (await listPortfolio(t.db, managerUser, filters, asOf)).items.map((r) => r.name)
    expect(await names({ programmeId: programme })).toEqual(['Samverkan i praktiken', 'Tidiga insatser'])
    expect(await names({ status: 'completed' })).toEqual(['Tidiga insatser'])
    expect(await names({ year: 2014 })).toEqual(['Tidiga insatser'])
    expect(await names({ leaderPersonId: leaderPerson })).toEqual(['Tidiga insatser'])
    expect(await names({ ownerOrganisationId: lulea, topLevel: true })).toEqual([
      'Samverkan i praktiken',
      'Tidiga insatser',
      'Öppna mottagningen',
    ])
  })

  it('sorts by slip and burn, worst first, and pages by keyset without gaps or repeats', async () => {
    const bySlip = await listPortfolio(t.db, managerUser, { sort: 'slip' }, asOf)
    expect(bySlip.items.slice(0, 2).map((r) => r.slip?.days)).toEqual([40, 40])
    const byBurn = await listPortfolio(t.db, managerUser, { sort: 'burn' }, asOf)
    expect(byBurn.items[0]?.name).toBe('Samverkan i praktiken')
    for (const sort of ['name', 'status', 'plannedEnd', 'slip', 'burn', 'nextMilestone'] as const) {
      const all = (await listPortfolio(t.db, managerUser, { sort, limit: 200 }, asOf)).items.map((r) => r.id)
      const paged: string[] = []
      let cursor: string | undefined
      do {
        const page = await listPortfolio(t.db, managerUser, { sort, limit: 1, cursor }, asOf)
        paged.push(...page.items.map((r) => r.id))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(paged, sort).toEqual(all)
      expect(all).toHaveLength(4)
    }
  })

  it('shows only what the user may see, over HTTP too', async () => {
    const page = json<{ items: { id: string }[] }>(await manager.get('/api/portfolio?limit=200'))
    expect(page.items.map((r) => r.id)).not.toContain(hidden)
    expect(page.items).toHaveLength(4)
    const mine = json<{ items: { id: string }[] }>(await leader.get('/api/portfolio'))
    expect(mine.items.map((r) => r.id).sort()).toEqual([samverkan, delA].sort())
    expect(json<{ items: unknown[] }>(await outsider.get('/api/portfolio')).items).toEqual([])
  })

  it("gives one project's situation as its portfolio row, to those who may read it", async () => {
    const situation = json<{ id: string; lateActivityCount: number; burn: { spentOre: number } }>(
      await leader.get(`/api/projects/${samverkan}/situation`),
    )
    // As of today every undone activity of 2018 is late, the sub-project's included.
    expect(situation).toMatchObject({ id: samverkan, lateActivityCount: 5, burn: { budgetOre: 480_000_000 } })
    expect((await outsider.get(`/api/projects/${samverkan}/situation`)).statusCode).toBe(404)
  })

  it('refuses a bad sort or cursor with a 400 naming the field', async () => {
    const bad = await manager.get('/api/portfolio?sort=colour')
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    const cursor = await manager.get('/api/portfolio?cursor=nonsense')
    expect(cursor.statusCode).toBe(400)
    expect(json<{ errors: { field: string }[] }>(cursor).errors[0]?.field).toBe('query.cursor')
  })
})

describe('saved views', () => {
  it('saves, renames with the version read, refuses a stale version and keeps views per user', async () => {
    const created = await manager.post('/api/portfolio/views', {
      name: 'Försenade',
      query: { sort: 'slip', status: 'active' },
    })
    expect(created.statusCode).toBe(201)
    const view = json<{ id: string; version: number }>(created)
    const duplicate = await manager.post('/api/portfolio/views', { name: 'Försenade', query: {} })
    expect(duplicate.statusCode).toBe(409)
    const renamed = await manager.patch(`/api/portfolio/views/${view.id}`, { version: 1, name: 'Sena' })
    expect(json(renamed)).toMatchObject({
      name: 'Sena',
      version: 2,
      query: { sort: 'slip', status: 'active' },
    })
    const stale = await manager.patch(`/api/portfolio/views/${view.id}`, { version: 1, name: 'Gammal' })
    expect(stale.statusCode).toBe(409)
    expect(json<{ items: unknown[] }>(await leader.get('/api/portfolio/views')).items).toEqual([])
    expect((await leader.delete(`/api/portfolio/views/${view.id}`, { 'if-match': '2' })).statusCode).toBe(404)
    const bad = await manager.post('/api/portfolio/views', { name: 'X', query: { sort: 'colour' } })
    expect(bad.statusCode).toBe(400)
    expect((await manager.delete(`/api/portfolio/views/${view.id}`, { 'if-match': '2' })).statusCode).toBe(
      204,
    )
    const audit = await t.db
      .selectFrom('audit_event')
      .where('entity', '=', 'portfolio_view')
      .where('entity_id', '=', view.id)
      .select('action')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete'])
  })
})

describe('export and overviews', () => {
  it('exports the filtered portfolio as XLSX with number and date cells', async () => {
    const response = await manager.get(`/api/portfolio/export?programmeId=${programme}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(1).getCell(1).value).toBe('Projekt')
    expect(sheet.rowCount).toBe(3)
    expect(sheet.getRow(2).getCell(1).value).toBe('Samverkan i praktiken')
    expect(sheet.getRow(1).getCell(12).value).toBe('Återstående aktiviteter')
    expect(sheet.getRow(2).getCell(13).value).toBe(4_800_000)
    expect(sheet.getRow(2).getCell(7).value).toBeInstanceOf(Date)
  })

  it('gives a programme its projects on one timeline with funding totals', async () => {
    await t.db
      .insertInto('funding_entry')
      .values([
        {
          id: uuid(),
          project_id: samverkan,
          funder_name: 'Folkhälsomedel',
          funder_kind: 'public_health_fund',
          year: 2017,
          amount_ore: 280_600_000,
          status: 'granted',
        },
        {
          id: uuid(),
          project_id: samverkan,
          funder_name: 'BUF',
          funder_kind: 'administration',
          year: 2017,
          amount_ore: 100_000_000,
          status: 'applied',
        },
      ])
      .execute()
    const overview = json<{
      timeline: { start: string; end: string }
      projects: { name: string }[]
      funding: { grantedOre: number; budgetedOre: number; funders: { funderName: string }[] }
    }>(await manager.get(`/api/programmes/${programme}/overview`))
    expect(overview.timeline).toEqual({ start: '2013-09-01', end: '2019-12-31' })
    expect(overview.projects.map((p) => p.name)).toEqual(['Tidiga insatser', 'Samverkan i praktiken'])
    expect(overview.funding.grantedOre).toBe(280_600_000)
    expect(overview.funding.budgetedOre).toBe(480_000_000)
    expect(overview.funding.funders.map((f) => f.funderName)).toEqual(['Folkhälsomedel'])
    const outside = json<{ projects: unknown[] }>(await outsider.get(`/api/programmes/${programme}/overview`))
    expect(outside.projects).toEqual([])
  })

  it('tells a leader their late activities and a manager what is ending and what lacks a report', async () => {
    const today = todayInSweden()
    const ending = await t.fixtures.project({
      ownerOrganisationId: soc,
      name: 'Slutar snart',
      plannedStart: addDays(today, -300),
      plannedEnd: addDays(today, 30),
    })
    // Ended: its undone activity is left over ("Återstår"), not late work on the leader's home page.
    const ended = await t.fixtures.project({
      ownerOrganisationId: soc,
      name: 'Avslutat',
      plannedStart: '2015-01-01',
      plannedEnd: '2016-06-30',
      status: 'completed',
    })
    await t.fixtures.member(ended, leaderId, 'leader')
    await activity(ended, 'Återstående uppföljning', { due: '2016-05-31' })
    const mine = json<{
      leadsProjects: boolean
      myProjects: { id: string }[]
      lateActivities: { activity: { title: string }; overdueDays: number }[]
    }>(await leader.get('/api/me/home'))
    expect(mine.leadsProjects).toBe(true)
    expect(mine.myProjects.map((p) => p.id).sort()).toEqual([samverkan, delA, ended].sort())
    expect(mine.lateActivities[0]?.activity.title).toBe('Öppna mottagningen')
    expect(mine.lateActivities.map((a) => a.activity.title)).not.toContain('Återstående uppföljning')
    const managerHome = json<{
      endingSoon: { id: string }[]
      reportsMissing: { project: { name: string } }[]
      programmeHealth: { programme: { name: string } | null; projectCount: number; slippingCount: number }[]
    }>(await manager.get('/api/me/home'))
    expect(managerHome.endingSoon.map((p) => p.id)).toEqual([ending])
    expect(managerHome.reportsMissing.map((r) => r.project.name)).toContain('Tidiga insatser')
    expect(
      managerHome.programmeHealth.find((p) => p.programme?.name === 'Folkhälsomedel 2017'),
    ).toMatchObject({
      projectCount: 2,
      slippingCount: 1,
    })
  })
})

describe('with governance', () => {
  it('filters by steering group and gives a member the requests to decide and the projects governed', async () => {
    const group = uuid()
    await t.db
      .insertInto('steering_group')
      .values({ id: group, owner_organisation_id: lulea, name: 'LG-SAM soc/buf' })
      .execute()
    const person = await t.fixtures.person(soc, 'Stefan Åberg')
    const memberRef = await t.fixtures.user({ organisationId: soc })
    await t.db.updateTable('app_user').set({ person_id: person }).where('id', '=', memberRef.id).execute()
    await t.db
      .insertInto('steering_group_member')
      .values({
        id: uuid(),
        steering_group_id: group,
        person_id: person,
        role: 'chair',
        from_date: '2017-01-01',
      })
      .execute()
    await t.db
      .insertInto('steering_group_project')
      .values({ steering_group_id: group, project_id: samverkan })
      .execute()
    await t.db
      .insertInto('approval_request')
      .values({
        id: uuid(),
        project_id: samverkan,
        kind: 'lifecycle',
        payload: JSON.stringify({ to: 'terminated' }),
        summary: 'Avsluta projektet i nuvarande form',
      })
      .execute()

    const names = (await listPortfolio(t.db, managerUser, { steeringGroupId: group }, asOf)).items.map(
      (r) => r.name,
    )
    expect(names.sort()).toEqual(['Del a', 'Samverkan i praktiken'])

    const member = await t.as(memberRef)
    const home = json<{
      toDecide: { title: string; project: { id: string } }[]
      governedProjects: { id: string }[]
    }>(await member.get('/api/me/home'))
    expect(home.toDecide).toMatchObject([
      { title: 'Avsluta projektet i nuvarande form', project: { id: samverkan } },
    ])
    expect(home.governedProjects.map((p) => p.id).sort()).toEqual([samverkan, delA].sort())
  })
})

describe('with status reports', () => {
  it('shows the latest submitted report’s lights, not a corrected one, and tells the leader what is due', async () => {
    const report = (
      period: string,
      start: string,
      end: string,
      overall: string,
      supersedes: string | null,
    ) => ({
      id: uuid(),
      project_id: samverkan,
      period,
      period_start: start,
      period_end: end,
      status: 'submitted',
      supersedes_id: supersedes,
      schedule_light: 'yellow',
      budget_light: 'green',
      goals_light: 'green',
      risks_light: 'green',
      overall_light: overall,
      snapshot: JSON.stringify({}),
      submitted_at: '2018-04-03T08:00:00Z',
    })
    const q1 = report('2018-Q1', '2018-01-01', '2018-03-31', 'red', null)
    await t.db.insertInto('status_report').values(q1).execute()
    await t.db
      .insertInto('status_report')
      .values(report('2018-Q1', '2018-01-01', '2018-03-31', 'yellow', q1.id))
      .execute()
    await t.db
      .insertInto('status_report')
      .values(report('2017-Q4', '2017-10-01', '2017-12-31', 'green', null))
      .execute()
    const row = (await listPortfolio(t.db, managerUser, { q: 'Samverkan' }, asOf)).items[0]
    expect(row?.health).toEqual({
      schedule: 'yellow',
      budget: 'green',
      goals: 'green',
      risks: 'green',
      overall: 'yellow',
      reportedOn: '2018-04-03',
    })
    expect(row?.lastStatusReport).toBe('2018-04-03')

    await t.db
      .insertInto('status_report_schedule')
      .values({ project_id: samverkan, frequency: 'quarterly', starts: '2017-10-01' })
      .execute()
    const home = json<{ reportsDue: { period: string; project: { id: string } }[] }>(
      await leader.get('/api/me/home'),
    )
    expect(home.reportsDue[0]).toMatchObject({ period: '2018-Q2', project: { id: samverkan } })
  })
})
