import { DECISION_LIST_MAX } from '@lagesbild/shared/api/governance'
import { addDays } from '@lagesbild/shared/domain/calendar-date'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { startFinalReportInTransaction, submitFinalReportInTransaction } from '../reports/service.ts'
import { courseSection, steeringGroupsSection } from './report-sections.ts'

let t: TestContext
let root: string
let soc: string
let project: string
let otherProject: string
let leader: Client
let steering: Client
let otherSteering: Client
let admin: Client
let groupId: string

interface Problem {
  status: number
  code: string
  errors?: { field: string; code: string }[]
  current?: { version: number; status: string }
}
interface RequestBody {
  id: string
  status: string
  version: number
  change: string
  decisionId: string | null
}
interface DecisionBody {
  id: string
  date: string
  kind: string
  outcome: string | null
  text: string
  supersedesId: string | null
  supersededBy: string[]
}
interface Outcome {
  request: RequestBody
  decision: DecisionBody
}

async function milestone(title = 'Öppna mottagningen') {
  const id = uuid()
  await t.db
    .insertInto('activity')
    .values({ id, project_id: project, title, position: 1, milestone: true })
    .execute()
  return id
}

async function request(body: Record<string, unknown>, client = leader) {
  return client.post(`/api/projects/${project}/approval-requests`, { summary: 'Ber om beslut', ...body })
}

const countDecisions = async () =>
  Number(
    (
      await t.db
        .selectFrom('decision')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  root = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: root })
  project = await f.project({ ownerOrganisationId: soc, name: 'Samverkan i praktiken', status: 'active' })
  otherProject = await f.project({ ownerOrganisationId: soc, name: 'Ett annat projekt', status: 'active' })
  const leaderUser = await f.user({ organisationId: soc })
  await f.member(project, leaderUser.id, 'leader')
  leader = await t.as(leaderUser)
  admin = await t.as(await f.user({ organisationId: root, roles: [['administrator', root]] }))
  const group = await f.steeringGroup({
    ownerOrganisationId: soc,
    projectIds: [project],
    name: 'LG-SAM soc/buf',
  })
  groupId = group.id
  steering = await t.as(group.users[0]!)
  const other = await f.steeringGroup({ ownerOrganisationId: soc, projectIds: [otherProject] })
  otherSteering = await t.as(other.users[0]!)
})
afterAll(() => t.close())

describe('decisions are immutable in the database', () => {
  it('refuses a raw UPDATE and DELETE of a decision', async () => {
    const id = await t.fixtures.decision({ projectId: project })
    await expect(sql`update decision set text = 'ändrad' where id = ${id}`.execute(t.db)).rejects.toThrow(
      /immutable/,
    )
    await expect(sql`delete from decision where id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/)
    const row = await t.db
      .selectFrom('decision')
      .where('id', '=', id)
      .select('text')
      .executeTakeFirstOrThrow()
    expect(row.text).not.toBe('ändrad')
  })

  it('refuses a lifecycle move without a decision', async () => {
    await expect(
      sql`update project set status = 'terminated' where id = ${project}`.execute(t.db),
    ).rejects.toThrow(/only by a decision/)
  })

  it('has no API to edit or delete a decision', async () => {
    const id = await t.fixtures.decision({ projectId: project })
    expect((await admin.patch(`/api/decisions/${id}`, { text: 'x' })).statusCode).toBe(404)
    expect((await admin.delete(`/api/decisions/${id}`)).statusCode).toBe(404)
  })

  it('records a correction as a new decision that supersedes the first; both stay visible', async () => {
    const first = json<DecisionBody>(
      await admin.post(`/api/steering-groups/${groupId}/decisions`, {
        date: '2018-06-11',
        text: 'Projektägarskapet flyttas till BUF.',
        kind: 'change_owner',
        projectId: project,
        paragraph: '12',
      }),
    )
    const correction = await admin.post(`/api/steering-groups/${groupId}/decisions`, {
      date: '2018-06-20',
      text: 'Rättelse: ägarskapet flyttas till Centrala Elevhälsan inom BUF.',
      kind: 'change_owner',
      projectId: project,
      supersedesId: first.id,
    })
    expect(correction.statusCode).toBe(201)
    const register = json<{ items: DecisionBody[] }>(
      await leader.get(`/api/projects/${project}/decisions?kind=change_owner`),
    ).items
    expect(register.map((d) => d.id)).toEqual([first.id, json<DecisionBody>(correction).id])
    expect(register[0]?.supersededBy).toEqual([json<DecisionBody>(correction).id])
  })
})

describe('steering groups', () => {
  it('knows who was in the group on a date', async () => {
    const person = await t.fixtures.person(soc, 'Anna Ek')
    const added = await admin.post(`/api/steering-groups/${groupId}/members`, {
      personId: person,
      role: 'secretary',
      from: '2017-01-01',
    })
    expect(added.statusCode).toBe(201)
    const member = json<{ id: string; version: number }>(added)
    const ended = await admin.patch(`/api/steering-groups/${groupId}/members/${member.id}`, {
      version: member.version,
      to: '2018-06-10',
    })
    expect(ended.statusCode).toBe(200)
    const on = async (date: string) =>
      json<{ items: { person: { name: string } }[] }>(
        await steering.get(`/api/steering-groups/${groupId}/members?on=${date}`),
      ).items.map((m) => m.person.name)
    expect(await on('2018-06-10')).toContain('Anna Ek')
    expect(await on('2018-06-11')).not.toContain('Anna Ek')
    const history = json<{ members: { person: { name: string }; to: string | null }[] }>(
      await steering.get(`/api/steering-groups/${groupId}`),
    ).members
    expect(history.find((m) => m.person.name === 'Anna Ek')?.to).toBe('2018-06-10')
  })

  it('rejects a period that ends before it starts, naming the field', async () => {
    const person = await t.fixtures.person(soc)
    const response = await admin.post(`/api/steering-groups/${groupId}/members`, {
      personId: person,
      role: 'member',
      from: '2019-01-01',
      to: '2018-01-01',
    })
    expect(response.statusCode).toBe(422)
    expect(json<Problem>(response).errors?.[0]?.field).toBe('to')
  })

  it('refuses a stale member version with 409', async () => {
    const person = await t.fixtures.person(soc)
    const member = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${groupId}/members`, {
        personId: person,
        role: 'member',
        from: '2019-01-01',
      }),
    )
    const stale = await admin.patch(`/api/steering-groups/${groupId}/members/${member.id}`, {
      version: 7,
      role: 'chair',
    })
    expect(stale.statusCode).toBe(409)
  })

  it('lets a member read but not manage the group', async () => {
    expect((await steering.get(`/api/steering-groups/${groupId}`)).statusCode).toBe(200)
    expect(
      (await steering.patch(`/api/steering-groups/${groupId}`, { version: 1, name: 'X' })).statusCode,
    ).toBe(403)
    expect((await otherSteering.get(`/api/steering-groups/${groupId}`)).statusCode).toBe(404)
  })

  it('records a meeting with agenda, attendance and minutes', async () => {
    const created = await admin.post(`/api/steering-groups/${groupId}/meetings`, {
      date: '2018-06-11',
      place: 'Stadshuset',
      agenda: ['Ägarskap', 'Lägesrapport'],
      minutes: 'Styrgruppen beslutade att flytta ägarskapet.',
    })
    expect(created.statusCode).toBe(201)
    const meeting = json<{ id: string; version: number; agenda: string[] }>(created)
    expect(meeting.agenda).toEqual(['Ägarskap', 'Lägesrapport'])
    const stale = await admin.patch(`/api/meetings/${meeting.id}`, { version: 9, minutes: 'x' })
    expect(stale.statusCode).toBe(409)
  })
})

describe('approvals', () => {
  it('approves a milestone: decision, effect and request in one transaction', async () => {
    const activityId = await milestone()
    const created = await request({ kind: 'milestone', activityId })
    expect(created.statusCode).toBe(201)
    const req = json<RequestBody>(created)
    expect(req.change).toContain('Öppna mottagningen')
    const inbox = json<{ toDecide: RequestBody[] }>(await steering.get('/api/approvals/inbox'))
    expect(inbox.toDecide.map((r) => r.id)).toContain(req.id)

    const approved = await steering.post(`/api/projects/${project}/approval-requests/${req.id}/approve`, {
      version: req.version,
      comment: 'Bra jobbat.',
    })
    expect(approved.statusCode).toBe(200)
    const outcome = json<Outcome>(approved)
    expect(outcome.request).toMatchObject({ status: 'approved', decisionId: outcome.decision.id })
    expect(outcome.decision).toMatchObject({ kind: 'approve_milestone', outcome: 'approved' })
    expect(outcome.decision.text).toContain('Bra jobbat.')
    const approval = await t.db
      .selectFrom('milestone_approval')
      .where('activity_id', '=', activityId)
      .select('decision_id')
      .executeTakeFirstOrThrow()
    expect(approval.decision_id).toBe(outcome.decision.id)

    const twice = await steering.post(`/api/projects/${project}/approval-requests/${req.id}/approve`, {
      version: outcome.request.version,
    })
    expect(twice.statusCode).toBe(409)
    expect(json<Problem>(twice).code).toBe('not_pending')
    const course = json<{ items: { decisionId: string | null }[] }>(
      await leader.get(`/api/projects/${project}/course`),
    )
    expect(course.items.map((e) => e.decisionId)).toContain(outcome.decision.id)
  })

  it('rolls the decision back when the effect fails', async () => {
    const activityId = await milestone('Rekrytera personal')
    const req = json<RequestBody>(await request({ kind: 'milestone', activityId }))
    // The plan changed after the request: the activity is no longer a milestone.
    await t.db.updateTable('activity').set({ milestone: false }).where('id', '=', activityId).execute()
    const before = await countDecisions()
    const response = await steering.post(`/api/projects/${project}/approval-requests/${req.id}/approve`, {
      version: req.version,
    })
    expect(response.statusCode).toBe(409)
    expect(json<Problem>(response).code).toBe('not_a_milestone')
    expect(await countDecisions()).toBe(before)
    const row = await t.db
      .selectFrom('approval_request')
      .where('id', '=', req.id)
      .select('status')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
  })

  it('rejects with a comment: a decision, and the request stays on record', async () => {
    const activityId = await milestone('Kommunikationsplan')
    const req = json<RequestBody>(await request({ kind: 'milestone', activityId }))
    const noComment = await steering.post(`/api/projects/${project}/approval-requests/${req.id}/reject`, {
      version: req.version,
      comment: '  ',
    })
    expect(noComment.statusCode).toBe(422)
    expect(json<Problem>(noComment).errors?.[0]?.field).toBe('comment')
    const rejected = await steering.post(`/api/projects/${project}/approval-requests/${req.id}/reject`, {
      version: req.version,
      comment: 'Planen saknar tidplan.',
    })
    expect(rejected.statusCode).toBe(200)
    expect(json<Outcome>(rejected).decision).toMatchObject({ outcome: 'rejected', kind: 'approve_milestone' })
    const list = json<{ items: RequestBody[] }>(
      await leader.get(`/api/projects/${project}/approval-requests`),
    )
    expect(list.items.find((r) => r.id === req.id)?.status).toBe('rejected')
    expect(
      await t.db
        .selectFrom('milestone_approval')
        .where('activity_id', '=', activityId)
        .select('id')
        .execute(),
    ).toEqual([])
    await expect(sql`delete from approval_request where id = ${req.id}`.execute(t.db)).rejects.toThrow(
      /immutable/,
    )
  })

  it('lets only members of a governing group decide', async () => {
    const activityId = await milestone('Metodutveckling')
    const req = json<RequestBody>(await request({ kind: 'milestone', activityId }))
    const path = `/api/projects/${project}/approval-requests/${req.id}/approve`
    expect([403, 404]).toContain((await otherSteering.post(path, { version: req.version })).statusCode)
    expect((await leader.post(path, { version: req.version })).statusCode).toBe(403)
    expect((await admin.post(path, { version: req.version })).statusCode).toBe(403)
    const inbox = json<{ toDecide: RequestBody[] }>(await otherSteering.get('/api/approvals/inbox'))
    expect(inbox.toDecide.map((r) => r.id)).not.toContain(req.id)
  })

  it('refuses a stale version and a withdrawn request with 409', async () => {
    const activityId = await milestone('Lokaler')
    const req = json<RequestBody>(await request({ kind: 'milestone', activityId }))
    const path = `/api/projects/${project}/approval-requests/${req.id}`
    const stale = await steering.post(`${path}/approve`, { version: req.version + 1 })
    expect(stale.statusCode).toBe(409)
    expect(json<Problem>(stale).code).toBe('stale_version')
    const again = await request({ kind: 'milestone', activityId })
    expect(again.statusCode).toBe(409)
    const withdrawn = json<Outcome>(await leader.post(`${path}/withdraw`, { version: req.version }))
    expect(withdrawn.request.status).toBe('withdrawn')
    const late = await steering.post(`${path}/approve`, { version: withdrawn.request.version })
    expect(late.statusCode).toBe(409)
  })

  it('names the field of bad input', async () => {
    const missing = await request({ kind: 'milestone' })
    expect(missing.statusCode).toBe(422)
    expect(json<Problem>(missing).errors?.[0]?.field).toBe('activityId')
    const badKind = await request({ kind: 'coffee' })
    expect(badKind.statusCode).toBe(400)
    expect(JSON.stringify(json<Problem>(badKind).errors)).toContain('kind')
    const badTransition = await request({ kind: 'lifecycle', to: 'draft' })
    expect(badTransition.statusCode).toBe(422)
    expect(json<Problem>(badTransition).errors?.[0]?.field).toBe('to')
    const plain = uuid()
    await t.db
      .insertInto('activity')
      .values({ id: plain, project_id: project, title: 'Vanlig', position: 2 })
      .execute()
    const notMilestone = await request({ kind: 'milestone', activityId: plain })
    expect(json<Problem>(notMilestone).errors?.[0]).toMatchObject({
      field: 'activityId',
      code: 'not_a_milestone',
    })
  })

  it('moves the lifecycle, changes leader and freezes a revision by decision', async () => {
    const person = await t.fixtures.person(soc, 'Ny Projektledare')
    const leaderReq = json<RequestBody>(
      await request({ kind: 'change_leader', personId: person, from: '2021-08-01' }),
    )
    await steering.post(`/api/projects/${project}/approval-requests/${leaderReq.id}/approve`, {
      version: leaderReq.version,
    })
    const leaders = await t.db
      .selectFrom('project_leader')
      .where('project_id', '=', project)
      .selectAll()
      .execute()
    expect(leaders.map((l) => [l.person_id, l.from_date])).toContainEqual([person, '2021-08-01'])

    const revision = json<RequestBody>(
      await request({ kind: 'plan_revision', label: 'Rev. projektplan', revisionDate: '2022-02-01' }),
    )
    const revised = json<Outcome>(
      await steering.post(`/api/projects/${project}/approval-requests/${revision.id}/approve`, {
        version: revision.version,
      }),
    )
    const baseline = await t.db
      .selectFrom('baseline')
      .where('project_id', '=', project)
      .where('decision_id', '=', revised.decision.id)
      .select(['kind', 'revision_date'])
      .executeTakeFirstOrThrow()
    expect(baseline).toEqual({ kind: 'approved_revision', revision_date: '2022-02-01' })

    const terminate = json<RequestBody>(await request({ kind: 'lifecycle', to: 'terminated' }))
    const done = json<Outcome>(
      await steering.post(`/api/projects/${project}/approval-requests/${terminate.id}/approve`, {
        version: terminate.version,
        date: '2018-10-09',
      }),
    )
    expect(done.decision.kind).toBe('terminate_early')
    const row = await t.db
      .selectFrom('project')
      .where('id', '=', project)
      .select(['status', 'actual_end'])
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('terminated')
  })

  it('approves a proposed budget version as the current budget', async () => {
    const budgetVersionId = uuid()
    await t.db
      .insertInto('budget_version')
      .values({ id: budgetVersionId, project_id: otherProject, number: 1, status: 'proposed' })
      .execute()
    const otherLeaderUser = await t.fixtures.user({ organisationId: soc })
    await t.fixtures.member(otherProject, otherLeaderUser.id, 'leader')
    const otherLeader = await t.as(otherLeaderUser)
    const req = json<RequestBody>(
      await otherLeader.post(`/api/projects/${otherProject}/approval-requests`, {
        kind: 'budget_change',
        summary: 'Ny budget',
        budgetVersionId,
      }),
    )
    const outcome = json<Outcome>(
      await otherSteering.post(`/api/projects/${otherProject}/approval-requests/${req.id}/approve`, {
        version: req.version,
      }),
    )
    const version = await t.db
      .selectFrom('budget_version')
      .where('id', '=', budgetVersionId)
      .select(['status', 'decision_id'])
      .executeTakeFirstOrThrow()
    expect(version).toEqual({ status: 'approved', decision_id: outcome.decision.id })
  })
})

describe('decisions taken outside the system', () => {
  it('lets an administrator record one, stating who decided, and applies its effect; others are refused', async () => {
    const activityId = await milestone('Utbildning i CPS')
    const req = json<RequestBody>(await request({ kind: 'milestone', activityId }))
    const path = `/api/projects/${project}/approval-requests/${req.id}/record-outside`
    const body = {
      version: req.version,
      outcome: 'approved',
      date: '2014-08-14',
      decidedBy: 'Styrgruppen, protokoll på papper',
    }
    expect((await leader.post(path, body)).statusCode).toBe(403)
    const missing = await admin.post(path, { ...body, decidedBy: '' })
    expect(missing.statusCode).toBe(400)
    expect(JSON.stringify(json<Problem>(missing).errors)).toContain('decidedBy')
    const recorded = await admin.post(path, body)
    expect(recorded.statusCode).toBe(200)
    expect(json<Outcome>(recorded).decision).toMatchObject({ outcome: 'approved', kind: 'approve_milestone' })
    const decision = await t.db
      .selectFrom('decision')
      .where('id', '=', json<Outcome>(recorded).decision.id)
      .select(['outside_system', 'decided_by'])
      .executeTakeFirstOrThrow()
    expect(decision).toEqual({ outside_system: true, decided_by: 'Styrgruppen, protokoll på papper' })
    const approval = await t.db
      .selectFrom('milestone_approval')
      .where('activity_id', '=', activityId)
      .select('decision_id')
      .executeTakeFirstOrThrow()
    expect(approval.decision_id).toBe(json<Outcome>(recorded).decision.id)
  })
})

describe('the register', () => {
  it('lists across the portfolio only what the user may see, and exports it', async () => {
    const mine = json<{ items: DecisionBody[] }>(await steering.get('/api/decisions'))
    const theirs = json<{ items: DecisionBody[] }>(await otherSteering.get('/api/decisions'))
    expect(mine.items.length).toBeGreaterThan(0)
    const mineIds = new Set(mine.items.map((d) => d.id))
    expect(theirs.items.some((d) => mineIds.has(d.id))).toBe(false)
    const filtered = json<{ items: DecisionBody[] }>(
      await steering.get('/api/decisions?kind=terminate_early'),
    )
    expect(filtered.items.map((d) => d.kind)).toEqual(['terminate_early'])
    const period = json<{ items: DecisionBody[] }>(
      await steering.get('/api/decisions?from=2018-01-01&to=2018-12-31'),
    )
    expect(period.items.length).toBeGreaterThan(0)

    const file = await steering.get('/api/decisions/export?kind=terminate_early')
    expect(file.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Beslutsregister')
    expect(sheet?.getRow(1).getCell(1).value).toBe('Datum')
    expect(String(sheet?.getRow(2).getCell(6).value)).toBe('Avslutas i förtid')
    const english = await steering.get('/api/decisions/export?kind=terminate_early', {
      'accept-language': 'en',
    })
    expect(english.headers['content-disposition']).toContain('decision-register.xlsx')
    const englishBook = new ExcelJS.Workbook()
    await englishBook.xlsx.load(english.rawPayload as unknown as ArrayBuffer)
    const englishSheet = englishBook.getWorksheet('Decision register')
    expect(englishSheet?.getRow(1).getCell(1).value).toBe('Date')
    expect(String(englishSheet?.getRow(2).getCell(6).value)).toBe('Terminated early')
  })

  it('returns the latest decisions in register order and says when more match', async () => {
    const oldest = await t.fixtures.decision({ projectId: otherProject })
    // One more than a register request returns, all newer than the fixture's decision.
    await sql`insert into decision
      select (jsonb_populate_record(null::decision, to_jsonb(d) || jsonb_build_object(
        'id', gen_random_uuid(), 'paragraph', null, 'decided_on', date '2100-01-01' + n))).*
      from decision d, generate_series(1, ${DECISION_LIST_MAX}) n where d.id = ${oldest}`.execute(t.db)
    const register = json<{ items: DecisionBody[]; truncated: boolean }>(
      await otherSteering.get('/api/decisions'),
    )
    expect(register.truncated).toBe(true)
    expect(register.items).toHaveLength(DECISION_LIST_MAX)
    expect(register.items.map((d) => d.id)).not.toContain(oldest)
    const dates = register.items.map((d) => d.date)
    expect(dates).toEqual([...dates].sort())
    expect(dates.at(-1)).toBe(addDays('2100-01-01', DECISION_LIST_MAX))
    expect(json<{ truncated: boolean }>(await steering.get('/api/decisions')).truncated).toBe(false)
  })
})

describe('report sections', () => {
  it('fills Projektförlopp with decisions and revisions in order, and Organisation with the group over time', async () => {
    const [course] = await courseSection(t.db, project, '2099-12-31')
    expect(course?.kind).toBe('table')
    const rows =
      course?.kind === 'table' ? course.rows.map((r) => r.map((c) => c.map((x) => x.text).join(''))) : []
    const dates = rows.map((r) => r[0] ?? '')
    expect(dates).toEqual([...dates].sort())
    expect(rows.some((r) => r[1]?.includes('Avslutas i förtid'))).toBe(true)
    expect(rows.some((r) => r[1]?.startsWith('Planrevision'))).toBe(true)
    const early = await courseSection(t.db, project, '2018-06-30')
    const earlyText = JSON.stringify(early)
    expect(earlyText).toContain('2018-06-11')
    expect(earlyText).not.toContain('2018-10-09')

    const organisation = JSON.stringify(await steeringGroupsSection(t.db, project, '2099-12-31'))
    expect(organisation).toContain('Styrgrupp: LG-SAM soc/buf')
    expect(organisation).toContain('Anna Ek')
    expect(organisation).toContain('Sekreterare')
  })
})

describe('final report approval', () => {
  it('opens a request when the report is submitted; approval records the outcome with the decision', async () => {
    const reportId = await t.db.transaction().execute(async (trx) => {
      const id = await startFinalReportInTransaction(trx, null, project, {})
      await submitFinalReportInTransaction(trx, null, project, id, 1)
      return id
    })
    const pending = json<{ toDecide: (RequestBody & { kind: string; payload: { reportId?: string } })[] }>(
      await steering.get('/api/approvals/inbox'),
    ).toDecide.find((r) => r.kind === 'final_report' && r.payload.reportId === reportId)
    expect(pending).toBeDefined()
    const outcome = json<Outcome>(
      await steering.post(`/api/projects/${project}/approval-requests/${pending?.id}/approve`, {
        version: pending?.version,
        comment: 'Rapporten godkänns.',
      }),
    )
    expect(outcome.decision.kind).toBe('approve_final_report')
    const row = await t.db
      .selectFrom('final_report_outcome')
      .where('report_id', '=', reportId)
      .select(['outcome', 'decision_id'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ outcome: 'approved', decision_id: outcome.decision.id })
  })
})
