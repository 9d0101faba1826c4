import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { freezeBaseline } from './baselines.ts'

let t: TestContext
let project: string
let sub: string
let finance: Client
let leader: Client
let viewer: Client
/** Revision 1: taken before baselines froze the budget. */
let oldBaseline: string
/** Revision 2: frozen by hand under budget version 1. */
let manualBaseline: string
/** Revision 3: an approved plan revision under budget version 2. */
let approvedBaseline: string

const kr = (n: number) => n * 100

interface Line {
  year: number
  category: string
  subProjectId?: string
  amountOre: number
  comment?: string
}
interface FrozenLine {
  budgetVersionId: string
  year: number
  category: string
  subProject: { id: string; name: string } | null
  amountOre: number
  comment: string
}
interface Baseline {
  id: string
  revision: number
  budgetFrozen: boolean
  budget: FrozenLine[] | null
}
interface Amounts {
  original: number | null
  approved: number | null
  current: number
  vsOriginalOre: number | null
  vsApprovedOre: number | null
}
interface Comparison {
  original: { id: string; budgetFrozen: boolean } | null
  approved: { id: string; budgetFrozen: boolean } | null
  budget: {
    rows: (Amounts & { year: number; category: string })[]
    total: Amounts
    categories: { code: string }[]
  }
}

/** A budget version with these lines, proposed and approved by finance: the budget in force. */
async function approveBudget(projectId: string, lines: Line[]) {
  const base = `/api/projects/${projectId}/finance/budget-versions`
  const created = await finance.post(base, { lines, propose: true })
  expect(created.statusCode, created.body).toBe(201)
  const draft = json<{ id: string; version: number }>(created)
  const approved = await finance.post(`${base}/${draft.id}/approve`, { version: draft.version })
  expect(approved.statusCode, approved.body).toBe(200)
  return draft.id
}

const baseline = async (id: string) =>
  json<Baseline>(await viewer.get(`/api/projects/${project}/baselines/${id}`))

const compare = async (query = '') =>
  json<Comparison>(await viewer.get(`/api/projects/${project}/plan-comparison${query}`))

const cell = (c: Comparison, year: number, category: string) =>
  c.budget.rows.find((r) => r.year === year && r.category === category)

const version1: Line[] = [
  { year: 2017, category: 'staff', amountOre: kr(1_000_000), comment: 'Två samordnare' },
  { year: 2017, category: 'premises', amountOre: kr(200_000) },
  { year: 2018, category: 'staff', amountOre: kr(1_200_000) },
]

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  const lulea = await f.organisation({ name: 'Luleå kommun' })
  const period = { plannedStart: '2017-01-01', plannedEnd: '2019-12-31' }
  project = await f.project({ ownerOrganisationId: lulea, name: 'Samverkan i praktiken', ...period })
  sub = await f.project({ ownerOrganisationId: lulea, name: 'Del a', parentId: project, ...period })
  finance = await t.as(await f.user({ organisationId: lulea, roles: [['finance', lulea]] }))
  const leaderUser = await f.user({ organisationId: lulea })
  await f.member(project, leaderUser.id, 'leader')
  leader = await t.as(leaderUser)
  viewer = await t.as(await f.user({ organisationId: lulea, roles: [['viewer', lulea]] }))

  // As the migration leaves a baseline taken before it: no count of frozen budget lines.
  oldBaseline = uuid()
  await t.db
    .insertInto('baseline')
    .values({
      id: oldBaseline,
      project_id: project,
      revision: 1,
      label: 'Projektplan',
      revision_date: '2016-12-01',
      kind: 'manual',
      decision_id: null,
      snapshot: JSON.stringify({
        schemaVersion: 1,
        project: { id: project, name: 'Samverkan i praktiken', ...period },
        goals: [],
        activities: [],
      }),
      created_by: null,
    })
    .execute()
})
afterAll(() => t.close())

describe('a baseline freezes the budget', () => {
  it('says that a baseline taken before baselines froze the budget has none', async () => {
    const old = await baseline(oldBaseline)
    expect(old).toMatchObject({ revision: 1, budgetFrozen: false, budget: null })
    // Nor can a budget be given to it afterwards.
    await expect(
      t.db
        .insertInto('baseline_budget_line')
        .values({
          id: uuid(),
          baseline_id: oldBaseline,
          budget_version_id: uuid(),
          year: 2017,
          category: 'staff',
          sub_project_id: null,
          sub_project_name: null,
          amount_ore: 0,
          comment: '',
        })
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
  })

  it('copies the approved budget in force, the sub-projects’ own included, and not a draft', async () => {
    const v1 = await approveBudget(project, [
      ...version1,
      { year: 2018, category: 'training', subProjectId: sub, amountOre: kr(50_000), comment: 'Del a' },
    ])
    const subVersion = await approveBudget(sub, [{ year: 2018, category: 'staff', amountOre: kr(10_000) }])
    // A draft is not the budget until approved.
    await finance.post(`/api/projects/${project}/finance/budget-versions`, {
      lines: [{ year: 2019, category: 'other', amountOre: kr(999) }],
    })

    const response = await leader.post(`/api/projects/${project}/baselines`, {
      label: 'Projektplan med budget',
      revisionDate: '2017-01-20',
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(json(response)).toMatchObject({ revision: 2, budgetFrozen: true })
    manualBaseline = json<{ id: string }>(response).id

    const frozen = await baseline(manualBaseline)
    expect(frozen.budget).toEqual([
      {
        budgetVersionId: v1,
        year: 2017,
        category: 'premises',
        subProject: null,
        amountOre: kr(200_000),
        comment: '',
      },
      {
        budgetVersionId: v1,
        year: 2017,
        category: 'staff',
        subProject: null,
        amountOre: kr(1_000_000),
        comment: 'Två samordnare',
      },
      {
        budgetVersionId: v1,
        year: 2018,
        category: 'staff',
        subProject: null,
        amountOre: kr(1_200_000),
        comment: '',
      },
      {
        budgetVersionId: subVersion,
        year: 2018,
        category: 'staff',
        subProject: { id: sub, name: 'Del a' },
        amountOre: kr(10_000),
        comment: '',
      },
      {
        budgetVersionId: v1,
        year: 2018,
        category: 'training',
        subProject: { id: sub, name: 'Del a' },
        amountOre: kr(50_000),
        comment: 'Del a',
      },
    ])
    const audit = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', manualBaseline)
      .select('after')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ budgetLineCount: 5 })
  })

  it('keeps what it froze when the budget changes later', async () => {
    const before = await baseline(manualBaseline)
    await approveBudget(project, [
      ...version1.map((l) =>
        l.year === 2018 && l.category === 'staff' ? { ...l, amountOre: kr(1_100_000) } : l,
      ),
      { year: 2019, category: 'evaluation', amountOre: kr(30_000) },
    ])
    await t.db.updateTable('project').set({ name: 'Del a (omdöpt)' }).where('id', '=', sub).execute()
    expect(await baseline(manualBaseline)).toEqual(before)
  })

  it('is immutable in the database: no update, no delete, no line added', async () => {
    const line = await t.db
      .selectFrom('baseline_budget_line')
      .where('baseline_id', '=', manualBaseline)
      .selectAll()
      .executeTakeFirstOrThrow()
    await expect(
      sql`update baseline_budget_line set amount_ore = 1 where id = ${line.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      sql`delete from baseline_budget_line where id = ${line.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    await expect(
      t.db
        .insertInto('baseline_budget_line')
        .values({ ...line, id: uuid(), year: 2019, category: 'other' })
        .execute(),
    ).rejects.toMatchObject({ code: 'LBIMM' })
    const count = await t.db
      .selectFrom('baseline_budget_line')
      .where('baseline_id', '=', manualBaseline)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(5)
  })
})

describe('the comparison of budgets', () => {
  it('puts the latest approved revision beside the budget in force, and no guess for an old baseline', async () => {
    const decision = await t.fixtures.decision({ projectId: project })
    approvedBaseline = await t.db.transaction().execute((trx) =>
      freezeBaseline(trx, {
        projectId: project,
        label: 'Rev. projektplan',
        revisionDate: '2018-06-11',
        actorId: null,
        decisionId: decision,
        kind: 'approved_revision',
      }),
    )
    // After the revision: more money for premises in 2017.
    await approveBudget(project, [
      ...version1.map((l) =>
        l.category === 'premises'
          ? { ...l, amountOre: kr(250_000) }
          : l.year === 2018 && l.category === 'staff'
            ? { ...l, amountOre: kr(1_100_000) }
            : l,
      ),
      { year: 2019, category: 'evaluation', amountOre: kr(30_000) },
    ])

    const c = await compare()
    expect(c.original).toMatchObject({ id: oldBaseline, budgetFrozen: false })
    expect(c.approved).toMatchObject({ id: approvedBaseline, budgetFrozen: true })
    expect(cell(c, 2017, 'premises')).toEqual({
      year: 2017,
      category: 'premises',
      original: null,
      approved: kr(200_000),
      current: kr(250_000),
      vsOriginalOre: null,
      vsApprovedOre: kr(50_000),
    })
    expect(c.budget.total).toEqual({
      original: null,
      approved: kr(2_340_000),
      current: kr(2_390_000),
      vsOriginalOre: null,
      vsApprovedOre: kr(50_000),
    })
    // Years ascending; within a year the organisation's order of categories (staff before premises).
    expect(c.budget.rows.map((r) => `${r.year} ${r.category}`)).toEqual([
      '2017 staff',
      '2017 premises',
      '2018 staff',
      '2019 evaluation',
    ])
    expect(c.budget.categories.map((k) => k.code)).toContain('evaluation')
  })

  it('shows the differences to the öre against a chosen original', async () => {
    const c = await compare(`?original=${manualBaseline}`)
    // 2018 staff: 1 200 000 + Del a's own 10 000 when frozen; now 1 100 000 + 10 000.
    expect(cell(c, 2018, 'staff')).toMatchObject({
      original: kr(1_210_000),
      approved: kr(1_110_000),
      current: kr(1_110_000),
      vsOriginalOre: -kr(100_000),
      vsApprovedOre: 0,
    })
    // Not in the frozen budget, so zero there: that baseline did freeze a budget.
    expect(cell(c, 2019, 'evaluation')).toMatchObject({
      original: 0,
      approved: kr(30_000),
      current: kr(30_000),
      vsOriginalOre: kr(30_000),
    })
    // Dropped from the budget since: the frozen amount against zero.
    expect(cell(c, 2018, 'training')).toMatchObject({
      original: kr(50_000),
      approved: 0,
      current: 0,
      vsOriginalOre: -kr(50_000),
      vsApprovedOre: 0,
    })
    expect(c.budget.total).toMatchObject({
      original: kr(2_460_000),
      current: kr(2_390_000),
      vsOriginalOre: -kr(70_000),
    })
  })
})

describe('the comparison of one sub-project’s budget', () => {
  const ofSub = (lines: FrozenLine[] | null) => (lines ?? []).filter((l) => l.subProject?.id === sub)
  const total = (lines: { amountOre: number }[]) => lines.reduce((s, l) => s + l.amountOre, 0)

  it('compares only the lines that count for the sub-project, frozen and current', async () => {
    const frozen = await baseline(manualBaseline)
    const approved = await baseline(approvedBaseline)
    const c = await compare(`?original=${manualBaseline}&subProjectId=${sub}`)
    // Frozen then: Del a's own 2018 staff and the training the project budgeted for it.
    expect(ofSub(frozen.budget).map((l) => `${l.year} ${l.category} ${l.amountOre}`)).toEqual([
      `2018 staff ${kr(10_000)}`,
      `2018 training ${kr(50_000)}`,
    ])
    expect(c.budget.rows).toEqual([
      {
        year: 2018,
        category: 'staff',
        original: kr(10_000),
        approved: kr(10_000),
        current: kr(10_000),
        vsOriginalOre: 0,
        vsApprovedOre: 0,
      },
      {
        year: 2018,
        category: 'training',
        original: kr(50_000),
        approved: 0,
        current: 0,
        vsOriginalOre: -kr(50_000),
        vsApprovedOre: 0,
      },
    ])
    expect(c.budget.total).toEqual({
      original: total(ofSub(frozen.budget)),
      approved: total(ofSub(approved.budget)),
      current: kr(10_000),
      vsOriginalOre: kr(10_000) - total(ofSub(frozen.budget)),
      vsApprovedOre: kr(10_000) - total(ofSub(approved.budget)),
    })
    // The activities are not filtered: only the budget part is.
    expect(c.original?.id).toBe(manualBaseline)
  })

  it('leaves the whole project’s comparison as it was: the project’s own lines plus every sub-project’s', async () => {
    const frozen = await baseline(manualBaseline)
    const whole = await compare(`?original=${manualBaseline}`)
    const subOnly = await compare(`?original=${manualBaseline}&subProjectId=${sub}`)
    const own = (frozen.budget ?? []).filter((l) => l.subProject === null)
    expect(whole.budget.total.original).toBe(total(own) + (subOnly.budget.total.original ?? 0))
    expect(whole.budget.total.original).toBe(kr(2_460_000))
    expect(whole.budget.total.current).toBe(kr(2_380_000) + subOnly.budget.total.current)
  })

  it('names the field for a project that is not a sub-project of this one', async () => {
    const other = await t.fixtures.project({
      ownerOrganisationId: await t.fixtures.organisation({ name: 'Piteå kommun' }),
      name: 'Annat projekt',
      plannedStart: '2017-01-01',
      plannedEnd: '2019-12-31',
    })
    const foreign = await t.fixtures.project({
      ownerOrganisationId: await t.fixtures.organisation({ name: 'Bodens kommun' }),
      name: 'Annat delprojekt',
      parentId: other,
      plannedStart: '2017-01-01',
      plannedEnd: '2019-12-31',
    })
    for (const id of [foreign, other, project, uuid()]) {
      const response = await viewer.get(`/api/projects/${project}/plan-comparison?subProjectId=${id}`)
      expect(response.statusCode, response.body).toBe(422)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(json(response)).toMatchObject({ errors: [{ field: 'subProjectId', code: 'not_a_sub_project' }] })
    }
    const malformed = await viewer.get(`/api/projects/${project}/plan-comparison?subProjectId=del-a`)
    expect(malformed.statusCode, malformed.body).toBe(400)
    expect(malformed.body).toContain('subProjectId')
  })
})
