import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, buildApp } from '../app.ts'
import { connectPostgres, type Db } from '../db/connect.ts'
import { Client, createTestDatabase, json, testConfig } from '../test/helper.ts'
import { databaseUrlFor, withAdminClient } from '../test/template-database.ts'
import { scales } from './context.ts'
import { SYNTH_PASSWORD, synthAccounts } from './foundation.ts'
import { SYNTH_STEERING_ACCOUNT } from './governance.ts'
import { prepareSynthDatabase } from './prepare.ts'
import { type SynthMarker, synthesize, synthMarker } from './synthesize.ts'

let db: Db
let app: App
let marker: SynthMarker

type Counted =
  | 'project'
  | 'activity'
  | 'actual_cost'
  | 'organisation'
  | 'budget_line'
  | 'steering_group'
  | 'steering_group_member'
  | 'meeting'
  | 'decision'
  | 'indicator'
  | 'indicator_measurement'
  | 'status_report'
  | 'status_report_acknowledgement'

const count = async (table: Counted) =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const login = (email: string) => new Client(app).login(email, SYNTH_PASSWORD)

const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(db.kysely)).rows

/**
 * What the data set says, without its ids (fresh uuids every run): every table's count and a
 * digest per table of the values the generator chose.
 */
async function fingerprint(of: Db) {
  const digest = async (query: string) =>
    (
      await sql
        .raw<{ d: string }>(`select md5(coalesce(string_agg(x, ',' order by x), '')) as d from (${query}) t`)
        .execute(of.kysely)
    ).rows[0]?.d
  return {
    projects: await digest(
      `select concat_ws('|', code, name, status, planned_start, planned_end) as x from project`,
    ),
    groups: await digest(`select concat_ws('|', name, description) as x from steering_group`),
    members: await digest(`select concat_ws('|', p.name, m.role, m.from_date, m.to_date) as x
      from steering_group_member m join person p on p.id = m.person_id`),
    meetings: await digest(
      `select concat_ws('|', meeting_date, place, agenda::text, minutes) as x from meeting`,
    ),
    decisions:
      await digest(`select concat_ws('|', decided_on, paragraph, per_capsulam, diary_number, kind, outcome,
      text, decided_by, supersedes_id is not null) as x from decision`),
    requests:
      await digest(`select concat_ws('|', kind, status, summary, payload->>'change', requested_at, decided_at) as x
      from approval_request`),
    indicators:
      await digest(`select concat_ws('|', name, unit, frequency, shared_key, baseline_value, baseline_numerator,
      baseline_denominator, target_value, target_numerator, target_denominator) as x from indicator`),
    measurements: await digest(`select concat_ws('|', period, value, numerator, denominator, created_at) as x
      from indicator_measurement`),
    reports:
      await digest(`select concat_ws('|', period, status, schedule_light, budget_light, goals_light, risks_light,
      overall_light, progress, submitted_at, supersedes_id is not null,
      snapshot->'facts'->'burn'->>'spentToDateOre', jsonb_array_length(snapshot->'facts'->'lateActivities'),
      snapshot->'suggestions'->'overall'->>'light') as x from status_report`),
    acknowledgements: await digest(
      `select concat_ws('|', comment, created_at) as x from status_report_acknowledgement`,
    ),
  }
}

beforeAll(async () => {
  db = await createTestDatabase()
  marker = await synthesize(db, scales.small, { today: '2026-11-25' })
  app = await buildApp({ config: testConfig(), db })
  await app.ready()
  // Seconds on an idle machine; the bound is for a shared one.
}, 120_000)

afterAll(async () => {
  await app.close()
})

describe('the small synthetic data set', () => {
  it('has the organisations, projects, activities and costs of its scale, and says so', async () => {
    const { regions, municipalities, projects, activities, costEntries } = scales.small
    // Municipalities have three administrations, regions two.
    expect(await count('organisation')).toBe(municipalities * 4 + regions * 3)
    expect(await count('project')).toBe(projects)
    expect(await count('activity')).toBe(marker.counts.activity)
    expect(marker.counts.activity).toBeGreaterThan(activities * 0.9)
    expect(marker.counts.activity).toBeLessThan(activities * 1.1)
    // Projects that start after today have no costs yet.
    expect(await count('actual_cost')).toBe(marker.counts.actual_cost)
    expect(marker.counts.actual_cost).toBeGreaterThan(costEntries * 0.6)
    expect(await count('budget_line')).toBeGreaterThan(projects * 5)
    expect((await synthMarker(db))?.scale).toBe('small')
  })

  it('keeps the rules the schema does not enforce: a current budget for every started project', async () => {
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from project p
      where p.status <> 'draft'
        and not exists (select 1 from budget_version b where b.project_id = p.id and b.status = 'approved')`.execute(
      db.kysely,
    )
    expect(missing.rows[0]?.n).toBe(0)
  })

  it('has steering groups with members over time, meetings and a decision register', async () => {
    const { projects } = scales.small
    const groups = await count('steering_group')
    // One group for three to five projects.
    expect(groups).toBeGreaterThanOrEqual(projects / 5)
    expect(groups).toBeLessThanOrEqual(
      Math.ceil(projects / 3) + scales.small.municipalities + scales.small.regions,
    )
    expect(await count('meeting')).toBeGreaterThan(groups * 3)
    // Seats change hands: more memberships than seats, and some of them ended.
    const [members] = await rows<{ n: number; ended: number }>(
      `select count(*)::int as n, count(to_date)::int as ended from steering_group_member`,
    )
    expect(members?.n).toBeGreaterThan(groups * 4)
    expect(members?.ended).toBeGreaterThan(0)
    expect(await count('decision')).toBe(marker.counts.decision)
    expect(marker.counts.decision).toBeGreaterThan(projects * 4)
    const kinds = await rows<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from decision group by kind order by kind`,
    )
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining([
        'approve_milestone',
        'change_lifecycle',
        'make_permanent',
        'other',
        'terminate_early',
      ]),
    )
    const [superseding] = await rows<{ n: number }>(
      `select count(*)::int as n from decision where supersedes_id is not null`,
    )
    expect(superseding?.n).toBeGreaterThan(0)
  })

  it('keeps governance rules the schema does not enforce: every status reached by decisions, each decided request names its decision', async () => {
    // Each project came to its status through approved lifecycle decisions: one to be approved,
    // one to start, and one for every move after that.
    const moves: Record<string, number> = {
      draft: 0,
      approved: 1,
      active: 2,
      paused: 3,
      completed: 3,
      terminated: 3,
      made_permanent: 4,
      handed_over: 4,
    }
    const lifecycle = await rows<{ status: string; n: number }>(`
      select p.status, (select count(*)::int from decision d where d.project_id = p.id and d.outcome = 'approved'
        and d.kind in ('change_lifecycle', 'terminate_early', 'make_permanent')) as n from project p`)
    for (const p of lifecycle) expect(p.n).toBe(moves[p.status])
    const [requests] = await rows<{ bad: number; approved: number; pending: number }>(`
      select count(*) filter (where (status in ('approved', 'rejected')) <> (decision_id is not null)
          or (status in ('approved', 'rejected')) <> (decided_by is not null))::int as bad,
        count(*) filter (where status = 'approved')::int as approved,
        count(*) filter (where status = 'pending')::int as pending from approval_request`)
    expect(requests?.bad).toBe(0)
    expect(requests?.approved).toBeGreaterThan(0)
    const [milestones] = await rows<{ approved: number; wrong: number }>(`
      select count(*)::int as approved, count(*) filter (where not a.milestone or d.kind <> 'approve_milestone'
        or d.subject_id <> a.id or d.outcome <> 'approved')::int as wrong
      from milestone_approval m join activity a on a.id = m.activity_id join decision d on d.id = m.decision_id`)
    expect(milestones?.approved).toBeGreaterThan(0)
    expect(milestones?.wrong).toBe(0)
    // The register is immutable for synthesized decisions too.
    await expect(
      sql`update decision set text = 'ändrad' where kind = 'other'`.execute(db.kysely),
    ).rejects.toThrow()
  })

  it('has indicators with measurements per period and submitted status reports with frozen facts', async () => {
    const { projects } = scales.small
    expect(await count('indicator')).toBeGreaterThanOrEqual(projects * 2)
    expect(await count('indicator')).toBeLessThanOrEqual(projects * 4)
    expect(await count('indicator_measurement')).toBe(marker.counts.indicator_measurement)
    expect(marker.counts.indicator_measurement).toBeGreaterThan(projects * 20)
    const units = await rows<{ unit: string; shares: number }>(`
      select i.unit, count(*) filter (where m.numerator is not null and m.denominator > 0)::int as shares
      from indicator_measurement m join indicator i on i.id = m.indicator_id group by i.unit order by i.unit`)
    expect(units.map((u) => u.unit)).toEqual(expect.arrayContaining(['count', 'percentage']))
    expect(units.find((u) => u.unit === 'percentage')?.shares).toBeGreaterThan(0)

    const lights = await rows<{ light: string; n: number }>(`
      select overall_light as light, count(*)::int as n from status_report where status = 'submitted'
      group by overall_light order by n desc`)
    expect(lights.map((l) => l.light)).toEqual(['green', 'yellow', 'red'])
    const [reports] = await rows<{ submitted: number; frozen: number; drafts: number; corrections: number }>(`
      select count(*) filter (where status = 'submitted')::int as submitted,
        count(*) filter (where snapshot->'facts'->>'schemaVersion' = '1')::int as frozen,
        count(*) filter (where status = 'draft')::int as drafts,
        count(supersedes_id)::int as corrections from status_report`)
    expect(reports?.frozen).toBe(reports?.submitted)
    expect(reports?.submitted).toBeGreaterThan(projects * 5)
    expect(reports?.drafts).toBeGreaterThan(0)
    expect(await count('status_report_acknowledgement')).toBeGreaterThan((reports?.submitted ?? 0) / 3)
  })

  it('is read by the app: the steering group member sees groups, meetings, the register and the inbox', async () => {
    const member = await login(SYNTH_STEERING_ACCOUNT)
    const groups = await member.get('/api/steering-groups')
    expect(groups.statusCode).toBe(200)
    const list = json<{ items: { id: string; projects: unknown[] }[] }>(groups)
    expect(list.items.length).toBeGreaterThan(0)
    // A group that governs projects today: a past group's register is about projects the member no longer sees.
    const groupId = list.items.find((g) => g.projects.length > 0)?.id ?? ''
    const group = await member.get(`/api/steering-groups/${groupId}`)
    expect(group.statusCode).toBe(200)
    const detail = json<{ members: { role: string }[]; meetings: { id: string }[] }>(group)
    expect(detail.members.some((m) => m.role === 'chair')).toBe(true)
    expect(detail.meetings.length).toBeGreaterThan(0)
    const meeting = await member.get(`/api/meetings/${detail.meetings.at(-1)?.id}`)
    expect(meeting.statusCode).toBe(200)
    const register = await member.get(`/api/decisions?steeringGroupId=${groupId}`)
    expect(register.statusCode).toBe(200)
    expect(json<{ items: unknown[] }>(register).items.length).toBeGreaterThan(0)
    expect((await member.get('/api/approvals/inbox')).statusCode).toBe(200)
    const home = await member.get('/api/me/home')
    expect(home.statusCode).toBe(200)
    expect(json<{ governedProjects: unknown[] }>(home).governedProjects.length).toBeGreaterThan(0)
  })

  it('is read by the app: decisions, course, indicators and status reports of a project', async () => {
    const leader = await login(synthAccounts.projectLeader)
    const mine = json<{ items: { id: string }[] }>(await leader.get('/api/projects?mine=true'))
    let frozen = 0
    let measured = 0
    for (const { id } of mine.items) {
      const decisions = await leader.get(`/api/projects/${id}/decisions`)
      expect(decisions.statusCode).toBe(200)
      const register = json<{ items: { kind: string; project: { id: string } | null }[] }>(decisions).items
      expect(register.filter((d) => d.kind === 'change_lifecycle').length).toBeGreaterThan(0)
      expect((await leader.get(`/api/projects/${id}/course`)).statusCode).toBe(200)
      expect((await leader.get(`/api/projects/${id}/approval-requests`)).statusCode).toBe(200)

      const indicators = await leader.get(`/api/projects/${id}/indicators`)
      expect(indicators.statusCode).toBe(200)
      const items = json<{ items: { latest: unknown; progress: { status: string } }[] }>(indicators).items
      expect(items.length).toBeGreaterThanOrEqual(2)
      measured += items.filter((i) => i.latest !== null && i.progress.status !== 'no_data').length

      const reports = await leader.get(`/api/projects/${id}/status-reports`)
      expect(reports.statusCode).toBe(200)
      const list = json<{ schedule: unknown; items: { id: string; status: string }[] }>(reports)
      expect(list.schedule).not.toBeNull()
      // The detail reads the frozen snapshot through the module's own schema check.
      for (const submitted of list.items.filter((r) => r.status === 'submitted').slice(0, 3)) {
        const report = await leader.get(`/api/projects/${id}/status-reports/${submitted.id}`)
        expect(report.statusCode).toBe(200)
        expect(json<{ factsFrozen: boolean; facts: { burn: unknown } }>(report)).toMatchObject({
          factsFrozen: true,
          facts: { burn: expect.anything() },
        })
        frozen += 1
      }
    }
    expect(frozen).toBeGreaterThan(0)
    expect(measured).toBeGreaterThan(0)
    // The portfolio's health column comes from the latest report.
    const portfolio = json<{ items: { health: { overall: string } | null }[] }>(
      await (await login(synthAccounts.portfolio)).get('/api/portfolio?limit=50'),
    )
    expect(portfolio.items.some((p) => p.health?.overall)).toBe(true)
  })

  it('is the same data set every time for the same scale and day', async () => {
    const again = await createTestDatabase()
    try {
      const second = await synthesize(again, scales.small, { today: '2026-11-25' })
      expect(second.counts).toEqual(marker.counts)
      expect(await fingerprint(again)).toEqual(await fingerprint(db))
    } finally {
      await again.close()
    }
  }, 120_000)

  it('is read by the app: the national portfolio manager sees every project, page by page', async () => {
    const national = await login(synthAccounts.national)
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const response = await national.get(`/api/projects?limit=15${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.statusCode).toBe(200)
      const page = json<{ items: { id: string }[]; nextCursor: string | null }>(response)
      for (const item of page.items) seen.add(item.id)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.size).toBe(scales.small.projects)
  })

  it('is read by the app: a project page with its plan and budget for the project leader', async () => {
    const leader = await login(synthAccounts.projectLeader)
    const mine = json<{ items: { id: string }[] }>(await leader.get('/api/projects?mine=true'))
    expect(mine.items).toHaveLength(5)
    const projectId = mine.items[0]?.id ?? ''
    const project = await leader.get(`/api/projects/${projectId}`)
    expect(project.statusCode).toBe(200)
    const activities = await leader.get(`/api/projects/${projectId}/activities`)
    expect(activities.statusCode).toBe(200)
    const stored = await db.kysely
      .selectFrom('activity')
      .where('project_id', '=', projectId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(json<{ items: unknown[] }>(activities).items).toHaveLength(Number(stored.n))
    const finance = await leader.get(`/api/projects/${projectId}/finance`)
    expect(finance.statusCode).toBe(200)
  })
})

const baseUrl = process.env.DATABASE_URL
if (baseUrl) {
  describe('pnpm synth on PostgreSQL', () => {
    const name = `lagesbild_synth_${randomBytes(4).toString('hex')}`
    const url = databaseUrlFor(baseUrl, name)

    afterAll(() =>
      withAdminClient(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
    )

    it('creates the database, loads it with COPY once, and refuses a database with other data', async () => {
      const first = await prepareSynthDatabase(url, scales.small)
      expect(first.scale).toBe('small')
      const again = await prepareSynthDatabase(url, scales.small)
      expect(again.generatedAt).toBe(first.generatedAt)

      // A database someone uses (rows, no marker) is never filled, replaced or dropped.
      const own = connectPostgres(url, 1)
      await own.kysely.deleteFrom('app_setting').where('key', '=', 'synth').execute()
      await own.close()
      await expect(prepareSynthDatabase(url, scales.small, { replace: true })).rejects.toThrow(/did not make/)
      const check = connectPostgres(url, 1)
      const projects = await check.kysely
        .selectFrom('project')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await check.close()
      expect(Number(projects.n)).toBe(scales.small.projects)
    }, 120_000)
  })
}
