import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { DemoContext, type DemoLoader } from './context.ts'
import { loadFinanceDemo } from './finance.ts'
import { loadFoundationDemo } from './foundation.ts'
import { loadGovernanceDemo } from './governance.ts'
import { loadIndicatorsDemo } from './indicators.ts'
import { loadPlansDemo } from './plans.ts'
import { loadReportsDemo } from './reports.ts'
// Generated report sections are frozen when the demo submits a report: every provider must be there.
import '../report-sections.ts'

/** Each feature's demo, in the order they build on each other. */
const loaders: DemoLoader[] = [
  loadFoundationDemo,
  // Before the plans: a baseline freezes the budget approved by then (Tidiga insatser's budget of
  // 2013-09 belongs in its plan of 2013-11).
  loadFinanceDemo,
  loadPlansDemo,
  // Before the final reports: their Måluppfyllelse section freezes the indicators.
  loadIndicatorsDemo,
  loadReportsDemo,
  loadGovernanceDemo,
]

export async function isDemoLoaded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_setting').where('key', '=', 'demo').select('key').executeTakeFirst()
  return row !== undefined
}

/** Loads the seed projects and demo accounts in one transaction: all of it or none. */
export async function loadDemo(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ctx = new DemoContext(trx)
    for (const load of loaders) await load(ctx)
    await trx
      .insertInto('app_setting')
      .values({ key: 'demo', value: JSON.stringify({ loadedAt: new Date().toISOString() }) })
      .execute()
  })
}
