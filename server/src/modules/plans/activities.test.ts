import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let socId: string
let project: string
let sub: string
let url: string
let leader: Client
let member: Client
let viewer: Client
let finance: Client
let admin: Client

interface ActivityBody {
  id: string
  version: number
  number: string | null
  title: string
  status: string
  plannedEnd: { from: string; to: string; precision: string; note: string | null } | null
  actualEnd: { from: string; to: string; precision: string } | null
  deviation: { kind: string; days: { min: number; max: number } | null; late: boolean }
  outsideProjectPeriod: boolean
  project: { id: string; name: string }
}

interface Problem {
  status: number
  code: string
  errors?: { field: string; code: string; message: string }[]
  current?: ActivityBody
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  const root = await f.organisation({ name: 'Luleå kommun' })
  const soc = await f.organisation({ name: 'Socialförvaltningen', parentId: root })
  socId = soc
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser',
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
  })
  sub = await f.project({
    ownerOrganisationId: soc,
    name: 'FöräldraSupporten',
    parentId: project,
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
  })
  url = `/api/projects/${project}/activities`
  const leaderUser = await f.user({ organisationId: soc })
  const memberUser = await f.user({ organisationId: soc })
  await f.member(project, leaderUser.id, 'leader')
  await f.member(project, memberUser.id, 'member')
  leader = await t.as(leaderUser)
  member = await t.as(memberUser)
  viewer = await t.as(await f.user({ organisationId: root, roles: [['viewer', root]] }))
  finance = await t.as(await f.user({ organisationId: root, roles: [['finance', root]] }))
  admin = await t.as(await f.user({ organisationId: root, roles: [['administrator', root]] }))
})
afterAll(() => t.close())

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('activity')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('activities', () => {
  it('creates an activity in a sub-project with the seed’s dates and computes its deviation', async () => {
    const response = await leader.post(url, {
      projectId: sub,
      title: 'Öppna mottagningen',
      number: '1.7',
      responsible: 'Projektledare',
      milestone: true,
      status: 'done',
      plannedEnd: { from: '2014-06-01' },
      actualEnd: { from: '2014-09-22' },
    })
    expect(response.statusCode).toBe(201)
    const body = json<ActivityBody>(response)
    expect(body).toMatchObject({
      project: { id: sub, name: 'FöräldraSupporten' },
      plannedEnd: { from: '2014-06-01', to: '2014-06-01', precision: 'day', note: null },
      deviation: { kind: 'late', days: { min: 113, max: 113 }, late: false },
      outsideProjectPeriod: false,
      version: 1,
    })
    const history = json<{ items: { entity: string; action: string; entityLabel: string }[] }>(
      await leader.get(`/api/projects/${sub}/history`),
    )
    expect(history.items[0]).toMatchObject({
      entity: 'activity',
      action: 'create',
      entityLabel: 'Öppna mottagningen',
    })
  })

  it('stores "Våren 2016" as a term and widens it to its range', async () => {
    const response = await member.post(url, {
      title: 'Djupare kartläggning',
      status: 'done',
      plannedEnd: { from: '2014-08-31' },
      actualEnd: { from: '2016-03-15', precision: 'term' },
    })
    expect(response.statusCode).toBe(201)
    expect(json<ActivityBody>(response)).toMatchObject({
      actualEnd: { from: '2016-01-01', to: '2016-06-30', precision: 'term' },
      deviation: { kind: 'late', days: { min: 488, max: 669 } },
    })
  })

  it('refuses an impossible date with 400 naming the field, and saves nothing', async () => {
    const before = await count()
    const response = await leader.post(url, {
      title: 'Samverkansteamet sammankallas',
      plannedEnd: { from: '2014-04-31' },
    })
    expect(response.statusCode).toBe(400)
    const problem = json<Problem>(response)
    expect(problem.errors?.[0]).toMatchObject({ field: 'plannedEnd.from', code: 'date' })
    expect(problem.errors?.[0]?.message).toMatch(/datum som finns/)
    expect(await count()).toBe(before)
  })

  it('keeps a note beside a date, as the demo does for 2014-04-31', async () => {
    const response = await leader.post(url, {
      title: 'Samverkansteamet sammankallas',
      plannedEnd: { from: '2014-04-30', note: 'I planen: 2014-04-31' },
    })
    expect(json<ActivityBody>(response).plannedEnd?.note).toBe('I planen: 2014-04-31')
  })

  it('refuses an actual end before the actual start with 422 naming actualEnd', async () => {
    const before = await count()
    const response = await leader.post(url, {
      title: 'Baklänges',
      actualStart: { from: '2015-05-01' },
      actualEnd: { from: '2015-04-01' },
    })
    expect(response.statusCode).toBe(422)
    expect(json<Problem>(response).errors).toEqual([
      expect.objectContaining({ field: 'actualEnd', code: 'end_before_start' }),
    ])
    expect(await count()).toBe(before)
  })

  it('refuses a planned end before the planned start, an unknown status and a malformed number', async () => {
    const end = await leader.post(url, {
      title: 'X',
      plannedStart: { from: '2015-05-01' },
      plannedEnd: { from: '2015-04-30' },
    })
    expect(end.statusCode).toBe(422)
    expect(json<Problem>(end).errors?.[0]?.field).toBe('plannedEnd')
    const status = await leader.post(url, { title: 'X', status: 'finished' })
    expect(status.statusCode).toBe(400)
    expect(json<Problem>(status).errors?.[0]?.field).toBe('status')
    const number = await leader.post(url, { title: 'X', number: '1.a' })
    expect(number.statusCode).toBe(400)
    expect(json<Problem>(number).errors?.[0]?.field).toBe('number')
  })

  it('refuses a number already used in the same project with 422, but allows it in another', async () => {
    await leader.post(url, { title: 'Första', number: '2.1' })
    const clash = await leader.post(url, { title: 'Andra', number: '2.1' })
    expect(clash.statusCode).toBe(422)
    expect(json<Problem>(clash).errors?.[0]).toMatchObject({ field: 'number', code: 'number_taken' })
    const elsewhere = await leader.post(url, { title: 'Andra', number: '2.1', projectId: sub })
    expect(elsewhere.statusCode).toBe(201)
  })

  it('refuses a project outside the plan', async () => {
    const other = await t.fixtures.project({ ownerOrganisationId: await t.fixtures.organisation() })
    const response = await leader.post(url, { title: 'Fel projekt', projectId: other })
    expect(response.statusCode).toBe(422)
    expect(json<Problem>(response).errors?.[0]?.field).toBe('projectId')
  })

  it('marks an activity done with a date; a stale second edit gets 409 with the other version', async () => {
    const created = json<ActivityBody>(
      await leader.post(url, { title: 'Kommunikationsplan', plannedEnd: { from: '2014-06-01' } }),
    )
    const done = await member.patch(`${url}/${created.id}`, {
      version: created.version,
      status: 'done',
      actualEnd: { from: '2014-06-20' },
    })
    expect(done.statusCode).toBe(200)
    expect(json<ActivityBody>(done)).toMatchObject({
      status: 'done',
      version: 2,
      deviation: { kind: 'late' },
    })
    expect(done.headers.etag).toBe('"2"')

    const stale = await leader.patch(`${url}/${created.id}`, {
      version: created.version,
      status: 'cancelled',
    })
    expect(stale.statusCode).toBe(409)
    expect(json<Problem>(stale)).toMatchObject({
      code: 'stale_version',
      current: { status: 'done', version: 2, actualEnd: { from: '2014-06-20' } },
    })
    const again = await leader.patch(`${url}/${created.id}`, { status: 'cancelled' }, { 'if-match': '"2"' })
    expect(again.statusCode).toBe(200)
    expect(json<ActivityBody>(again).status).toBe('cancelled')
  })

  it('needs the version it read', async () => {
    const created = json<ActivityBody>(await leader.post(url, { title: 'Utan version' }))
    const response = await leader.patch(`${url}/${created.id}`, { title: 'Nytt' })
    expect(response.statusCode).toBe(400)
    expect(json<Problem>(response).code).toBe('version_required')
  })

  it('flags late activities and activities outside the project period', async () => {
    const created = json<ActivityBody>(
      await leader.post(url, {
        title: 'Uppföljning',
        status: 'remaining',
        plannedEnd: { from: '2016-08-31' },
      }),
    )
    expect(created.outsideProjectPeriod).toBe(true)
    const list = json<{ items: ActivityBody[]; asOf: string }>(await viewer.get(`${url}?asOf=2016-09-21`))
    const row = list.items.find((a) => a.id === created.id)
    expect(row?.deviation).toMatchObject({ kind: 'remaining', late: true, overdueDays: 21 })
    const before = list.items.find((a) => a.id === created.id)
    expect(before).toBeDefined()
    const early = json<{ items: ActivityBody[] }>(await viewer.get(`${url}?asOf=2016-08-31`))
    expect(early.items.find((a) => a.id === created.id)?.deviation.late).toBe(false)

    // In a project that has ended, what was left undone is "Återstår", no longer late.
    const ended = await t.fixtures.project({
      ownerOrganisationId: socId,
      name: 'Avslutat',
      plannedStart: '2013-09-01',
      plannedEnd: '2016-06-30',
      status: 'completed',
    })
    await t.db
      .insertInto('activity')
      .values({
        id: uuid(),
        project_id: ended,
        title: 'Uppföljning',
        position: 1,
        status: 'remaining',
        planned_end_from: '2016-08-31',
        planned_end_to: '2016-08-31',
        planned_end_precision: 'day',
      })
      .execute()
    const endedPlan = json<{ items: ActivityBody[]; projects: { id: string; running: boolean }[] }>(
      await viewer.get(`/api/projects/${ended}/activities?asOf=2016-09-21`),
    )
    expect(endedPlan.projects).toMatchObject([{ id: ended, running: false }])
    expect(endedPlan.items.map((a) => a.deviation)).toMatchObject([
      { kind: 'remaining', late: false, overdueDays: null },
    ])
  })

  it('lists the plan in number order across the project and its sub-projects', async () => {
    await leader.post(url, { title: 'Tio', number: '2.10' })
    await leader.post(url, { title: 'Nio', number: '2.9' })
    const list = json<{ items: ActivityBody[]; projects: { id: string }[] }>(await viewer.get(url))
    expect(list.projects.map((p) => p.id)).toEqual([project, sub])
    const numbers = list.items.filter((a) => a.project.id === project && a.number).map((a) => a.number)
    expect(numbers).toEqual(['2.1', '2.9', '2.10'])
    const firstSub = list.items.findIndex((a) => a.project.id === sub)
    expect(list.items.slice(firstSub).every((a) => a.project.id === sub)).toBe(true)
  })

  it('lets members plan but not viewers or finance; outsiders see nothing', async () => {
    expect((await viewer.post(url, { title: 'Nej' })).statusCode).toBe(403)
    expect((await finance.post(url, { title: 'Nej' })).statusCode).toBe(403)
    expect((await admin.post(url, { title: 'Ja' })).statusCode).toBe(201)
    const stranger = await t.as(await t.fixtures.user({ organisationId: await t.fixtures.organisation() }))
    expect((await stranger.get(url)).statusCode).toBe(404)
  })

  it('removes an activity with its version, refusing a stale one', async () => {
    const created = json<ActivityBody>(await leader.post(url, { title: 'Tas bort' }))
    expect((await leader.delete(`${url}/${created.id}?version=9`)).statusCode).toBe(409)
    expect((await leader.delete(`${url}/${created.id}?version=1`)).statusCode).toBe(204)
    expect((await leader.get(`${url}/${created.id}`)).statusCode).toBe(404)
  })

  it('gives the Efterkalkyl grouped per project with Återstår for what is not done', async () => {
    const body = json<{
      groups: { project: { id: string }; rows: { title: string; deviation: { kind: string } }[] }[]
    }>(await viewer.get(`/api/projects/${project}/efterkalkyl?asOf=2016-09-23`))
    expect(body.groups.map((g) => g.project.id)).toEqual([project, sub])
    const follow = body.groups[0]?.rows.find((r) => r.title === 'Uppföljning')
    expect(follow?.deviation.kind).toBe('remaining')
    const open = body.groups[1]?.rows.find((r) => r.title === 'Öppna mottagningen')
    expect(open?.deviation.kind).toBe('late')
  })
})
