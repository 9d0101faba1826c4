import { formatDeviation } from '@lagesbild/shared/domain/deviation'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, TABB_OREBRO, TIDIGA } from '../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { goalTree } from './goals.ts'
import { efterkalkyl, listLateActivities } from './service.ts'

let t: TestContext
let leader: Client
let tidiga: string
let tabb: string

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  tidiga = await projectId(TIDIGA)
  tabb = await projectId(TABB_OREBRO)
})
afterAll(() => t.close())

type Row = Awaited<ReturnType<typeof efterkalkyl>>['groups'][number]['rows'][number]

describe('demo plans from the seeds', () => {
  it("shows Tidiga insatser's Efterkalkyl with the seed's rows and deviations", async () => {
    const body = json<Awaited<ReturnType<typeof efterkalkyl>>>(
      await leader.get(`/api/projects/${tidiga}/efterkalkyl?asOf=2016-09-23`),
    )
    expect(body.groups.map((g) => g.project.name)).toEqual([
      'FöräldraSupporten',
      'Kartläggning/välfärdsanalys',
    ])
    const all: Row[] = body.groups.flatMap((g) => g.rows)
    const find = (prefix: string) => all.find((r) => r.title.startsWith(prefix))
    const differens = (prefix: string) => {
      const row = find(prefix)
      if (!row) throw new Error(`no row ${prefix}`)
      return formatDeviation(row.deviation, 'sv')
    }
    expect(differens('Öppna mottagningen')).toBe('ca 4 månader')
    expect(differens('Rekrytering av en heltid')).toBe('i tid')
    expect(differens('Ledningsgrupp-Vi6 träffas')).toBe('i tid')
    expect(differens('Genomförandeperiod (sker')).toBe('Återstår')
    expect(differens('Uppföljning genomförs av')).toBe('Återstår')
    const survey = find('Djupare kartläggning')
    expect(survey?.actualEnd).toMatchObject({ precision: 'term', from: '2016-01-01', to: '2016-06-30' })
    expect(survey?.plannedEnd?.from).toBe('2014-08-31')
    const convened = find('Samverkansteamet sammankallas')
    expect(convened?.plannedEnd).toMatchObject({
      from: '2014-04-30',
      note: expect.stringContaining('2014-04-31'),
    })
    const training = find('Utbildning; grund')
    expect(training).toMatchObject({
      plannedStart: { from: '2014-08-12' },
      plannedEnd: { from: '2014-08-14' },
    })
  })

  it('gives other modules the late activities, the Efterkalkyl and the goal tree', async () => {
    // Tidiga ended 2016-06-30: its undone implementation and follow-up are Återstår, not late.
    expect(await listLateActivities(t.db, tidiga, '2016-09-23')).toEqual([])
    const kalkyl = await efterkalkyl(t.db, tidiga, '2016-09-23')
    const remaining = kalkyl.groups.flatMap((g) => g.rows).filter((r) => r.deviation.kind === 'remaining')
    expect(remaining.map((a) => a.title.slice(0, 19)).sort()).toEqual([
      'Genomförandeperiod ',
      'Uppföljning genomfö',
    ])
    expect(remaining.map((r) => r.deviation.late)).toEqual([false, false])
    // The running TABB pilot's overdue activities are late.
    expect((await listLateActivities(t.db, tabb)).length).toBeGreaterThan(0)
    const tree = await goalTree(t.db, tidiga)
    const fs = tree.subProjects.find((p) => p.subProject.name === 'FöräldraSupporten')
    expect(fs?.project[0]?.title).toMatch(/70 barn.*60 procent/)
  })

  it('has the TABB plan: four overall goals, the project goal, sub-goals 1–4, activities 1.1–4.8 and Skriva rapport', async () => {
    const tree = json<{
      overall: unknown[]
      project: { title: string }[]
      sub: { number: number; title: string }[]
    }>(await leader.get(`/api/projects/${tabb}/goals`))
    expect(tree.overall).toHaveLength(4)
    expect(tree.project.map((g) => g.title)).toEqual([
      'Förbättrade samverkansformer utifrån barns och ungas behov och förutsättningar.',
    ])
    expect(tree.sub.map((g) => g.number)).toEqual([1, 2, 3, 4])
    const plan = json<{ items: { number: string | null; title: string; responsible: string }[] }>(
      await leader.get(`/api/projects/${tabb}/activities`),
    )
    const numbers = plan.items.map((a) => a.number ?? a.title)
    expect(numbers.slice(0, 4)).toEqual(['1.1', '1.2', '1.3', '1.4'])
    expect(numbers).toContain('2.11')
    expect(numbers).toContain('4.8')
    expect(numbers.at(-1)).toBe('Skriva rapport')
    expect(plan.items.find((a) => a.number === '2.5')?.responsible).toBe(
      'Förebyggande-enheten och familjestödjare',
    )
    const staffing = json<{ items: { name: string }[] }>(await leader.get(`/api/projects/${tabb}/staffing`))
    expect(staffing.items).toHaveLength(11)
    const risks = json<{ items: unknown[] }>(await leader.get(`/api/projects/${tabb}/risks`))
    expect(risks.items).toHaveLength(4)
  })

  it('compares the 2019 plan with the 2022-02-01 revision and the current plan', async () => {
    const baselines = json<{ items: { revision: number; label: string; revisionDate: string }[] }>(
      await leader.get(`/api/projects/${tabb}/baselines`),
    )
    expect(baselines.items.map((b) => [b.revision, b.label, b.revisionDate])).toEqual([
      [1, 'Projektplan', '2019-06-10'],
      [2, 'Rev. projektplan', '2022-02-01'],
    ])
    const comparison = json<{
      rows: { title: string; vsOriginal: { state: string; moved: boolean; endShiftDays: number | null } }[]
    }>(await leader.get(`/api/projects/${tabb}/plan-comparison`))
    const states = comparison.rows.map((r) => r.vsOriginal.state)
    expect(states).toContain('added')
    expect(states).toContain('changed')
    const fortbilda = comparison.rows.find((r) => r.title.startsWith('Fortbilda om varandras'))
    expect(fortbilda?.vsOriginal).toMatchObject({ state: 'changed', moved: true })
    expect(fortbilda?.vsOriginal.endShiftDays).toBeGreaterThan(700)
  })

  it("freezes Tidiga insatser's approved budget in its plan of 2013-11-15", async () => {
    const comparison = json<{
      original: { budgetFrozen: boolean } | null
      budget: { total: { original: number | null; current: number; vsOriginalOre: number | null } }
    }>(await leader.get(`/api/projects/${tidiga}/plan-comparison`))
    expect(comparison.original?.budgetFrozen).toBe(true)
    expect(comparison.budget.total.original).toBeGreaterThan(0)
    expect(comparison.budget.total).toMatchObject({ vsOriginalOre: 0 })
  })
})

describe('export and import', () => {
  const exported = async (format: 'xlsx' | 'csv') => {
    const response = await leader.get(`/api/projects/${tidiga}/plan/export?format=${format}`)
    expect(response.statusCode).toBe(200)
    return response.rawPayload
  }

  it('exports real cells: day dates as dates, "Våren 2016" as text', async () => {
    const file = await exported('xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Aktivitetsplan')!
    expect(sheet.getRow(1).getCell(3).value).toBe('Aktivitet')
    let opened: ExcelJS.Row | undefined
    let survey: ExcelJS.Row | undefined
    sheet.eachRow((row) => {
      if (row.getCell(3).value === 'Öppna mottagningen') opened = row
      if (String(row.getCell(3).value).startsWith('Djupare kartläggning')) survey = row
    })
    expect(opened?.getCell(7).value).toEqual(new Date('2014-06-01T00:00:00Z'))
    expect(opened?.getCell(10).value).toBe('Klar')
    expect(survey?.getCell(9).value).toBe('Våren 2016')
  })

  it.each(['xlsx', 'csv'] as const)('imports its own %s export back unchanged', async (format) => {
    const content = (await exported(format)).toString('base64')
    const preview = json<{ summary: Record<string, number> }>(
      await leader.post(`/api/projects/${tidiga}/plan/import/preview`, { format, content }),
    )
    expect(preview.summary).toEqual({ create: 0, update: 0, unchanged: 15, error: 0 })
    const result = await leader.post(`/api/projects/${tidiga}/plan/import`, { format, content })
    expect(json(result)).toEqual({ created: 0, updated: 0, unchanged: 15 })
    const again = json<Awaited<ReturnType<typeof efterkalkyl>>>(
      await leader.get(`/api/projects/${tidiga}/efterkalkyl`),
    )
    const convened = again.groups[1]?.rows.find((r) => r.title === 'Samverkansteamet sammankallas')
    expect(convened?.plannedEnd?.note).toMatch(/2014-04-31/)
  })

  it('previews changes and row errors, and imports all rows or none', async () => {
    const csv = (await exported('csv')).toString('utf8')
    const lines = csv.split(/\r?\n/)
    const header = lines[0]!
    const changed = lines.map((line) =>
      line.includes(';Kommunikationsplan;') ? line.replace(';Klar;', ';Pågår;') : line,
    )
    const bad = `${changed.filter(Boolean).join('\n')}\n;;Ny aktivitet;;;2014-04-31;;;;Färdig;;;;;;\n`
    expect(header).toContain('Aktivitet')
    const body = { format: 'csv', content: Buffer.from(bad).toString('base64') }
    const preview = json<{
      rows: {
        row: number
        action: string
        errors: { field: string; code: string }[]
        changes: { field: string }[]
      }[]
    }>(await leader.post(`/api/projects/${tidiga}/plan/import/preview`, body))
    const updated = preview.rows.find((r) => r.action === 'update')
    expect(updated?.changes.map((c) => c.field)).toEqual(['status'])
    const failing = preview.rows.find((r) => r.action === 'error')
    expect(failing?.errors.map((e) => [e.field, e.code]).sort()).toEqual([
      ['plannedStart', 'impossible_date'],
      ['status', 'unknown_status'],
    ])
    const refused = await leader.post(`/api/projects/${tidiga}/plan/import`, body)
    expect(refused.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(refused).errors.map((e) => e.field)).toContain(
      `rows.${failing?.row}.status`,
    )
    const plan = json<{ items: { title: string; status: string }[] }>(
      await leader.get(`/api/projects/${tidiga}/activities`),
    )
    expect(plan.items.find((a) => a.title === 'Kommunikationsplan')?.status).toBe('done')
    expect(plan.items.some((a) => a.title === 'Ny aktivitet')).toBe(false)

    const good = { format: 'csv', content: Buffer.from(changed.join('\n')).toString('base64') }
    expect(json(await leader.post(`/api/projects/${tidiga}/plan/import`, good))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 14,
    })
  })

  it('refuses a row exported before someone else changed the activity', async () => {
    const csv = (await exported('csv')).toString('utf8')
    const plan = json<{ items: { id: string; title: string; version: number }[] }>(
      await leader.get(`/api/projects/${tidiga}/activities`),
    )
    const target = plan.items.find((a) => a.title === 'Kommunikationsplan')!
    await leader.patch(`/api/projects/${tidiga}/activities/${target.id}`, {
      version: target.version,
      responsible: 'Ny',
    })
    const edited = csv.replace(/;Kommunikationsplan;([^\n]*?);Pågår;/, ';Kommunikationsplan;$1;Klar;')
    const preview = json<{ rows: { action: string; errors: { code: string }[] }[] }>(
      await leader.post(`/api/projects/${tidiga}/plan/import/preview`, {
        format: 'csv',
        content: Buffer.from(edited).toString('base64'),
      }),
    )
    expect(preview.rows.flatMap((r) => r.errors.map((e) => e.code))).toContain('stale_version')
  })

  it('refuses a file it cannot read, naming the content', async () => {
    const response = await leader.post(`/api/projects/${tidiga}/plan/import/preview`, {
      format: 'xlsx',
      content: Buffer.from('inte en arbetsbok').toString('base64'),
    })
    expect(response.statusCode).toBe(422)
    expect(json<{ errors: { field: string; code: string }[] }>(response).errors[0]).toMatchObject({
      field: 'content',
      code: 'unreadable_file',
    })
  })
})
