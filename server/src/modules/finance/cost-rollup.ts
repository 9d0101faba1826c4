import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { countingCost } from './queries.ts'

/*
 * The roll-ups of actual costs (migration 2026-11-26-0020): per project, month and category
 * (cost_month) and per project, year and category (cost_year), the sum and number of the
 * entries that count. Whatever writes to actual_cost calls these in the same transaction, set
 * based, so an import of 100 000 rows costs one grouped statement, not one per row.
 */

/** Which entries of `actual_cost a` a change concerns. */
export type CostSelection = RawBuilder<boolean>

export const costsOf = {
  entry: (id: string): CostSelection => sql`a.id = ${id}`,
  import: (importId: string): CostSelection => sql`a.import_id = ${importId}`,
  projects: (projectIds: readonly string[]): CostSelection =>
    sql`a.project_id = any(${[...projectIds]}::uuid[])`,
  all: sql<boolean>`true`,
}

/** The selected entries that count, per project, month (its first day) and category. */
const delta = (which: CostSelection) => sql`
  select a.project_id, date_trunc('month', a.entry_date)::date as month, a.category,
    sum(a.amount_ore) as amount_ore, count(*) as entries
  from actual_cost a
  -- Only entries that count: an import is added once marked committed, in that transaction.
  where ${which} and ${countingCost}
  group by 1, 2, 3`

async function add(trx: Kysely<Database>, which: CostSelection) {
  // One pass over the entries. Cells are written months first, then years, each in key order
  // (the years' insert waits for the months' by reading their count), the order `remove`
  // locks them in: two transactions writing the same cells queue rather than deadlock.
  await sql`
    with delta as materialized (${delta(which)}),
    months as (
      insert into cost_month as t (project_id, month, category, amount_ore, entries)
      select project_id, month, category, amount_ore, entries from delta
      order by project_id, month, category
      on conflict (project_id, month, category) do update
        set amount_ore = t.amount_ore + excluded.amount_ore, entries = t.entries + excluded.entries
      returning 1
    )
    insert into cost_year as t (project_id, year, category, amount_ore, entries)
    select project_id, extract(year from month)::int, category, sum(amount_ore), sum(entries) from delta
    where (select count(*) from months) >= 0
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (project_id, year, category) do update
      set amount_ore = t.amount_ore + excluded.amount_ore, entries = t.entries + excluded.entries
  `.execute(trx)
}

async function remove(trx: Kysely<Database>, which: CostSelection) {
  const { rows } = await sql<{ cells: number; changed: number }>`
    with delta as materialized (${delta(which)}),
    years as materialized (
      select project_id, extract(year from month)::int as year, category,
        sum(amount_ore) as amount_ore, sum(entries) as entries
      from delta group by 1, 2, 3
    ),
    -- The cells are locked first, months then years, each in key order, as add writes them:
    -- the updates below join in whatever order the planner picks, and two rollbacks (or a
    -- rollback and a commit) locking shared cells in different orders would deadlock.
    locked as materialized (
      select (select count(*) from (
          select 1 from cost_month t join delta d using (project_id, month, category)
          order by t.project_id, t.month, t.category for update of t) m)
        + (select count(*) from (
          select 1 from cost_year t join years d using (project_id, year, category)
          order by t.project_id, t.year, t.category for update of t) y) as cells
    ),
    months_changed as (
      update cost_month t set amount_ore = t.amount_ore - d.amount_ore, entries = t.entries - d.entries
      from delta d where t.project_id = d.project_id and t.month = d.month and t.category = d.category
        and (select cells from locked) >= 0
      returning 1
    ),
    years_changed as (
      update cost_year t set amount_ore = t.amount_ore - d.amount_ore, entries = t.entries - d.entries
      from years d where t.project_id = d.project_id and t.year = d.year and t.category = d.category
        and (select cells from locked) >= 0
      returning 1
    )
    select (select count(*) from delta) + (select count(*) from years) as cells,
      (select count(*) from months_changed) + (select count(*) from years_changed) as changed
  `.execute(trx)
  // Entries the roll-ups do not hold were written around them: refuse rather than total wrong.
  if (rows[0]?.cells !== rows[0]?.changed) throw new Error('cost roll-up out of step with actual_cost')
  // A cell whose entries are all gone goes too (partial indexes find them at once).
  await sql`delete from cost_month where entries = 0`.execute(trx)
  await sql`delete from cost_year where entries = 0`.execute(trx)
}

/** Counts the selected entries in the roll-ups: after they are written (an import: once committed). */
export const addToRollup = add

/** Takes the selected entries out of the roll-ups: before they are deleted. */
export const removeFromRollup = remove
