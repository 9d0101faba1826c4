import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { type Scale, SynthContext, type SynthPart } from './context.ts'
import { synthFinance } from './finance.ts'
import { synthFoundation } from './foundation.ts'
import { synthGovernance } from './governance.ts'
import { synthIndicators } from './indicators.ts'
import { synthPlans } from './plans.ts'
import { synthStatusReports } from './status-reports.ts'
import { rowWriter } from './writer.ts'

/**
 * Each module's part of the synthetic data set, in the order they build on each other (like
 * the demo loaders). A module adds its own part here: a function that reads what earlier parts
 * left in the context (organisations, staff, projects) and bulk-writes its tables.
 */
const parts: { name: string; run: SynthPart }[] = [
  { name: 'foundation', run: synthFoundation },
  { name: 'plans', run: synthPlans },
  { name: 'finance', run: synthFinance },
  { name: 'governance', run: synthGovernance },
  { name: 'indicators', run: synthIndicators },
  { name: 'status-reports', run: synthStatusReports },
]

export interface SynthMarker {
  scale: Scale['name']
  counts: Record<string, number>
  seconds: number
  generatedAt: string
}

export async function synthMarker(db: Db): Promise<SynthMarker | undefined> {
  const row = await db.kysely
    .selectFrom('app_setting')
    .where('key', '=', 'synth')
    .select('value')
    .executeTakeFirst()
  return row?.value as SynthMarker | undefined
}

export interface SynthOptions {
  /** Called after each part with the rows it wrote per table and the seconds it took. */
  onProgress?: (part: string, counts: Record<string, number>, seconds: number) => void
  today?: string
}

/**
 * Fills a migrated, empty database with a plausible data set of the given scale. Not one
 * transaction (five million rows would hold one open for minutes): the marker written last
 * says the set is complete, and the CLI refuses a database that has rows but no marker.
 */
export async function synthesize(db: Db, scale: Scale, options: SynthOptions = {}): Promise<SynthMarker> {
  const started = performance.now()
  const ctx = new SynthContext(db.kysely, rowWriter(db), scale, options.today ?? todayInSweden())
  for (const part of parts) {
    const partStarted = performance.now()
    const before = { ...ctx.counts }
    await part.run(ctx)
    // What this part wrote: governance adds people and accounts to tables foundation began.
    const written = Object.fromEntries(
      Object.entries(ctx.counts)
        .map(([table, n]): [string, number] => [table, n - (before[table] ?? 0)])
        .filter(([, n]) => n > 0),
    )
    options.onProgress?.(part.name, written, (performance.now() - partStarted) / 1000)
  }
  // Fresh statistics, so the first queries are planned for the real sizes, and the visibility
  // map set, so index-only scans are index-only (autovacuum would get there later).
  await sql`vacuum analyze`.execute(db.kysely)
  const marker: SynthMarker = {
    scale: scale.name,
    counts: ctx.counts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    generatedAt: new Date().toISOString(),
  }
  await db.kysely
    .insertInto('app_setting')
    .values({ key: 'synth', value: JSON.stringify(marker) })
    .execute()
  return marker
}
