import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * A baseline also freezes the budget: the lines of the approved budget version(s) in force when it
 * was taken, copied so that later budget versions never change what the revision said.
 *
 * `baseline.budget_line_count` says how many lines the baseline froze; null means it was taken
 * before baselines froze the budget, so it has none (not a budget of zero). The lines are as
 * immutable as the baseline row: no update, no delete, and no line added once the baseline holds
 * the count it was frozen with (an insert trigger, since the baseline row itself cannot change).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table baseline add column budget_line_count integer
      constraint baseline_budget_line_count_check check (budget_line_count is null or budget_line_count >= 0);

    create table baseline_budget_line (
      id uuid primary key,
      baseline_id uuid not null references baseline(id) on delete restrict,
      -- The approved version the line was copied from. No foreign key: the table is finance's,
      -- and an approved version can never be deleted anyway.
      budget_version_id uuid not null,
      year integer not null constraint baseline_budget_line_year_check check (year between 1990 and 2100),
      category text not null constraint baseline_budget_line_category_check check (category ~ '^[a-z][a-z0-9_]{0,39}$'),
      sub_project_id uuid references project(id) on delete restrict,
      -- The sub-project's name when frozen, so the baseline reads as it did even after a rename.
      sub_project_name text,
      amount_ore bigint not null
        constraint baseline_budget_line_amount_ore_check check (amount_ore between 0 and 10000000000000),
      comment text not null default '' constraint baseline_budget_line_comment_check check (length(comment) <= 1000),
      constraint baseline_budget_line_sub_project_check check ((sub_project_id is null) = (sub_project_name is null)),
      constraint baseline_budget_line_key
        unique nulls not distinct (baseline_id, budget_version_id, year, category, sub_project_id)
    );
    create trigger baseline_budget_line_immutable before update or delete on baseline_budget_line
      for each row execute function lagesbild_refuse_change();

    create function baseline_budget_line_complete() returns trigger language plpgsql as $$
    declare
      expected integer;
      present integer;
    begin
      select budget_line_count into expected from baseline where id = new.baseline_id;
      select count(*) into present from baseline_budget_line where baseline_id = new.baseline_id;
      if expected is null or present >= expected then
        raise exception 'the budget of a frozen baseline is complete; record a new baseline instead'
          using errcode = 'LBIMM', table = tg_table_name;
      end if;
      return new;
    end
    $$;
    create trigger baseline_budget_line_complete before insert on baseline_budget_line
      for each row execute function baseline_budget_line_complete();
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table baseline_budget_line;
    drop function baseline_budget_line_complete;
    alter table baseline drop column budget_line_count;
  `,
  )
}
