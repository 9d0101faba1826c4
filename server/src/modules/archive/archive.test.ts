import { createHash } from 'node:crypto'
import type { ArchiveManifest } from '@lagesbild/shared/api/archive'
import type { FinalReport } from '@lagesbild/shared/api/reports'
import { rich } from '@lagesbild/shared/domain/rich-text'
import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import type { Static } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxParts, docxText, pdfText } from '../../test/documents.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { renderDocument } from '../documents/render.ts'
import { markFinalReportApproved } from '../reports/approval.ts'
import { finalReportDocument } from '../reports/service.ts'

type Report = Static<typeof FinalReport>
type Manifest = Static<typeof ArchiveManifest>

let t: TestContext
let lulea: string
let piteaProject: string
let programme: string
let project: string
let subProject: string
let otherProject: string
let admin: Client
let portfolio: Client
let leader: Client
let viewer: Client
let finance: Client
let piteaAdmin: Client
const reports: Report[] = []

const reportsOf = (p: string) => `/api/projects/${p}/final-reports`
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

async function writeAndSubmit(client: Client, projectId: string, summary: string): Promise<Report> {
  const draft = json<Report>(await client.post(reportsOf(projectId), { reportDate: '2016-09-23' }))
  await client.put(`${reportsOf(projectId)}/${draft.id}/sections/sammanfattning`, {
    version: 1,
    content: rich.doc(rich.p(summary)),
  })
  const current = json<Report>(await client.get(`${reportsOf(projectId)}/${draft.id}`))
  return json<Report>(
    await client.post(`${reportsOf(projectId)}/${draft.id}/submit`, { version: current.version }),
  )
}

function unzip(payload: Buffer) {
  return unzipSync(new Uint8Array(payload))
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  const soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  const pitea = await f.organisation({ name: 'Piteå kommun' })
  programme = await f.programme(lulea, 'Folkhälsomedel 2013')
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser i samverkan',
    programmeId: programme,
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
  })
  subProject = await f.project({ ownerOrganisationId: soc, name: 'FöräldraSupporten', parentId: project })
  otherProject = await f.project({ ownerOrganisationId: soc, name: 'Samverkan i praktiken' })
  piteaProject = await f.project({ ownerOrganisationId: pitea, name: 'Piteås hemliga projekt' })
  await t.db.updateTable('project').set({ code: 'SN 2013/0231' }).where('id', '=', project).execute()
  await t.db.updateTable('project').set({ code: 'SN 2013/0232' }).where('id', '=', subProject).execute()
  await t.db.updateTable('project').set({ code: 'BUF 2017/0456' }).where('id', '=', otherProject).execute()

  admin = await t.as(await f.user({ organisationId: lulea, roles: [['administrator', lulea]] }))
  portfolio = await t.as(await f.user({ organisationId: lulea, roles: [['portfolio_manager', lulea]] }))
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))
  finance = await t.as(await f.user({ organisationId: lulea, roles: [['finance', lulea]] }))
  const leaderUser = await f.user({ organisationId: soc, name: 'Elin Nordin' })
  await f.member(project, leaderUser.id, 'leader')
  leader = await t.as(leaderUser)
  piteaAdmin = await t.as(await f.user({ organisationId: pitea, roles: [['administrator', pitea]] }))

  await f.decision({ projectId: project, date: '2014-06-11', kind: 'other' })
  await f.decision({ projectId: subProject, date: '2015-03-02', kind: 'other' })
  await f.decision({ projectId: otherProject, date: '2018-10-09', kind: 'terminate_early' })
  await f.decision({ projectId: piteaProject, date: '2019-01-01', kind: 'other' })

  const main = await writeAndSubmit(leader, project, 'Föräldrarna till 137 barn har fått stöd.')
  const decisionId = await f.decision({
    projectId: project,
    date: '2016-09-30',
    kind: 'approve_final_report',
  })
  await t.db.transaction().execute((trx) => markFinalReportApproved(trx, { reportId: main.id, decisionId }))
  reports.push(main, await writeAndSubmit(admin, subProject, 'Mottagningen permanentades 2016.'))
  // A draft is not a public record yet: it stays out of the package.
  await leader.post(`${reportsOf(project)}/${main.id}/addenda`, {})
  reports.push(await writeAndSubmit(admin, otherProject, 'Projektet avslutades i förtid.'))
})
afterAll(() => t.close())

describe('the archive package of a project', () => {
  let entries: Record<string, Uint8Array>
  let manifest: Manifest

  beforeAll(async () => {
    const response = await admin.get(`/api/archive/export?projectId=${project}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/zip')
    expect(response.headers['content-disposition']).toContain('Arkivleverans')
    entries = unzip(response.rawPayload)
    manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Manifest
  })

  it('holds the register, each submitted report as PDF and DOCX named by diarienummer, and manifests', () => {
    expect(reports.map((r) => r.diaryNumber)).toEqual(['SN 2013/0231-1', 'SN 2013/0232-1', 'BUF 2017/0456-1'])
    expect(Object.keys(entries).sort()).toEqual([
      'beslutsregister.csv',
      'beslutsregister.xlsx',
      'manifest.csv',
      'manifest.json',
      'slutrapporter/SN 2013_0231-1.docx',
      'slutrapporter/SN 2013_0231-1.pdf',
      'slutrapporter/SN 2013_0232-1.docx',
      'slutrapporter/SN 2013_0232-1.pdf',
    ])
    expect(manifest).toMatchObject({
      format: 'lagesbild.archive',
      version: 1,
      selection: { kind: 'project', id: project, name: 'Tidiga insatser i samverkan' },
    })
    expect(manifest.files.find((f) => f.file === 'slutrapporter/SN 2013_0231-1.pdf')).toMatchObject({
      kind: 'final_report',
      diaryNumber: 'SN 2013/0231-1',
      project: 'Tidiga insatser i samverkan',
      projectCode: 'SN 2013/0231',
      date: '2016-09-23',
      status: 'godkänd',
    })
    expect(manifest.files.find((f) => f.file === 'slutrapporter/SN 2013_0232-1.pdf')?.status).toBe('inlämnad')
  })

  it('lists every file but itself with a SHA-256 that matches what is in the package', () => {
    const listed = manifest.files.map((f) => f.file).sort()
    expect(listed).toEqual(
      Object.keys(entries)
        .filter((name) => !name.startsWith('manifest.'))
        .sort(),
    )
    for (const file of manifest.files) {
      const data = entries[file.file]!
      expect(file.bytes).toBe(data.byteLength)
      expect(file.sha256).toBe(sha256(data))
    }
    const csv = strFromU8(entries['manifest.csv']!)
    // With a BOM, so Excel with Swedish settings opens it as it is (the decoder drops it).
    expect([...entries['manifest.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.split('\r\n')[0]).toBe(
      'Fil;Slag;Diarienummer;Projekt;Projektets diarienummer;Datum;Status;Byte;SHA-256',
    )
    for (const file of manifest.files) expect(csv).toContain(`${file.file};`)
    for (const file of manifest.files) expect(csv).toContain(file.sha256)
  })

  it('has reports that read as submitted, with their diarienummer on the cover', async () => {
    const pdf = await pdfText(entries['slutrapporter/SN 2013_0231-1.pdf']!)
    expect(pdf).toContain('Diarienummer')
    expect(pdf).toContain('SN 2013/0231-1')
    expect(pdf).toContain('Föräldrarna till 137 barn har fått stöd.')
    expect(pdf).toContain('Godkänd av styrgruppen')
    const docx = docxText(docxParts(entries['slutrapporter/SN 2013_0232-1.docx']!).document)
    expect(docx).toContain('Diarienummer: SN 2013/0232-1')
    expect(docx).toContain('Mottagningen permanentades 2016.')
  })

  it('has the register of the project and its sub-projects, and nothing of other projects', () => {
    const csv = strFromU8(entries['beslutsregister.csv']!)
    const rows = csv.trim().split('\r\n')
    expect(rows[0]).toContain('Datum;§;Diarienummer;Styrgrupp;Projekt;Slag')
    expect(rows.slice(1).map((r) => r.slice(0, 10))).toEqual(['2014-06-11', '2015-03-02', '2016-09-30'])
    expect(csv).toContain('FöräldraSupporten')
    expect(csv).not.toContain('Samverkan i praktiken')
    expect(csv).not.toContain('Piteå')
  })
})

describe('the archive package of a programme and of an organisation', () => {
  it('takes the projects of the programme with their sub-projects', async () => {
    const response = await portfolio.get(`/api/archive/export?programmeId=${programme}`)
    expect(response.statusCode).toBe(200)
    const names = Object.keys(unzip(response.rawPayload)).filter((n) => n.endsWith('.pdf'))
    expect(names.sort()).toEqual(['slutrapporter/SN 2013_0231-1.pdf', 'slutrapporter/SN 2013_0232-1.pdf'])
  })

  it('takes every project under the organisation, in the language asked for', async () => {
    const response = await portfolio.get(`/api/archive/export?organisationId=${lulea}`, {
      'accept-language': 'en',
    })
    expect(response.statusCode).toBe(200)
    const entries = unzip(response.rawPayload)
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Manifest
    expect(manifest.files.filter((f) => f.file.endsWith('.pdf')).map((f) => f.diaryNumber)).toEqual([
      'SN 2013/0231-1',
      'SN 2013/0232-1',
      'BUF 2017/0456-1',
    ])
    expect(Object.keys(entries)).toContain('decision-register.xlsx')
    expect(strFromU8(entries['decision-register.csv']!)).toContain('Terminated early')
    expect(strFromU8(entries['decision-register.csv']!)).not.toContain('2019-01-01')
  })
})

describe('who may archive', () => {
  it('is an administrator or a portfolio manager; a viewer, finance and a project leader are refused', async () => {
    const path = `/api/archive/export?projectId=${project}`
    expect((await admin.get(path)).statusCode).toBe(200)
    expect((await portfolio.get(path)).statusCode).toBe(200)
    for (const client of [viewer, finance, leader]) expect((await client.get(path)).statusCode).toBe(403)
    expect((await t.anonymous().get(path)).statusCode).toBe(401)
  })

  it('reaches only what the role is held on: another municipality’s projects are not found', async () => {
    expect((await piteaAdmin.get(`/api/archive/export?projectId=${project}`)).statusCode).toBe(404)
    expect((await piteaAdmin.get(`/api/archive/export?programmeId=${programme}`)).statusCode).toBe(404)
    expect((await piteaAdmin.get(`/api/archive/export?organisationId=${lulea}`)).statusCode).toBe(404)
    expect((await admin.get(`/api/archive/export?projectId=${piteaProject}`)).statusCode).toBe(404)
  })

  it('needs exactly one selection, naming the field', async () => {
    const none = await admin.get('/api/archive/export')
    expect(none.statusCode).toBe(422)
    const both = await admin.get(`/api/archive/export?projectId=${project}&programmeId=${programme}`)
    expect(both.statusCode).toBe(422)
    expect(json(both)).toMatchObject({ errors: [{ field: 'query.projectId', code: 'one_selection' }] })
  })
})

describe('a package that streams', () => {
  let kalix: string
  let kalixAdmin: Client
  const submitted: { projectId: string; report: Report }[] = []
  const exportPath = () => `/api/archive/export?organisationId=${kalix}`

  beforeAll(async () => {
    const f = t.fixtures
    kalix = await f.organisation({ name: 'Kalix kommun' })
    kalixAdmin = await t.as(await f.user({ organisationId: kalix, roles: [['administrator', kalix]] }))
    for (const [code, summary] of [
      ['KS 2020/0011', 'Fritidsgården fick 40 nya besökare i veckan.'],
      ['KS 2020/0012', 'Skolskjutsen samordnades med färdtjänsten.'],
      ['KS 2020/0013', 'Biblioteket öppnade på lördagar.'],
    ] as const) {
      const projectId = await f.project({ ownerOrganisationId: kalix, name: `Projekt ${code}` })
      await t.db.updateTable('project').set({ code }).where('id', '=', projectId).execute()
      submitted.push({ projectId, report: await writeAndSubmit(kalixAdmin, projectId, summary) })
    }
  })

  it('is sent as it is made, and every report in it is that report rendered alone', async () => {
    const response = await kalixAdmin.get(exportPath())
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/zip')
    // A body sent whole has its length known up front; a streamed one goes out in chunks.
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.headers['transfer-encoding']).toBe('chunked')
    const entries = unzip(response.rawPayload)
    expect(Object.keys(entries).filter((n) => n.startsWith('slutrapporter/'))).toHaveLength(2 * 3)
    for (const { projectId, report } of submitted) {
      const name = `slutrapporter/${report.diaryNumber?.replaceAll('/', '_')}`
      const { model } = await finalReportDocument(t.db, projectId, report.id)
      // A PDF carries the moment it was made and a DOCX numbers its bookmarks on from the last one
      // rendered, so what each says is compared, not its bytes.
      expect(await pdfText(entries[`${name}.pdf`]!)).toBe(await pdfText(await renderDocument(model, 'pdf')))
      expect(docxText(docxParts(entries[`${name}.docx`]!).document)).toBe(
        docxText(docxParts(await renderDocument(model, 'docx')).document),
      )
    }
  })

  it('breaks the download off when a report fails halfway, rather than ending a ZIP that looks whole', async () => {
    // A stored snapshot damaged behind the application's back: the second report cannot be rendered,
    // which is only found out after the first report has been sent.
    const damaged = submitted[1]!.report.id
    const original = await t.db
      .selectFrom('final_report')
      .select('snapshot')
      .where('id', '=', damaged)
      .executeTakeFirstOrThrow()
    const setSnapshot = (snapshot: unknown) =>
      t.db.transaction().execute(async (trx) => {
        await sql`alter table final_report disable trigger final_report_immutable`.execute(trx)
        await trx
          .updateTable('final_report')
          .set({ snapshot: JSON.stringify(snapshot) })
          .where('id', '=', damaged)
          .execute()
        await sql`alter table final_report enable trigger final_report_immutable`.execute(trx)
      })
    await setSnapshot({ damaged: true })
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const response = await fetch(`${address}${exportPath()}`, { headers: { cookie: kalixAdmin.cookie! } })
      // The answer had started: the status and headers were out before the damage was reached.
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/zip')
      await expect(response.arrayBuffer()).rejects.toThrow()
    } finally {
      await setSnapshot(original.snapshot)
    }
    // Undamaged again, the same package is whole: it was the damage that broke it off.
    expect(Object.keys(unzip((await kalixAdmin.get(exportPath())).rawPayload))).toContain('manifest.json')
  })
})
