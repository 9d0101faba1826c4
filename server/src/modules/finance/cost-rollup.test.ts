import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { yearCategoryForecast } from '@lagesbild/shared/domain/forecast'
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthUser } from '../../plugins/auth.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'
import { listPortfolio } from '../portfolio/queries.ts'
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
