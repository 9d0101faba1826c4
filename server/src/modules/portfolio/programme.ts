import type { ProgrammeOverview } from '@lagesbild/shared/api/portfolio'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { sumOre } from '@lagesbild/shared/domain/money'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { notFound } from '../../plugins/problem.ts'
import { projectFinanceTotals } from '../finance/portfolio.ts'
import { toOre } from '../finance/queries.ts'
import { findProgramme } from '../programmes/queries.ts'
import { allPortfolioRows } from './queries.ts'

/**
 * A programme's page: the projects in it that the user can see (programmes themselves are
 * registry data anyone may read), their periods on one timeline, and the money over them.
 */
export async function programmeOverview(
  db: Kysely<Database>,
  user: AuthUser,
  programmeId: string,
): Promise<Static<typeof ProgrammeOverview>> {
  const programme = await findProgramme(db, user, programmeId)
  if (!programme) throw notFound()
  const asOf = todayInSweden()
  const projects = await allPortfolioRows(db, user, { programmeId, sort: 'plannedStart' }, asOf, 2000)
  const topLevel = projects.filter((p) => p.parent === null).map((p) => p.id)
  const [totals, funders] = await Promise.all([
    projectFinanceTotals(db, topLevel, { asOf }),
    topLevel.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('funding_entry')
          .where('project_id', 'in', topLevel)
          .where('status', '!=', 'applied')
          .groupBy('funder_name')
          .orderBy('funder_name')
          .select(['funder_name', sql<string>`sum(amount_ore)::text`.as('amount')])
          .execute(),
  ])
  const all = [...totals.values()]
  const starts = projects.map((p) => p.plannedStart)
  const ends = projects.map((p) => p.actualEnd ?? p.plannedEnd)
  return {
    programme: {
      id: programme.id,
      name: programme.name,
      description: programme.description,
      ownerOrganisation: programme.ownerOrganisation,
      periodStart: programme.periodStart,
      periodEnd: programme.periodEnd,
    },
    asOf,
    timeline:
      projects.length === 0
        ? null
        : { start: [...starts].sort()[0] ?? asOf, end: [...ends].sort().at(-1) ?? asOf },
    projects,
    funding: {
      grantedOre: sumOre(all.map((t) => t.grantedOre)),
      budgetedOre: sumOre(all.map((t) => t.budgetOre)),
      spentOre: sumOre(all.map((t) => t.spentOre)),
      funders: funders.map((f) => ({ funderName: f.funder_name, grantedOre: toOre(f.amount) })),
    },
  }
}
