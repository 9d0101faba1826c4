import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Roll-ups of the actual costs that count (entered by hand, or of a committed import), per
    -- project, month and category, and per project, year and category. Totals and burn read
    -- these instead of summing entries: a municipality's portfolio summed 140 000 entries per
    -- request at national scale. Every write to actual_cost changes them in its transaction
    -- (server/src/modules/finance/cost-rollup.ts). entries counts the rows behind a sum, so an
    -- emptied cell is removed even when its amounts cancelled out.
    create table cost_month (
      project_id uuid not null references project(id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      category text not null,
      amount_ore bigint not null,
      entries integer not null check (entries >= 0),
      primary key (project_id, month, category) include (amount_ore)
    );
    create table cost_year (
      project_id uuid not null references project(id) on delete cascade,
      year integer not null,
      category text not null,
      amount_ore bigint not null,
      entries integer not null check (entries >= 0),
      primary key (project_id, year, category) include (amount_ore)
    );
    -- Cells a removal emptied, found without scanning the table; normally none.
    create index cost_month_empty on cost_month (project_id) where entries = 0;
    create index cost_year_empty on cost_year (project_id) where entries = 0;
    -- Totals over every project look up the cells of one month (costs dated after "today").
    create index cost_month_month on cost_month (month);

    insert into cost_month (project_id, month, category, amount_ore, entries)
    select a.project_id, date_trunc('month', a.entry_date)::date, a.category, sum(a.amount_ore), count(*)
    from actual_cost a
    where a.import_id is null
      or exists (select 1 from finance_import i where i.id = a.import_id and i.status = 'committed')
    group by 1, 2, 3
    order by 1, 2, 3;
    insert into cost_year (project_id, year, category, amount_ore, entries)
    select project_id, extract(year from month)::int, category, sum(amount_ore), sum(entries)
    from cost_month
    group by 1, 2, 3
    order by 1, 2, 3;
    analyze cost_month;
    analyze cost_year;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table cost_year, cost_month;')
}
