import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext, type TestUser } from '../../test/helper.ts'

let t: TestContext
let root: string
let unit: string
let project: string
let admin: TestUser
let adminClient: Client
let leader: TestUser
let foreignProject: string

interface Entry {
  id: string
  action: string
  entity: string
  actor: { id: string; name: string } | null
  project: { id: string; name: string; code: string | null } | null
}
type PageOf = { items: Entry[]; nextCursor: string | null }

beforeAll(async () => {
  t = await createTestApp()
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  unit = await t.fixtures.organisation({ name: 'Socialförvaltningen', parentId: root })
  admin = await t.fixtures.user({ organisationId: root, roles: [['administrator', root]], name: 'Alva Lund' })
  adminClient = await t.as(admin)
  const created = await adminClient.post('/api/projects', {
    name: '=HYPERLINK("http://evil.example")',
    code: 'SN 2013/0231',
    ownerOrganisationId: unit,
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
  })
  project = json<{ id: string }>(created).id
  leader = await t.fixtures.user({ organisationId: unit, name: 'Elin Nordin' })
  await t.fixtures.member(project, leader.id, 'leader')
  const leaderClient = await t.as(leader)
  for (const background of ['Första', 'Andra', 'Tredje']) {
    const current = json<{ version: number }>(await leaderClient.get(`/api/projects/${project}`))
    await leaderClient.patch(`/api/projects/${project}`, { version: current.version, background })
  }
  const elsewhere = await t.fixtures.organisation({ name: 'Piteå kommun' })
  const foreignAdmin = await t.as(
    await t.fixtures.user({ organisationId: elsewhere, roles: [['administrator', elsewhere]] }),
  )
  foreignProject = json<{ id: string }>(
    await foreignAdmin.post('/api/projects', {
      name: 'Piteås hemliga projekt',
      ownerOrganisationId: elsewhere,
      plannedStart: '2020-01-01',
      plannedEnd: '2020-12-31',
    }),
  ).id
  await foreignAdmin.post('/api/people', { name: 'Piteå Person', organisationId: elsewhere })
})
afterAll(() => t.close())

describe('audit log viewer', () => {
  it('shows the changes in the administered organisations, newest first, and nothing of others', async () => {
    const response = await adminClient.get('/api/audit/events?limit=200')
    expect(response.statusCode).toBe(200)
    const page = json<PageOf>(response)
    expect(page.items.map((e) => e.action).slice(0, 4)).toEqual(['update', 'update', 'update', 'create'])
    expect(page.items[0]).toMatchObject({
      entity: 'project',
      actor: { id: leader.id, name: 'Elin Nordin' },
      project: { id: project, code: 'SN 2013/0231' },
    })
    expect(response.body).not.toContain('Piteå')
    expect(response.body).not.toContain(foreignProject)
  })

  it('filters by who, what, project and period, and pages by keyset', async () => {
    const byLeader = json<PageOf>(await adminClient.get(`/api/audit/events?actorId=${leader.id}`))
    expect(byLeader.items).toHaveLength(3)
    expect(byLeader.items.every((e) => e.actor?.id === leader.id)).toBe(true)

    const created = json<PageOf>(
      await adminClient.get(`/api/audit/events?projectId=${project}&action=create`),
    )
    expect(created.items.map((e) => e.actor?.name)).toEqual(['Alva Lund'])
    expect(json<PageOf>(await adminClient.get('/api/audit/events?entity=person')).items).toEqual([])

    const first = json<PageOf>(await adminClient.get(`/api/audit/events?projectId=${project}&limit=2`))
    expect(first.items).toHaveLength(2)
    const second = json<PageOf>(
      await adminClient.get(`/api/audit/events?projectId=${project}&limit=2&cursor=${first.nextCursor}`),
    )
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]?.id)
    expect(Number(second.items[0]?.id)).toBeLessThan(Number(first.items[1]?.id))

    // A calendar day in Swedish time: an event just after midnight there belongs to that day.
    await sql`insert into audit_event (at, actor_id, entity, entity_id, project_id, action)
      values ('2025-03-09T23:30:00Z', ${admin.id}, 'project', ${project}, ${project}, 'midnight')`.execute(
      t.db,
    )
    const onTenth = json<PageOf>(await adminClient.get('/api/audit/events?from=2025-03-10&to=2025-03-10'))
    expect(onTenth.items.map((e) => e.action)).toEqual(['midnight'])
    expect(
      json<PageOf>(await adminClient.get('/api/audit/events?from=2025-03-09&to=2025-03-09')).items,
    ).toEqual([])
  })

  it('refuses bad filters naming the field', async () => {
    const badDate = await adminClient.get('/api/audit/events?from=2025-13-01')
    expect(badDate.statusCode).toBe(400)
    expect(json(badDate)).toMatchObject({ errors: [{ field: 'query.from' }] })
    const backwards = await adminClient.get('/api/audit/events?from=2025-03-10&to=2025-03-01')
    expect(backwards.statusCode).toBe(422)
    expect(json(backwards)).toMatchObject({ errors: [{ field: 'query.to' }] })
  })

  it('is for administrators only', async () => {
    const leaderClient = await t.as(leader)
    expect((await leaderClient.get('/api/audit/events')).statusCode).toBe(403)
    expect((await leaderClient.get('/api/audit/export')).statusCode).toBe(403)
  })
})

describe('archive export', () => {
  it('writes CSV for Swedish Excel: BOM, semicolons, diarienummer, formulas defused', async () => {
    const response = await adminClient.get(
      `/api/audit/export?projectId=${project}&actorId=${leader.id}&format=csv`,
    )
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="andringslogg-\d{4}-\d{2}-\d{2}\.csv"/,
    )
    const text = response.rawPayload.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'Händelse-id;Tidpunkt (svensk tid);Tidpunkt (UTC);Utförd av;Användar-id;Objekttyp;Objekt-id;Benämning;Projekt;Diarienummer;Händelse;Ändringar;Före (JSON);Efter (JSON)',
    )
    expect(lines).toHaveLength(1 + 3)
    expect(lines[1]).toContain(';Elin Nordin;')
    expect(lines[1]).toContain(';SN 2013/0231;update;background: Andra → Tredje;')
    // A project name that a spreadsheet would run as a formula is kept as text.
    expect(lines[1]).toContain(`;"'=HYPERLINK(""http://evil.example"")";`)
  })

  it('writes the same as an XLSX workbook, in English on request', async () => {
    adminClient.language = 'en'
    const response = await adminClient.get(
      `/api/audit/export?projectId=${project}&actorId=${leader.id}&format=xlsx`,
    )
    adminClient.language = 'sv'
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toMatch(/change-log-.*\.xlsx/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Change log')
    expect(sheet?.rowCount).toBe(1 + 3)
    expect(sheet?.getRow(1).getCell(10).value).toBe('Diary number')
    expect(sheet?.getRow(2).getCell(10).value).toBe('SN 2013/0231')
    expect(sheet?.getRow(2).getCell(4).value).toBe('Elin Nordin')
  })
})
