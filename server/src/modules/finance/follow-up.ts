import type { BudgetSummary, BurnReport, BurnStatus, ForecastEntry } from '@lagesbild/shared/api/finance'
import {
  burnSeries,
  judgeBurn,
  type Month,
  monthOf,
  planByMonth,
  pointAt,
} from '@lagesbild/shared/domain/burn'
import { burnByCategory, burnByFunder, perFunder, UNALLOCATED } from '@lagesbild/shared/domain/burn-breakdown'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { allocateByWeights, type InKindUnit, inKindValueOre, sumBy } from '@lagesbild/shared/domain/finance'
import {
  expectedUnspent,
  forecastTotal,
  runRateForecast,
  splitPeriod,
  yearCategoryForecast,
} from '@lagesbild/shared/domain/forecast'
import { type Ore, sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { budgetVersionIdQuery, linesQuery } from './budget.ts'
import { fundingQuery, toEntry } from './funding.ts'
import {
  actualsByMonthQuery,
  categoriesFor,
  followUpPeriod,
  idArray,
  type ProjectContext,
  projectContext,
  toMonthAmount,
} from './queries.ts'

type Status = Static<typeof BurnStatus>
type Report = Static<typeof BurnReport>
type Forecast = Static<typeof ForecastEntry>

const DEFAULT_THRESHOLD_BP = 1000

const settingsQuery = (db: Kysely<Database>, projectId: string) =>
  db
    .selectFrom('project_finance')
    .where('project_id', '=', projectId)
    .select(['deviation_threshold_bp', 'version'])

const toSettings = (row: { deviation_threshold_bp: number; version: number } | null | undefined) => ({
  deviationThresholdBp: row?.deviation_threshold_bp ?? DEFAULT_THRESHOLD_BP,
  version: row?.version ?? 1,
})

export async function financeSettings(db: Kysely<Database>, projectId: string) {
  return toSettings(await settingsQuery(db, projectId).executeTakeFirst())
}

/** Locks (creating if need be) the project's finance row: the version that guards threshold and forecast. */
async function lockSettings(trx: Kysely<Database>, projectId: string) {
  await trx
    .insertInto('project_finance')
    .values({ project_id: projectId })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return trx
    .selectFrom('project_finance')
    .where('project_id', '=', projectId)
    .selectAll()
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export async function patchSettings(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  expected: number,
  deviationThresholdBp: number,
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockSettings(trx, projectId)
    const before = { deviationThresholdBp: row.deviation_threshold_bp, version: row.version }
    if (row.version !== expected) throw staleVersion(before)
    await trx
      .updateTable('project_finance')
      .set({ deviation_threshold_bp: deviationThresholdBp, version: row.version + 1, updated_at: new Date() })
      .where('project_id', '=', projectId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'project_finance',
      entityId: projectId,
      projectId,
      action: 'update',
      before: { deviationThresholdBp: row.deviation_threshold_bp },
      after: { deviationThresholdBp },
    })
    return { deviationThresholdBp, version: row.version + 1 }
  })
}

const forecastQuery = (db: Kysely<Database>, projectId: string) =>
  db
    .selectFrom('finance_forecast')
    .where('project_id', '=', projectId)
    .select(['year', 'category', 'amount_ore'])
    .orderBy('year')
    .orderBy('category')

const toForecast = (r: { year: number; category: string; amount_ore: number }): Forecast => ({
  year: r.year,
  category: r.category,
  amountOre: r.amount_ore,
})

export async function listForecast(db: Kysely<Database>, projectId: string): Promise<Forecast[]> {
  return (await forecastQuery(db, projectId).execute()).map(toForecast)
}

export async function putForecast(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  expected: number,
  entries: Forecast[],
) {
  const ctx = await projectContext(db, projectId)
  const categories = new Set((await categoriesFor(db, ctx.organisationId)).map((c) => c.code))
  const seen = new Set<string>()
  entries.forEach((e, index) => {
    if (!categories.has(e.category)) {
      throw invalidCategory(`entries.${index}.category`)
    }
    const key = `${e.year}|${e.category}`
    if (seen.has(key)) throw duplicateForecast(`entries.${index}`)
    seen.add(key)
  })
  return db.transaction().execute(async (trx) => {
    const row = await lockSettings(trx, projectId)
    const before = await listForecast(trx, projectId)
    if (row.version !== expected) throw staleVersion({ entries: before, version: row.version })
    await trx.deleteFrom('finance_forecast').where('project_id', '=', projectId).execute()
    if (entries.length > 0) {
      await trx
        .insertInto('finance_forecast')
        .values(
          entries.map((e) => ({
            project_id: projectId,
            year: e.year,
            category: e.category,
            amount_ore: e.amountOre,
          })),
        )
        .execute()
    }
    await trx
      .updateTable('project_finance')
      .set({ version: row.version + 1, updated_at: new Date() })
      .where('project_id', '=', projectId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_forecast',
      entityId: projectId,
      projectId,
      action: 'update',
      before,
      after: entries,
    })
    return { entries: await listForecast(trx, projectId), version: row.version + 1 }
  })
}

const invalidCategory = (field: string) =>
  invalidField(field, 'unknown_category', {
    sv: 'Kostnadskategorin finns inte i organisationens lista.',
    en: "The cost category is not in the organisation's list.",
  })

const duplicateForecast = (field: string) =>
  invalidField(field, 'duplicate_line', {
    sv: 'Samma år och kategori finns redan på en annan rad.',
    en: 'The same year and category are already on another line.',
  })

export interface FollowUpData {
  ctx: ProjectContext
  period: { start: string; end: string }
  lines: { year: number; category: string; amountOre: Ore }[]
  originalLines: { year: number; category: string; amountOre: Ore }[]
  actuals: { month: Month; category: string; amountOre: Ore }[]
  funding: ReturnType<typeof toEntry>[]
  manual: Forecast[]
  settings: ReturnType<typeof toSettings>
}

/**
 * What follow-up reads of a project, as columns of one query (JSON where it is a list), so a
 * page that needs it pays one round trip; the project page adds its own columns beside these.
 */
export function followUpColumns(db: Kysely<Database>, ctx: ProjectContext, asOf: string) {
  const current = sql<string | null>`(${budgetVersionIdQuery(db, ctx.id, 'current')})`
  const original = sql<string | null>`(${budgetVersionIdQuery(db, ctx.id, 'original')})`
  return [
    current.as('current_id'),
    original.as('original_id'),
    jsonArrayFrom(linesQuery(db, current)).as('current_lines'),
    jsonArrayFrom(linesQuery(db, original)).as('original_lines'),
    jsonArrayFrom(actualsByMonthQuery(idArray(ctx.projectIds), asOf)).as('actuals'),
    jsonArrayFrom(fundingQuery(db, ctx.id)).as('funding'),
    jsonArrayFrom(forecastQuery(db, ctx.id)).as('forecast'),
    jsonObjectFrom(settingsQuery(db, ctx.id)).as('settings'),
  ] as const
}

const followUpQuery = (db: Kysely<Database>, ctx: ProjectContext, asOf: string) =>
  db.selectNoFrom(followUpColumns(db, ctx, asOf))

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['executeTakeFirstOrThrow']>>

const amounts = (lines: readonly { year: number; category: string; amount_ore: number }[]) =>
  lines.map((l) => ({ year: l.year, category: l.category, amountOre: l.amount_ore }))

export function followUpFrom(ctx: ProjectContext, row: FollowUpRow): FollowUpData {
  return {
    ctx,
    period: followUpPeriod(ctx),
    lines: amounts(row.current_lines),
    originalLines: amounts(row.original_lines),
    actuals: row.actuals.map(toMonthAmount),
    funding: row.funding.map(toEntry),
    manual: row.forecast.map(toForecast),
    settings: toSettings(row.settings),
  }
}

async function loadFollowUp(db: Kysely<Database>, projectId: string, asOf: string): Promise<FollowUpData> {
  const ctx = await projectContext(db, projectId)
  const row = await followUpQuery(db, ctx, asOf).executeTakeFirstOrThrow()
  return followUpFrom(ctx, row)
}

const monthEnd = (month: Month) => `${month}-28`
const actualEntries = (actuals: FollowUpData['actuals']) =>
  actuals.map((a) => ({ date: monthEnd(a.month), category: a.category, amountOre: a.amountOre }))

function statusOf(data: FollowUpData, lines: FollowUpData['lines'], asOf: string) {
  const series = burnSeries({ lines, actuals: actualEntries(data.actuals), period: data.period })
  const asOfMonth = monthOf(asOf)
  const { cumulativePlanOre, cumulativeActualOre } = pointAt(series, asOfMonth)
  const budgetTotal = sumOre(lines.map((l) => l.amountOre))
  const { elapsed, remaining } = splitPeriod(monthOf(data.period.start), monthOf(data.period.end), asOfMonth)
  const runRate = runRateForecast({
    spentOre: cumulativeActualOre,
    elapsedMonths: elapsed,
    remainingMonths: remaining,
    remainingPlanOre: budgetTotal - cumulativePlanOre,
  })
  const verdict = judgeBurn(cumulativePlanOre, cumulativeActualOre, data.settings.deviationThresholdBp)
  const status: Status = {
    asOf,
    state: verdict.state,
    deviationBp: verdict.deviationBp,
    thresholdBp: verdict.thresholdBp,
    budgetTotalOre: budgetTotal,
    plannedToDateOre: cumulativePlanOre,
    spentToDateOre: cumulativeActualOre,
    forecastOre: runRate,
    expectedUnspentOre: expectedUnspent(budgetTotal, runRate),
  }
  return { series, status, remaining }
}

/**
 * Burn against the current budget at a date: planned and spent to date, the deviation and
 * whether it is beyond the project's threshold, and the run-rate forecast. Status reports call this.
 */
export async function burnStatus(
  db: Kysely<Database>,
  projectId: string,
  asOf: string = todayInSweden(),
): Promise<Status> {
  return burnStatusOf(await loadFollowUp(db, projectId, asOf), asOf)
}

export const burnStatusOf = (data: FollowUpData, asOf: string): Status =>
  statusOf(data, data.lines, asOf).status

const byYear = <T>(rows: readonly T[], year: (row: T) => number, amount: (row: T) => Ore) =>
  new Map([...sumBy(rows, (r) => String(year(r)), amount)].map(([y, value]) => [Number(y), value]))

/** Drops the unallocated share when it is nothing, as a project with a funding plan has. */
const withoutEmptyUnallocated = (shares: Map<string, Ore>) => {
  if (shares.get(UNALLOCATED) === 0) shares.delete(UNALLOCATED)
  return shares
}

/** Actual per funder: each year's actual divided by the funders' shares of that year, to the öre. */
const actualByFunder = (data: FollowUpData): Map<string, Ore> =>
  withoutEmptyUnallocated(
    perFunder(
      byYear(
        data.actuals,
        (a) => Number(a.month.slice(0, 4)),
        (a) => a.amountOre,
      ),
      data.funding,
    ),
  )

export async function burnReport(
  db: Kysely<Database>,
  projectId: string,
  query: { asOf?: string | undefined; compare?: 'current' | 'original' | undefined },
): Promise<Report> {
  const asOf = query.asOf ?? todayInSweden()
  const compare = query.compare ?? 'current'
  const data = await loadFollowUp(db, projectId, asOf)
  const lines = compare === 'original' ? data.originalLines : data.lines
  const { series, status, remaining } = statusOf(data, lines, asOf)
  const asOfMonth = monthOf(asOf)

  // The forecast path continues from the spending to date along the run rate.
  const future = series.filter((p) => p.month > asOfMonth && p.month <= monthOf(data.period.end))
  const extra = status.forecastOre - status.spentToDateOre
  const steps =
    future.length > 0 && remaining > 0
      ? allocateByWeights(
          extra,
          future.map(() => 1),
        )
      : []
  let running = status.spentToDateOre
  const forecastByMonth = new Map<Month, Ore>()
  future.forEach((p, index) => {
    running = sumOre([running, steps[index] ?? 0])
    forecastByMonth.set(p.month, running)
  })

  const categories = [
    ...new Set([...lines.map((l) => l.category), ...data.actuals.map((a) => a.category)]),
  ].sort()
  const budgetByCategory = sumBy(
    lines,
    (l) => l.category,
    (l) => l.amountOre,
  )
  const actualByCategory = sumBy(
    data.actuals,
    (a) => a.category,
    (a) => a.amountOre,
  )
  const byCategory = categories.map((category) => {
    const plan = planByMonth(
      lines.filter((l) => l.category === category),
      data.period,
    )
    const plannedToDate = sumOre([...plan.entries()].filter(([m]) => m <= asOfMonth).map(([, v]) => v))
    return {
      category,
      budgetOre: budgetByCategory.get(category) ?? 0,
      actualOre: actualByCategory.get(category) ?? 0,
      plannedToDateOre: plannedToDate,
    }
  })

  // The series split the total line's plan, so every month they add up to it to the öre.
  const months = series.map((p) => p.month)
  const plan = new Map(series.map((p) => [p.month, p.planOre]))
  const breakdown = {
    byCategory: burnByCategory({ months, plan, lines, actuals: data.actuals, categories }),
    byFunder: burnByFunder({
      months,
      plan,
      actual: new Map(series.map((p) => [p.month, p.actualOre])),
      funding: data.funding,
    }),
  }
  const cells = yearCategoryForecast({
    budget: lines,
    actual: data.actuals.map((a) => ({
      year: Number(a.month.slice(0, 4)),
      category: a.category,
      amountOre: a.amountOre,
    })),
    manual: data.manual,
    asOfYear: Number(asOf.slice(0, 4)),
  })
  const manualTotal = forecastTotal(cells)

  // Each funder carries its share of the forecast the way it carries the actual: year by year.
  // The run-rate path per year is the actual to date and then the steps of the months ahead.
  const runRateMonthly = [
    ...series.filter((p) => p.month <= asOfMonth).map((p) => ({ month: p.month, amountOre: p.actualOre })),
    ...future.map((p, index) => ({ month: p.month, amountOre: steps[index] ?? 0 })),
  ]
  const yearOfMonth = (r: { month: Month }) => Number(r.month.slice(0, 4))
  const funderRunRate = perFunder(
    byYear(runRateMonthly, yearOfMonth, (r) => r.amountOre),
    data.funding,
  )
  const funderManual = perFunder(
    byYear(
      cells,
      (c) => c.year,
      (c) => c.amountOre,
    ),
    data.funding,
  )
  const funderBudgetShare = perFunder(
    byYear(
      lines,
      (l) => l.year,
      (l) => l.amountOre,
    ),
    data.funding,
  )
  const funderActual = actualByFunder(data)
  const funderFunding = sumBy(
    data.funding,
    (f) => f.funderName,
    (f) => f.amountOre,
  )
  const carried = (shares: Map<string, Ore>) => [...shares].filter(([, v]) => v !== 0).map(([k]) => k)
  const funderNames = [
    ...new Set([
      ...funderFunding.keys(),
      ...funderActual.keys(),
      ...breakdown.byFunder.map((s) => s.key),
      ...[funderRunRate, funderManual, funderBudgetShare].flatMap(carried),
    ]),
  ]
  const byFunder = funderNames.map((name) => {
    const budgetOre = funderFunding.get(name) ?? 0
    const forecastOre = funderRunRate.get(name) ?? 0
    const forecastManualOre = funderManual.get(name) ?? 0
    const points = breakdown.byFunder.find((s) => s.key === name)?.points ?? []
    return {
      funderName: name,
      budgetOre,
      actualOre: funderActual.get(name) ?? 0,
      budgetShareOre: funderBudgetShare.get(name) ?? 0,
      plannedToDateOre: points.findLast((p) => p.month <= asOfMonth)?.cumulativePlanOre ?? 0,
      forecastOre,
      forecastManualOre,
      expectedUnspentOre: expectedUnspent(budgetOre, forecastOre),
      expectedUnspentManualOre: expectedUnspent(budgetOre, forecastManualOre),
    }
  })

  return {
    status,
    compare,
    points: series.map((p) => ({
      ...p,
      cumulativeForecastOre:
        p.month === asOfMonth ? status.spentToDateOre : (forecastByMonth.get(p.month) ?? null),
    })),
    byCategory,
    byFunder,
    breakdown,
    forecast: {
      runRateOre: status.forecastOre,
      manualOre: manualTotal,
      cells,
      expectedUnspentRunRateOre: status.expectedUnspentOre,
      expectedUnspentManualOre: expectedUnspent(status.budgetTotalOre, manualTotal),
    },
  }
}

type Summary = Static<typeof BudgetSummary>

/**
 * "Bilaga 1 Sammanställning projektbudget" of the municipal final-report template: budget
 * (original and current) against actual per cost category, per funder and per year, with the
 * difference and what was left unspent. The final report (issue 8) renders these rows.
 */
export async function budgetSummary(
  db: Kysely<Database>,
  projectId: string,
  asOf: string = todayInSweden(),
): Promise<Summary> {
  const data = await loadFollowUp(db, projectId, asOf)
  const categories = await categoriesFor(db, data.ctx.organisationId)
  const names = new Map(categories.map((c) => [c.code, c.nameSv]))
  const row = (key: string, label: string, originalOre: Ore, budgetOre: Ore, actualOre: Ore) => ({
    key,
    label,
    originalOre,
    budgetOre,
    actualOre,
    differenceOre: budgetOre - actualOre,
  })

  const current = sumBy(
    data.lines,
    (l) => l.category,
    (l) => l.amountOre,
  )
  const original = sumBy(
    data.originalLines,
    (l) => l.category,
    (l) => l.amountOre,
  )
  const actual = sumBy(
    data.actuals,
    (a) => a.category,
    (a) => a.amountOre,
  )
  const order = new Map(categories.map((c, i) => [c.code, i]))
  const categoryKeys = [...new Set([...current.keys(), ...original.keys(), ...actual.keys()])].sort(
    (a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b),
  )
  const byCategory = categoryKeys.map((k) =>
    row(k, names.get(k) ?? k, original.get(k) ?? 0, current.get(k) ?? 0, actual.get(k) ?? 0),
  )

  const funding = sumBy(
    data.funding,
    (f) => f.funderName,
    (f) => f.amountOre,
  )
  const funderActual = actualByFunder(data)
  const funderKeys = [...new Set([...funding.keys(), ...funderActual.keys()])]
  const byFunder = funderKeys.map((k) =>
    row(
      k || 'unallocated',
      k || 'Ej fördelat på finansiär',
      funding.get(k) ?? 0,
      funding.get(k) ?? 0,
      funderActual.get(k) ?? 0,
    ),
  )

  const yearOf = (y: number) => String(y)
  const currentYear = sumBy(
    data.lines,
    (l) => yearOf(l.year),
    (l) => l.amountOre,
  )
  const originalYear = sumBy(
    data.originalLines,
    (l) => yearOf(l.year),
    (l) => l.amountOre,
  )
  const actualYear = sumBy(
    data.actuals,
    (a) => a.month.slice(0, 4),
    (a) => a.amountOre,
  )
  const years = [...new Set([...currentYear.keys(), ...originalYear.keys(), ...actualYear.keys()])].sort()
  const byYear = years.map((y) =>
    row(y, y, originalYear.get(y) ?? 0, currentYear.get(y) ?? 0, actualYear.get(y) ?? 0),
  )

  const total = row(
    'total',
    'Summa',
    sumOre(data.originalLines.map((l) => l.amountOre)),
    sumOre(data.lines.map((l) => l.amountOre)),
    sumOre(data.actuals.map((a) => a.amountOre)),
  )
  const inKind = await db
    .selectFrom('in_kind_contribution')
    .where('project_id', 'in', data.ctx.projectIds)
    .selectAll()
    .execute()
  return {
    title: 'Bilaga 1 Sammanställning projektbudget',
    project: { id: data.ctx.id, name: data.ctx.name },
    period: data.period,
    asOf,
    byCategory,
    byFunder,
    byYear,
    total,
    unspentOre: Math.max(0, total.differenceOre),
    overrunOre: Math.max(0, -total.differenceOre),
    inKindTotalOre: sumOre(
      inKind.map((c) =>
        inKindValueOre({
          unit: c.unit as InKindUnit,
          quantity: c.quantity,
          months: c.months,
          rateOre: c.rate_ore,
        }),
      ),
    ),
    note: 'Utfallet fördelas på finansiärerna efter deras andel av finansieringen respektive år.',
  }
}
