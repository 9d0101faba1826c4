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
