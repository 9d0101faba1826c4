import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- An indicator of a goal (IATI-style: baseline, target, actual per period). Amounts are
    -- exact: value numeric for count and hours, integer öre in value for kronor, and a
    -- numerator over a denominator for a percentage, so shares add up over periods and projects.
    create table indicator (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      goal_id uuid references goal(id) on delete set null,
      -- Projects of a programme that follow the same indicator share this key (roll-up).
      shared_key text check (shared_key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
      position integer not null check (position >= 1),
      name text not null check (length(btrim(name)) between 1 and 300),
      definition text not null default '' check (length(definition) <= 5000),
      unit text not null check (unit in ('count', 'percentage', 'hours', 'kronor')),
      direction text not null check (direction in ('increase', 'decrease', 'keep')),
      frequency text not null check (frequency in ('monthly', 'quarterly', 'term', 'yearly')),
      source text not null default '' check (length(source) <= 500),
      baseline_value numeric(20, 2),
      baseline_numerator bigint,
      baseline_denominator bigint,
      baseline_date date,
      target_value numeric(20, 2),
      target_numerator bigint,
      target_denominator bigint,
      target_date date,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint indicator_baseline_check check (
        case when unit = 'percentage'
          then baseline_value is null and (baseline_numerator is null) = (baseline_denominator is null)
            and (baseline_denominator is null or (baseline_denominator > 0 and baseline_numerator between 0 and baseline_denominator))
          else baseline_numerator is null and baseline_denominator is null end),
      constraint indicator_target_check check (
        case when unit = 'percentage'
          then target_value is null and (target_numerator is null) = (target_denominator is null)
            and (target_denominator is null or (target_denominator > 0 and target_numerator between 0 and target_denominator))
          else target_numerator is null and target_denominator is null end),
      constraint indicator_kronor_check check (
        unit <> 'kronor' or (coalesce(baseline_value, 0) = trunc(coalesce(baseline_value, 0))
          and coalesce(target_value, 0) = trunc(coalesce(target_value, 0))))
    );
    create index indicator_project_idx on indicator (project_id, position);
    create index indicator_shared_key_idx on indicator (shared_key) where shared_key is not null;

    create table indicator_measurement (
      id uuid primary key,
      indicator_id uuid not null references indicator(id) on delete cascade,
      period text not null check (period ~ '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|VT|HT))?$'),
      period_start date not null,
      period_end date not null,
      value numeric(20, 2),
      numerator bigint,
      denominator bigint,
      source text not null default '' check (length(source) <= 500),
      comment text not null default '' check (length(comment) <= 2000),
      entered_by uuid references app_user(id) on delete set null,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint indicator_measurement_period_key unique (indicator_id, period),
      constraint indicator_measurement_range_check check (period_start <= period_end),
      constraint indicator_measurement_amount_check check (
        (value is not null and numerator is null and denominator is null)
        or (value is null and numerator is not null and denominator is not null
            and denominator > 0 and numerator between 0 and denominator))
    );

    -- When each project reports to its steering group.
    create table status_report_schedule (
      project_id uuid primary key references project(id) on delete cascade,
      frequency text not null check (frequency in ('monthly', 'quarterly', 'term')),
      starts date not null,
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now()
    );

    -- A lägesrapport. While a draft it is edited; submitting freezes the facts of the day
    -- (snapshot) and from then on the trigger refuses every change. A correction is a new
    -- report that supersedes the submitted one.
    create table status_report (
      id uuid primary key,
      project_id uuid not null references project(id) on delete restrict,
      period text not null check (period ~ '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|VT|HT))?$'),
      period_start date not null,
      period_end date not null,
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      supersedes_id uuid references status_report(id) on delete restrict,
      schedule_light text check (schedule_light in ('green', 'yellow', 'red')),
      budget_light text check (budget_light in ('green', 'yellow', 'red')),
      goals_light text check (goals_light in ('green', 'yellow', 'red')),
      risks_light text check (risks_light in ('green', 'yellow', 'red')),
      overall_light text check (overall_light in ('green', 'yellow', 'red')),
      progress text not null default '' check (length(progress) <= 10000),
      problems text not null default '' check (length(problems) <= 10000),
      next_steps text not null default '' check (length(next_steps) <= 10000),
      decisions_needed text not null default '' check (length(decisions_needed) <= 10000),
      snapshot jsonb,
      submitted_at timestamptz,
      submitted_by uuid references app_user(id) on delete restrict,
      version integer not null default 1 check (version >= 1),
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint status_report_supersedes_id_key unique (supersedes_id),
      constraint status_report_snapshot_check
        check ((status = 'submitted') = (snapshot is not null and submitted_at is not null)),
      constraint status_report_lights_check check (status = 'draft' or (schedule_light is not null
        and budget_light is not null and goals_light is not null and risks_light is not null and overall_light is not null))
    );
    create index status_report_project_idx on status_report (project_id, period_start);
    -- One draft per project and period.
    create unique index status_report_draft_key on status_report (project_id, period) where status = 'draft';
    create trigger status_report_immutable before update or delete on status_report
      for each row when (old.status = 'submitted') execute function lagesbild_refuse_change();

    -- The steering group's acknowledgement of a submitted report, with an optional comment.
    create table status_report_acknowledgement (
      id uuid primary key,
      report_id uuid not null references status_report(id) on delete restrict,
      user_id uuid references app_user(id) on delete restrict,
      comment text not null default '' check (length(comment) <= 5000),
      created_at timestamptz not null default now()
    );
    create index status_report_acknowledgement_report_idx on status_report_acknowledgement (report_id);
    create trigger status_report_acknowledgement_immutable before update or delete on status_report_acknowledgement
      for each row execute function lagesbild_refuse_change();
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table status_report_acknowledgement, status_report, status_report_schedule, indicator_measurement, indicator;
  `,
  )
}
