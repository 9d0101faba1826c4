import type { ProjectFinance } from '@lagesbild/shared/api/finance'
import { sumBy } from '@lagesbild/shared/domain/finance'
import { sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { ProjectAccess } from '../projects/access.ts'
import { listCodes } from './actuals.ts'
import { currentBudgetVersionId, getBudgetVersion, listBudgetVersions, mayDraftBudget } from './budget.ts'
import { burnStatus, financeSettings, listForecast } from './follow-up.ts'
import { funderTotals, listFunding } from './funding.ts'
import { listInKind } from './in-kind.ts'
import { categoriesFor, followUpPeriod, liveActuals, projectContext, toOre } from './queries.ts'

/** Everything the project's finance page opens with, in one answer. */
export async function getProjectFinance(
  db: Kysely<Database>,
  access: ProjectAccess,
  projectId: string,
): Promise<Static<typeof ProjectFinance>> {
  const ctx = await projectContext(db, projectId)
  const [
    categories,
    funding,
    versions,
    currentId,
    originalId,
    inKind,
    codes,
    forecast,
    settings,
    burn,
    spent,
  ] = await Promise.all([
    categoriesFor(db, ctx.organisationId),
    listFunding(db, projectId),
    listBudgetVersions(db, projectId),
    currentBudgetVersionId(db, projectId, 'current'),
    currentBudgetVersionId(db, projectId, 'original'),
    listInKind(db, ctx.projectIds),
    listCodes(db, ctx.projectIds),
    listForecast(db, projectId),
    financeSettings(db, projectId),
    burnStatus(db, projectId),
    liveActuals(db)
      .where('a.project_id', 'in', ctx.projectIds)
      .select(sql<string>`coalesce(sum(a.amount_ore), 0)::text`.as('total'))
      .executeTakeFirst(),
  ])
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
    categories,
    funding,
    funders: funderTotals(funding),
    fundingTotalOre: sumOre(funding.map((f) => f.amountOre)),
    fundingByYear: [...byYear]
      .map(([year, amountOre]) => ({ year: Number(year), amountOre }))
      .sort((a, b) => a.year - b.year),
    currentBudget: currentId ? await getBudgetVersion(db, projectId, currentId) : null,
    originalBudgetId: originalId,
    versions,
    inKind,
    inKindTotalOre: sumOre(inKind.map((c) => c.valueOre)),
    spentTotalOre: toOre(spent?.total ?? '0'),
    codes,
    forecast,
    settings,
    burn,
    permissions: { edit: finance, propose: mayDraftBudget(access), approve: finance },
  }
}
