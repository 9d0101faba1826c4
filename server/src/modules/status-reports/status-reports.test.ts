import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { acknowledgeStatusReport, dueForUser } from './service.ts'

let t: TestContext
let project: string
let base: string
let leader: Client
let leaderId: string
let viewer: Client
let member: Client
let lateActivity: { id: string; version: number }
let owner: string

interface Report {
  id: string
  period: string
  status: string
  version: number
  factsFrozen: boolean
  supersedesId: string | null
  supersededById: string | null
  facts: {
    asOf: string
    lateActivities: { title: string; milestone: boolean }[]
    indicators: { name: string; status: string }[]
    risks: { high: number }
  }
  suggestions: Record<string, { light: string | null; because: { sv: string } }>
  lights: Record<string, string | null>
  acknowledgementList: { comment: string }[]
  comments: { by: string | null; text: string; at: string }[]
}
interface ToAcknowledge {
  id: string
  project: { id: string; name: string }
  period: string
  overall: string
  submittedBy: string | null
}
interface Problem {
  code: string
  errors?: { field: string }[]
}

const allGreen = { schedule: 'green', budget: 'green', goals: 'green', risks: 'green', overall: 'green' }

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  const root = await f.organisation({ name: 'Luleå kommun' })
  owner = root
  project = await f.project({
    ownerOrganisationId: root,
    name: 'FöräldraSupporten',
    plannedStart: '2025-01-01',
    plannedEnd: '2026-12-31',
  })
  base = `/api/projects/${project}/status-reports`
  const lead = await f.user({ organisationId: root })
  leaderId = lead.id
  await f.member(project, lead.id, 'leader')
  leader = await t.as(lead)
  const worker = await f.user({ organisationId: root })
  await f.member(project, worker.id, 'member')
  member = await t.as(worker)
  viewer = await t.as(await f.user({ organisationId: root, roles: [['viewer', root]] }))

  // The plan: a milestone that should have been done by the end of March 2025.
  const activity = await leader.post(`/api/projects/${project}/activities`, {
    title: 'Öppna mottagningen',
    milestone: true,
    plannedStart: { from: '2025-02-01' },
    plannedEnd: { from: '2025-03-15' },
  })
  expect(activity.statusCode, activity.body).toBe(201)
  lateActivity = json<{ id: string; version: number }>(activity)
  // An open high risk.
  await leader.post(`/api/projects/${project}/risks`, {
    description: 'Lokalen blir inte klar',
    probability: 4,
    consequence: 4,
  })
  // An indicator far behind: 5 of 70 children by April against 70 by the end of 2025.
  const indicator = json<{ id: string }>(
    await leader.post(`/api/projects/${project}/indicators`, {
      name: 'Barn vars föräldrar fått stöd',
      unit: 'count',
      frequency: 'monthly',
      baseline: { value: 0, date: '2025-01-01' },
      target: { value: 70, date: '2025-12-31' },
    }),
  )
  await leader.put(`/api/projects/${project}/indicators/${indicator.id}/measurements/2025-04`, { value: 5 })
})
afterAll(() => t.close())

describe('status reports', () => {
  let report: Report

  it('keeps a schedule and lists the ended periods without a submitted report as due', async () => {
    const schedule = await leader.put(`${base}/schedule`, { frequency: 'monthly', starts: '2025-01-01' })
    expect(schedule.statusCode, schedule.body).toBe(200)
    const list = json<{ due: string[] }>(await viewer.get(base))
    expect(list.due.slice(0, 3)).toEqual(['2025-01', '2025-02', '2025-03'])
    const stale = await leader.put(`${base}/schedule`, { frequency: 'quarterly', starts: '2025-01-01' })
    expect(stale.statusCode).toBe(409)
  })

  it('suggests lights from the real plan, risks and indicators, beside the leader’s choice', async () => {
    const created = await leader.post(base, { period: '2025-04' })
    expect(created.statusCode, created.body).toBe(201)
    report = json<Report>(created)
    expect(report.factsFrozen).toBe(false)
    expect(report.facts.asOf).toBe('2025-04-30')
    expect(report.facts.lateActivities.map((a) => a.title)).toEqual(['Öppna mottagningen'])
    expect(report.suggestions.schedule?.light).toBe('red')
    expect(report.suggestions.risks?.light).toBe('red')
    expect(report.suggestions.goals?.light).toBe('red')
    expect(report.suggestions.budget?.light).toBeNull()
    expect(report.suggestions.overall?.light).toBe('red')
    expect(report.lights.overall).toBeNull()
  })

  it('edits a draft with versions and refuses a member or a stale version', async () => {
    const edited = await leader.patch(`${base}/${report.id}`, {
      version: report.version,
      lights: { ...allGreen, schedule: 'yellow' },
      progress: 'Mottagningen har haft öppet i tre veckor; 12 föräldrar har kommit.',
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(
      (await leader.patch(`${base}/${report.id}`, { version: report.version, problems: 'x' })).statusCode,
    ).toBe(409)
    expect((await member.patch(`${base}/${report.id}`, { version: 2, problems: 'x' })).statusCode).toBe(403)
    report = json<Report>(edited)
  })

  it('needs every light chosen to submit', async () => {
    const draft = json<Report>(await leader.post(base, { period: '2025-05' }))
    const refused = await leader.post(`${base}/${draft.id}/submit`, { version: draft.version })
    expect(refused.statusCode).toBe(422)
    expect(json<Problem>(refused).errors?.map((e) => e.field)).toContain('lights.overall')
  })

  it('freezes the facts on submission: a later plan change does not alter them', async () => {
    const submitted = await leader.post(`${base}/${report.id}/submit`, { version: report.version })
    expect(submitted.statusCode, submitted.body).toBe(200)
    const frozen = json<Report>(submitted)
    expect(frozen.status).toBe('submitted')
    expect(frozen.factsFrozen).toBe(true)
    // The milestone is later marked done with its actual date: the plan changes.
    const done = await leader.patch(`/api/projects/${project}/activities/${lateActivity.id}`, {
      version: lateActivity.version,
      status: 'done',
      actualEnd: { from: '2025-04-10' },
    })
    expect(done.statusCode, done.body).toBe(200)
    const again = json<Report>(await viewer.get(`${base}/${report.id}`))
    expect(again.facts.lateActivities.map((a) => a.title)).toEqual(['Öppna mottagningen'])
    expect(again.suggestions.schedule?.light).toBe('red')
    expect(again.lights.schedule).toBe('yellow')
    // A correction reads today's facts: nothing is late any more.
    const correction = await leader.post(base, { supersedesId: report.id })
    expect(correction.statusCode, correction.body).toBe(201)
    const fixed = json<Report>(correction)
    expect(fixed.period).toBe('2025-04')
    expect(fixed.facts.lateActivities).toEqual([])
    expect(fixed.lights.schedule).toBe('yellow')
    const list = json<{ items: Report[] }>(await viewer.get(base)).items
    expect(list.find((r) => r.id === report.id)?.supersededById).toBe(fixed.id)
  })

  it('refuses every change to a submitted report, through the API and in the database', async () => {
    const refused = await leader.patch(`${base}/${report.id}`, { version: 3, progress: 'Ändrat i efterhand' })
    expect(refused.statusCode).toBe(409)
    await expect(
      sql`update status_report set progress = 'Ändrat' where id = ${report.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(sql`delete from status_report where id = ${report.id}`.execute(t.db)).rejects.toMatchObject({
      code: 'LBIMM',
    })
  })

  it('reminds the governing steering group, and only it, of a submitted report awaiting acknowledgement', async () => {
    const governing = await t.fixtures.steeringGroup({ ownerOrganisationId: owner, projectIds: [project] })
    const elsewhere = await t.fixtures.project({
      ownerOrganisationId: owner,
      name: 'Annat projekt',
      plannedStart: '2025-01-01',
      plannedEnd: '2026-12-31',
    })
    const other = await t.fixtures.steeringGroup({ ownerOrganisationId: owner, projectIds: [elsewhere] })
    const [steering, outsider] = await Promise.all([governing.users[0], other.users[0]].map((u) => t.as(u!)))
    if (!steering || !outsider) throw new Error('two members expected')

    const inbox = await steering.get('/api/approvals/inbox')
    expect(inbox.statusCode, inbox.body).toBe(200)
    const waiting = json<{ reportsToAcknowledge: ToAcknowledge[] }>(inbox).reportsToAcknowledge
    // The submitted report waits; its correction is still a draft, so it does not replace it yet.
    expect(waiting.map((r) => r.id)).toEqual([report.id])
    expect(waiting[0]).toMatchObject({ period: '2025-04', overall: 'green', project: { id: project } })
    expect(waiting[0]?.submittedBy).toBeTruthy()
    const home = json<{ reportsToAcknowledge: ToAcknowledge[] }>(await steering.get('/api/me/home'))
    expect(home.reportsToAcknowledge.map((r) => r.id)).toEqual([report.id])

    // Another group's member, the leader and a viewer are not reminded of it.
    for (const client of [outsider, leader, viewer]) {
      expect(
        json<{ reportsToAcknowledge: ToAcknowledge[] }>(await client.get('/api/approvals/inbox'))
          .reportsToAcknowledge,
      ).toEqual([])
      expect(
        json<{ reportsToAcknowledge: ToAcknowledge[] }>(await client.get('/api/me/home'))
          .reportsToAcknowledge,
      ).toEqual([])
    }
    // A member whose seat has ended is reminded no longer.
    await t.db
      .updateTable('steering_group_member')
      .set({ to_date: '2020-12-31' })
      .where('steering_group_id', '=', governing.id)
      .execute()
    expect(
      json<{ reportsToAcknowledge: unknown[] }>(await steering.get('/api/approvals/inbox'))
        .reportsToAcknowledge,
    ).toEqual([])
  })

  it('is acknowledged by a steering-group member once; a second acknowledgement is refused with 409', async () => {
    const group = await t.fixtures.steeringGroup({
      ownerOrganisationId: owner,
      projectIds: [project],
      members: 2,
    })
    const [chair, second] = await Promise.all(group.users.map((u) => t.as(u)))
    if (!chair || !second) throw new Error('two members expected')
    const url = `${base}/${report.id}/acknowledge`
    expect((await leader.post(url, {})).statusCode).toBe(403)

    const first = await chair.post(url, { comment: 'Tagen till protokollet.' })
    expect(first.statusCode).toBe(200)
    expect(json<Report>(first).acknowledgementList.map((a) => a.comment)).toEqual(['Tagen till protokollet.'])
    // Acknowledged, it no longer waits in the group's inbox.
    const inbox = json<{ reportsToAcknowledge: { id: string }[] }>(await second.get('/api/approvals/inbox'))
    expect(inbox.reportsToAcknowledge.map((r) => r.id)).not.toContain(report.id)

    for (const client of [chair, second]) {
      const again = await client.post(url, { comment: 'En gång till.' })
      expect(again.statusCode).toBe(409)
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/)
      const problem = json<Problem & { detail: string }>(again)
      expect(problem.code).toBe('report_already_acknowledged')
      expect(problem.detail).toMatch(/^Rapporten är redan kvitterad \(.+, \d{4}-\d{2}-\d{2}\)\./)
    }
    const stored = json<Report>(await viewer.get(`${base}/${report.id}`))
    expect(stored.acknowledgementList.map((a) => a.comment)).toEqual(['Tagen till protokollet.'])
    // The service refuses as well when called directly, so no other path adds a second one.
    await expect(acknowledgeStatusReport(t.db, leaderId, project, report.id, 'x')).rejects.toMatchObject({
      status: 409,
    })
  })

  it('takes any number of comments from steering members, each kept as written and audited', async () => {
    const group = await t.fixtures.steeringGroup({
      ownerOrganisationId: owner,
      projectIds: [project],
      members: 2,
    })
    const [chair, second] = await Promise.all(group.users.map((u) => t.as(u)))
    if (!chair || !second) throw new Error('two members expected')
    const url = `${base}/${report.id}/comments`

    // Acknowledged already (above), yet the group may still comment, the same member twice.
    const first = await chair.post(url, { text: 'Hur går rekryteringen?' })
    expect(first.statusCode, first.body).toBe(201)
    expect((await second.post(url, { text: '  Bra att mottagningen är öppen.  ' })).statusCode).toBe(201)
    const third = await chair.post(url, { text: 'Ta upp lokalfrågan på nästa möte.' })
    expect(third.statusCode).toBe(201)
    const comments = json<Report>(third).comments
    expect(comments.map((c) => c.text)).toEqual([
      'Hur går rekryteringen?',
      'Bra att mottagningen är öppen.',
      'Ta upp lokalfrågan på nästa möte.',
    ])
    expect(comments.every((c) => c.by && c.at)).toBe(true)
    expect(comments[0]?.by).toBe(comments[2]?.by)
    expect(comments[0]?.by).not.toBe(comments[1]?.by)
    // Readers see them, newest last; the acknowledgement is still the one.
    const stored = json<Report>(await viewer.get(`${base}/${report.id}`))
    expect(stored.comments.map((c) => c.text)).toEqual(comments.map((c) => c.text))
    expect(stored.acknowledgementList).toHaveLength(1)

    // The leader, a project member and a viewer may not comment; an empty text names the field.
    for (const client of [leader, member, viewer])
      expect((await client.post(url, { text: 'Får jag?' })).statusCode).toBe(403)
    const blank = await chair.post(url, { text: '   ' })
    expect(blank.statusCode).toBe(422)
    expect(json<Problem>(blank).errors?.map((e) => e.field)).toContain('text')
    expect((await chair.post(url, { text: 'x', extra: 1 })).statusCode).toBe(400)
    // A draft takes no comments.
    const draft = json<{ items: Report[] }>(await viewer.get(base)).items.find((r) => r.status === 'draft')
    if (!draft) throw new Error('a draft expected')
    const onDraft = await chair.post(`${base}/${draft.id}/comments`, { text: 'För tidigt.' })
    expect(onDraft.statusCode).toBe(409)
    expect(json<Problem>(onDraft).code).toBe('report_not_submitted')

    // Every comment is an audit event, and the rows refuse change in the database.
    const events = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', report.id)
      .where('action', '=', 'comment')
      .select(['actor_id', 'after'])
      .execute()
    expect(events).toHaveLength(3)
    expect(events.map((e) => (e.after as { text: string }).text)).toContain('Bra att mottagningen är öppen.')
    await expect(
      sql`update status_report_comment set body = 'Ändrat' where report_id = ${report.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      sql`delete from status_report_comment where report_id = ${report.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
  })

  it('lists the leader’s due reports for the inbox, with the draft to continue', async () => {
    const response = await leader.get('/api/me/status-reports-due')
    expect(response.statusCode).toBe(200)
    const items = json<{ items: { period: string; draftId: string | null }[] }>(response).items
    expect(items.some((i) => i.period === '2025-04')).toBe(false)
    expect(items.find((i) => i.period === '2025-05')?.draftId).toBeTruthy()
    const direct = await dueForUser(t.db, { id: leaderId } as Parameters<typeof dueForUser>[1], '2025-06-15')
    expect(direct.items.map((i) => i.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-05'])
    expect(json<{ items: unknown[] }>(await viewer.get('/api/me/status-reports-due')).items).toEqual([])
  })
})
