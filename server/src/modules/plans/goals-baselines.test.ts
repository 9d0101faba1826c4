import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { freezeBaseline } from './baselines.ts'
import { milestoneOf, recordMilestoneApproval } from './service.ts'

let t: TestContext
let project: string
let base: string
let leader: Client
let viewer: Client

interface Goal {
  id: string
  number: number | null
  position: number
  version: number
  title: string
  activityCount: number
}
interface Tree {
  overall: Goal[]
  project: Goal[]
  sub: Goal[]
}
interface Activity {
  id: string
  number: string | null
  version: number
  goal: { id: string; number: number } | null
}

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  const root = await f.organisation({ name: 'Örebro kommun' })
  project = await f.project({ ownerOrganisationId: root, name: 'TABB Örebro', plannedStart: '2019-08-01' })
  base = `/api/projects/${project}`
  const user = await f.user({ organisationId: root })
  await f.member(project, user.id, 'leader')
  leader = await t.as(user)
  viewer = await t.as(await f.user({ organisationId: root, roles: [['viewer', root]] }))
})
afterAll(() => t.close())

const tree = async () => json<Tree>(await leader.get(`${base}/goals`))
const activities = async () => json<{ items: Activity[] }>(await leader.get(`${base}/activities`)).items

describe('goal tree', () => {
  let projectGoal: Goal
  const subs: Goal[] = []

  it('builds overall goals, a project goal and numbered sub-goals', async () => {
    await leader.post(`${base}/goals`, { kind: 'overall', title: 'Barn och vårdnadshavare får stöd tidigt.' })
    projectGoal = json<Goal>(
      await leader.post(`${base}/goals`, { kind: 'project', title: 'Förbättrade samverkansformer.' }),
    )
    for (const title of ['Lagstiftning', 'Kompetens', 'Strukturer', 'Förankring']) {
      const response = await leader.post(`${base}/goals`, { kind: 'sub', title, parentId: projectGoal.id })
      expect(response.statusCode).toBe(201)
      subs.push(json<Goal>(response))
    }
    expect(subs.map((s) => s.number)).toEqual([1, 2, 3, 4])
    const read = json<Tree>(await viewer.get(`${base}/goals`))
    expect(read.overall).toHaveLength(1)
    expect(read.sub.map((s) => s.title)).toEqual(['Lagstiftning', 'Kompetens', 'Strukturer', 'Förankring'])
  })

  it('refuses a sub-goal under something that is not a project goal', async () => {
    const response = await leader.post(`${base}/goals`, { kind: 'sub', title: 'Fel', parentId: subs[0]!.id })
    expect(response.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe('parentId')
  })

  it('renumbers sub-goals on a move and the activities follow (2.1 becomes 3.1)', async () => {
    await leader.post(`${base}/activities`, { title: 'Fortbilda', number: '2.1', goalId: subs[1]!.id })
    await leader.post(`${base}/activities`, { title: 'Verktyg', number: '3.1', goalId: subs[2]!.id })
    const moved = await leader.post(`${base}/goals/${subs[1]!.id}/move`, {
      version: subs[1]!.version,
      position: 3,
    })
    expect(moved.statusCode).toBe(200)
    const after = json<Tree>(moved)
    expect(after.sub.map((s) => s.title)).toEqual(['Lagstiftning', 'Strukturer', 'Kompetens', 'Förankring'])
    const byTitle = new Map((await activities()).map((a) => [a.goal?.number, a.number]))
    expect(byTitle.get(3)).toBe('3.1')
    expect(byTitle.get(2)).toBe('2.1')
    const list = await activities()
    expect(list.find((a) => a.number === '3.1')?.goal?.number).toBe(3)
  })

  it('refuses to remove a sub-goal with activities unless they are moved or detached', async () => {
    const current = await tree()
    const kompetens = current.sub.find((s) => s.title === 'Kompetens')!
    const lag = current.sub.find((s) => s.title === 'Lagstiftning')!
    const refused = await leader.delete(`${base}/goals/${kompetens.id}?version=${kompetens.version}`)
    expect(refused.statusCode).toBe(409)
    expect(json<{ code: string }>(refused).code).toBe('goal_has_activities')
    const removed = await leader.delete(
      `${base}/goals/${kompetens.id}?version=${kompetens.version}&moveActivitiesTo=${lag.id}`,
    )
    expect(removed.statusCode).toBe(204)
    const after = await tree()
    expect(after.sub.map((s) => [s.number, s.title])).toEqual([
      [1, 'Lagstiftning'],
      [2, 'Strukturer'],
      [3, 'Förankring'],
    ])
    const moved = (await activities()).find((a) => a.goal?.id === lag.id)
    expect(moved?.number).toBe('1.1')
  })

  it('refuses to remove a project goal that still has sub-goals', async () => {
    const current = await tree()
    const goal = current.project[0]!
    const response = await leader.delete(`${base}/goals/${goal.id}?version=${goal.version}`)
    expect(response.statusCode).toBe(409)
    expect(json<{ code: string }>(response).code).toBe('goal_has_sub_goals')
  })

  it('edits a goal with its version', async () => {
    const goal = (await tree()).overall[0]!
    const ok = await leader.patch(`${base}/goals/${goal.id}`, {
      version: goal.version,
      title: 'Stöd tidigt.',
    })
    expect(json<Goal>(ok)).toMatchObject({ title: 'Stöd tidigt.', version: goal.version + 1 })
    expect(
      (await leader.patch(`${base}/goals/${goal.id}`, { version: goal.version, title: 'X' })).statusCode,
    ).toBe(409)
  })
})

describe('baselines', () => {
  it('freezes the plan by hand as a numbered revision', async () => {
    const response = await leader.post(`${base}/baselines`, {
      label: 'Projektplan',
      revisionDate: '2019-06-10',
    })
    expect(response.statusCode).toBe(201)
    expect(json(response)).toMatchObject({ revision: 1, kind: 'manual', decisionId: null, activityCount: 2 })
    expect(
      (await viewer.post(`${base}/baselines`, { label: 'X', revisionDate: '2019-06-10' })).statusCode,
    ).toBe(403)
  })

  it('is immutable in the database', async () => {
    const row = await t.db.selectFrom('baseline').select('id').executeTakeFirstOrThrow()
    await expect(
      sql`update baseline set label = 'Ändrad' where id = ${row.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(sql`delete from baseline where id = ${row.id}`.execute(t.db)).rejects.toMatchObject({
      code: 'LBIMM',
    })
  })

  it('compares original, latest approved and current per activity', async () => {
    const list = await activities()
    const moved = list[0]!
    await leader.patch(`${base}/activities/${moved.id}`, {
      version: moved.version,
      plannedEnd: { from: '2022-03-31' },
    })
    await leader.post(`${base}/activities`, { title: 'Skriva rapport' })
    const revisionDecision = await t.fixtures.decision({ projectId: project })
    const approvedId = await t.db.transaction().execute((trx) =>
      freezeBaseline(trx, {
        projectId: project,
        label: 'Rev. projektplan',
        revisionDate: '2022-02-01',
        actorId: null,
        decisionId: revisionDecision,
        kind: 'approved_revision',
      }),
    )
    const removed = list[1]!
    await leader.delete(`${base}/activities/${removed.id}?version=${removed.version}`)
    const comparison = json<{
      original: { revision: number }
      approved: { id: string; revision: number; decisionId: string }
      rows: {
        activityId: string
        title: string
        vsOriginal: { state: string; endShiftDays: number | null }
        vsApproved: { state: string }
      }[]
    }>(await viewer.get(`${base}/plan-comparison`))
    expect(comparison.original.revision).toBe(1)
    expect(comparison.approved).toMatchObject({ id: approvedId, revision: 2 })
    const states = new Map(comparison.rows.map((r) => [r.title, [r.vsOriginal.state, r.vsApproved.state]]))
    expect(states.get('Skriva rapport')).toEqual(['added', 'unchanged'])
    const gone = comparison.rows.find((r) => r.activityId === removed.id)
    expect(gone).toMatchObject({ vsOriginal: { state: 'removed' }, vsApproved: { state: 'removed' } })
    const shifted = comparison.rows.find((r) => r.activityId === moved.id)
    expect(shifted?.vsOriginal.state).toBe('changed')
    const snapshot = json<{ snapshot: { schemaVersion: number; activities: unknown[] } }>(
      await viewer.get(`${base}/baselines/${approvedId}`),
    )
    expect(snapshot.snapshot).toMatchObject({ schemaVersion: 1 })
    expect(snapshot.snapshot.activities).toHaveLength(3)
  })

  it('refuses an unknown baseline in the comparison, naming the parameter', async () => {
    const response = await viewer.get(`${base}/plan-comparison?original=01930000-0000-7000-8000-000000000009`)
    expect(response.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe('original')
  })
})

describe('milestones for the steering group', () => {
  it('records an approval by a decision only for a milestone, immutably', async () => {
    const plain = json<Activity>(await leader.post(`${base}/activities`, { title: 'Vanlig' }))
    const milestone = json<Activity>(
      await leader.post(`${base}/activities`, { title: 'Milstolpe', milestone: true }),
    )
    expect((await milestoneOf(t.db, plain.id))?.milestone).toBe(false)
    const decisionId = await t.fixtures.decision()
    await expect(
      t.db.transaction().execute((trx) => recordMilestoneApproval(trx, { activityId: plain.id, decisionId })),
    ).rejects.toMatchObject({ code: 'not_a_milestone' })
    await t.db
      .transaction()
      .execute((trx) => recordMilestoneApproval(trx, { activityId: milestone.id, decisionId }))
    expect((await milestoneOf(t.db, milestone.id))?.approvals).toEqual([
      { decisionId, recordedAt: expect.any(String) },
    ])
    const read = json<{ approvals: { decisionId: string }[]; version: number }>(
      await leader.get(`${base}/activities/${milestone.id}`),
    )
    expect(read.approvals[0]?.decisionId).toBe(decisionId)
    const deleted = await leader.delete(`${base}/activities/${milestone.id}?version=${read.version}`)
    expect(deleted.statusCode).toBe(409)
    expect(json<{ code: string }>(deleted).code).toBe('milestone_approved')
  })
})

describe('staffing plan and risks', () => {
  it('keeps a staffing row with a term period and an open end', async () => {
    const created = await leader.post(`${base}/staffing`, {
      name: 'Vakant BUP',
      role: 'Projektmedarbetare',
      periodStart: { from: '2019-09-01', precision: 'term' },
      agreement: 'oral',
    })
    expect(created.statusCode).toBe(201)
    const row = json<{ id: string; version: number; periodStart: { from: string; precision: string } }>(
      created,
    )
    expect(row.periodStart).toMatchObject({ from: '2019-07-01', precision: 'term' })
    const bad = await leader.patch(`${base}/staffing/${row.id}`, {
      version: row.version,
      periodEnd: { from: '2019-01-01', precision: 'month' },
    })
    expect(bad.statusCode).toBe(422)
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe('periodEnd')
    const share = await leader.patch(`${base}/staffing/${row.id}`, {
      version: row.version,
      timeSharePercent: 150,
    })
    expect(share.statusCode).toBe(400)
    const ok = await leader.patch(`${base}/staffing/${row.id}`, {
      version: row.version,
      timeSharePercent: 20,
    })
    expect(json(ok)).toMatchObject({ timeSharePercent: 20, version: 2 })
    expect(json<{ items: unknown[] }>(await viewer.get(`${base}/staffing`)).items).toHaveLength(1)
    expect((await leader.delete(`${base}/staffing/${row.id}?version=2`)).statusCode).toBe(204)
  })

  it('places risks in the matrix by probability × consequence', async () => {
    const created = await leader.post(`${base}/risks`, {
      description: 'Omorganisation och personalomsättning.',
      probability: 3,
      consequence: 3,
      owner: 'Styrgrupp',
    })
    expect(json(created)).toMatchObject({ score: 9, level: 'high', status: 'open' })
    const risk = json<{ id: string; version: number }>(created)
    const bad = await leader.patch(`${base}/risks/${risk.id}`, { version: risk.version, probability: 5 })
    expect(bad.statusCode).toBe(400)
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe('probability')
    const lowered = await leader.patch(`${base}/risks/${risk.id}`, { version: risk.version, probability: 1 })
    expect(json(lowered)).toMatchObject({ score: 3, level: 'low' })
    expect(
      (await leader.patch(`${base}/risks/${risk.id}`, { version: 1, status: 'closed' })).statusCode,
    ).toBe(409)
    expect(
      (await viewer.post(`${base}/risks`, { description: 'X', probability: 1, consequence: 1 })).statusCode,
    ).toBe(403)
  })
})
