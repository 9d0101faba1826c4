import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/** Columns of a date with a precision: the period it names, the precision, and why (optional). */
function preciseDate(name: string, withNote = true): string {
  return `
      ${name}_from date,
      ${name}_to date,
      ${name}_precision text,${withNote ? `\n      ${name}_note text check (${name}_note is null or length(${name}_note) <= 500),` : ''}`
}

/** All of a precise date or none of it, and the range exactly the period its precision names. */
function preciseDateCheck(table: string, name: string, withNote = true): string {
  return `
      constraint ${table}_${name}_check check (
        (${name}_from is null and ${name}_to is null and ${name}_precision is null${withNote ? ` and ${name}_note is null` : ''})
        or lagesbild_precise_date_ok(${name}_from, ${name}_to, ${name}_precision)),`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- "Våren 2016" is 2016-01-01..2016-06-30 with precision term; a range must be exactly its period.
    create function lagesbild_precise_date_ok(from_date date, to_date date, date_precision text)
      returns boolean language sql immutable as $$
      select from_date is not null and to_date is not null and case date_precision
        when 'day' then to_date = from_date
        when 'month' then from_date = date_trunc('month', from_date)::date
          and to_date = (date_trunc('month', from_date) + interval '1 month' - interval '1 day')::date
        when 'term' then extract(day from from_date) = 1 and extract(month from from_date) in (1, 7)
          and to_date = (from_date + interval '6 months' - interval '1 day')::date
        when 'year' then extract(day from from_date) = 1 and extract(month from from_date) = 1
          and to_date = (from_date + interval '1 year' - interval '1 day')::date
        else false
      end
    $$;

    -- Goal hierarchy: overall goals, project goals, and numbered sub-goals (delmål) under a project goal.
    create table goal (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      kind text not null constraint goal_kind_check check (kind in ('overall', 'project', 'sub')),
      parent_id uuid,
      position integer not null constraint goal_position_check check (position >= 1),
      title text not null constraint goal_title_check check (length(btrim(title)) between 1 and 1000),
      description text not null default '' constraint goal_description_check check (length(description) <= 10000),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint goal_id_project_key unique (id, project_id),
      constraint goal_position_key unique (project_id, kind, position) deferrable initially deferred,
      constraint goal_parent_id_fkey foreign key (parent_id, project_id) references goal (id, project_id) on delete restrict,
      constraint goal_parent_id_check check (parent_id is null or (kind = 'sub' and parent_id <> id))
    );
    create index goal_project_idx on goal (project_id, kind, position);

    create table activity (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      goal_id uuid,
      number text constraint activity_number_check check (number is null or number ~ '^[0-9]{1,3}([.][0-9]{1,3}){0,3}$'),
      position integer not null constraint activity_position_check check (position >= 1),
      title text not null constraint activity_title_check check (length(btrim(title)) between 1 and 1000),
      description text not null default '' constraint activity_description_check check (length(description) <= 10000),
      responsible text not null default '' constraint activity_responsible_check check (length(responsible) <= 300),
      status text not null default 'planned' constraint activity_status_check
        check (status in ('planned', 'upcoming', 'in_progress', 'done', 'remaining', 'cancelled')),
      milestone boolean not null default false,
      deviation_explanation text not null default ''
        constraint activity_deviation_explanation_check check (length(deviation_explanation) <= 5000),${preciseDate('planned_start')}${preciseDate('planned_end')}${preciseDate('actual_start')}${preciseDate('actual_end')}
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),${preciseDateCheck('activity', 'planned_start')}${preciseDateCheck('activity', 'planned_end')}${preciseDateCheck('activity', 'actual_start')}${preciseDateCheck('activity', 'actual_end')}
      constraint activity_planned_end_order_check check (planned_end_to is null or planned_start_from is null or planned_end_to >= planned_start_from),
      constraint activity_actual_end_order_check check (actual_end_to is null or actual_start_from is null or actual_end_to >= actual_start_from),
      constraint activity_number_key unique (project_id, number) deferrable initially deferred,
      constraint activity_goal_id_fkey foreign key (goal_id, project_id) references goal (id, project_id) on delete restrict
    );
    create index activity_project_idx on activity (project_id, position);
    create index activity_goal_idx on activity (goal_id);

    -- A steering-group decision approved this milestone; recorded, never rewritten.
    create table milestone_approval (
      id uuid primary key,
      activity_id uuid not null references activity(id) on delete restrict,
      decision_id uuid not null,
      recorded_at timestamptz not null default now(),
      constraint milestone_approval_decision_id_key unique (activity_id, decision_id)
    );
    create trigger milestone_approval_immutable before update or delete on milestone_approval
      for each row execute function lagesbild_refuse_change();

    -- A frozen copy of the plan at a revision; the snapshot is versioned JSON (TypeBox-validated).
    create table baseline (
      id uuid primary key,
      project_id uuid not null references project(id) on delete restrict,
      revision integer not null constraint baseline_revision_check check (revision >= 1),
      label text not null constraint baseline_label_check check (length(btrim(label)) between 1 and 200),
      revision_date date not null,
      kind text not null constraint baseline_kind_check check (kind in ('manual', 'approved_revision')),
      decision_id uuid,
      snapshot jsonb not null,
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      constraint baseline_revision_key unique (project_id, revision),
      constraint baseline_decision_id_check check (decision_id is null or kind = 'approved_revision')
    );
    create trigger baseline_immutable before update or delete on baseline
      for each row execute function lagesbild_refuse_change();

    create table staffing (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      position integer not null constraint staffing_position_check check (position >= 1),
      name text not null constraint staffing_name_check check (length(btrim(name)) between 1 and 300),
      person_id uuid references person(id) on delete set null,
      role text not null default '' constraint staffing_role_check check (length(role) <= 300),
      organisation_id uuid references organisation(id) on delete restrict,
      time_share_percent integer constraint staffing_time_share_percent_check
        check (time_share_percent is null or time_share_percent between 1 and 100),${preciseDate('period_start', false)}${preciseDate('period_end', false)}
      agreement text constraint staffing_agreement_check check (agreement is null or agreement in ('oral', 'written')),
      comment text not null default '' constraint staffing_comment_check check (length(comment) <= 2000),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),${preciseDateCheck('staffing', 'period_start', false)}${preciseDateCheck('staffing', 'period_end', false)}
      constraint staffing_period_end_order_check check (period_end_to is null or period_start_from is null or period_end_to >= period_start_from)
    );
    create index staffing_project_idx on staffing (project_id, position);

    create table risk (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      position integer not null constraint risk_position_check check (position >= 1),
      description text not null constraint risk_description_check check (length(btrim(description)) between 1 and 2000),
      probability smallint not null constraint risk_probability_check check (probability between 1 and 4),
      consequence smallint not null constraint risk_consequence_check check (consequence between 1 and 4),
      mitigation text not null default '' constraint risk_mitigation_check check (length(mitigation) <= 5000),
      owner text not null default '' constraint risk_owner_check check (length(owner) <= 300),
      status text not null default 'open' constraint risk_status_check
        check (status in ('open', 'mitigating', 'closed', 'occurred')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index risk_project_idx on risk (project_id, position);
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table risk, staffing, baseline, milestone_approval, activity, goal;
    drop function lagesbild_precise_date_ok;
  `,
  )
}
