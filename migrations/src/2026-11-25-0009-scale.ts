import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Portfolio and project finance sum a project's cost entries by year and category. With
    -- the amounts in the index the sums are index-only scans: at national scale (5 million
    -- entries) a municipality's portfolio read 140 000 heap rows scattered over the table.
    create index actual_cost_rollup_idx on actual_cost (project_id, entry_date)
      include (amount_ore, category, import_id);
    drop index actual_cost_project_idx;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create index actual_cost_project_idx on actual_cost (project_id, entry_date);
    drop index actual_cost_rollup_idx;
  `,
  )
}
