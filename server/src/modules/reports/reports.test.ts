import type { FinalReport, ReportTemplate } from '@lagesbild/shared/api/reports'
import { paragraph, table } from '@lagesbild/shared/domain/document-model'
import { municipalTemplate, type TemplateSection } from '@lagesbild/shared/domain/report-template'
import { rich } from '@lagesbild/shared/domain/rich-text'
import type { LightMyRequestResponse } from 'fastify'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxParts, docxText, pdfText } from '../../test/documents.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { markFinalReportApproved, onFinalReportSubmitted, returnFinalReport } from './approval.ts'
import { ReportSectionRegistry, registerReportSection } from './section-registry.ts'

type Report = Static<typeof FinalReport>
type Template = Static<typeof ReportTemplate>

let t: TestContext
let lulea: string
let soc: string
let buf: string
let bufProject: string
let other: string
let project: string
let subProject: string
let leader: Client
let member: Client
let viewer: Client
let admin: Client
let portfolio: Client
let outsider: Client
let otherAdmin: Client

const reportsOf = (p: string) => `/api/projects/${p}/final-reports`
const report = (r: Response | LightMyRequestResponse) => json<Report>(r as LightMyRequestResponse)
type Response = LightMyRequestResponse

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  other = await f.organisation({ name: 'Piteå kommun' })
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Tidiga insatser i samverkan, skola – socialtjänst',
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
  })
  await t.db
    .updateTable('project')
    .set({
      client: 'Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå',
      code: 'SN 2013/0231',
      purpose: 'Tidigt stöd till barn som utmanar och deras föräldrar.',
      target_group: 'Föräldrar till barn 6–13 år.',
      actual_end: '2016-06-30',
    })
    .where('id', '=', project)
    .execute()
  subProject = await f.project({ ownerOrganisationId: soc, name: 'FöräldraSupporten', parentId: project })
  buf = await f.organisation({ name: 'Barn- och utbildningsförvaltningen', parentId: lulea })
  bufProject = await f.project({ ownerOrganisationId: buf, name: 'Samverkan i praktiken' })
  const malin = await f.person(soc, 'Malin Ekström')
  const elin = await f.person(soc, 'Elin Nordin')
  await t.db
    .insertInto('project_leader')
    .values([
      { id: uuid(), project_id: project, person_id: malin, from_date: '2013-09-01', to_date: '2015-06-30' },
      { id: uuid(), project_id: project, person_id: elin, from_date: '2015-07-01', to_date: null },
    ])
    .execute()
  const leaderUser = await f.user({ organisationId: soc, name: 'Elin Nordin' })
  await f.member(project, leaderUser.id, 'leader')
  await f.member(subProject, leaderUser.id, 'leader')
  await f.member(bufProject, leaderUser.id, 'leader')
  const memberUser = await f.user({ organisationId: soc, name: 'Jonas Berg' })
  await f.member(project, memberUser.id, 'member')
  leader = await t.as(leaderUser)
  member = await t.as(memberUser)
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))
  admin = await t.as(await f.user({ organisationId: lulea, roles: [['administrator', lulea]] }))
  portfolio = await t.as(await f.user({ organisationId: lulea, roles: [['portfolio_manager', lulea]] }))
  outsider = await t.as(await f.user({ organisationId: other, roles: [['administrator', other]] }))
  otherAdmin = outsider
})
afterAll(() => t.close())

async function builtIn(client: Client = leader): Promise<Template> {
  const list = json<{ items: { id: string; builtIn: boolean }[] }>(await client.get('/api/report-templates'))
  const id = list.items.find((i) => i.builtIn)?.id
  return json<Template>(await client.get(`/api/report-templates/${id}`))
}

async function submit(p: string, r: Report) {
  return leader.post(`${reportsOf(p)}/${r.id}/submit`, { version: r.version })
}

describe('the built-in municipal template', () => {
  it('is sections 1–11 of the municipal template, each with guidance in Swedish and English', async () => {
    const template = await builtIn(viewer)
    expect(template.builtIn).toBe(true)
    expect(template.sections.map((s) => s.heading.sv)).toEqual([
      'Bakgrund',
      'Sammanfattning',
      'Måluppfyllelse',
      'Projektbudget',
      'Efterkalkyl/aktiviteter',
      'Projektförlopp',
      'Metod och arbetssätt',
      'Organisation, roller och ansvarsfördelning',
      'Projektanalys',
      'Projektets och ledningens upplevda kvalitet',
      'Tillägg',
    ])
    for (const section of template.sections) {
      expect(section.guidance.sv.length).toBeGreaterThan(120)
      expect(section.guidance.en.length).toBeGreaterThan(120)
      expect(section.heading.en).not.toBe('')
    }
    expect(template.sections.find((s) => s.key === 'efterkalkyl')).toMatchObject({
      kind: 'both',
      generators: ['activity_post_calculation'],
    })
  })

  it('lists the data sources a section can draw on, and which are filled yet', async () => {
    const template = await builtIn()
    const available = Object.fromEntries(template.generators.map((g) => [g.key, g.available]))
    expect(available.project_facts).toBe(true)
    expect(available.organisation).toBe(true)
    expect(template.generators.find((g) => g.key === 'project_budget')?.placeholder.sv).toMatch(
      /^Fylls i automatiskt när .* finns/,
    )
  })

  it('cannot be edited; an administrator gives the organisation its own template instead', async () => {
    const template = await builtIn(admin)
    const response = await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: 'Ändrad',
      sections: template.sections,
    })
    expect(response.statusCode).toBe(403)
  })
})

describe('templates of an organisation', () => {
  let template: Template

  it('lets only an administrator of the organisation create one, copied from the built-in one', async () => {
    expect((await portfolio.post('/api/report-templates', { organisationId: buf })).statusCode).toBe(403)
    expect((await otherAdmin.post('/api/report-templates', { organisationId: buf })).statusCode).toBe(403)
    const response = await admin.post('/api/report-templates', {
      organisationId: buf,
      name: 'BUF:s slutrapport',
    })
    expect(response.statusCode).toBe(201)
    template = json<Template>(response)
    expect(template).toMatchObject({
      name: 'BUF:s slutrapport',
      builtIn: false,
      version: 1,
      organisation: { id: buf },
    })
    expect(template.sections).toEqual(municipalTemplate)
    const again = await admin.post('/api/report-templates', { organisationId: buf })
    expect(again.statusCode).toBe(409)
    expect(json(again)).toMatchObject({ errors: [{ field: 'organisationId' }] })
  })

  it('is not visible to another municipality', async () => {
    expect((await outsider.get(`/api/report-templates/${template.id}`)).statusCode).toBe(404)
    const list = json<{ items: { id: string }[] }>(await outsider.get('/api/report-templates'))
    expect(list.items.map((i) => i.id)).not.toContain(template.id)
  })

  it('saves renamed, reordered, added and removed sections as a new version', async () => {
    const [first, second, ...rest] = template.sections as [
      TemplateSection,
      TemplateSection,
      ...TemplateSection[],
    ]
    const sections: TemplateSection[] = [
      { ...second, heading: { sv: 'Sammanfattning i korthet', en: 'Summary in brief' } },
      { ...first, guidance: { sv: 'Skriv kort om bakgrunden.', en: 'Write briefly about the background.' } },
      ...rest.filter((s) => s.key !== 'upplevd_kvalitet'),
      {
        key: 'lardomar',
        heading: { sv: 'Lärdomar för nästa projekt', en: 'Lessons for the next project' },
        guidance: {
          sv: 'Vad ska nästa projekt göra annorlunda?',
          en: 'What should the next project do differently?',
        },
        kind: 'narrative',
        generators: [],
      },
    ]
    const response = await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: template.name,
      sections,
    })
    expect(response.statusCode).toBe(200)
    const saved = json<Template>(response)
    expect(saved.version).toBe(2)
    expect(saved.sections.map((s) => s.key)).toEqual(sections.map((s) => s.key))
    expect(saved.versions.map((v) => v.number)).toEqual([2, 1])
    template = saved
  })

  it('refuses a stale version with 409 and the current template', async () => {
    const response = await admin.put(`/api/report-templates/${template.id}`, {
      version: 1,
      name: 'Gammal',
      sections: template.sections,
    })
    expect(response.statusCode).toBe(409)
    expect(json(response)).toMatchObject({ code: 'stale_version', current: { version: 2 } })
  })

  it('names the field of a broken rule: duplicate keys, data on a narrative section, bad keys', async () => {
    const [first] = template.sections as [TemplateSection]
    const duplicate = await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: template.name,
      sections: [first, first],
    })
    expect(duplicate.statusCode).toBe(422)
    expect(json(duplicate)).toMatchObject({ errors: [{ field: 'sections.1.key', code: 'duplicate_key' }] })
    const narrativeWithData = await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: template.name,
      sections: [{ ...first, kind: 'narrative', generators: ['project_facts'] }],
    })
    expect(narrativeWithData.statusCode).toBe(422)
    expect(json(narrativeWithData)).toMatchObject({ errors: [{ field: 'sections.0.generators' }] })
    const badKey = await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: template.name,
      sections: [{ ...first, key: 'Bakgrund!' }],
    })
    expect(badKey.statusCode).toBe(400)
    expect(json(badKey)).toMatchObject({ errors: [{ field: 'sections.0.key' }] })
  })

  it('is the template new reports of the organisation start from, and a report keeps its version', async () => {
    const started = await leader.post(reportsOf(bufProject), { reportDate: '2016-06-30' })
    expect(started.statusCode).toBe(201)
    const r = report(started)
    expect(r.template).toMatchObject({ id: template.id, versionNumber: 2 })
    expect(r.sections[0]?.heading.sv).toBe('Sammanfattning i korthet')
    expect(r.sections.map((s) => s.key)).toContain('lardomar')

    await admin.put(`/api/report-templates/${template.id}`, {
      version: template.version,
      name: template.name,
      sections: template.sections.filter((s) => s.key !== 'lardomar'),
    })
    const again = report(await leader.get(`${reportsOf(bufProject)}/${r.id}`))
    expect(again.template.versionNumber).toBe(2)
    expect(again.sections.map((s) => s.key)).toContain('lardomar')
  })
})

describe('a final report', () => {
  let draft: Report

  it('starts as a draft with every template section, its guidance and the generated facts', async () => {
    const response = await leader.post(reportsOf(project), {
      reportDate: '2016-09-23',
      authors: 'Elin Nordin',
    })
    expect(response.statusCode).toBe(201)
    draft = report(response)
    expect(draft.status).toBe('draft')
    expect(draft.sections).toHaveLength(11)
    const bakgrund = draft.sections[0]!
    expect(bakgrund.guidance.sv).toContain('Beskriv varför projektet startades')
    expect(bakgrund.content).toEqual({ type: 'doc', content: [] })
    const factsText = JSON.stringify(bakgrund.generated)
    expect(factsText).toContain('Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå')
    expect(factsText).toContain('Malin Ekström (2013-09-01 – 2015-06-30)')
    expect(factsText).toContain('Elin Nordin (från 2015-07-01)')
    expect(factsText).toContain('FöräldraSupporten')
    const budget = draft.sections.find((s) => s.key === 'projektbudget')!
    // Finance fills Projektbudget; this project has no money in Lägesbild, and the section says so.
    expect(budget.generated).toEqual([
      {
        kind: 'note',
        tone: 'info',
        runs: [{ text: 'Projektet har ingen budget, finansiering eller utfall i Lägesbild.' }],
      },
    ])
    expect(budget.content).toEqual({ type: 'doc', content: [] })
    const organisation = JSON.stringify(draft.sections.find((s) => s.key === 'organisation')!.generated)
    expect(organisation).toContain('Jonas Berg')
    expect(organisation).toContain('Projektmedarbetare')
  })

  it('is one draft at a time', async () => {
    const response = await leader.post(reportsOf(project), {})
    expect(response.statusCode).toBe(409)
    expect(json(response).code).toBe('report_in_progress')
  })

  it('is written by those who may edit the project, read by everyone who sees it', async () => {
    expect((await member.post(reportsOf(project), {})).statusCode).toBe(403)
    const save = await member.put(`${reportsOf(project)}/${draft.id}/sections/sammanfattning`, {
      version: 1,
      content: rich.doc(rich.p('Nej')),
    })
    expect(save.statusCode).toBe(403)
    expect((await viewer.get(`${reportsOf(project)}/${draft.id}`)).statusCode).toBe(200)
    expect((await viewer.get(`${reportsOf(project)}/${draft.id}/document.pdf`)).statusCode).toBe(200)
    expect((await viewer.post(`${reportsOf(project)}/${draft.id}/submit`, { version: 1 })).statusCode).toBe(
      403,
    )
    expect((await outsider.get(`${reportsOf(project)}/${draft.id}`)).statusCode).toBe(404)
    expect((await outsider.get(`${reportsOf(project)}/${draft.id}/document.docx`)).statusCode).toBe(404)
    expect((await leader.get(`${reportsOf(subProject)}/${draft.id}`)).statusCode).toBe(404)
  })

  it('autosaves a section with its version and refuses a stale one with 409 and what is saved', async () => {
    const url = `${reportsOf(project)}/${draft.id}/sections/sammanfattning`
    const content = rich.doc(
      rich.p('Mottagningen ', rich.b('FöräldraSupporten'), ' öppnade den 22 september 2014.'),
      rich.ul('Föräldrar till 137 barn', ['95 procent ', rich.i('fick stöd')]),
      rich.p('Läs ', rich.link('utvärderingen', 'https://www.lulea.se/utvardering')),
    )
    const first = await leader.put(url, { version: 1, content })
    expect(first.statusCode).toBe(200)
    expect(json(first)).toMatchObject({ key: 'sammanfattning', version: 2, content })
    const second = await leader.put(url, { content: rich.doc(rich.p('Ny text')) }, { 'if-match': '"2"' })
    expect(second.statusCode).toBe(200)
    const stale = await leader.put(url, { version: 2, content: rich.doc(rich.p('Gammal text')) })
    expect(stale.statusCode).toBe(409)
    expect(json(stale)).toMatchObject({
      code: 'stale_version',
      current: { version: 3, content: rich.doc(rich.p('Ny text')) },
    })
    const restored = await leader.put(url, { version: 3, content })
    expect(restored.statusCode).toBe(200)
  })

  it('accepts only what a report needs in the editor, naming where the problem is', async () => {
    const url = `${reportsOf(project)}/${draft.id}/sections/metod`
    const image = await leader.put(url, {
      version: 1,
      content: { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] },
    })
    expect(image.statusCode).toBe(422)
    expect(json(image)).toMatchObject({
      errors: [{ field: 'content.content.0.type', code: 'unsupported_node' }],
    })
    const script = await leader.put(url, {
      version: 1,
      content: rich.doc(rich.p(rich.link('klicka', 'javascript:alert(1)'))),
    })
    expect(script.statusCode).toBe(422)
    expect(json(script)).toMatchObject({
      errors: [{ field: 'content.content.0.content.0.marks.0.attrs.href' }],
    })
    const notADoc = await leader.put(url, { version: 1, content: { type: 'paragraph' } })
    expect(notADoc.statusCode).toBe(400)
    const generatedOnly = await leader.put(`${reportsOf(project)}/${draft.id}/sections/okand`, {
      version: 1,
      content: rich.doc(),
    })
    expect(generatedOnly.statusCode).toBe(404)
  })

  it('changes its date and authors with the version', async () => {
    const current = report(await leader.get(`${reportsOf(project)}/${draft.id}`))
    const response = await leader.patch(`${reportsOf(project)}/${draft.id}`, {
      version: current.version,
      authors: 'Elin Nordin, Jonas Berg',
    })
    expect(response.statusCode).toBe(200)
    expect(report(response)).toMatchObject({
      authors: 'Elin Nordin, Jonas Berg',
      version: current.version + 1,
    })
    const stale = await leader.patch(`${reportsOf(project)}/${draft.id}`, {
      version: current.version,
      authors: 'X',
    })
    expect(stale.statusCode).toBe(409)
    draft = report(response)
  })

  it('exports a Word document with every section heading, the generated facts and the text', async () => {
    const response = await leader.get(`${reportsOf(project)}/${draft.id}/document.docx`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Slutrapport – Tidiga insatser i samverkan, skola – socialtjänst 2016-09-23 ')}%28utkast%29.docx`,
    )
    const docx = docxParts(response.rawPayload)
    const text = docxText(docx.document)
    for (const section of municipalTemplate) expect(text).toContain(section.heading.sv)
    expect(text).toContain('SN 2013/0231')
    expect(text).toContain('Mottagningen FöräldraSupporten öppnade den 22 september 2014.')
    expect(text).toContain('Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå')
    expect(text).toContain('Projektet har ingen aktivitetsplan i Lägesbild.')
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading1"\/>/)
  })

  it('exports a PDF with the same content', async () => {
    const response = await leader.get(`${reportsOf(project)}/${draft.id}/document.pdf`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    const text = await pdfText(response.rawPayload)
    for (const section of municipalTemplate) expect(text).toContain(section.heading.sv)
    expect(text).toContain('Mottagningen FöräldraSupporten öppnade den 22 september 2014.')
    expect(text).toContain('Utkast – ännu inte inlämnat till styrgruppen')
    expect((await leader.get(`${reportsOf(project)}/${draft.id}/document.odt`)).statusCode).toBe(400)
  })

  it('gives the print view the same document model', async () => {
    const response = await viewer.get(`${reportsOf(project)}/${draft.id}/document`)
    expect(response.statusCode).toBe(200)
    const model = json<{ cover: { subject: string }; sections: { heading: string }[] }>(response)
    expect(model.cover.subject).toBe('Tidiga insatser i samverkan, skola – socialtjänst')
    expect(model.sections.map((s) => s.heading)).toEqual(municipalTemplate.map((s) => s.heading.sv))
  })

  it('is submitted with the version and then frozen: generated sections no longer follow the data', async () => {
    const submitted: string[] = []
    const stop = onFinalReportSubmitted(async (trx, event) => {
      const row = await trx
        .selectFrom('final_report')
        .select('status')
        .where('id', '=', event.reportId)
        .executeTakeFirst()
      submitted.push(`${event.kind}:${row?.status}`)
    })
    const stale = await leader.post(`${reportsOf(project)}/${draft.id}/submit`, {
      version: draft.version - 1,
    })
    expect(stale.statusCode).toBe(409)
    const response = await submit(project, draft)
    stop()
    expect(response.statusCode).toBe(200)
    const frozen = report(response)
    expect(frozen.status).toBe('submitted')
    expect(frozen.submittedAt).not.toBeNull()
    expect(draft.diaryNumber).toBeNull()
    expect(frozen.diaryNumber).toBe('SN 2013/0231-1')
    expect(submitted).toEqual(['report:submitted'])

    await t.db.updateTable('project').set({ client: 'Någon helt annan' }).where('id', '=', project).execute()
    const later = report(await leader.get(`${reportsOf(project)}/${draft.id}`))
    expect(JSON.stringify(later.sections[0]?.generated)).toContain('Socialförvaltningen i Luleå')
    expect(JSON.stringify(later.sections[0]?.generated)).not.toContain('Någon helt annan')
    const text = await pdfText(
      (await leader.get(`${reportsOf(project)}/${draft.id}/document.pdf`)).rawPayload,
    )
    expect(text).toContain('Socialförvaltningen i Luleå')
    expect(text).not.toContain('Någon helt annan')
    expect(text).toContain('Inlämnad till styrgruppen')
    expect(text).toContain('Diarienummer SN 2013/0231-1')
    const docx = docxParts((await leader.get(`${reportsOf(project)}/${draft.id}/document.docx`)).rawPayload)
    expect(docxText(docx.document)).toContain('Diarienummer: SN 2013/0231-1')
    expect(docx.headers.map(docxText).join('\n')).toContain('Diarienummer SN 2013/0231-1')
    draft = frozen
  })

  it('refuses any change once submitted, through the API and in the database', async () => {
    const save = await leader.put(`${reportsOf(project)}/${draft.id}/sections/sammanfattning`, {
      version: 3,
      content: rich.doc(rich.p('Ändrad i efterhand')),
    })
    expect(save.statusCode).toBe(409)
    expect(json(save).code).toBe('immutable')
    expect(
      (await leader.patch(`${reportsOf(project)}/${draft.id}`, { version: draft.version, authors: 'X' }))
        .statusCode,
    ).toBe(409)
    await expect(
      t.db.updateTable('final_report').set({ authors: 'X' }).where('id', '=', draft.id).execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(t.db.deleteFrom('final_report').where('id', '=', draft.id).execute()).rejects.toMatchObject({
      code: 'LBIMM',
    })
    await expect(
      t.db
        .updateTable('final_report_section')
        .set({ content: JSON.stringify(rich.doc()) })
        .where('report_id', '=', draft.id)
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      t.db
        .insertInto('final_report_section')
        .values({ report_id: draft.id, key: 'nytt', content: JSON.stringify(rich.doc()) })
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
  })

  it('is approved by the steering group as a decision, once', async () => {
    const decisionId = await t.fixtures.decision()
    const secondDecision = await t.fixtures.decision()
    await t.db
      .transaction()
      .execute((trx) =>
        markFinalReportApproved(trx, { reportId: draft.id, decisionId, comment: 'Godkänd utan ändringar.' }),
      )
    const approved = report(await viewer.get(`${reportsOf(project)}/${draft.id}`))
    expect(approved.status).toBe('approved')
    expect(approved.outcome).toMatchObject({
      outcome: 'approved',
      decisionId,
      comment: 'Godkänd utan ändringar.',
    })
    await expect(
      t.db
        .transaction()
        .execute((trx) => markFinalReportApproved(trx, { reportId: draft.id, decisionId: secondDecision })),
    ).rejects.toMatchObject({ status: 409, code: 'not_awaiting_decision' })
    const text = await pdfText(
      (await leader.get(`${reportsOf(project)}/${draft.id}/document.pdf`)).rawPayload,
    )
    expect(text).toContain('Godkänd av styrgruppen')
    const restart = await leader.post(reportsOf(project), {})
    expect(restart.statusCode).toBe(409)
    expect(json(restart).code).toBe('report_approved')
  })

  it('takes an addendum after approval, as Luleå’s of 2016-09-23', async () => {
    const response = await leader.post(`${reportsOf(project)}/${draft.id}/addenda`, {
      reportDate: '2016-09-23',
    })
    expect(response.statusCode).toBe(201)
    const addendum = report(response)
    expect(addendum).toMatchObject({
      kind: 'addendum',
      status: 'draft',
      addendumToId: draft.id,
      reportDate: '2016-09-23',
    })
    expect(addendum.sections.map((s) => s.key)).toEqual(['tillagg'])
    const save = await leader.put(`${reportsOf(project)}/${addendum.id}/sections/tillagg`, {
      version: 1,
      content: rich.doc(
        rich.h(2, 'Vad har följeforskningen betytt för projektet och dess resultat?'),
        rich.p('Personalen har upplevt följeforskningen som mycket positiv.'),
      ),
    })
    expect(save.statusCode).toBe(200)
    const text = await pdfText(
      (await leader.get(`${reportsOf(project)}/${addendum.id}/document.pdf`)).rawPayload,
    )
    expect(text).toContain('Tillägg till slutrapport')
    expect(text).toContain('Vad har följeforskningen betytt för projektet och dess resultat?')
    expect((await leader.post(`${reportsOf(project)}/${addendum.id}/addenda`, {})).statusCode).toBe(409)
    const list = json<{ items: Report[] }>(await viewer.get(reportsOf(project)))
    expect(list.items.map((i) => [i.kind, i.status])).toEqual([
      ['report', 'approved'],
      ['addendum', 'draft'],
    ])
  })

  it('leaves its history: started, edited, submitted, approved', async () => {
    const history = json<{ items: { entity: string; action: string }[] }>(
      await leader.get(`/api/projects/${project}/history?entity=final_report&limit=50`),
    )
    const actions = history.items.map((i) => i.action)
    for (const action of ['create', 'update', 'submit', 'approve']) expect(actions).toContain(action)
  })
})

describe('a returned report', () => {
  let returned: Report
  let p: string

  beforeAll(async () => {
    p = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Samverkan i praktiken' })
    const user = await t.db
      .selectFrom('project_member')
      .where('project_id', '=', project)
      .where('role', '=', 'leader')
      .select('user_id')
      .executeTakeFirstOrThrow()
    await t.fixtures.member(p, user.user_id, 'leader')
    const started = report(await leader.post(reportsOf(p), { reportDate: '2019-02-20' }))
    await leader.put(`${reportsOf(p)}/${started.id}/sections/sammanfattning`, {
      version: 1,
      content: rich.doc(rich.p('Projektet avslutades i förtid.')),
    })
    returned = report(await submit(p, started))
  })

  it('needs a comment to be returned', async () => {
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          returnFinalReport(trx, { reportId: returned.id, decisionId: uuid(), comment: ' ' }),
        ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'final_report_outcome_comment_check' })
  })

  it('is continued in a new draft pointing back at it, with its text', async () => {
    const decisionId = await t.fixtures.decision()
    await t.db.transaction().execute((trx) =>
      returnFinalReport(trx, {
        reportId: returned.id,
        decisionId,
        comment: 'Beskriv budgetavvikelsen.',
      }),
    )
    expect(report(await leader.get(`${reportsOf(p)}/${returned.id}`)).status).toBe('returned')
    expect(json(await leader.post(reportsOf(p), {})).code).toBe('report_returned')
    const response = await leader.post(`${reportsOf(p)}/${returned.id}/revision`)
    expect(response.statusCode).toBe(201)
    const revision = report(response)
    expect(revision).toMatchObject({ status: 'draft', previousId: returned.id, template: returned.template })
    expect(revision.sections.find((s) => s.key === 'sammanfattning')?.content).toEqual(
      rich.doc(rich.p('Projektet avslutades i förtid.')),
    )
    const twice = await leader.post(`${reportsOf(p)}/${returned.id}/revision`)
    expect(twice.statusCode).toBe(409)
    const notReturned = await leader.post(`${reportsOf(p)}/${revision.id}/revision`)
    expect(notReturned.statusCode).toBe(409)
    expect(json(notReturned).code).toBe('not_returned')
  })

  it('cannot take an addendum', async () => {
    const response = await leader.post(`${reportsOf(p)}/${returned.id}/addenda`, {})
    expect(response.statusCode).toBe(409)
    expect(json(response).code).toBe('not_approved')
  })
})

describe('the diarienummer of a report', () => {
  let p: string

  beforeAll(async () => {
    p = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Samverkan i praktiken, del b' })
    await t.db.updateTable('project').set({ code: 'BUF 2017/0456' }).where('id', '=', p).execute()
    const user = await t.db
      .selectFrom('project_member')
      .where('project_id', '=', project)
      .where('role', '=', 'leader')
      .select('user_id')
      .executeTakeFirstOrThrow()
    await t.fixtures.member(p, user.user_id, 'leader')
  })

  it('is given once, at submission, and the next report in the case takes the next number', async () => {
    const first = report(
      await submit(p, report(await leader.post(reportsOf(p), { reportDate: '2019-02-20' }))),
    )
    expect(first.diaryNumber).toBe('BUF 2017/0456-1')
    const decisionId = await t.fixtures.decision()
    await t.db
      .transaction()
      .execute((trx) =>
        returnFinalReport(trx, { reportId: first.id, decisionId, comment: 'Komplettera budgeten.' }),
      )
    const revision = report(await leader.post(`${reportsOf(p)}/${first.id}/revision`))
    expect(revision.diaryNumber).toBeNull()
    const second = report(await submit(p, revision))
    expect(second.diaryNumber).toBe('BUF 2017/0456-2')
    const list = json<{ items: Report[] }>(await viewer.get(reportsOf(p)))
    expect(list.items.map((i) => i.diaryNumber)).toEqual(['BUF 2017/0456-1', 'BUF 2017/0456-2'])
  })

  it('never changes and is never given twice', async () => {
    const [first] = json<{ items: Report[] }>(await viewer.get(reportsOf(p))).items
    await expect(
      t.db
        .updateTable('final_report')
        .set({ diary_number: 'BUF 2017/0456-9' })
        .where('id', '=', first!.id)
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    const q = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Ett projekt med samma nummer' })
    const draft = report(await admin.post(reportsOf(q), {}))
    await expect(
      t.db
        .updateTable('final_report')
        .set({ diary_number: 'BUF 2017/0456-1' })
        .where('id', '=', draft.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('final_report')
          .set({
            status: 'submitted',
            snapshot: '{}',
            submitted_at: new Date(),
            diary_number: 'BUF 2017/0456-1',
          })
          .where('id', '=', draft.id)
          .execute()
      }),
    ).rejects.toMatchObject({ code: '23505' })
  })

  it('is none while the project has no diarienummer to file it under', async () => {
    const q = await t.fixtures.project({ ownerOrganisationId: soc, name: 'Utan diarienummer' })
    const draft = report(await admin.post(reportsOf(q), {}))
    const submitted = report(
      await admin.post(`${reportsOf(q)}/${draft.id}/submit`, { version: draft.version }),
    )
    expect(submitted).toMatchObject({ status: 'submitted', diaryNumber: null })
  })
})

describe('generated sections', () => {
  it('come from whichever module registered the key; until then a placeholder says what will fill it', async () => {
    const registry = new ReportSectionRegistry()
    const placeholder = await registry.generate(t.db, ['staffing_plan'], project, '2016-06-30')
    expect(placeholder).toEqual([
      {
        kind: 'note',
        tone: 'placeholder',
        runs: [{ text: 'Fylls i automatiskt när bemanningsplanen finns i Lägesbild.' }],
      },
    ])
    const seen: unknown[] = []
    registry.register('staffing_plan', async (_db, projectId, asOf) => {
      seen.push([projectId, asOf])
      return [table({ columns: ['Namn', 'Roll'], rows: [['Elin Nordin', 'Projektledare']] })]
    })
    const filled = await registry.generate(t.db, ['staffing_plan'], project, '2016-06-30')
    expect(filled[0]).toMatchObject({ kind: 'table' })
    expect(seen).toEqual([[project, '2016-06-30']])
  })

  it('reach the report and its documents through the application registry', async () => {
    const restore = registerReportSection('steering_groups', async () => [
      paragraph('Vi6 styrgrupp: förvaltningscheferna i sex förvaltningar.'),
    ])
    try {
      const q = await t.fixtures.project({ ownerOrganisationId: other, name: 'Piteås projekt' })
      const own = report(await otherAdmin.post(reportsOf(q), {}))
      const section = own.sections.find((s) => s.key === 'organisation')!
      expect(JSON.stringify(section.generated)).toContain('Vi6 styrgrupp')
      const text = await pdfText((await otherAdmin.get(`${reportsOf(q)}/${own.id}/document.pdf`)).rawPayload)
      expect(text).toContain('Vi6 styrgrupp: förvaltningscheferna i sex förvaltningar.')
    } finally {
      restore()
    }
  })
})
