import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- A user's saved portfolio filters and sort, by name; the query is the API's own query object.
    create table portfolio_view (
      id uuid primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      name text not null check (length(btrim(name)) between 1 and 100),
      query jsonb not null,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint portfolio_view_name_key unique (user_id, name)
    );

    -- The portfolio's aggregates read open milestones per project and filter on status, period
    -- and current leader; these keep a page fast at tens of thousands of projects.
    create index activity_open_milestone_idx on activity (project_id, (coalesce(planned_end_to, planned_start_to)))
      where milestone and status not in ('done', 'cancelled');
    create index activity_open_idx on activity (project_id, (coalesce(planned_end_to, planned_start_to)))
      where status not in ('done', 'cancelled');
    create index project_status_idx on project (status, planned_end);
    create index project_leader_person_idx on project_leader (person_id, project_id);
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index project_leader_person_idx, project_status_idx, activity_open_idx, activity_open_milestone_idx;
    drop table portfolio_view;
  `,
  )
}
