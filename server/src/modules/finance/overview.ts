import type { ProjectFinance } from '@lagesbild/shared/api/finance'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { sumBy } from '@lagesbild/shared/domain/finance'
import { sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { ProjectAccess } from '../projects/access.ts'
import { codesQuery, toCode } from './actuals.ts'
import { mayDraftBudget, toLine, toSummary, versionQuery } from './budget.ts'
import { burnStatusOf, followUpColumns, followUpFrom } from './follow-up.ts'
import { funderTotals } from './funding.ts'
import { inKindQuery, toContribution } from './in-kind.ts'
import { followUpPeriod, idArray, projectContext, toCategories, toOre } from './queries.ts'

/**
 * Everything the project's finance page opens with, in one answer and two queries: the
 * project's context, then one query whose lists come back as JSON. Each query holds one of the
 * shared pool's connections, so under load fewer queries is what answers more pages.
 */
export async function getProjectFinance(
  db: Kysely<Database>,
  access: ProjectAccess,
  projectId: string,
): Promise<Static<typeof ProjectFinance>> {
  const ctx = await projectContext(db, projectId)
  const asOf = todayInSweden()
  const ids = idArray(ctx.projectIds)
  const row = await db
    .selectNoFrom((eb) => [
      ...followUpColumns(db, ctx, asOf),
      eb
        .selectFrom('finance_settings')
        .where('organisation_id', '=', ctx.organisationId)
        .select('categories')
        .as('categories'),
      jsonArrayFrom(versionQuery(db).where('v.project_id', '=', projectId).orderBy('v.number', 'desc')).as(
        'versions',
      ),
      jsonArrayFrom(inKindQuery(db, ids)).as('in_kind'),
      jsonArrayFrom(codesQuery(db, ids)).as('codes'),
      // Every cost that counts, whatever its date: the roll-up by year holds them all.
      sql<string>`(select coalesce(sum(y.amount_ore), 0)::text from cost_year y where y.project_id = any(${ids}))`.as(
        'spent',
      ),
    ])
    .executeTakeFirstOrThrow()

  const data = followUpFrom(ctx, row)
  const funding = data.funding
  const versions = row.versions.map(toSummary)
  const current = versions.find((v) => v.id === row.current_id)
  const inKind = row.in_kind.map(toContribution)
  const byYear = sumBy(
    funding,
    (f) => String(f.year),
    (f) => f.amountOre,
  )
  const finance = access.capabilities.includes('project:finance')
  return {
    project: { id: ctx.id, name: ctx.name },
    organisation: { id: ctx.organisationId, name: ctx.organisationName },
    period: followUpPeriod(ctx),
    categories: toCategories(row.categories),
    funding,
    funders: funderTotals(funding),
    fundingTotalOre: sumOre(funding.map((f) => f.amountOre)),
    fundingByYear: [...byYear]
      .map(([year, amountOre]) => ({ year: Number(year), amountOre }))
      .sort((a, b) => a.year - b.year),
    currentBudget: current ? { ...current, lines: row.current_lines.map(toLine) } : null,
    originalBudgetId: row.original_id,
    versions,
    inKind,
    inKindTotalOre: sumOre(inKind.map((c) => c.valueOre)),
    spentTotalOre: toOre(row.spent),
    codes: row.codes.map(toCode),
    forecast: data.manual,
    settings: data.settings,
    burn: burnStatusOf(data, asOf),
    permissions: { edit: finance, propose: mayDraftBudget(access), approve: finance },
  }
}
