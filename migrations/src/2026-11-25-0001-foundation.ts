import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Rows that record what happened (decisions, frozen baselines, submitted reports,
    -- audit events) are protected by this trigger, so no code path can rewrite history.
    create function lagesbild_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are immutable; record a new one that supersedes it', tg_table_name
        using errcode = 'LBIMM', table = tg_table_name;
    end
    $$;

    create table app_setting (
      key text primary key,
      value jsonb not null
    );

    create table organisation (
      id uuid primary key,
      parent_id uuid references organisation(id) on delete restrict,
      name text not null check (length(btrim(name)) between 1 and 200),
      short_name text check (short_name is null or length(short_name) <= 40),
      kind text not null check (kind in ('municipality', 'region', 'administration', 'committee', 'unit', 'other')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint organisation_name_key unique nulls not distinct (parent_id, name),
      constraint organisation_parent_id_check check (parent_id is null or parent_id <> id)
    );
    create index organisation_parent_idx on organisation (parent_id);

    -- Transitive closure of the organisation tree: "everything under Luleå kommun" is one join.
    create table organisation_closure (
      ancestor_id uuid not null references organisation(id) on delete cascade,
      descendant_id uuid not null references organisation(id) on delete cascade,
      depth integer not null check (depth >= 0),
      primary key (ancestor_id, descendant_id)
    );
    create index organisation_closure_descendant_idx on organisation_closure (descendant_id, depth);

    create function organisation_closure_maintain() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.parent_id is distinct from old.parent_id then
          raise exception 'an organisation cannot be moved to another parent'
            using errcode = 'check_violation', constraint = 'organisation_parent_id_check', table = 'organisation';
        end if;
        return new;
      end if;
      insert into organisation_closure (ancestor_id, descendant_id, depth) values (new.id, new.id, 0);
      if new.parent_id is not null then
        insert into organisation_closure (ancestor_id, descendant_id, depth)
        select ancestor_id, new.id, depth + 1 from organisation_closure where descendant_id = new.parent_id;
      end if;
      return new;
    end
    $$;
    create trigger organisation_closure_after_insert after insert on organisation
      for each row execute function organisation_closure_maintain();
    create trigger organisation_closure_before_update before update of parent_id on organisation
      for each row execute function organisation_closure_maintain();

    create table person (
      id uuid primary key,
      organisation_id uuid not null references organisation(id) on delete restrict,
      name text not null check (length(btrim(name)) between 1 and 200),
      title text check (title is null or length(title) <= 200),
      email text check (email is null or length(email) <= 320),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index person_organisation_idx on person (organisation_id);

    create table app_user (
      id uuid primary key,
      email text not null check (length(email) between 3 and 320),
      name text not null check (length(btrim(name)) between 1 and 200),
      organisation_id uuid not null references organisation(id) on delete restrict,
      person_id uuid references person(id) on delete set null,
      password_hash text,
      active boolean not null default true,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index app_user_email_key on app_user (lower(email));

    create table role_grant (
      user_id uuid not null references app_user(id) on delete cascade,
      role text not null check (role in ('administrator', 'portfolio_manager', 'finance', 'viewer')),
      organisation_id uuid not null references organisation(id) on delete cascade,
      primary key (user_id, role, organisation_id)
    );
    create index role_grant_organisation_idx on role_grant (organisation_id);

    create table session (
      id_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index session_user_idx on session (user_id);

    create table login_attempt (
      id bigint generated always as identity primary key,
      key text not null,
      at timestamptz not null default now()
    );
    create index login_attempt_key_idx on login_attempt (key, at);

    create table programme (
      id uuid primary key,
      owner_organisation_id uuid not null references organisation(id) on delete restrict,
      name text not null check (length(btrim(name)) between 1 and 200),
      description text not null default '' check (length(description) <= 5000),
      period_start date,
      period_end date,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint programme_name_key unique (owner_organisation_id, name),
      constraint programme_period_end_check check (period_end is null or period_start is null or period_end >= period_start)
    );

    create table project (
      id uuid primary key,
      parent_id uuid references project(id) on delete restrict,
      programme_id uuid references programme(id) on delete restrict,
      owner_organisation_id uuid not null references organisation(id) on delete restrict,
      name text not null check (length(btrim(name)) between 1 and 300),
      -- Orders å, ä, ö after z as Swedish readers expect, identically on every collation.
      sort_key text generated always as (translate(lower(name), 'åäöÅÄÖ', '{|}{|}')) stored,
      code text check (code is null or length(code) <= 60),
      client text not null default '' check (length(client) <= 500),
      purpose text not null default '' check (length(purpose) <= 20000),
      background text not null default '' check (length(background) <= 20000),
      target_group text not null default '' check (length(target_group) <= 5000),
      planned_start date not null,
      planned_end date not null,
      actual_end date,
      status text not null default 'draft' check (status in
        ('draft', 'approved', 'active', 'paused', 'completed', 'terminated', 'made_permanent', 'handed_over')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint project_planned_end_check check (planned_end >= planned_start),
      constraint project_actual_end_check check (actual_end is null or actual_end >= planned_start),
      constraint project_parent_id_check check (parent_id is null or parent_id <> id)
    );
    create index project_sort_idx on project (sort_key collate "C", id);
    create index project_parent_idx on project (parent_id);
    create index project_programme_idx on project (programme_id);
    create index project_owner_idx on project (owner_organisation_id);

    -- Two levels are enough (project and sub-project); a sub-project has no sub-projects.
    create function project_single_level() returns trigger language plpgsql as $$
    begin
      if new.parent_id is not null and exists (select 1 from project where id = new.parent_id and parent_id is not null) then
        raise exception 'a sub-project cannot have sub-projects'
          using errcode = 'check_violation', constraint = 'project_parent_id_check', table = 'project';
      end if;
      return new;
    end
    $$;
    create trigger project_single_level before insert or update of parent_id on project
      for each row execute function project_single_level();

    create table project_leader (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      person_id uuid not null references person(id) on delete restrict,
      from_date date not null,
      to_date date,
      constraint project_leader_to_date_check check (to_date is null or to_date >= from_date)
    );
    create index project_leader_project_idx on project_leader (project_id, from_date);

    create table project_member (
      project_id uuid not null references project(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      role text not null check (role in ('leader', 'member')),
      primary key (project_id, user_id)
    );
    create index project_member_user_idx on project_member (user_id);

    create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid references app_user(id) on delete restrict,
      entity text not null,
      entity_id uuid not null,
      project_id uuid references project(id) on delete restrict,
      action text not null,
      before jsonb,
      after jsonb
    );
    create index audit_event_project_idx on audit_event (project_id, id desc);
    create index audit_event_entity_idx on audit_event (entity, entity_id, id desc);
    create trigger audit_event_immutable before update or delete on audit_event
      for each row execute function lagesbild_refuse_change();
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table audit_event, project_member, project_leader, project, programme, login_attempt,
      session, role_grant, app_user, person, organisation_closure, organisation, app_setting;
    drop function project_single_level, organisation_closure_maintain, lagesbild_refuse_change;
  `,
  )
}
