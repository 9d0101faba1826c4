import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthUser } from '../../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext } from '../../../test/helper.ts'
import { brokenExportCsv, type LedgerRow, ledgerCsv, sampleExportCsv } from '../sample.ts'
import { fileChunks, storeFile } from './file-store.ts'
import { commitImport } from './service.ts'

let t: TestContext
let lulea: string
let soc: string
let project: string
let second: string
let finance: Client
let financeUser: AuthUser
let viewer: Client
let outsider: Client
let outsiderOrg: string

const kr = (n: number) => n * 100

interface Import {
  id: string
  status: string
  version: number
  stale: boolean
  mappingFromProfile: boolean
  settings: { encoding: string; delimiter: string; headerRow: number; mapping: Record<string, string | null> }
  detected: { encoding: string; delimiter: string; headerRow: number; mapping: Record<string, string | null> }
  counts: {
    total: number | null
    valid: number | null
    invalid: number | null
    done: number
    inserted: number | null
    duplicate: number | null
  }
  amountTotalOre: number | null
  rollback: { rowsRemoved: number } | null
  preview: {
    headers: string[]
    before: string[][]
    rows: {
      rowNumber: number
      parsed: { date: string; amountOre: number; project: { id: string } | null } | null
      errors: { code: string }[]
    }[]
  }
}

function multipart(fileName: string, content: Buffer) {
  const boundary = '----lagesbild-test-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  }
}

async function upload(client: Client, organisationId: string, fileName: string, content: Buffer) {
  const { body, type } = multipart(fileName, content)
  return t.app.inject({
    method: 'POST',
    url: `/api/finance/imports?organisationId=${organisationId}`,
    headers: { cookie: client.cookie ?? '', 'x-csrf-token': client.csrfToken ?? '', 'content-type': type },
    payload: body,
  })
}

async function importFile(fileName: string, content: Buffer) {
  const uploaded = await upload(finance, lulea, fileName, content)
  expect(uploaded.statusCode, uploaded.body).toBe(201)
  const created = json<Import>(uploaded)
  const validated = json<Import>(await finance.post(`/api/finance/imports/${created.id}/validate`))
  return validated
}

async function spent(projectId: string) {
  return json<{ spentTotalOre: number }>(await finance.get(`/api/projects/${projectId}/finance`))
    .spentTotalOre
}

const row = (n: number, overrides: Partial<LedgerRow> = {}): LedgerRow => ({
  date: `2016-${String((n % 12) + 1).padStart(2, '0')}-15`,
  voucher: `16${String(1000 + Math.floor(n / 2)).padStart(5, '0')}`,
  account: n % 3 === 0 ? '6110' : '5011',
  costCentre: '6140',
  projectCode: n % 4 === 0 ? 'B200' : 'A100',
  text: `Rad ${n} – lön och hyra för Föräldrasupporten`,
  amountOre: kr(1_000 + n) + (n % 100),
  ...overrides,
})
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row(from + i))
const csv = (list: LedgerRow[]) => ledgerCsv(list, { title: 'Huvudbok', period: '2016' })
const total = (list: LedgerRow[], code?: string) =>
  list.filter((r) => !code || r.projectCode === code).reduce((a, r) => a + r.amountOre, 0)

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  outsiderOrg = await f.organisation({ name: 'Piteå kommun' })
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser',
    plannedStart: '2016-01-01',
    plannedEnd: '2016-12-31',
  })
  second = await f.project({
    ownerOrganisationId: soc,
    name: 'Samverkan',
    plannedStart: '2016-01-01',
    plannedEnd: '2016-12-31',
  })
  const user = await f.user({ organisationId: lulea, roles: [['finance', lulea]] })
  financeUser = {
    id: user.id,
    email: user.email,
    name: 'Ekonom',
    organisationId: lulea,
    personId: null,
    grants: [{ role: 'finance', organisationId: lulea }],
  }
  finance = await t.as(user)
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))
  outsider = await t.as(await f.user({ organisationId: outsiderOrg, roles: [['finance', outsiderOrg]] }))
  expect((await finance.post(`/api/projects/${project}/finance/codes`, { code: 'A100' })).statusCode).toBe(
    201,
  )
  expect((await finance.post(`/api/projects/${second}/finance/codes`, { code: 'B200' })).statusCode).toBe(201)
})
afterAll(() => t.close())

describe('upload and detection', () => {
  it('detects a Windows-1252, semicolon export with a report title above the header', async () => {
    const response = await upload(finance, lulea, 'huvudbok.csv', csv(rows(0, 20)))
    expect(response.statusCode, response.body).toBe(201)
    const created = json<Import>(response)
    expect(created.detected).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      headerRow: 5,
      mapping: {
        date: 'Bokf.datum',
        voucher: 'Ver.nr',
        account: 'Konto',
        costCentre: 'Ansvar',
        projectCode: 'Projekt',
        description: 'Text',
        amount: 'Belopp',
      },
    })
    expect(created.preview.before[0]?.[0]).toBe('Huvudbok')
    expect(created.preview.rows).toHaveLength(10)
    expect(created.preview.rows[0]).toMatchObject({
      rowNumber: 6,
      parsed: { date: '2016-01-15', amountOre: kr(1_000), project: { id: second } },
      errors: [],
    })
    const pieces = await t.db
      .selectFrom('finance_import_file_piece')
      .where('import_id', '=', created.id)
      .orderBy('seq')
      .select('content')
      .execute()
    const cells = Buffer.concat(pieces.map((p) => Buffer.from(p.content)))
    expect(iconv.decode(cells, 'windows-1252')).toContain('Föräldrasupporten')
  })

  it('reads UTF-8 with BOM, commas, quoted amounts and compact dates', async () => {
    const text =
      '\uFEFFDatum,Verifikation,Konto,Kostnadsställe,Beskrivning,Belopp\r\n' +
      '20160331,9001,5011,A100,"Lön, mars","1 234,50"\r\n' +
      '20160430,9002,5011,A100,Återbetalning,"-12 000,00"\r\n'
    const created = json<Import>(await upload(finance, lulea, 'export.csv', Buffer.from(text, 'utf8')))
    expect(created.detected).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRow: 1 })
    expect(created.preview.rows.map((r) => r.parsed?.amountOre)).toEqual([123_450, -1_200_000])
    expect(created.preview.rows[0]?.parsed?.date).toBe('2016-03-31')
    const validated = json<Import>(await finance.post(`/api/finance/imports/${created.id}/validate`))
    expect(validated).toMatchObject({
      status: 'validated',
      counts: { total: 2, valid: 2, invalid: 0 },
      amountTotalOre: 123_450 - 1_200_000,
    })
  })

  it('reads an XLSX export, number and date cells included', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Huvudbok')
    sheet.addRow(['Utdrag ur huvudboken'])
    sheet.addRow([])
    sheet.addRow(['Datum', 'Ver.nr', 'Konto', 'Ansvar', 'Text', 'Belopp'])
    sheet.addRow([new Date(Date.UTC(2016, 4, 31)), 7001, 5011, 'A100', 'Lön maj', 1234.5])
    sheet.addRow(['2016-06-30', '7002', '6110', 'A100', 'Hyra juni', '9 500,00'])
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const created = json<Import>(await upload(finance, lulea, 'huvudbok.xlsx', buffer))
    expect(created).toMatchObject({ detected: { headerRow: 3 } })
    expect(created.preview.rows.map((r) => [r.rowNumber, r.parsed?.date, r.parsed?.amountOre])).toEqual([
      [4, '2016-05-31', 123_450],
      [5, '2016-06-30', 950_000],
    ])
    const validated = json<Import>(await finance.post(`/api/finance/imports/${created.id}/validate`))
    expect(validated.status).toBe('validated')
  })

  it('refuses what is not a finance export, no file, and a file of another organisation', async () => {
    const pdf = await upload(finance, lulea, 'rapport.pdf', Buffer.from('%PDF-1.7\u0000\u0001binary'))
    expect(pdf.statusCode).toBe(415)
    const renamed = await upload(finance, lulea, 'data.xlsx', Buffer.from('a;b\n1;2\n'))
    expect(renamed.statusCode).toBe(415)
    const json415 = await finance.post(`/api/finance/imports?organisationId=${lulea}`, { file: 'x' })
    expect(json415.statusCode).toBe(415)
    expect(json(json415)).toMatchObject({ errors: [{ field: 'file' }] })
    expect((await upload(outsider, lulea, 'x.csv', csv(rows(0, 2)))).statusCode).toBe(404)
    expect((await upload(viewer, lulea, 'x.csv', csv(rows(0, 2)))).statusCode).toBe(403)
  })

  it('streams a file larger than the detection head into the database byte for byte, and reads every row of it', async () => {
    const list = rows(0, 4000)
    const content = csv(list)
    expect(content.length).toBeGreaterThan(3 * 64 * 1024)
    const created = json<Import>(await upload(finance, lulea, 'huvudbok.csv', content))
    expect(created.detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerRow: 5 })
    const stored = await t.db
      .selectFrom('finance_import')
      .where('id', '=', created.id)
      .select(['file_size', 'file_sha256'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({
      file_size: content.length,
      file_sha256: createHash('sha256').update(content).digest('hex'),
    })
    const chunks: Buffer[] = []
    for await (const chunk of fileChunks(t.db, created.id)) chunks.push(chunk)
    expect(Buffer.concat(chunks).equals(content)).toBe(true)
    const validated = json<Import>(await finance.post(`/api/finance/imports/${created.id}/validate`))
    expect(validated.counts).toMatchObject({ total: 4000, valid: 4000, invalid: 0 })
    expect(validated.amountTotalOre).toBe(total(list))
  })

  it('stores a file as pieces of its own, never rewriting one, and reads back the same bytes', async () => {
    const created = json<Import>(await upload(finance, lulea, 'bitar.csv', csv(rows(0, 5))))
    await t.db.deleteFrom('finance_import_file_piece').where('import_id', '=', created.id).execute()
    // Every byte value, in chunks that straddle the piece boundaries.
    const content = Buffer.from(Array.from({ length: 10 * 1024 }, (_, i) => (i * 7) % 256))
    async function* dribble() {
      for (let offset = 0; offset < content.length; offset += 700)
        yield content.subarray(offset, offset + 700)
    }
    await storeFile(t.db, created.id, dribble(), 1024)
    const pieces = await t.db
      .selectFrom('finance_import_file_piece')
      .where('import_id', '=', created.id)
      .orderBy('seq')
      .select(['seq', sql<number>`length(content)`.as('bytes')])
      .execute()
    expect(pieces).toEqual(Array.from({ length: 10 }, (_, seq) => ({ seq, bytes: 1024 })))
    const chunks: Buffer[] = []
    for await (const chunk of fileChunks(t.db, created.id)) chunks.push(chunk)
    expect(chunks).toHaveLength(10)
    expect(Buffer.concat(chunks).equals(content)).toBe(true)
  })

  it('keeps an empty file apart from a missing one', async () => {
    const created = json<Import>(await upload(finance, lulea, 'tom.csv', csv(rows(0, 5))))
    await t.db.deleteFrom('finance_import_file_piece').where('import_id', '=', created.id).execute()
    await expect(fileChunks(t.db, created.id).next()).rejects.toMatchObject({ status: 404 })
    await storeFile(t.db, created.id, Buffer.alloc(0))
    const chunks: Buffer[] = []
    for await (const chunk of fileChunks(t.db, created.id)) chunks.push(chunk)
    expect(Buffer.concat(chunks).length).toBe(0)
  })

  it('removes the stored pieces with a discarded import', async () => {
    const created = json<Import>(await upload(finance, lulea, 'bort.csv', csv(rows(0, 5))))
    expect((await finance.delete(`/api/finance/imports/${created.id}`)).statusCode).toBe(204)
    const left = await t.db
      .selectFrom('finance_import_file_piece')
      .where('import_id', '=', created.id)
      .select('seq')
      .execute()
    expect(left).toEqual([])
  })

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.alloc(51 * 1024 * 1024, 0x41)
    const response = await upload(finance, lulea, 'stor.csv', big)
    expect(response.statusCode).toBe(413)
  })
})

describe('column mapping', () => {
  it('saves the mapping for the organisation and reuses it on the next upload', async () => {
    const text = 'Dag;Nummer;Kto;Enhet;Summa\n2016-01-31;1;5011;A100;10,00\n'
    const created = json<Import>(await upload(finance, lulea, 'annan.csv', Buffer.from(text)))
    expect(created.mappingFromProfile).toBe(false)
    const incomplete = await finance.put(`/api/finance/imports/${created.id}/settings`, {
      version: created.version,
      settings: { ...created.settings, mapping: { date: 'Dag', amount: 'Summa' } },
    })
    expect(incomplete.statusCode).toBe(422)
    expect(json(incomplete)).toMatchObject({ errors: [{ field: 'settings.mapping.voucher' }] })
    const unknownColumn = await finance.put(`/api/finance/imports/${created.id}/settings`, {
      version: created.version,
      settings: { ...created.settings, mapping: { date: 'Datum', amount: 'Summa' } },
    })
    expect(json(unknownColumn)).toMatchObject({
      errors: [{ field: 'settings.mapping.date', code: 'unknown_column' }],
    })
    const mapping = { date: 'Dag', voucher: 'Nummer', account: 'Kto', costCentre: 'Enhet', amount: 'Summa' }
    const saved = await finance.put(`/api/finance/imports/${created.id}/settings`, {
      version: created.version,
      settings: { ...created.settings, mapping },
      remember: true,
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json<Import>(saved).preview.rows[0]?.parsed).toMatchObject({
      amountOre: 1000,
      project: { id: project },
    })
    const stale = await finance.put(`/api/finance/imports/${created.id}/settings`, {
      version: created.version,
      settings: { ...created.settings, mapping },
    })
    expect(stale.statusCode).toBe(409)

    const next = json<Import>(
      await upload(finance, lulea, 'annan-2.csv', Buffer.from(text.replace('10,00', '20,00'))),
    )
    expect(next.mappingFromProfile).toBe(true)
    expect(next.settings.mapping).toEqual(mapping)
    const settings = json<{ columnMapping: unknown }>(
      await finance.get(`/api/finance/organisations/${lulea}/settings`),
    )
    expect(settings.columnMapping).toEqual(mapping)
  })
})

describe('validation and commit', () => {
  it('lists row-level errors (row, column, value, reason) and refuses to commit, writing nothing', async () => {
    const list = rows(100, 110)
    list[2] = { ...(list[2] as LedgerRow), date: '2016-02-30' }
    list[4] = { ...(list[4] as LedgerRow), voucher: '' }
    list[6] = { ...(list[6] as LedgerRow), projectCode: 'Z999' }
    const content = iconv.encode(
      iconv.decode(csv(list), 'windows-1252').replace(/;([\d ]+),(\d\d)\r\n/, ';$1.$2x\r\n'),
      'windows-1252',
    )
    const before = await spent(project)
    const validated = await importFile('fel.csv', content)
    expect(validated).toMatchObject({ status: 'invalid', counts: { total: 10, invalid: 4, valid: 6 } })
    const errors = json<{
      items: { rowNumber: number; column: string; value: string; code: string; message: string }[]
    }>(await finance.get(`/api/finance/imports/${validated.id}/errors`)).items
    expect(errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [6, 'Belopp', 'invalid_amount'],
      [8, 'Bokf.datum', 'invalid_date'],
      [10, 'Ver.nr', 'missing_voucher'],
      [12, 'Projekt', 'unknown_project'],
    ])
    expect(errors[1]).toMatchObject({ value: '2016-02-30', message: expect.stringContaining('Datumet') })
    const commit = await finance.post(`/api/finance/imports/${validated.id}/commit`)
    expect(commit.statusCode).toBe(409)
    expect(await spent(project)).toBe(before)
    const written = await t.db
      .selectFrom('actual_cost')
      .where('import_id', '=', validated.id)
      .select('id')
      .execute()
    expect(written).toEqual([])
  })

  it('commits every row to its project to the öre; the same file again, or an overlapping one, never double-counts', async () => {
    const first = rows(0, 300)
    const [beforeA, beforeB] = [await spent(project), await spent(second)]
    const validated = await importFile('jan-jun.csv', csv(first))
    expect(validated.amountTotalOre).toBe(total(first))
    const committed = await finance.post(`/api/finance/imports/${validated.id}/commit`)
    expect(committed.statusCode, committed.body).toBe(200)
    expect(json(committed)).toMatchObject({
      status: 'committed',
      counts: { total: 300, inserted: 300, duplicate: 0, done: 300 },
    })
    expect(await spent(project)).toBe(beforeA + total(first, 'A100'))
    expect(await spent(second)).toBe(beforeB + total(first, 'B200'))

    const again = await importFile('jan-jun-igen.csv', csv(first))
    expect(json(await finance.post(`/api/finance/imports/${again.id}/commit`))).toMatchObject({
      counts: { inserted: 0, duplicate: 300 },
    })
    expect(await spent(project)).toBe(beforeA + total(first, 'A100'))

    const overlapping = rows(200, 400)
    const third = await importFile('apr-dec.csv', csv(overlapping))
    expect(json(await finance.post(`/api/finance/imports/${third.id}/commit`))).toMatchObject({
      counts: { inserted: 100, duplicate: 100 },
    })
    expect(await spent(project)).toBe(beforeA + total(rows(0, 400), 'A100'))
    expect(await spent(second)).toBe(beforeB + total(rows(0, 400), 'B200'))

    const history = json<{ items: { id: string }[] }>(
      await finance.get(`/api/finance/imports?organisationId=${lulea}`),
    )
    expect(history.items.slice(0, 3).map((i) => i.id)).toEqual([third.id, again.id, validated.id])
    const projectHistory = json<{ items: { action: string }[] }>(
      await finance.get(`/api/projects/${project}/history`),
    )
    expect(projectHistory.items.some((e) => e.action === 'import_actuals')).toBe(true)
  })

  it('keeps two identical lines of one voucher as two costs, and still skips them on re-import', async () => {
    const twin = row(5000, { voucher: 'TWIN-1' })
    const content = csv([twin, twin, row(5001, { voucher: 'TWIN-1' })])
    const before = await spent(project)
    const first = await importFile('tvilling.csv', content)
    expect(json(await finance.post(`/api/finance/imports/${first.id}/commit`))).toMatchObject({
      counts: { inserted: 3 },
    })
    const again = await importFile('tvilling-igen.csv', content)
    expect(json(await finance.post(`/api/finance/imports/${again.id}/commit`))).toMatchObject({
      counts: { inserted: 0, duplicate: 3 },
    })
    expect(await spent(project)).toBe(before + total([twin, twin, row(5001)], 'A100'))
  })

  it('rolls an import back as a whole, keeps it on record and immutable, and lets it be imported again', async () => {
    const list = rows(1000, 1040)
    const before = await spent(project)
    const validated = await importFile('backas.csv', csv(list))
    const committed = json<Import>(await finance.post(`/api/finance/imports/${validated.id}/commit`))
    expect(await spent(project)).toBe(before + total(list, 'A100'))
    await expect(
      t.db
        .updateTable('finance_import')
        .set({ file_name: 'ändrad.csv' })
        .where('id', '=', committed.id)
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      t.db.deleteFrom('finance_import').where('id', '=', committed.id).execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    expect((await finance.delete(`/api/finance/imports/${committed.id}`)).statusCode).toBe(409)

    const rolledBack = await finance.post(`/api/finance/imports/${committed.id}/rollback`, {
      reason: 'Fel period',
    })
    expect(rolledBack.statusCode, rolledBack.body).toBe(200)
    expect(json(rolledBack)).toMatchObject({
      status: 'committed',
      rollback: { rowsRemoved: 40, reason: 'Fel period' },
    })
    expect(await spent(project)).toBe(before)
    expect((await finance.post(`/api/finance/imports/${committed.id}/rollback`, {})).statusCode).toBe(409)

    const again = await importFile('backas-igen.csv', csv(list))
    expect(json(await finance.post(`/api/finance/imports/${again.id}/commit`))).toMatchObject({
      counts: { inserted: 40 },
    })
    expect(await spent(project)).toBe(before + total(list, 'A100'))
  })

  it('rolls back everything when a row fails during the commit', async () => {
    const list = [...rows(2000, 2010), row(2010, { projectCode: 'C300' })]
    const code = json<{ id: string }>(
      await finance.post(`/api/projects/${second}/finance/codes`, { code: 'C300' }),
    )
    const validated = await importFile('sista-raden.csv', csv(list))
    expect(validated.status).toBe('validated')
    // Between validation and commit the mapping of the last row's code goes away.
    expect((await finance.delete(`/api/projects/${second}/finance/codes/${code.id}`)).statusCode).toBe(204)
    const [beforeA, beforeB] = [await spent(project), await spent(second)]
    // Small batches, so rows are already written when the last one fails.
    let written = 0
    await expect(
      commitImport(t.db, financeUser, validated.id, {
        batchRows: 3,
        afterBatch: async (done) => {
          written = done
        },
      }),
    ).rejects.toMatchObject({ status: 422, code: 'import_invalid' })
    expect(written).toBe(9)
    expect([await spent(project), await spent(second)]).toEqual([beforeA, beforeB])
    expect(
      await t.db.selectFrom('actual_cost').where('import_id', '=', validated.id).select('id').execute(),
    ).toEqual([])
    expect(json<Import>(await finance.get(`/api/finance/imports/${validated.id}`)).status).toBe('invalid')
  })
})

describe('a commit that runs and one that dies', () => {
  it('records progress in the database, visible to other requests while the commit runs', async () => {
    const list = rows(3000, 3010)
    const validated = await importFile('framsteg.csv', csv(list))
    const seen: number[] = []
    const statuses: string[] = []
    const result = await commitImport(t.db, financeUser, validated.id, {
      batchRows: 3,
      afterBatch: async () => {
        const current = json<Import>(await finance.get(`/api/finance/imports/${validated.id}`))
        seen.push(current.counts.done)
        statuses.push(current.status)
      },
    })
    expect(seen).toEqual([3, 6, 9, 10])
    expect(new Set(statuses)).toEqual(new Set(['committing']))
    expect(result.status).toBe('committed')
  })

  it('leaves nothing counted when the process dies mid-import; the next commit clears its rows', async () => {
    const list = rows(4000, 4020)
    const before = await spent(project)
    const validated = await importFile('avbruten.csv', csv(list))
    let reached!: () => void
    const halfway = new Promise<void>((resolve) => {
      reached = resolve
    })
    // The process "dies" after the second batch: the commit never goes on from there.
    void commitImport(t.db, financeUser, validated.id, {
      batchRows: 5,
      afterBatch: (done) => {
        if (done < 10) return Promise.resolve()
        reached()
        return new Promise<void>(() => {})
      },
    })
    await halfway
    const staged = await t.db
      .selectFrom('actual_cost')
      .where('import_id', '=', validated.id)
      .select('id')
      .execute()
    expect(staged).toHaveLength(10)
    expect(await spent(project)).toBe(before)
    const running = json<Import>(await finance.get(`/api/finance/imports/${validated.id}`))
    expect(running).toMatchObject({ status: 'committing', stale: false, counts: { done: 10 } })

    // Another instance still sees a fresh heartbeat: it must not start a second commit now.
    const other = await importFile('under-tiden.csv', csv(rows(4100, 4102)))
    const refused = await finance.post(`/api/finance/imports/${other.id}/commit`)
    expect(refused.statusCode).toBe(409)

    await t.db
      .updateTable('finance_import')
      .set({ heartbeat_at: new Date(Date.now() - 10 * 60_000) })
      .where('id', '=', validated.id)
      .execute()
    expect(json<Import>(await finance.get(`/api/finance/imports/${validated.id}`)).stale).toBe(true)
    const retried = json<Import>(await finance.post(`/api/finance/imports/${other.id}/validate`))
    expect(json(await finance.post(`/api/finance/imports/${retried.id}/commit`))).toMatchObject({
      status: 'committed',
    })
    expect(json<Import>(await finance.get(`/api/finance/imports/${validated.id}`)).status).toBe('failed')
    expect(
      await t.db.selectFrom('actual_cost').where('import_id', '=', validated.id).select('id').execute(),
    ).toEqual([])
    expect(await spent(project)).toBe(before + total(rows(4100, 4102), 'A100'))
  })
})

describe('sample files', () => {
  const fixtures = new URL('../../../../../tests/fixtures/finance/', import.meta.url)

  it('serves the same sample and broken files as the fixtures in tests/', async () => {
    expect(sampleExportCsv().equals(readFileSync(new URL('sample-export.csv', fixtures)))).toBe(true)
    expect(brokenExportCsv().equals(readFileSync(new URL('broken-export.csv', fixtures)))).toBe(true)
    const download = await viewer.get('/api/finance/sample-export')
    expect(download.headers['content-type']).toContain('text/csv')
    expect(download.rawPayload.equals(sampleExportCsv())).toBe(true)
    const broken = await viewer.get('/api/finance/sample-export?variant=broken')
    expect(broken.rawPayload.equals(brokenExportCsv())).toBe(true)
  })
})

describe('who may import', () => {
  it('hides another organisation’s imports and refuses roles without finance', async () => {
    const validated = await importFile('privat.csv', csv(rows(6000, 6002)))
    expect((await outsider.get(`/api/finance/imports/${validated.id}`)).statusCode).toBe(404)
    expect((await outsider.post(`/api/finance/imports/${validated.id}/commit`)).statusCode).toBe(404)
    expect((await outsider.get(`/api/finance/imports?organisationId=${lulea}`)).statusCode).toBe(404)
    expect((await viewer.get(`/api/finance/imports/${validated.id}`)).statusCode).toBe(403)
    expect((await finance.delete(`/api/finance/imports/${validated.id}`)).statusCode).toBe(204)
  })

  it('refuses rows on projects the importer may not enter costs on', async () => {
    const foreignUnit = await t.fixtures.organisation({ name: 'Annan förvaltning', parentId: lulea })
    const foreignProject = await t.fixtures.project({ ownerOrganisationId: foreignUnit })
    await t.db
      .insertInto('finance_code')
      .values({ id: crypto.randomUUID(), organisation_id: lulea, code: 'F900', project_id: foreignProject })
      .execute()
    const unitFinance = await t.as(await t.fixtures.user({ organisationId: soc, roles: [['finance', soc]] }))
    const response = await upload(
      unitFinance,
      soc,
      'blandat.csv',
      csv([row(1), row(2, { projectCode: 'F900' })]),
    )
    const created = json<Import>(response)
    const validated = json<Import>(await unitFinance.post(`/api/finance/imports/${created.id}/validate`))
    expect(validated).toMatchObject({ status: 'invalid', counts: { invalid: 1 } })
    const errors = json<{ items: { code: string }[] }>(
      await unitFinance.get(`/api/finance/imports/${created.id}/errors`),
    ).items
    expect(errors.map((e) => e.code)).toEqual(['project_not_allowed'])
  })
})
