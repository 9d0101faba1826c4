import type { ProjectExportDocument } from '@lagesbild/shared/api/project-export'
import { projectExportTables } from '@lagesbild/shared/api/project-export'
import { sql } from 'kysely'
import type { Static } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, TABB_OREBRO, TIDIGA } from '../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { notExported, ownedTables, projectProject } from './registry.ts'

type Document = Static<typeof ProjectExportDocument>
type Row = Record<string, unknown>

let t: TestContext
let admin: Client

const projectOf = async (name: string) =>
  t.db
    .selectFrom('project')
    .where('name', '=', name)
    .select(['id', 'owner_organisation_id'])
    .executeTakeFirstOrThrow()

const exportOf = async (projectId: string) => {
  const response = await admin.get(`/api/projects/${projectId}/export`)
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-disposition']).toMatch(
    /^attachment; filename="projekt\.json"; filename\*=UTF-8''/,
  )
  return json<Document>(response)
}

/** Every id of the first export replaced by its copy's, wherever it occurs (JSON included). */
function mapIds(value: unknown, ids: Record<string, string>): unknown {
  if (typeof value === 'string') return ids[value] ?? value
  if (Array.isArray(value)) return value.map((v) => mapIds(v, ids))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapIds(v, ids)]))
  }
  return value
}

const sorted = (rows: Row[] | undefined) =>
  (rows ?? []).map((r) => JSON.stringify(r, Object.keys(r).sort())).sort()

const counts = async () => ({
  projects: Number((await sql<{ n: string }>`select count(*) as n from project`.execute(t.db)).rows[0]?.n),
  audit: Number((await sql<{ n: string }>`select count(*) as n from audit_event`.execute(t.db)).rows[0]?.n),
  goals: Number((await sql<{ n: string }>`select count(*) as n from goal`.execute(t.db)).rows[0]?.n),
})

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  admin = await t.as('admin@demo.example', DEMO_PASSWORD)
})
afterAll(() => t.close())

describe('project export and import', () => {
  it.each([TIDIGA, TABB_OREBRO])('round-trips %s losslessly', async (name) => {
    const original = await projectOf(name)
    const first = await exportOf(original.id)
    expect(first).toMatchObject({ format: 'lagesbild.project', version: 1 })

    const response = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: first,
    })
    expect(response.statusCode, response.body).toBe(201)
    const imported = json<{ id: string; ids: Record<string, string>; dropped: Record<string, number> }>(
      response,
    )
    expect(imported.dropped).toEqual({})
    expect(imported.id).not.toBe(original.id)

    const second = await exportOf(imported.id)
    const expected = mapIds(first, imported.ids) as Document
    // What an import deliberately does not carry (see registry.ts): the copy is top-level and
    // its cost entries belong to no accounting import of the organisation.
    expected.project.parent_id = null
    for (const row of expected.tables.actual_cost ?? [])
      Object.assign(row, { source: 'manual', import_id: null, row_key: null })
    // The copy's reports are not the registered documents: they arrive without a diarienummer.
    for (const row of expected.tables.final_report ?? []) row.diary_number = null

    expect(second.project).toEqual(expected.project)
    expect(sorted(second.subProjects)).toEqual(sorted(expected.subProjects))
    for (const table of projectExportTables) {
      expect(second.tables[table]?.length, table).toBe(first.tables[table]?.length)
      expect(sorted(second.tables[table]), table).toEqual(sorted(expected.tables[table]))
    }
    // No id of the original survives in the copy's rows (except those of the installation).
    const originalIds = new Set(Object.keys(imported.ids))
    const leaked =
      JSON.stringify(second).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []
    expect(leaked.filter((id) => originalIds.has(id))).toEqual([])

    const audit = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', imported.id)
      .where('action', '=', 'import')
      .select('after')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ sourceProjectId: original.id })
  })

  it('carries the demo data of every module (the round trip is not trivially empty)', async () => {
    const document = await exportOf((await projectOf(TIDIGA)).id)
    const nonEmpty = projectExportTables.filter((table) => (document.tables[table]?.length ?? 0) > 0)
    expect(nonEmpty).toEqual(
      expect.arrayContaining([
        'project_leader',
        'goal',
        'activity',
        'indicator',
        'indicator_measurement',
        'baseline',
        'baseline_budget_line',
        'budget_version',
        'budget_line',
        'actual_cost',
        'final_report',
      ]),
    )
    expect(nonEmpty.length).toBeGreaterThanOrEqual(12)
    expect(document.subProjects?.length).toBeGreaterThan(0)
  })

  it('refuses a wrong version or a dangling reference and writes nothing', async () => {
    const original = await projectOf(TIDIGA)
    const document = await exportOf(original.id)
    const before = await counts()

    const wrongVersion = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: { ...document, version: 2 },
    })
    expect(wrongVersion.statusCode).toBe(400)
    expect(wrongVersion.body).toContain('version')

    const goals = document.tables.goal ?? []
    const child = goals.findIndex((g) => g.parent_id !== null)
    const target = Math.max(child, 0)
    const dangling = structuredClone(document)
    const goal = dangling.tables.goal?.[target]
    if (!goal) throw new Error('the demo project has no goals')
    goal.parent_id = '0190a0b0-0000-7000-8000-000000000000'
    const refused = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: dangling,
    })
    expect(refused.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(refused).errors[0]?.field).toBe(
      `document.tables.goal.${target}.parent_id`,
    )

    // A value only the database can judge fails late, inside the transaction: still nothing.
    const late = structuredClone(document)
    const lastGoal = late.tables.goal?.at(-1)
    if (lastGoal) lastGoal.title = ''
    const lateResponse = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: late,
    })
    expect(lateResponse.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(lateResponse).errors[0]?.field).toMatch(
      /^document\.tables\.goal\.\d+/,
    )

    const unknownColumn = structuredClone(document)
    Object.assign(unknownColumn.project, { secret: 'x' })
    const unknownResponse = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: unknownColumn,
    })
    expect(unknownResponse.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(unknownResponse).errors[0]?.field).toBe(
      'document.project.secret',
    )

    const orphan = structuredClone(document)
    orphan.tables.project_member = [{}]
    const orphanResponse = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document: orphan,
    })
    expect(orphanResponse.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(orphanResponse).errors[0]?.field).toBe(
      'document.tables.project_member.0.project_id',
    )

    expect(await counts()).toEqual(before)
  })

  it('leaves out people and users that are not in this installation', async () => {
    const original = await projectOf(TIDIGA)
    const document = await exportOf(original.id)
    const stranger = '0190a0b0-0000-7000-8000-0000000000ff'
    const leaders = document.tables.project_leader ?? []
    expect(leaders.length).toBeGreaterThan(0)
    for (const leader of leaders) leader.person_id = stranger
    const authored = (document.tables.final_report ?? []).find((r) => r.created_by !== null)
    if (authored) authored.created_by = stranger
    const response = await admin.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      name: 'Kopia utan personer',
      document,
    })
    expect(response.statusCode, response.body).toBe(201)
    const imported = json<{ id: string; name: string; dropped: Record<string, number> }>(response)
    expect(imported).toMatchObject({
      name: 'Kopia utan personer',
      dropped: { project_leader: leaders.length },
    })
    const copy = await exportOf(imported.id)
    expect(copy.tables.project_leader ?? []).toEqual([])
    if (authored) {
      const copied = copy.tables.final_report?.find(
        (r) => r.created_at === authored.created_at && r.kind === authored.kind,
      )
      expect(copied?.created_by).toBeNull()
    }
  })

  it("applies the owner organisation's personal-data rule to the copy", async () => {
    const original = await projectOf(TIDIGA)
    const document = await exportOf(original.id)
    document.project.purpose = 'Kontaktperson 19121212-1212 ringer varje vecka.'
    await t.db
      .insertInto('privacy_setting')
      .values({ organisation_id: original.owner_organisation_id, personal_data_check: 'refuse' })
      .execute()
    try {
      const response = await admin.post('/api/projects/import', {
        ownerOrganisationId: original.owner_organisation_id,
        document,
      })
      expect(response.statusCode).toBe(422)
      expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe(
        'document.project.purpose',
      )
    } finally {
      await t.db
        .deleteFrom('privacy_setting')
        .where('organisation_id', '=', original.owner_organisation_id)
        .execute()
    }
  })

  it('lets only those who may edit the project export it, and creators import', async () => {
    const original = await projectOf(TIDIGA)
    const viewer = await t.as('betraktare@demo.example', DEMO_PASSWORD)
    expect((await viewer.get(`/api/projects/${original.id}/export`)).statusCode).toBe(403)
    const document = await exportOf(original.id)
    const refused = await viewer.post('/api/projects/import', {
      ownerOrganisationId: original.owner_organisation_id,
      document,
    })
    expect(refused.statusCode).toBe(403)
  })
})

describe('the registry of project-owned tables', () => {
  it('names every table that refers to a project', async () => {
    const result = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = current_schema() and column_name in ('project_id', 'sub_project_id')`.execute(t.db)
    const classified = new Set<string>([...ownedTables.map((e) => e.table), ...notExported])
    expect(result.rows.map((r) => r.table_name).filter((name) => !classified.has(name))).toEqual([])
    expect(ownedTables.map((e) => e.table)).toEqual([...projectExportTables])
  })

  it('classifies every uuid column of every owned table', async () => {
    const result = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type = 'uuid'`.execute(t.db)
    const unclassified = result.rows.filter(({ table_name, column_name }) => {
      const entry =
        table_name === 'project' ? projectProject : ownedTables.find((e) => e.table === table_name)
      if (!entry) return false
      return ![
        ...entry.fresh,
        ...entry.owned,
        ...Object.keys(entry.external),
        ...(entry.cleared ?? []),
      ].includes(column_name)
    })
    expect(unclassified).toEqual([])
  })
})
