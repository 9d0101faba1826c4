/*
 * Times the portfolio read model against a database of your own filled with synthetic projects:
 *   DATABASE_URL=postgres://…/portfolio_bench node server/src/modules/portfolio/bench.ts <userId>
 * Not part of the test run; it is how the indexes in migration 0008 were chosen.
 */
import { portfolioSorts } from '@lagesbild/shared/domain/portfolio'
import { connect } from '../../db/connect.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { home } from './home.ts'
import { listPortfolio } from './queries.ts'

const url = process.env.DATABASE_URL
const userId = process.argv[2]
if (!url || !userId) throw new Error('Usage: DATABASE_URL=… node bench.ts <userId>')
const db = await connect({ databaseUrl: url, dataDir: undefined })
try {
  const grants = await db.kysely.selectFrom('role_grant').where('user_id', '=', userId).selectAll().execute()
  const user: AuthUser = {
    id: userId,
    email: 'bench@example.se',
    name: 'Bench',
    organisationId: grants[0]?.organisation_id ?? '',
    personId: null,
    grants: grants.map((g) => ({
      role: g.role as AuthUser['grants'][number]['role'],
      organisationId: g.organisation_id,
    })),
  }
  for (const sort of portfolioSorts) {
    const started = performance.now()
    const first = await listPortfolio(db.kysely, user, { sort, limit: 50 })
    const middle = performance.now()
    await listPortfolio(db.kysely, user, { sort, limit: 50, cursor: first.nextCursor ?? undefined })
    const done = performance.now()
    console.log(
      `${sort.padEnd(14)} first page ${(middle - started).toFixed(0)} ms, next ${(done - middle).toFixed(0)} ms`,
    )
  }
  const started = performance.now()
  await home(db.kysely, user)
  console.log(`home           ${(performance.now() - started).toFixed(0)} ms`)
} finally {
  await db.close()
}
