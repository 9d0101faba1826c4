import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, TABB_OREBRO } from '../../demo/foundation.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { home } from './home.ts'

interface Reply {
  id: string
  kind: 'acknowledgement' | 'comment'
  project: { id: string; name: string }
  report: { id: string; period: string }
  by: string | null
  at: string
  excerpt: string
}

let t: TestContext
let leader: Client
let leaderUser: AuthUser
let tabb: string
let spring: string
let autumn: string
let steering: { id: string; name: string }
let otherLeader: Client
let outsider: Client
const ids = { recent: '', nearEdge: '', old: '', own: '', elsewhere: '' }

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

async function comment(reportId: string, userId: string, body: string, at: string) {
  const id = uuid()
  await t.db
    .insertInto('status_report_comment')
    .values({ id, report_id: reportId, user_id: userId, body, created_at: at })
    .execute()
  return id
}

const repliesOf = async (client: Client) =>
  json<{ repliesToMe: Reply[] }>(await client.get('/api/me/home')).repliesToMe

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  const me = await t.db
    .selectFrom('app_user')
    .where('email', '=', 'projektledare@demo.example')
    .select(['id', 'email', 'name', 'organisation_id', 'person_id'])
    .executeTakeFirstOrThrow()
  leaderUser = {
    id: me.id,
    email: me.email,
    name: me.name,
    organisationId: me.organisation_id,
    personId: me.person_id,
    grants: [],
  }
  steering = await t.db
    .selectFrom('app_user')
    .where('email', '=', 'styrgrupp@demo.example')
    .select(['id', 'name'])
    .executeTakeFirstOrThrow()
  tabb = (
    await t.db.selectFrom('project').where('name', '=', TABB_OREBRO).select('id').executeTakeFirstOrThrow()
  ).id
  const reports = await t.db
    .selectFrom('status_report')
    .where('project_id', '=', tabb)
    .select(['id', 'period'])
    .execute()
  spring = reports.find((r) => r.period === '2022-VT')?.id ?? ''
  autumn = reports.find((r) => r.period === '2022-HT')?.id ?? ''

  ids.recent = await comment(
    autumn,
    steering.id,
    `Tack för rapporten. ${'Vi vill veta mer om hur samtycket ska hanteras när sekretessfrågorna är lösta, '.repeat(3)}`,
    daysAgo(1),
  )
  ids.nearEdge = await comment(autumn, steering.id, 'Hur går det med samtyckesblanketten?', daysAgo(59))
  ids.old = await comment(spring, steering.id, 'En gammal kommentar som inte längre är ny.', daysAgo(61))
  ids.own = await comment(autumn, me.id, 'Mitt eget svar till styrgruppen.', daysAgo(0))

  // Another organisation's project with its own leader and a submitted report that got a comment.
  const f = t.fixtures
  const organisation = await f.organisation()
  const project = await f.project({ ownerOrganisationId: organisation, name: 'Annat projekt' })
  const otherRef = await f.user({ organisationId: organisation })
  await f.member(project, otherRef.id, 'leader')
  otherLeader = await t.as(otherRef)
  outsider = await t.as(await f.user({ organisationId: organisation }))
  const report = uuid()
  await t.db
    .insertInto('status_report')
    .values({
      id: report,
      project_id: project,
      period: '2025-HT',
      period_start: '2025-07-01',
      period_end: '2025-12-31',
      status: 'submitted',
      schedule_light: 'green',
      budget_light: 'green',
      goals_light: 'green',
      risks_light: 'green',
      overall_light: 'green',
      snapshot: JSON.stringify({ facts: {}, suggestions: {} }),
      submitted_at: daysAgo(10),
      submitted_by: otherRef.id,
      created_by: otherRef.id,
    })
    .execute()
  ids.elsewhere = await comment(report, steering.id, 'Kommentar i ett annat projekt.', daysAgo(2))
})
afterAll(() => t.close())

describe('replies from the steering group on the leader’s home page', () => {
  it('lists the acknowledgement and comments on the leader’s reports, newest first, with who and a link id', async () => {
    const replies = await repliesOf(leader)
    expect(replies.map((r) => [r.kind, r.report.period])).toEqual([
      // The demo acknowledges 2022-VT when it is loaded, so it is the newest.
      ['acknowledgement', '2022-VT'],
      ['comment', '2022-HT'],
      ['comment', '2022-HT'],
    ])
    const [acknowledgement, recent, nearEdge] = replies
    expect(acknowledgement).toMatchObject({
      project: { id: tabb, name: TABB_OREBRO },
      report: { id: spring },
      by: steering.name,
      excerpt: 'Styrgruppen har tagit del av rapporten och ställer sig bakom den reviderade planen.',
    })
    expect(recent).toMatchObject({
      id: ids.recent,
      project: { id: tabb },
      report: { id: autumn },
      by: steering.name,
    })
    expect(recent?.excerpt.startsWith('Tack för rapporten. Vi vill veta mer')).toBe(true)
    expect(recent?.excerpt.endsWith('…')).toBe(true)
    expect(recent?.excerpt.length).toBeLessThanOrEqual(141)
    expect(nearEdge).toMatchObject({ id: ids.nearEdge, excerpt: 'Hur går det med samtyckesblanketten?' })
  })

  it('leaves out comments older than 60 days, the leader’s own, and other leaders’ projects', async () => {
    const listed = (await repliesOf(leader)).map((r) => r.id)
    expect(listed).not.toContain(ids.old)
    expect(listed).not.toContain(ids.own)
    expect(listed).not.toContain(ids.elsewhere)
    // The other project's leader does see theirs, and no one else of their organisation does.
    expect((await repliesOf(otherLeader)).map((r) => r.id)).toEqual([ids.elsewhere])
    expect(await repliesOf(outsider)).toEqual([])
  })

  it('counts the 60 days back from the given day', async () => {
    const today = todayInSweden()
    const later = await home(t.db, leaderUser, addDays(today, 60))
    // 60 days on, only the replies from today remain (the demo's acknowledgement).
    expect(later.repliesToMe.map((r) => r.kind)).toEqual(['acknowledgement'])
    expect((await home(t.db, leaderUser, addDays(today, 61))).repliesToMe).toEqual([])
    // Nothing from after the day asked about; the day's own 60 days reach further back.
    const earlier = await home(t.db, leaderUser, addDays(today, -30))
    expect(earlier.repliesToMe.map((r) => r.id)).toEqual([ids.nearEdge, ids.old])
  })

  it('shows at most ten', async () => {
    for (let i = 0; i < 10; i++) await comment(autumn, steering.id, `Kommentar ${i}`, daysAgo(3))
    expect(await repliesOf(leader)).toHaveLength(10)
  })
})
