import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SAMVERKAN, TABB_OREBRO, TIDIGA } from '../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let leader: Client
let steering: Client
let admin: Client

interface Extract {
  subject: { userIds: string[] }
  other: { source: string; items: Record<string, unknown>[] }[]
}
interface FinalReport {
  id: string
  version: number
  status: string
  authors: string
  submittedBy: { id: string; name: string } | null
}
interface StatusReport {
  id: string
  period: string
  submittedBy: string | null
  comments: { by: string | null; text: string }[]
}

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

const items = (extract: Extract, source: string) =>
  extract.other.find((o) => o.source === source)?.items ?? []

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  steering = await t.as('styrgrupp@demo.example', DEMO_PASSWORD)
  admin = await t.as('admin@demo.example', DEMO_PASSWORD)
})
afterAll(() => t.close())

describe('demo: the reports Elin Nordin wrote, in her extract and after her erasure', () => {
  it('lists her status and final reports and the steering group’s answers, then reads them under the pseudonym', async () => {
    const tidiga = await projectId(TIDIGA)
    const tabb = await projectId(TABB_OREBRO)
    const leaderId = (
      await t.db
        .selectFrom('app_user')
        .where('email', '=', 'projektledare@demo.example')
        .select(['id', 'name'])
        .executeTakeFirstOrThrow()
    ).id

    // She submits the final report she drafted for Tidiga insatser, and starts one for TABB.
    const tidigaReports = `/api/projects/${tidiga}/final-reports`
    const [draft] = json<{ items: FinalReport[] }>(await leader.get(tidigaReports)).items
    if (!draft) throw new Error('the demo has a draft final report')
    const submitted = await leader.post(`${tidigaReports}/${draft.id}/submit`, { version: draft.version })
    expect(submitted.statusCode, submitted.body).toBe(200)
    const tabbReports = `/api/projects/${tabb}/final-reports`
    const started = await leader.post(tabbReports, {
      reportDate: '2023-06-30',
      authors: 'Elin Nordin, Socialförvaltningen',
    })
    expect(started.statusCode, started.body).toBe(201)
    const tabbDraft = json<FinalReport>(started)

    // The steering group comments on her autumn report (it acknowledged the spring one in the demo).
    const statusReports = `/api/projects/${tabb}/status-reports`
    const list = json<{ items: { id: string; period: string }[] }>(await leader.get(statusReports)).items
    const autumn = list.find((r) => r.period === '2022-HT')
    if (!autumn) throw new Error('the demo has the autumn 2022 report')
    const commented = await steering.post(`${statusReports}/${autumn.id}/comments`, {
      text: 'Vi tar upp fortsättningen på nästa möte.',
    })
    expect(commented.statusCode, commented.body).toBe(201)

    const own = json<Extract>(await leader.get('/api/me/extract'))
    expect(items(own, 'status_reports')).toEqual([
      expect.objectContaining({
        project: TABB_OREBRO,
        period: '2022-VT',
        status: 'submitted',
        role: ['author', 'submitter'],
      }),
      expect.objectContaining({
        project: TABB_OREBRO,
        period: '2022-HT',
        status: 'submitted',
        role: ['author', 'submitter'],
      }),
    ])
    expect(items(own, 'final_reports')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'report',
          project: TIDIGA,
          kind: 'report',
          status: 'submitted',
          role: ['author', 'named_author', 'editor', 'submitter'],
        }),
        expect.objectContaining({
          type: 'report',
          project: TABB_OREBRO,
          status: 'draft',
          role: ['author', 'named_author', 'editor'],
        }),
      ]),
    )
    // Maja Öberg, a staff record without an account, is named on the cover of Samverkan's report.
    const maja = await t.db
      .selectFrom('person')
      .where('name', '=', 'Maja Öberg')
      .select('id')
      .executeTakeFirstOrThrow()
    const majas = json<Extract>(await admin.get(`/api/privacy/people/${maja.id}/extract`))
    expect(majas.subject.userIds).toEqual([])
    expect(items(majas, 'final_reports')).toEqual([
      expect.objectContaining({ project: SAMVERKAN, status: 'submitted', role: ['named_author'] }),
    ])
    // What is listed is the record, not the report's text.
    expect(JSON.stringify(own.other)).not.toContain('Den reviderade projektplanen')
    const theirs = json<Extract>(await steering.get('/api/me/extract'))
    expect(items(theirs, 'status_report_responses')).toEqual([
      expect.objectContaining({ type: 'acknowledgement', project: TABB_OREBRO, period: '2022-VT' }),
      expect.objectContaining({ type: 'comment', project: TABB_OREBRO, period: '2022-HT' }),
    ])
    expect(JSON.stringify(theirs.other)).not.toContain('Vi tar upp fortsättningen')

    const frozenBefore = {
      status: await t.db
        .selectFrom('status_report')
        .where('submitted_by', '=', leaderId)
        .selectAll()
        .orderBy('id')
        .execute(),
      final: await t.db.selectFrom('final_report').where('id', '=', draft.id).selectAll().execute(),
    }

    const erased = await admin.post(`/api/privacy/users/${leaderId}/erase`, { confirmName: 'Elin Nordin' })
    expect(erased.statusCode, erased.body).toBe(200)
    const { pseudonym } = json<{ pseudonym: string }>(erased)

    // Her submitted reports are untouched rows that now read under the pseudonym.
    expect({
      status: await t.db
        .selectFrom('status_report')
        .where('submitted_by', '=', leaderId)
        .selectAll()
        .orderBy('id')
        .execute(),
      final: await t.db.selectFrom('final_report').where('id', '=', draft.id).selectAll().execute(),
    }).toEqual(frozenBefore)
    const report = json<StatusReport>(await admin.get(`${statusReports}/${autumn.id}`))
    expect(report.submittedBy).toBe(pseudonym)
    expect(report.comments).toEqual([
      expect.objectContaining({ by: 'Stefan Åberg', text: 'Vi tar upp fortsättningen på nästa möte.' }),
    ])
    const final = json<FinalReport>(await admin.get(`${tidigaReports}/${draft.id}`))
    expect(final).toMatchObject({ status: 'submitted', submittedBy: { id: leaderId, name: pseudonym } })
    // The authors line of a submitted report is its own text, kept as written (a public record).
    expect(final.authors).toBe('Elin Nordin, Jonas Berg')
    // A draft's authors line gets the pseudonym.
    const tabbAfter = json<FinalReport>(await admin.get(`${tabbReports}/${tabbDraft.id}`))
    expect(tabbAfter.authors).toBe(`${pseudonym}, Socialförvaltningen`)
    expect(tabbAfter.version).toBe(tabbDraft.version + 1)

    // Her extract, asked for by an administrator, still lists what she wrote.
    const after = json<Extract>(await admin.get(`/api/privacy/users/${leaderId}/extract`))
    expect(items(after, 'status_reports')).toHaveLength(2)
    expect(items(after, 'final_reports').map((r) => r.project)).toEqual(
      expect.arrayContaining([TIDIGA, TABB_OREBRO]),
    )
  })
})
