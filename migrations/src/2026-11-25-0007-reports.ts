import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- A template is the mutable head (name, current version); its versions are immutable rows,
    -- so a report started from version 3 renders with version 3 whatever is edited later.
    create table report_template (
      id uuid primary key,
      organisation_id uuid references organisation(id) on delete restrict,
      builtin_key text,
      name text not null check (length(btrim(name)) between 1 and 200),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- One template per organisation; the built-in one belongs to none.
      constraint report_template_organisation_id_key unique nulls not distinct (organisation_id),
      constraint report_template_builtin_key_key unique (builtin_key),
      constraint report_template_builtin_key_check
        check ((organisation_id is null) = (builtin_key is not null) and (builtin_key is null or builtin_key ~ '^[a-z_]{1,40}$'))
    );

    create table report_template_version (
      id uuid primary key,
      template_id uuid not null references report_template(id) on delete restrict,
      number integer not null check (number >= 1),
      name text not null check (length(btrim(name)) between 1 and 200),
      sections jsonb not null,
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      constraint report_template_version_number_key unique (template_id, number),
      constraint report_template_version_sections_check
        check (jsonb_typeof(sections) = 'array' and jsonb_array_length(sections) between 1 and 40)
    );
    create trigger report_template_version_immutable before update or delete on report_template_version
      for each row execute function lagesbild_refuse_change();

    -- A final report or an addendum to one. While a draft it is edited; submitting freezes it
    -- (snapshot of the whole document, generated sections included) and from then on the
    -- trigger refuses every change. A returned report is continued by a new row (previous_id).
    create table final_report (
      id uuid primary key,
      project_id uuid not null references project(id) on delete restrict,
      template_version_id uuid not null references report_template_version(id) on delete restrict,
      kind text not null check (kind in ('report', 'addendum')),
      previous_id uuid references final_report(id) on delete restrict,
      addendum_to_id uuid references final_report(id) on delete restrict,
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      report_date date not null,
      authors text not null default '' check (length(authors) <= 500),
      snapshot jsonb,
      submitted_at timestamptz,
      submitted_by uuid references app_user(id) on delete restrict,
      version integer not null default 1 check (version >= 1),
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint final_report_previous_id_key unique (previous_id),
      constraint final_report_addendum_to_id_check check ((kind = 'addendum') = (addendum_to_id is not null)),
      constraint final_report_snapshot_check
        check ((status = 'submitted') = (snapshot is not null and submitted_at is not null))
    );
    create index final_report_project_idx on final_report (project_id, created_at);
    -- One draft of each kind per project at a time.
    create unique index final_report_draft_key on final_report (project_id, kind) where status = 'draft';
    create trigger final_report_immutable before update or delete on final_report
      for each row when (old.status = 'submitted') execute function lagesbild_refuse_change();

    create table final_report_section (
      report_id uuid not null references final_report(id) on delete restrict,
      key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
      content jsonb not null check (jsonb_typeof(content) = 'object'),
      frozen boolean not null default false,
      version integer not null default 1 check (version >= 1),
      updated_by uuid references app_user(id) on delete restrict,
      updated_at timestamptz not null default now(),
      primary key (report_id, key)
    );
    create trigger final_report_section_immutable before update or delete on final_report_section
      for each row when (old.frozen) execute function lagesbild_refuse_change();

    -- Nothing is added to a report that is no longer a draft.
    create function final_report_section_guard() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from final_report where id = new.report_id and status <> 'draft') then
        raise exception 'final_report % is submitted and cannot change', new.report_id
          using errcode = 'LBIMM', table = 'final_report_section';
      end if;
      return new;
    end
    $$;
    create trigger final_report_section_insert_guard before insert on final_report_section
      for each row execute function final_report_section_guard();

    -- The steering group's answer to a submitted report: approved, or returned with comments.
    -- decision_id is the steering-group decision that carries it (governance's decision row).
    create table final_report_outcome (
      report_id uuid primary key references final_report(id) on delete restrict,
      outcome text not null check (outcome in ('approved', 'returned')),
      decision_id uuid not null,
      comment text not null default '',
      decided_at timestamptz not null default now(),
      recorded_by uuid references app_user(id) on delete restrict,
      constraint final_report_outcome_comment_check
        check (length(comment) <= 5000 and (outcome = 'approved' or length(btrim(comment)) > 0))
    );
    create trigger final_report_outcome_immutable before update or delete on final_report_outcome
      for each row execute function lagesbild_refuse_change();

    create function final_report_outcome_guard() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from final_report where id = new.report_id and status = 'submitted') then
        raise exception 'only a submitted final report can be approved or returned'
          using errcode = 'check_violation', constraint = 'final_report_outcome_report_id_check',
            table = 'final_report_outcome';
      end if;
      return new;
    end
    $$;
    create trigger final_report_outcome_guard before insert on final_report_outcome
      for each row execute function final_report_outcome_guard();
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table final_report_outcome, final_report_section, final_report, report_template_version, report_template;
    drop function final_report_outcome_guard, final_report_section_guard;
  `,
  )
}
