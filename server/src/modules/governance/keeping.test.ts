import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxParts, docxText, pdfText } from '../../test/documents.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

/*
 * Keeping a group's records from the web: creating a group with its kind and organisations,
 * editing it, linking and unlinking projects, the decision a request closed with, and the
 * protocol extract of a meeting.
 */

let t: TestContext
let root: string
let soc: string
let buf: string
let project: string
let subProject: string
let hidden: string
let admin: Client
let manager: Client
let leader: Client
let viewer: Client
let outsider: Client

interface Group {
  id: string
  name: string
  kind: string
  version: number
  organisations: { id: string; name: string }[]
  projects: { id: string; from: string | null; to: string | null }[]
  canManage: boolean
}
interface Problem {
  status: number
  code: string
  errors?: { field: string }[]
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  root = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: root })
  buf = await f.organisation({ name: 'Barn- och utbildningsförvaltningen', parentId: root })
  const elsewhere = await f.organisation({ name: 'Piteå kommun' })
  project = await f.project({ ownerOrganisationId: soc, name: 'Tidiga insatser', status: 'active' })
  subProject = await f.project({ ownerOrganisationId: soc, name: 'FöräldraSupporten', parentId: project })
  hidden = await f.project({ ownerOrganisationId: elsewhere, name: 'Piteås projekt' })
  admin = await t.as(await f.user({ organisationId: root, roles: [['administrator', root]] }))
  manager = await t.as(await f.user({ organisationId: soc, roles: [['portfolio_manager', soc]] }))
  viewer = await t.as(await f.user({ organisationId: root, roles: [['viewer', root]] }))
  const leaderUser = await f.user({ organisationId: soc })
  await f.member(project, leaderUser.id, 'leader')
  leader = await t.as(leaderUser)
  outsider = await t.as(await f.user({ organisationId: elsewhere, roles: [['administrator', elsewhere]] }))
})
afterAll(() => t.close())

async function createGroup(client = admin, body: Record<string, unknown> = {}) {
  return client.post('/api/steering-groups', {
    ownerOrganisationId: root,
    name: `Grupp ${uuid()}`,
    ...body,
  })
}

describe('creating and editing a group', () => {
  it('creates a ledningsgrupp with the organisations it represents; steering group is the default kind', async () => {
    const created = await createGroup(admin, {
      name: 'LG-SAM soc/buf',
      kind: 'management_group',
      organisationIds: [soc, buf],
    })
    expect(created.statusCode).toBe(201)
    const group = json<Group>(created)
    expect(group.kind).toBe('management_group')
    expect(group.organisations.map((o) => o.name).sort()).toEqual([
      'Barn- och utbildningsförvaltningen',
      'Socialförvaltningen',
    ])
    expect(group.canManage).toBe(true)
    const listed = json<{ items: { id: string; kind: string }[] }>(await admin.get('/api/steering-groups'))
    expect(listed.items.find((g) => g.id === group.id)?.kind).toBe('management_group')
    expect(json<Group>(await createGroup()).kind).toBe('steering_group')
  })

  it('refuses an unknown kind and a group owned where the caller keeps no records', async () => {
    const bad = await createGroup(admin, { kind: 'working_group' })
    expect(bad.statusCode).toBe(400)
    expect((await createGroup(manager, { ownerOrganisationId: root })).statusCode).toBe(403)
    expect((await createGroup(manager, { ownerOrganisationId: soc })).statusCode).toBe(201)
    expect((await createGroup(leader, { ownerOrganisationId: soc })).statusCode).toBe(403)
  })

  it('renames it, changes its kind and organisations; a stale version is 409', async () => {
    const group = json<Group>(await createGroup(admin, { organisationIds: [soc] }))
    const renamed = await admin.patch(`/api/steering-groups/${group.id}`, {
      version: group.version,
      name: 'Styrgrupp Tidiga insatser',
      kind: 'management_group',
      organisationIds: [buf],
    })
    expect(renamed.statusCode).toBe(200)
    const after = json<Group>(renamed)
    expect(after).toMatchObject({ name: 'Styrgrupp Tidiga insatser', kind: 'management_group' })
    expect(after.organisations.map((o) => o.id)).toEqual([buf])
    const stale = await admin.patch(`/api/steering-groups/${group.id}`, {
      version: group.version,
      name: 'Gammal',
    })
    expect(stale.statusCode).toBe(409)
    const history = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', group.id)
      .select('action')
      .execute()
    expect(history.map((h) => h.action)).toEqual(['create', 'update'])
  })
})

describe('the projects a group governs', () => {
  it('links a project, ends the period, and removes a link made by mistake', async () => {
    const group = json<Group>(await createGroup())
    const linked = await admin.put(`/api/steering-groups/${group.id}/projects/${project}`, {
      from: '2024-01-01',
    })
    expect(linked.statusCode).toBe(200)
    expect(json<Group>(linked).projects).toEqual([
      expect.objectContaining({ id: project, from: '2024-01-01' }),
    ])
    const ended = await admin.put(`/api/steering-groups/${group.id}/projects/${project}`, {
      from: '2024-01-01',
      to: '2024-12-31',
    })
    expect(json<Group>(ended).projects[0]?.to).toBe('2024-12-31')

    await admin.put(`/api/steering-groups/${group.id}/projects/${subProject}`, {})
    const removed = await admin.delete(`/api/steering-groups/${group.id}/projects/${subProject}`)
    expect(removed.statusCode).toBe(200)
    expect(json<Group>(removed).projects.map((p) => p.id)).toEqual([project])
    const audit = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', group.id)
      .where('action', '=', 'ungovern_project')
      .select(['project_id', 'before'])
      .executeTakeFirstOrThrow()
    expect(audit.project_id).toBe(subProject)
    expect((await admin.delete(`/api/steering-groups/${group.id}/projects/${subProject}`)).statusCode).toBe(
      404,
    )
  })

  it('keeps a link the group has decided on: 409, the period is ended instead', async () => {
    const group = json<Group>(await createGroup())
    await admin.put(`/api/steering-groups/${group.id}/projects/${project}`, {})
    const decided = await admin.post(`/api/steering-groups/${group.id}/decisions`, {
      date: '2025-02-01',
      text: 'FöräldraSupporten permanentas.',
      kind: 'make_permanent',
      projectId: subProject,
    })
    expect(decided.statusCode).toBe(201)
    const refused = await admin.delete(`/api/steering-groups/${group.id}/projects/${project}`)
    expect(refused.statusCode).toBe(409)
    expect(json<Problem>(refused).code).toBe('has_decisions')
    const still = json<Group>(await admin.get(`/api/steering-groups/${group.id}`))
    expect(still.projects.map((p) => p.id)).toEqual([project])
  })

  it('lets only a keeper of the group unlink, and never a project the keeper cannot see', async () => {
    const group = json<Group>(await createGroup())
    await admin.put(`/api/steering-groups/${group.id}/projects/${project}`, {})
    expect((await viewer.delete(`/api/steering-groups/${group.id}/projects/${project}`)).statusCode).toBe(403)
    expect((await outsider.delete(`/api/steering-groups/${group.id}/projects/${project}`)).statusCode).toBe(
      404,
    )
    expect((await admin.delete(`/api/steering-groups/${group.id}/projects/${hidden}`)).statusCode).toBe(404)
  })
})

describe('a request names the decision that closed it', () => {
  it('carries the decision date and § once decided, none while pending', async () => {
    const group = await t.fixtures.steeringGroup({ ownerOrganisationId: soc, projectIds: [project] })
    const member = await t.as(group.users[0]!)
    const activity = uuid()
    await t.db
      .insertInto('activity')
      .values({
        id: activity,
        project_id: subProject,
        title: 'Öppna mottagningen',
        position: 1,
        milestone: true,
      })
      .execute()
    const asked = await leader.post(`/api/projects/${project}/approval-requests`, {
      kind: 'milestone',
      summary: 'Mottagningen är öppen.',
      activityId: activity,
    })
    expect(asked.statusCode).toBe(201)
    const pending = json<{ id: string; version: number; decision: unknown }>(asked)
    expect(pending.decision).toBeNull()
    const approved = await member.post(`/api/projects/${project}/approval-requests/${pending.id}/approve`, {
      version: pending.version,
      paragraph: '4',
      date: '2025-03-01',
    })
    expect(approved.statusCode).toBe(200)
    const listed = json<{
      items: { id: string; payload: { activityId: string }; decision: { date: string; paragraph: string } }[]
    }>(await leader.get(`/api/projects/${project}/approval-requests`))
    const row = listed.items.find((r) => r.id === pending.id)
    expect(row?.payload.activityId).toBe(activity)
    expect(row?.decision).toMatchObject({ date: '2025-03-01', paragraph: '4' })
  })
})

describe('protokollsutdrag', () => {
  let groupId: string
  let meetingId: string

  beforeAll(async () => {
    const group = json<Group>(await createGroup(admin, { name: 'Vi6 styrgrupp' }))
    groupId = group.id
    await admin.put(`/api/steering-groups/${groupId}/projects/${project}`, {})
    const person = await t.fixtures.person(soc, 'Lars Nyström')
    const meeting = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${groupId}/meetings`, {
        date: '2014-04-01',
        place: 'Stadshuset',
        agenda: ['Kartläggning'],
        attendeeIds: [person],
      }),
    )
    meetingId = meeting.id
    const first = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${groupId}/decisions`, {
        date: '2014-04-01',
        paragraph: '1',
        text: 'Kartläggningen genomförs i samverkan mellan sex förvaltningar.',
        kind: 'other',
        projectId: project,
        meetingId,
        diaryNumber: 'SOC 2014/12',
      }),
    )
    await admin.post(`/api/steering-groups/${groupId}/decisions`, {
      date: '2014-04-01',
      paragraph: '2',
      text: 'Rättelse: analysen omfattar även kulturförvaltningen.',
      kind: 'other',
      projectId: project,
      meetingId,
      supersedesId: first.id,
    })
    // Taken per capsulam: not part of the meeting's extract.
    await admin.post(`/api/steering-groups/${groupId}/decisions`, {
      date: '2014-05-01',
      text: 'Per capsulam: samverkansteamet utses.',
      kind: 'other',
      projectId: project,
      perCapsulam: true,
    })
  })

  it('is a document of the meeting and its decisions § by §', async () => {
    const response = await viewer.get(`/api/meetings/${meetingId}/extract`)
    expect(response.statusCode).toBe(200)
    const model = json<{
      cover: { title: string; subject: string; date: string }
      sections: { key: string; blocks: { kind: string; text?: string; runs?: { text: string }[] }[] }[]
    }>(response)
    expect(model.cover).toMatchObject({
      title: 'Protokollsutdrag',
      subject: 'Vi6 styrgrupp, sammanträde 2014-04-01',
      date: '2014-04-01',
    })
    const text = JSON.stringify(model.sections)
    expect(text).toContain('Lars Nyström')
    expect(text).toContain('Stadshuset')
    const headings = model.sections
      .find((s) => s.key === 'decisions')
      ?.blocks.filter((b) => b.kind === 'heading')
      .map((b) => b.text)
    expect(headings).toEqual(['§ 1 Övrigt', '§ 2 Övrigt'])
    expect(text).toContain('SOC 2014/12')
    expect(text).toContain('Beslutet ersätter beslut § 1 den 2014-04-01.')
    expect(text).not.toContain('Per capsulam: samverkansteamet utses.')
  })

  it('downloads as PDF and Word with a Swedish file name', async () => {
    const pdf = await viewer.get(`/api/meetings/${meetingId}/extract.pdf`)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Protokollsutdrag Vi6 styrgrupp 2014-04-01.pdf')}`,
    )
    const pdfWords = await pdfText(pdf.rawPayload)
    expect(pdfWords).toContain('Protokollsutdrag')
    expect(pdfWords).toContain('Kartläggningen genomförs i samverkan')
    const docx = await viewer.get(`/api/meetings/${meetingId}/extract.docx`)
    expect(docx.statusCode).toBe(200)
    expect(docxText(docxParts(docx.rawPayload).document)).toContain('Rätt utdraget intygar')
  })

  it('is not shown to someone who cannot see the group', async () => {
    expect((await outsider.get(`/api/meetings/${meetingId}/extract`)).statusCode).toBe(404)
    expect((await outsider.get(`/api/meetings/${meetingId}/extract.pdf`)).statusCode).toBe(404)
    expect((await viewer.get(`/api/meetings/${meetingId}/extract.odt`)).statusCode).toBe(400)
  })
})

describe('a member records a decision at a meeting with its §', () => {
  let groupId: string
  let member: Client
  let held: string
  let ahead: string
  let otherMeeting: string

  async function milestoneRequest(title: string, on = subProject) {
    const activity = uuid()
    await t.db
      .insertInto('activity')
      .values({ id: activity, project_id: on, title, position: 1, milestone: true })
      .execute()
    const asked = await leader.post(`/api/projects/${project}/approval-requests`, {
      kind: 'milestone',
      summary: `${title} är klar.`,
      activityId: activity,
    })
    expect(asked.statusCode).toBe(201)
    return json<{ id: string; version: number }>(asked)
  }
  const approve = (request: { id: string; version: number }, body: Record<string, unknown>) =>
    member.post(`/api/projects/${project}/approval-requests/${request.id}/approve`, {
      version: request.version,
      ...body,
    })

  beforeAll(async () => {
    const group = await t.fixtures.steeringGroup({
      ownerOrganisationId: soc,
      projectIds: [project],
      name: 'Styrgrupp Tidiga insatser',
    })
    groupId = group.id
    member = await t.as(group.users[0]!)
    held = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${groupId}/meetings`, {
        date: '2025-05-06',
        place: 'Stadshuset',
      }),
    ).id
    ahead = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${groupId}/meetings`, { date: addDays(todayInSweden(), 10) }),
    ).id
    const other = json<Group>(await createGroup(admin, { name: `Annan grupp ${uuid()}` }))
    otherMeeting = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${other.id}/meetings`, { date: '2025-05-06' }),
    ).id
  })

  it('offers the group’s held meetings with their used §, and the next meeting, in the inbox', async () => {
    const request = await milestoneRequest('Inbjudan till föräldrar')
    const first = await approve(request, { meetingId: held, paragraph: '§ 1' })
    expect(first.statusCode).toBe(200)
    await milestoneRequest('Lokal för mottagningen')
    const inbox = json<{
      toDecide: { id: string; decidingGroupIds: string[] }[]
      decidingGroups: {
        id: string
        meetings: { id: string; date: string; paragraphs: string[] }[]
        nextMeeting: { id: string } | null
      }[]
    }>(await member.get('/api/approvals/inbox'))
    expect(inbox.toDecide.length).toBeGreaterThan(0)
    for (const r of inbox.toDecide) expect(r.decidingGroupIds).toEqual([groupId])
    const group = inbox.decidingGroups.find((g) => g.id === groupId)
    expect(group?.meetings).toEqual([
      { id: held, date: '2025-05-06', place: 'Stadshuset', paragraphs: ['1'] },
    ])
    expect(group?.nextMeeting?.id).toBe(ahead)
  })

  it('dates the decision by the meeting, keeps the § without its sign, and audits it', async () => {
    const request = await milestoneRequest('Samverkansavtal')
    const response = await approve(request, { meetingId: held, paragraph: ' § 2 ', comment: 'Bra.' })
    expect(response.statusCode).toBe(200)
    const { decision } = json<{
      decision: { id: string; date: string; paragraph: string; meeting: { id: string }; perCapsulam: boolean }
    }>(response)
    expect(decision).toMatchObject({
      date: '2025-05-06',
      paragraph: '2',
      meeting: { id: held },
      perCapsulam: false,
    })
    const audit = await t.db
      .selectFrom('audit_event')
      .where('entity', '=', 'decision')
      .where('entity_id', '=', decision.id)
      .select('after')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ meetingId: held, paragraph: '2', date: '2025-05-06' })
    const extract = JSON.stringify(json<unknown>(await viewer.get(`/api/meetings/${held}/extract`)))
    expect(extract).toContain('§ 2 Godkänd milstolpe')
  })

  it('refuses, naming the field, a § already in the minutes, a § that is no number, a meeting ahead, another group’s meeting and a date not the meeting’s', async () => {
    const request = await milestoneRequest('Utvärderingsplan')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ meetingId: held, paragraph: '1' }, 'paragraph', 'paragraph_taken'],
      [{ meetingId: held, paragraph: 'ett' }, 'paragraph', 'invalid_paragraph'],
      [{ meetingId: ahead, paragraph: '1' }, 'meetingId', 'meeting_ahead'],
      [{ meetingId: otherMeeting }, 'meetingId', 'unknown_meeting'],
      [{ meetingId: held, date: '2025-05-07' }, 'date', 'not_meeting_date'],
      [{ date: addDays(todayInSweden(), 1) }, 'date', 'in_future'],
    ]
    for (const [body, field, code] of cases) {
      const refused = await approve(request, body)
      expect(refused.statusCode, JSON.stringify(body)).toBe(422)
      expect(json<Problem>(refused).errors?.[0]).toMatchObject({ field, code })
    }
    const count = await t.db
      .selectFrom('decision')
      .where('meeting_id', '=', held)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
    // Per capsulam, the § is the member's to give; the request is still pending, so it can be decided.
    const perCapsulam = await approve(request, { paragraph: '7' })
    expect(perCapsulam.statusCode).toBe(200)
    expect(
      json<{ decision: { perCapsulam: boolean; paragraph: string } }>(perCapsulam).decision,
    ).toMatchObject({
      perCapsulam: true,
      paragraph: '7',
    })
  })

  it('refuses a § already used at the meeting when a keeper records a decision by hand too', async () => {
    const taken = await admin.post(`/api/steering-groups/${groupId}/decisions`, {
      date: '2025-05-06',
      paragraph: '1',
      text: 'Dubblett.',
      kind: 'other',
      meetingId: held,
    })
    expect(taken.statusCode).toBe(422)
    expect(json<Problem>(taken).errors?.[0]?.field).toBe('paragraph')
  })
})

describe('a main project’s pending request on the sub-project’s plan', () => {
  it('lists the main project’s milestone of a sub-project activity and its plan revision, not its other requests', async () => {
    const main = await t.fixtures.project({
      ownerOrganisationId: soc,
      name: 'Huvudprojekt',
      status: 'active',
    })
    const sub = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Delprojekt', parentId: main })
    const mainLeaderUser = await t.fixtures.user({ organisationId: soc })
    await t.fixtures.member(main, mainLeaderUser.id, 'leader')
    const mainLeader = await t.as(mainLeaderUser)
    const subLeaderUser = await t.fixtures.user({ organisationId: soc })
    await t.fixtures.member(sub, subLeaderUser.id, 'leader')
    const subLeader = await t.as(subLeaderUser)
    const activity = async (projectId: string, title: string) => {
      const id = uuid()
      await t.db
        .insertInto('activity')
        .values({ id, project_id: projectId, title, position: 1, milestone: true })
        .execute()
      return id
    }
    const ask = async (body: Record<string, unknown>) => {
      const response = await mainLeader.post(`/api/projects/${main}/approval-requests`, {
        summary: 'Ber om beslut',
        ...body,
      })
      expect(response.statusCode).toBe(201)
      return json<{ id: string }>(response).id
    }
    const subMilestone = await ask({
      kind: 'milestone',
      activityId: await activity(sub, 'Delprojektets milstolpe'),
    })
    const mainMilestone = await ask({
      kind: 'milestone',
      activityId: await activity(main, 'Huvudprojektets'),
    })
    const revision = await ask({ kind: 'plan_revision', label: 'Reviderad plan' })
    const lifecycle = await ask({ kind: 'lifecycle', to: 'paused' })

    const listed = await subLeader.get(`/api/projects/${sub}/approval-requests`)
    expect(listed.statusCode).toBe(200)
    const items = json<{ items: { id: string; status: string; project: { id: string } }[] }>(listed).items
    expect(items.map((r) => r.id).sort()).toEqual([subMilestone, revision].sort())
    expect(items.every((r) => r.status === 'pending' && r.project.id === main)).toBe(true)
    const onMain = json<{ items: { id: string }[] }>(
      await mainLeader.get(`/api/projects/${main}/approval-requests`),
    ).items.map((r) => r.id)
    expect(onMain).toEqual(expect.arrayContaining([subMilestone, mainMilestone, revision, lifecycle]))
  })
})

describe('the protocol extract in English', () => {
  it('follows the asked language: the words around the decisions, the kinds and the file name', async () => {
    const group = json<Group>(await createGroup(admin, { name: 'Vi6 steering' }))
    await admin.put(`/api/steering-groups/${group.id}/projects/${project}`, {})
    const meeting = json<{ id: string }>(
      await admin.post(`/api/steering-groups/${group.id}/meetings`, {
        date: '2014-04-01',
        place: 'Stadshuset',
      }),
    ).id
    await admin.post(`/api/steering-groups/${group.id}/decisions`, {
      date: '2014-04-01',
      paragraph: '1',
      text: 'Kartläggningen genomförs i samverkan.',
      kind: 'other',
      projectId: project,
      meetingId: meeting,
    })
    const en = { 'accept-language': 'en-GB,en;q=0.9' }
    const response = await viewer.get(`/api/meetings/${meeting}/extract`, en)
    expect(response.statusCode).toBe(200)
    expect(response.headers.vary).toContain('accept-language')
    const model = json<{
      language: string
      cover: { title: string; subject: string }
      sections: { key: string; heading: string; blocks: { kind: string; text?: string }[] }[]
    }>(response)
    expect(model.language).toBe('en')
    expect(model.cover).toMatchObject({
      title: 'Extract from the minutes',
      subject: 'Vi6 steering, meeting of 2014-04-01',
    })
    expect(model.sections.map((s) => s.heading)).toEqual(['Meeting', 'Decisions', 'Attestation'])
    const decisions = model.sections.find((s) => s.key === 'decisions')
    expect(decisions?.blocks.find((b) => b.kind === 'heading')?.text).toBe('§ 1 Other')
    const text = JSON.stringify(model.sections)
    expect(text).toContain('Kartläggningen genomförs i samverkan.')
    expect(text).not.toContain('Rätt utdraget intygar')

    const docx = await viewer.get(`/api/meetings/${meeting}/extract.docx`, en)
    expect(docx.statusCode).toBe(200)
    expect(docx.headers['content-disposition']).toContain(
      encodeURIComponent('Protocol extract Vi6 steering 2014-04-01.docx'),
    )
    expect(docxText(docxParts(docx.rawPayload).document)).toContain('Certified a true extract')
    const pdf = await viewer.get(`/api/meetings/${meeting}/extract.pdf`, en)
    expect(await pdfText(pdf.rawPayload)).toContain('Extract from the minutes')
    // Swedish stays the default.
    const sv = json<{ language: string; cover: { title: string } }>(
      await viewer.get(`/api/meetings/${meeting}/extract`),
    )
    expect(sv).toMatchObject({ language: 'sv', cover: { title: 'Protokollsutdrag' } })
  })
})

describe('Projektförlopp', () => {
  it('shows submitted status reports on the day they were submitted, a draft not', async () => {
    const own = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Med lägesrapporter' })
    const report = (period: string, status: 'draft' | 'submitted', submittedAt: string | null) => ({
      id: uuid(),
      project_id: own,
      period,
      period_start: `${period.slice(0, 4)}-01-01`,
      period_end: `${period.slice(0, 4)}-03-31`,
      status,
      schedule_light: 'green',
      budget_light: 'yellow',
      goals_light: 'green',
      risks_light: 'green',
      overall_light: 'yellow',
      snapshot: status === 'submitted' ? JSON.stringify({}) : null,
      submitted_at: submittedAt,
    })
    await t.db
      .insertInto('status_report')
      .values([
        // 23:30 UTC is half past midnight in Sweden: the next calendar day.
        report('2025-Q1', 'submitted', '2025-04-03T22:30:00Z'),
        report('2026-Q1', 'draft', null),
      ])
      .execute()
    const course = json<{ items: { date: string; kind: string; title: string; detail: string }[] }>(
      await admin.get(`/api/projects/${own}/course`),
    )
    const reports = course.items.filter((e) => e.kind === 'status_report')
    expect(reports).toEqual([
      {
        date: '2025-04-04',
        kind: 'status_report',
        title: 'Lägesrapport 2025-Q1',
        detail: 'Helhetsbedömning: gul',
        decisionId: null,
      },
    ])
  })
})
