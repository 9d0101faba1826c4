import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { allocateByWeights } from '@lagesbild/shared/domain/finance'
import { yearCategoryForecast } from '@lagesbild/shared/domain/forecast'
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthUser } from '../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { listPortfolio } from '../portfolio/queries.ts'
import { costsOf, removeFromRollup } from './cost-rollup.ts'
import { commitImport } from './imports/service.ts'
import { projectFinanceTotals } from './portfolio.ts'
import { actualsByMonthCategory, countingCost } from './queries.ts'
import { type LedgerRow, ledgerCsv } from './sample.ts'

/*
 * The roll-ups (cost_month, cost_year) against the entries they stand for: after every kind of
 * write the roll-ups must equal a plain sum over the entries that count, and what readers total
 * from them must equal the same sums taken from the entries.
 */

let t: TestContext
let lulea: string
let project: string
let sub: string
let finance: Client
let admin: Client
let financeUser: AuthUser

const kr = (n: number) => n * 100

async function expectRollupsMatchEntries() {
  const months = await sql`
    select project_id, month::text as month, category, amount_ore, entries from cost_month
    order by 1, 2, 3`.execute(t.db)
  const fromEntries = await sql`
    select a.project_id, date_trunc('month', a.entry_date)::date::text as month, a.category,
      sum(a.amount_ore)::bigint as amount_ore, count(*)::int as entries
    from actual_cost a where ${countingCost}
    group by 1, 2, 3 order by 1, 2, 3`.execute(t.db)
  expect(months.rows).toEqual(fromEntries.rows)
  const years = await sql`
    select project_id, year, category, amount_ore, entries from cost_year order by 1, 2, 3`.execute(t.db)
  const yearsFromEntries = await sql`
    select a.project_id, extract(year from a.entry_date)::int as year, a.category,
      sum(a.amount_ore)::bigint as amount_ore, count(*)::int as entries
    from actual_cost a where ${countingCost}
    group by 1, 2, 3 order by 1, 2, 3`.execute(t.db)
  expect(years.rows).toEqual(yearsFromEntries.rows)
}

/** Entries that count up to a day, summed straight from actual_cost. */
async function spentFromEntries(projectIds: string[], asOf: string) {
  const { rows } = await sql<{ total: string }>`
    select coalesce(sum(a.amount_ore), 0)::text as total from actual_cost a
    where a.project_id = any(${projectIds}::uuid[]) and a.entry_date <= ${asOf}::date and ${countingCost}`.execute(
    t.db,
  )
  return Number(rows[0]?.total)
}

async function monthsFromEntries(projectIds: string[], asOf: string) {
  const { rows } = await sql<{ month: string; category: string; amount: string }>`
    select to_char(a.entry_date, 'YYYY-MM') as month, a.category, sum(a.amount_ore)::text as amount
    from actual_cost a
    where a.project_id = any(${projectIds}::uuid[]) and a.entry_date <= ${asOf}::date and ${countingCost}
    group by 1, 2`.execute(t.db)
  return rows.map((r) => ({ month: r.month, category: r.category, amountOre: Number(r.amount) })).sort(byKey)
}

/** Portfolio totals straight from the entries, the budget lines and the shared forecast rule. */
async function totalsFromEntries(projectIds: string[], asOf: string, year?: number) {
  const { rows: budget } = await sql<{ year: number; category: string; amount: string }>`
    select l.year, l.category, sum(l.amount_ore)::text as amount from budget_line l
    join budget_version v on v.id = l.budget_version_id
    where v.project_id = ${project} and v.status = 'approved'
      and v.approval_seq = (select max(approval_seq) from budget_version where project_id = ${project})
    group by 1, 2`.execute(t.db)
  const { rows: actual } = await sql<{ year: number; category: string; amount: string }>`
    select extract(year from a.entry_date)::int as year, a.category, sum(a.amount_ore)::text as amount
    from actual_cost a
    where a.project_id = any(${projectIds}::uuid[]) and a.entry_date <= ${asOf}::date and ${countingCost}
    group by 1, 2`.execute(t.db)
  const manual = await t.db
    .selectFrom('finance_forecast')
    .where('project_id', '=', project)
    .selectAll()
    .execute()
  const amounts = (rows: { year: number; category: string; amount: string }[]) =>
    rows.map((r) => ({ year: r.year, category: r.category, amountOre: Number(r.amount) }))
  const inYear = (y: number) => year === undefined || y === year
  const sum = (rows: { year: number; amountOre: number }[]) =>
    rows.filter((r) => inYear(r.year)).reduce((a, r) => a + r.amountOre, 0)
  const forecastOre = sum(
    yearCategoryForecast({
      budget: amounts(budget),
      actual: amounts(actual),
      manual: manual.map((m) => ({ year: m.year, category: m.category, amountOre: m.amount_ore })),
      asOfYear: Number(asOf.slice(0, 4)),
    }),
  )
  const budgetOre = sum(amounts(budget))
  return { budgetOre, spentOre: sum(amounts(actual)), forecastOre, unspentOre: budgetOre - forecastOre }
}

const byKey = (a: { month: string; category: string }, b: { month: string; category: string }) =>
  a.month.localeCompare(b.month) || a.category.localeCompare(b.category)

const ledgerRow = (n: number, date: string): LedgerRow => ({
  date,
  voucher: `V${1000 + n}`,
  account: n % 2 === 0 ? '5011' : '6110',
  costCentre: '6140',
  projectCode: 'R100',
  text: `Rad ${n}`,
  amountOre: kr(500 + n) + n,
})

async function importLedger(rows: LedgerRow[]) {
  const boundary = '----rollup-test'
  const content = ledgerCsv(rows, { title: 'Huvudbok', period: '2024' })
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huvudbok.csv"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/finance/imports?organisationId=${lulea}`,
    headers: {
      cookie: finance.cookie ?? '',
      'x-csrf-token': finance.csrfToken ?? '',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  })
  expect(uploaded.statusCode, uploaded.body).toBe(201)
  const { id } = json<{ id: string }>(uploaded)
  expect((await finance.post(`/api/finance/imports/${id}/validate`)).statusCode).toBe(200)
  return id
}

const entryIds: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  const f = t.fixtures
  lulea = await f.organisation({ name: 'Luleå kommun' })
  const soc = await f.organisation({ name: 'Socialförvaltningen', parentId: lulea })
  project = await f.project({
    ownerOrganisationId: soc,
    name: 'Rulla upp',
    plannedStart: '2023-01-01',
    plannedEnd: '2025-12-31',
  })
  sub = await f.project({
    ownerOrganisationId: soc,
    name: 'Delprojekt',
    parentId: project,
    plannedStart: '2023-01-01',
    plannedEnd: '2025-12-31',
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
  admin = await t.as(await f.user({ organisationId: lulea, roles: [['administrator', lulea]] }))
  expect((await finance.post(`/api/projects/${project}/finance/codes`, { code: 'R100' })).statusCode).toBe(
    201,
  )
})
afterAll(() => t.close())

describe('the cost roll-ups', () => {
  it('follow entries entered and removed by hand, sub-projects and credits included', async () => {
    const entries = [
      { date: '2023-12-31', amountOre: kr(10_000) + 1, category: 'staff' },
      { date: '2024-03-01', amountOre: kr(2_000), category: 'staff' },
      { date: '2024-03-15', amountOre: kr(300) + 7, category: 'other' },
      { date: '2024-03-20', amountOre: -kr(300) - 7, category: 'other' },
      { date: '2024-03-31', amountOre: kr(1_000), category: 'staff', subProjectId: sub },
      { date: '2024-04-10', amountOre: kr(50), category: 'premises' },
    ]
    for (const entry of entries) {
      const created = await finance.post(`/api/projects/${project}/finance/actuals`, entry)
      expect(created.statusCode, created.body).toBe(201)
      entryIds.push(json<{ id: string }>(created).id)
      await expectRollupsMatchEntries()
    }
    // A cell that cancels out to 0 kr still holds entries, so it stays.
    const other = await t.db
      .selectFrom('cost_month')
      .where('project_id', '=', project)
      .where('category', '=', 'other')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(other).toMatchObject({ amount_ore: 0, entries: 2 })

    // Removing the only entry of a cell removes the cell.
    expect((await finance.delete(`/api/projects/${project}/finance/actuals/${entryIds[5]}`)).statusCode).toBe(
      204,
    )
    await expectRollupsMatchEntries()
    const premises = await t.db
      .selectFrom('cost_month')
      .where('category', '=', 'premises')
      .selectAll()
      .execute()
    expect(premises).toEqual([])
    expect((await finance.delete(`/api/projects/${project}/finance/actuals/${entryIds[2]}`)).statusCode).toBe(
      204,
    )
    await expectRollupsMatchEntries()
  })

  it('count an import once committed, never one that fails, and give it back on rollback', async () => {
    const list = Array.from({ length: 30 }, (_, n) =>
      ledgerRow(n, `2024-${String((n % 6) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`),
    )
    const before = await yearRows()

    // Written batch by batch while committing: invisible, and not in the roll-ups either.
    const id = await importLedger(list)
    let sawCommitting = false
    await commitImport(t.db, financeUser, id, {
      batchRows: 10,
      afterBatch: async () => {
        await expectRollupsMatchEntries()
        sawCommitting = true
        expect(await yearRows()).toEqual(before)
      },
    })
    expect(sawCommitting).toBe(true)
    await expectRollupsMatchEntries()

    // The same file again writes nothing and adds nothing.
    const again = await importLedger(list)
    expect((await finance.post(`/api/finance/imports/${again}/commit`)).statusCode).toBe(200)
    await expectRollupsMatchEntries()

    // A commit that fails half-way leaves the roll-ups as they were.
    const failing = await importLedger([ledgerRow(100, '2024-05-05'), ledgerRow(101, '2024-05-06')])
    await expect(
      commitImport(t.db, financeUser, failing, {
        batchRows: 1,
        afterBatch: async () => {
          throw new Error('killed')
        },
      }),
    ).rejects.toThrow('killed')
    await expectRollupsMatchEntries()

    const rolledBack = await finance.post(`/api/finance/imports/${id}/rollback`, { reason: 'Fel fil' })
    expect(rolledBack.statusCode, rolledBack.body).toBe(200)
    await expectRollupsMatchEntries()
    expect(await yearRows()).toEqual(before)
  })

  it('are built for a project copied from an export', async () => {
    const document = json<unknown>(await admin.get(`/api/projects/${project}/export`))
    const copied = await admin.post('/api/projects/import', { ownerOrganisationId: lulea, document })
    expect(copied.statusCode, copied.body).toBe(201)
    const copy = json<{ id: string }>(copied).id
    await expectRollupsMatchEntries()
    const rows = await t.db.selectFrom('cost_year').where('project_id', '=', copy).selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
  })

  it('give readers the same totals as summing the entries, whatever the day', async () => {
    // Costs dated ahead of a day in its month and year are what the readers subtract.
    await importCommitted([ledgerRow(200, '2024-03-25'), ledgerRow(201, '2024-11-30')])
    const ids = [project, sub]
    // A budget and a manual forecast, so the portfolio's forecast has every kind of cell.
    const version = uuid()
    await t.db
      .insertInto('budget_version')
      .values({ id: version, project_id: project, number: 1, status: 'draft', note: '' })
      .execute()
    await t.db
      .insertInto('budget_line')
      .values(
        [
          [2023, 'staff', kr(8_000)],
          [2024, 'staff', kr(2_500)],
          [2024, 'other', kr(100)],
          [2024, 'premises', kr(400)],
          [2025, 'staff', kr(9_000)],
        ].map(([y, category, amount]) => ({
          id: uuid(),
          budget_version_id: version,
          year: Number(y),
          category: String(category),
          amount_ore: Number(amount),
        })),
      )
      .execute()
    await t.db
      .updateTable('budget_version')
      .set({ status: 'approved', approval_seq: 1 })
      .where('id', '=', version)
      .execute()
    await t.db
      .insertInto('finance_forecast')
      .values([
        { project_id: project, year: 2024, category: 'premises', amount_ore: kr(333) },
        { project_id: project, year: 2025, category: 'training', amount_ore: kr(77) },
      ])
      .execute()
    for (const asOf of [
      '2022-06-30',
      '2023-12-31',
      '2024-03-01',
      '2024-03-20',
      '2024-03-31',
      '2024-06-15',
      '2030-01-01',
    ]) {
      expect((await actualsByMonthCategory(t.db, ids, asOf)).sort(byKey), `burn by month to ${asOf}`).toEqual(
        await monthsFromEntries(ids, asOf),
      )
      const totals = await projectFinanceTotals(t.db, [project], { asOf })
      expect(totals.get(project)?.spentOre, `portfolio finance to ${asOf}`).toBe(
        await spentFromEntries(ids, asOf),
      )
      for (const year of [undefined, 2023, 2024, 2025]) {
        const some = await projectFinanceTotals(t.db, [project], { asOf, ...(year ? { year } : {}) })
        expect(some.get(project), `portfolio finance to ${asOf}, year ${year}`).toMatchObject(
          await totalsFromEntries(ids, asOf, year),
        )
      }
    }
    const all = (await actualsByMonthCategory(t.db, ids)).sort(byKey)
    expect(all).toEqual(await monthsFromEntries(ids, '9999-12-31'))
    const response = await finance.get(`/api/projects/${project}/finance`)
    expect(response.statusCode, response.body).toBe(200)
    const page = json<{ spentTotalOre: number }>(response)
    expect(page.spentTotalOre).toBe(await spentFromEntries(ids, '9999-12-31'))

    // The portfolio list, a row and the sort by burn, reads the same sums.
    const user: AuthUser = { ...financeUser, grants: [{ role: 'administrator', organisationId: lulea }] }
    const list = await listPortfolio(t.db, user, { sort: 'burn', limit: 50 })
    const row = list.items.find((i) => i.id === project)
    expect(row?.burn.spentOre).toBe(await spentFromEntries(ids, todayInSweden()))
  })
})

const yearRows = () =>
  t.db.selectFrom('cost_year').selectAll().orderBy('project_id').orderBy('year').orderBy('category').execute()

async function importCommitted(rows: LedgerRow[]) {
  const id = await importLedger(rows)
  expect((await finance.post(`/api/finance/imports/${id}/commit`)).statusCode).toBe(200)
  await expectRollupsMatchEntries()
}

/*
 * The portfolio overview sums in SQL; here the same figures come straight from the entries,
 * the budget lines, the funding rows and the shared rules (`yearCategoryForecast`,
 * `allocateByWeights`), the way the overview computed them in Node before.
 */
interface Overview {
  projects: {
    project: { id: string }
    grantedOre: number
    budgetedOre: number
    spentOre: number
    forecastOre: number
    unspentOre: number
  }[]
  funders: { funderName: string; grantedOre: number; spentOre: number }[]
  years: {
    year: number
    grantedOre: number
    budgetedOre: number
    spentOre: number
    forecastOre: number
    unspentOre: number
  }[]
}

async function overviewFromEntries(projectIds: string[], asOf: string, year?: number): Promise<Overview> {
  const inYear = (y: number) => year === undefined || y === year
  const sum = (values: number[]) => values.reduce((a, v) => a + v, 0)
  const funderGranted = new Map<string, number>()
  const funderSpent = new Map<string, number>()
  const yearTotals = new Map<
    number,
    { grantedOre: number; budgetedOre: number; spentOre: number; forecastOre: number }
  >()
  const yearOf = (y: number) => {
    const row = yearTotals.get(y) ?? { grantedOre: 0, budgetedOre: 0, spentOre: 0, forecastOre: 0 }
    yearTotals.set(y, row)
    return row
  }
  const projects: Overview['projects'] = []
  for (const id of projectIds) {
    const subs = await t.db.selectFrom('project').where('parent_id', '=', id).select('id').execute()
    const scope = [id, ...subs.map((s) => s.id)]
    const { rows: budget } = await sql<{ year: number; category: string; amount: string }>`
      select l.year, l.category, sum(l.amount_ore)::text as amount from budget_line l
      join budget_version v on v.id = l.budget_version_id
      where v.project_id = ${id} and v.status = 'approved'
        and v.approval_seq = (select max(approval_seq) from budget_version where project_id = ${id})
      group by 1, 2`.execute(t.db)
    const { rows: actual } = await sql<{ year: number; category: string; amount: string }>`
      select extract(year from a.entry_date)::int as year, a.category, sum(a.amount_ore)::text as amount
      from actual_cost a
      where a.project_id = any(${scope}::uuid[]) and a.entry_date <= ${asOf}::date and ${countingCost}
      group by 1, 2`.execute(t.db)
    const manual = await t.db
      .selectFrom('finance_forecast')
      .where('project_id', '=', id)
      .selectAll()
      .execute()
    const funding = await t.db
      .selectFrom('funding_entry')
      .where('project_id', '=', id)
      .select(['funder_name', 'year', 'amount_ore', 'status'])
      .execute()
    const amounts = (rows: { year: number; category: string; amount: string }[]) =>
      rows.map((r) => ({ year: Number(r.year), category: r.category, amountOre: Number(r.amount) }))
    const cells = yearCategoryForecast({
      budget: amounts(budget),
      actual: amounts(actual),
      manual: manual.map((m) => ({ year: m.year, category: m.category, amountOre: m.amount_ore })),
      asOfYear: Number(asOf.slice(0, 4)),
    })
    const granted = funding.filter((f) => f.status !== 'applied')
    const budgetedOre = sum(
      amounts(budget)
        .filter((b) => inYear(b.year))
        .map((b) => b.amountOre),
    )
    const forecastOre = sum(cells.filter((c) => inYear(c.year)).map((c) => c.amountOre))
    projects.push({
      project: { id },
      grantedOre: sum(granted.filter((f) => inYear(f.year)).map((f) => f.amount_ore)),
      budgetedOre,
      spentOre: sum(
        amounts(actual)
          .filter((a) => inYear(a.year))
          .map((a) => a.amountOre),
      ),
      forecastOre,
      unspentOre: budgetedOre - forecastOre,
    })
    for (const f of granted.filter((g) => inYear(g.year))) {
      funderGranted.set(f.funder_name, (funderGranted.get(f.funder_name) ?? 0) + f.amount_ore)
    }
    for (const f of funding) if (f.status !== 'applied') yearOf(f.year).grantedOre += f.amount_ore
    for (const f of funding) yearOf(f.year)
    for (const b of amounts(budget)) yearOf(b.year).budgetedOre += b.amountOre
    for (const a of amounts(actual)) yearOf(a.year).spentOre += a.amountOre
    for (const c of cells) yearOf(c.year).forecastOre += c.amountOre
    // Each year's actual split by the funders' shares that year, else over all years.
    const names = [...new Set(funding.map((f) => f.funder_name))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const spentYears = [...new Set(amounts(actual).map((a) => a.year))].filter(inYear)
    for (const y of spentYears) {
      const amount = sum(
        amounts(actual)
          .filter((a) => a.year === y)
          .map((a) => a.amountOre),
      )
      const weightsIn = (which: (f: { year: number }) => boolean) =>
        names.map((n) => sum(funding.filter((f) => f.funder_name === n && which(f)).map((f) => f.amount_ore)))
      const yearWeights = weightsIn((f) => f.year === y)
      const weights = yearWeights.some((w) => w > 0) ? yearWeights : weightsIn(() => true)
      if (!weights.some((w) => w > 0)) {
        funderSpent.set('', (funderSpent.get('') ?? 0) + amount)
        continue
      }
      allocateByWeights(amount, weights).forEach((part, i) => {
        const name = names[i] ?? ''
        funderSpent.set(name, (funderSpent.get(name) ?? 0) + part)
      })
    }
  }
  const funderNames = [...new Set([...funderGranted.keys(), ...funderSpent.keys()])].sort((a, b) =>
    a.localeCompare(b, 'sv'),
  )
  return {
    projects,
    funders: funderNames.map((name) => ({
      funderName: name || 'Ej fördelat',
      grantedOre: funderGranted.get(name) ?? 0,
      spentOre: funderSpent.get(name) ?? 0,
    })),
    years: [...yearTotals.entries()]
      .filter(([y]) => inYear(y))
      .sort(([a], [b]) => a - b)
      .map(([y, totals]) => ({ year: y, ...totals, unspentOre: totals.budgetedOre - totals.forecastOre })),
  }
}

describe('the portfolio overview', () => {
  it('sums projects, years and funders as the plain computation over the entries does', async () => {
    const soc = await t.db
      .selectFrom('project')
      .where('id', '=', project)
      .select('owner_organisation_id')
      .executeTakeFirstOrThrow()
    const shared = await t.fixtures.project({
      ownerOrganisationId: soc.owner_organisation_id,
      name: 'Fördelning',
      plannedStart: '2023-01-01',
      plannedEnd: '2025-12-31',
    })
    const unfunded = await t.fixtures.project({
      ownerOrganisationId: soc.owner_organisation_id,
      name: 'Utan finansiär',
      plannedStart: '2023-01-01',
      plannedEnd: '2025-12-31',
    })
    const funding = (
      projectId: string,
      funderName: string,
      year: number,
      amountOre: number,
      status: string,
    ) => ({
      id: uuid(),
      project_id: projectId,
      funder_name: funderName,
      funder_kind: 'external_grant',
      year,
      amount_ore: amountOre,
      status,
    })
    await t.db
      .insertInto('funding_entry')
      .values([
        // 2023: only an application, which still weighs.
        funding(shared, 'Kommunen', 2023, kr(500), 'applied'),
        // 2024: equal shares, so an odd öre goes to the name first in byte order.
        funding(shared, 'Arvsfonden', 2024, kr(300), 'granted'),
        funding(shared, 'ESF', 2024, kr(300), 'paid_out'),
        funding(shared, 'ESF', 2026, 0, 'granted'),
        // 2025 has none: the shares over every year apply.
      ])
      .execute()
    const costs = [
      { projectId: shared, date: '2023-05-01', amountOre: kr(120) + 3, category: 'staff' },
      { projectId: shared, date: '2024-02-10', amountOre: kr(1_000) + 1, category: 'staff' },
      { projectId: shared, date: '2024-03-10', amountOre: -kr(7) - 3, category: 'other' },
      { projectId: shared, date: '2024-09-10', amountOre: kr(44), category: 'staff' },
      { projectId: shared, date: '2025-01-10', amountOre: kr(333) + 7, category: 'premises' },
      { projectId: unfunded, date: '2024-04-10', amountOre: kr(99) + 9, category: 'staff' },
    ]
    for (const { projectId, ...entry } of costs) {
      const created = await finance.post(`/api/projects/${projectId}/finance/actuals`, entry)
      expect(created.statusCode, created.body).toBe(201)
    }
    for (const asOf of ['2024-06-15', '2025-12-31']) {
      for (const year of [undefined, 2023, 2024, 2025]) {
        const query = `asOf=${asOf}${year ? `&year=${year}` : ''}`
        const response = await admin.get(`/api/finance/portfolio?${query}`)
        expect(response.statusCode, response.body).toBe(200)
        const overview = json<Overview>(response)
        const ids = overview.projects.map((p) => p.project.id)
        expect(ids).toEqual(expect.arrayContaining([project, shared, unfunded]))
        const expected = await overviewFromEntries(ids, asOf, year)
        expect(overview.projects, query).toMatchObject(expected.projects)
        expect(overview.funders, query).toEqual(expected.funders)
        expect(overview.years, query).toEqual(expected.years)
      }
    }
  })
})

describe('a category in use', () => {
  it('is one costs use, found in the roll-ups, until its last entry goes', async () => {
    type Settings = {
      categories: { code: string; nameSv: string; nameEn: string; active: boolean }[]
      accountRules: unknown[]
      version: number
    }
    const settings = async () =>
      json<Settings>(await finance.get(`/api/finance/organisations/${lulea}/settings`))
    const before = await settings()
    const travel = { code: 'travel', nameSv: 'Resor', nameEn: 'Travel', active: true }
    const added = await finance.put(`/api/finance/organisations/${lulea}/settings`, {
      version: before.version,
      categories: [...before.categories, travel],
      accountRules: before.accountRules,
    })
    expect(added.statusCode, added.body).toBe(200)
    const entry = await finance.post(`/api/projects/${project}/finance/actuals`, {
      date: '2024-05-05',
      amountOre: kr(12),
      category: 'travel',
    })
    expect(entry.statusCode, entry.body).toBe(201)
    const withTravel = await settings()
    const drop = () =>
      finance.put(`/api/finance/organisations/${lulea}/settings`, {
        version: withTravel.version,
        categories: withTravel.categories.filter((c) => c.code !== 'travel'),
        accountRules: withTravel.accountRules,
      })
    const refused = await drop()
    expect(refused.statusCode, refused.body).toBe(422)
    expect(json(refused).code).toBe('category_in_use')
    const { id } = json<{ id: string }>(entry)
    expect((await finance.delete(`/api/projects/${project}/finance/actuals/${id}`)).statusCode).toBe(204)
    const dropped = await drop()
    expect(dropped.statusCode, dropped.body).toBe(200)
  })
})

// Concurrency needs connections of its own: PostgreSQL only (PGlite serves one at a time).
if (process.env.DATABASE_URL) {
  describe('roll-up writes on PostgreSQL', () => {
    it('lock the cells they change in key order before changing any', async () => {
      // Cell B (staff) is written before cell A (equipment), so B comes first in the table
      // while A sorts first: an update that locked cells in scan order would take B first.
      const soc = await t.db
        .selectFrom('project')
        .where('id', '=', project)
        .select('owner_organisation_id')
        .executeTakeFirstOrThrow()
      const locking = await t.fixtures.project({
        ownerOrganisationId: soc.owner_organisation_id,
        name: 'Låsordning',
        plannedStart: '2023-01-01',
        plannedEnd: '2025-12-31',
      })
      for (const category of ['staff', 'equipment']) {
        const created = await finance.post(`/api/projects/${locking}/finance/actuals`, {
          date: '2024-08-08',
          amountOre: kr(10),
          category,
        })
        expect(created.statusCode, created.body).toBe(201)
      }
      const cell = (category: string) =>
        sql`select 1 from cost_month where project_id = ${locking} and category = ${category}`
      let release = () => {}
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      let holding = () => {}
      const held = new Promise<void>((resolve) => {
        holding = resolve
      })
      // One transaction holds A; a removal of both cells must then wait on A holding nothing else.
      const holder = t.db.transaction().execute(async (trx) => {
        await sql`${cell('equipment')} for update`.execute(trx)
        holding()
        await released
      })
      await held
      const aborted = new Error('rolled back on purpose')
      const remover = t.db
        .transaction()
        .execute(async (trx) => {
          await removeFromRollup(trx, costsOf.projects([locking]))
          throw aborted
        })
        .catch((error: unknown) => error)
      try {
        // Until the removal waits for a lock.
        for (let i = 0; i < 200; i++) {
          const { rows } = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db)
          if ((rows[0]?.waiting ?? 0) > 0) break
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        // B is still free: the removal waits on A before it took B.
        await t.db.transaction().execute(async (trx) => {
          await sql`${cell('staff')} for update nowait`.execute(trx)
          await sql`select 1 from cost_year where project_id = ${locking} for update nowait`.execute(trx)
        })
      } finally {
        release()
        await holder
      }
      expect(await remover).toBe(aborted)
      await expectRollupsMatchEntries()
    })

    it('let concurrent commits and rollbacks of imports sharing cells all finish', async () => {
      const rows = (from: number) =>
        Array.from({ length: 24 }, (_, n) =>
          ledgerRow(
            from + n,
            `2024-${String((n % 4) + 7).padStart(2, '0')}-${String((n % 20) + 1).padStart(2, '0')}`,
          ),
        )
      const committed = [await importLedger(rows(300)), await importLedger(rows(400))]
      for (const id of committed)
        expect((await finance.post(`/api/finance/imports/${id}/commit`)).statusCode).toBe(200)
      const fresh = await importLedger(rows(500))
      const manual = await finance.post(`/api/projects/${project}/finance/actuals`, {
        date: '2024-07-02',
        amountOre: kr(3),
        category: 'staff',
      })
      expect(manual.statusCode, manual.body).toBe(201)
      // Two rollbacks, a commit (one at a time per organisation) and hand-entered costs in and
      // out at once, over the same months and categories.
      const results = await Promise.all([
        ...committed.map((id) =>
          finance.post(`/api/finance/imports/${id}/rollback`, { reason: 'Samtidigt' }),
        ),
        finance.post(`/api/finance/imports/${fresh}/commit`),
        finance.delete(`/api/projects/${project}/finance/actuals/${json<{ id: string }>(manual).id}`),
        finance.post(`/api/projects/${project}/finance/actuals`, {
          date: '2024-08-03',
          amountOre: 5,
          category: 'staff',
        }),
      ])
      for (const result of results) expect([200, 201, 204], result.body).toContain(result.statusCode)
      await expectRollupsMatchEntries()
    })
  })
}
