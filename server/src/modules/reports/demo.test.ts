import type { FinalReport } from '@lagesbild/shared/api/reports'
import { municipalTemplate } from '@lagesbild/shared/domain/report-template'
import { type EditorNode, rich } from '@lagesbild/shared/domain/rich-text'
import type { Static } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SAMVERKAN, TIDIGA } from '../../demo/foundation.ts'
import {
  convertWithLibreOffice,
  docxParts,
  docxText,
  markupText,
  pdfText,
  pdftotext,
} from '../../test/documents.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { markFinalReportApproved } from './approval.ts'

type Report = Static<typeof FinalReport>

let t: TestContext
let leader: Client
let viewer: Client

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

async function onlyReport(client: Client, project: string) {
  const list = json<{ items: Report[] }>(await client.get(`/api/projects/${project}/final-reports`))
  expect(list.items).toHaveLength(1)
  return json<Report>(await client.get(`/api/projects/${project}/final-reports/${list.items[0]!.id}`))
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  viewer = await t.as('betraktare@demo.example', DEMO_PASSWORD)
})
afterAll(() => t.close())

describe('demo: Samverkan i praktiken', () => {
  it('has its final report of 2019-02-20, submitted and frozen, following the seed', async () => {
    const project = await projectId(SAMVERKAN)
    const report = await onlyReport(viewer, project)
    expect(report).toMatchObject({ status: 'submitted', reportDate: '2019-02-20', kind: 'report' })
    const text = (
      await pdfText(
        (
          await viewer.get(`/api/projects/${project}/final-reports/${report.id}/document.pdf`)
        ).rawPayload,
      )
    ).replace(/\s+/g, ' ')
    for (const section of municipalTemplate) expect(text).toContain(section.heading.sv)
    for (const expected of [
      'Samverkan i praktiken',
      'BUN 2017/0412',
      'LG-SAM soc/buf',
      'den 11 juni 2018',
      'avsluta projektet i dess nuvarande form',
      'ordinarie organisationen',
      'i förtid (planerat slut 2019-12-31)',
      'Inlämnad till styrgruppen 2019-02-20',
    ]) {
      expect(text).toContain(expected)
    }
  })
})

describe('demo: Tidiga insatser i samverkan', () => {
  let project: string
  let report: Report

  beforeAll(async () => {
    project = await projectId(TIDIGA)
    report = await onlyReport(leader, project)
  })

  it('is a draft the project leader opens with every template section and its guidance', () => {
    expect(report).toMatchObject({
      status: 'draft',
      reportDate: '2016-09-23',
      authors: 'Elin Nordin, Jonas Berg',
    })
    expect(report.sections.map((s) => s.heading.sv)).toEqual(municipalTemplate.map((s) => s.heading.sv))
    for (const section of report.sections) expect(section.guidance.sv).not.toBe('')
    const facts = JSON.stringify(report.sections[0]?.generated)
    expect(facts).toContain('FöräldraSupporten')
    expect(facts).toContain('Kartläggning/välfärdsanalys')
    expect(facts).toContain('Särskilda folkhälsomedel 2013–2016')
  })

  it('holds the narrative of the seed and the answers of its addendum of 2016-09-23 under Tillägg', async () => {
    const text = await pdfText(
      (await leader.get(`/api/projects/${project}/final-reports/${report.id}/document.pdf`)).rawPayload,
    )
    const flat = text.replace(/\s+/g, ' ')
    for (const expected of [
      '131 föräldrar eller föräldrapar till 137 barn',
      'Mottagningen FöräldraSupporten öppnade den 22 september 2014',
      'Svar på finansiärens uppföljningsfrågor, 2016-09-23.',
      'Vad har följeforskningen betytt för projektet och dess resultat?',
    ]) {
      expect(flat).toContain(expected)
    }
  })

  it('is written, submitted by the leader, approved by the steering group, and exported', async () => {
    const sammanfattning = report.sections.find((s) => s.key === 'sammanfattning')!
    const saved = await leader.put(
      `/api/projects/${project}/final-reports/${report.id}/sections/sammanfattning`,
      {
        version: sammanfattning.version,
        content: rich.doc(
          ...((sammanfattning.content?.content ?? []) as EditorNode[]),
          rich.p('Rapporten är genomläst av styrgruppen.'),
        ),
      },
    )
    expect(saved.statusCode).toBe(200)
    const submitted = await leader.post(`/api/projects/${project}/final-reports/${report.id}/submit`, {
      version: report.version,
    })
    expect(submitted.statusCode).toBe(200)
    const decisionId = await t.fixtures.decision()
    await t.db
      .transaction()
      .execute((trx) => markFinalReportApproved(trx, { reportId: report.id, decisionId }))

    const docx = await leader.get(`/api/projects/${project}/final-reports/${report.id}/document.docx`)
    const docxWords = docxText(docxParts(docx.rawPayload).document)
    const pdf = (await leader.get(`/api/projects/${project}/final-reports/${report.id}/document.pdf`))
      .rawPayload
    const pdfWords = await pdfText(pdf)
    const popplerWords = pdftotext(pdf)?.replace(/\s+/g, ' ') ?? null
    for (const words of [docxWords, pdfWords, ...(popplerWords === null ? [] : [popplerWords])]) {
      for (const section of municipalTemplate) expect(words).toContain(section.heading.sv)
      expect(words).toContain('Rapporten är genomläst av styrgruppen.')
      expect(words).toContain('Godkänd av styrgruppen')
    }
    const activities = await t.db
      .selectFrom('activity')
      .innerJoin('project', 'project.id', 'activity.project_id')
      .where((eb) => eb.or([eb('project.id', '=', project), eb('project.parent_id', '=', project)]))
      .select('activity.title')
      .execute()
    // A long title wraps inside its cell, so its first words stand for the row.
    const rowStarts = activities.map((a) => a.title.split(/\s+/).slice(0, 5).join(' '))
    expect(rowStarts.length).toBeGreaterThan(10)
    for (const start of rowStarts) {
      expect(pdfWords.replace(/\s+/g, ' ')).toContain(start)
      if (popplerWords !== null) expect(popplerWords).toContain(start)
    }
    // Opened in LibreOffice: the sections are its headings of level 1, the activities rows of a table.
    const html = convertWithLibreOffice(docx.rawPayload, 'html')?.toString('utf8')
    if (html !== undefined) {
      const topHeadings = [...html.matchAll(/<h1[^>]*>(.*?)<\/h1>/gs)].map((m) => markupText(m[1] ?? ''))
      for (const section of municipalTemplate) expect(topHeadings).toContain(section.heading.sv)
      const tableRows = [...html.matchAll(/<tr.*?<\/tr>/gs)].map((m) => markupText(m[0]))
      for (const start of rowStarts)
        expect(
          tableRows.some((row) => row.includes(start)),
          start,
        ).toBe(true)
    }
    const addendum = await leader.post(`/api/projects/${project}/final-reports/${report.id}/addenda`, {})
    expect(addendum.statusCode).toBe(201)
  }, 180_000)
})
