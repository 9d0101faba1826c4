import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * Steering groups, their members over time, meetings, the decision register and approval
 * requests. Decisions are immutable (trigger); a project's lifecycle status only moves inside a
 * transaction that carries a decision (trigger reads the transaction-local `lagesbild.decision_id`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table steering_group (
      id uuid primary key,
      -- The organisation whose administrators and portfolio managers keep the group's records.
      owner_organisation_id uuid not null references organisation(id) on delete restrict,
      name text not null constraint steering_group_name_check check (length(btrim(name)) between 1 and 200),
      description text not null default '' constraint steering_group_description_check check (length(description) <= 5000),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint steering_group_name_key unique (owner_organisation_id, name)
    );

    -- The organisations represented in the group (Vi6: six administrations).
    create table steering_group_organisation (
      steering_group_id uuid not null references steering_group(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete restrict,
      primary key (steering_group_id, organisation_id)
    );

    -- Membership is history: a member who leaves gets a to_date, the row stays.
    create table steering_group_member (
      id uuid primary key,
      steering_group_id uuid not null references steering_group(id) on delete cascade,
      person_id uuid not null references person(id) on delete restrict,
      role text not null constraint steering_group_member_role_check
        check (role in ('chair', 'member', 'secretary', 'co_opted')),
      from_date date not null,
      to_date date,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint steering_group_member_to_date_check check (to_date is null or to_date >= from_date)
    );
    create index steering_group_member_group_idx on steering_group_member (steering_group_id, from_date);
    create index steering_group_member_person_idx on steering_group_member (person_id);

    -- The projects and sub-projects a group governs, over time.
    create table steering_group_project (
      steering_group_id uuid not null references steering_group(id) on delete cascade,
      project_id uuid not null references project(id) on delete restrict,
      from_date date,
      to_date date,
      primary key (steering_group_id, project_id),
      constraint steering_group_project_to_date_check check (to_date is null or from_date is null or to_date >= from_date)
    );
    create index steering_group_project_project_idx on steering_group_project (project_id);

    create table meeting (
      id uuid primary key,
      steering_group_id uuid not null references steering_group(id) on delete restrict,
      meeting_date date not null,
      place text not null default '' constraint meeting_place_check check (length(place) <= 300),
      agenda jsonb not null default '[]' constraint meeting_agenda_check check (jsonb_typeof(agenda) = 'array'),
      minutes text not null default '' constraint meeting_minutes_check check (length(minutes) <= 50000),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index meeting_group_idx on meeting (steering_group_id, meeting_date);

    create table meeting_attendee (
      meeting_id uuid not null references meeting(id) on delete cascade,
      person_id uuid not null references person(id) on delete restrict,
      primary key (meeting_id, person_id)
    );

    create table decision (
      id uuid primary key,
      steering_group_id uuid references steering_group(id) on delete restrict,
      meeting_id uuid references meeting(id) on delete restrict,
      per_capsulam boolean not null default false,
      decided_on date not null,
      paragraph text constraint decision_paragraph_check check (paragraph is null or length(paragraph) <= 40),
      diary_number text constraint decision_diary_number_check check (diary_number is null or length(diary_number) <= 60),
      text text not null constraint decision_text_check check (length(btrim(text)) between 1 and 20000),
      kind text not null constraint decision_kind_check check (kind in (
        'approve_milestone', 'approve_plan_revision', 'approve_budget_change', 'change_lifecycle',
        'change_owner', 'change_project_leader', 'terminate_early', 'make_permanent',
        'approve_final_report', 'other')),
      outcome text constraint decision_outcome_check check (outcome is null or outcome in ('approved', 'rejected')),
      project_id uuid references project(id) on delete restrict,
      subject_kind text constraint decision_subject_kind_check check (subject_kind is null or subject_kind in
        ('project', 'activity', 'baseline', 'budget_version', 'final_report')),
      subject_id uuid,
      decided_by text not null constraint decision_decided_by_check check (length(btrim(decided_by)) between 1 and 500),
      -- An administrator recording a decision taken outside the system says so.
      outside_system boolean not null default false,
      supersedes_id uuid references decision(id) on delete restrict,
      recorded_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      constraint decision_meeting_check check (not (per_capsulam and meeting_id is not null)),
      constraint decision_supersedes_id_check check (supersedes_id is null or supersedes_id <> id),
      constraint decision_subject_check check ((subject_kind is null) = (subject_id is null))
    );
    create index decision_project_idx on decision (project_id, decided_on);
    create index decision_group_idx on decision (steering_group_id, decided_on);
    create index decision_supersedes_idx on decision (supersedes_id);
    create trigger decision_immutable before update or delete on decision
      for each row execute function lagesbild_refuse_change();

    create table approval_request (
      id uuid primary key,
      project_id uuid not null references project(id) on delete restrict,
      kind text not null constraint approval_request_kind_check check (kind in (
        'milestone', 'plan_revision', 'budget_change', 'final_report', 'lifecycle', 'change_owner', 'change_leader')),
      payload jsonb not null constraint approval_request_payload_check check (jsonb_typeof(payload) = 'object'),
      summary text not null constraint approval_request_summary_check check (length(btrim(summary)) between 1 and 5000),
      status text not null default 'pending' constraint approval_request_status_check
        check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
      requested_by uuid references app_user(id) on delete restrict,
      requested_at timestamptz not null default now(),
      decided_by uuid references app_user(id) on delete restrict,
      decided_at timestamptz,
      comment text not null default '' constraint approval_request_comment_check check (length(comment) <= 5000),
      decision_id uuid references decision(id) on delete restrict,
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now(),
      constraint approval_request_decision_id_check
        check ((status in ('approved', 'rejected')) = (decision_id is not null))
    );
    create index approval_request_project_idx on approval_request (project_id, requested_at);
    create index approval_request_pending_idx on approval_request (status) where status = 'pending';
    -- A decided or withdrawn request is on record for good.
    create trigger approval_request_final before update or delete on approval_request
      for each row when (old.status <> 'pending') execute function lagesbild_refuse_change();

    -- No lifecycle move without a decision: the approving transaction names it first.
    create function project_status_needs_decision() returns trigger language plpgsql as $$
    declare
      decision_id text := nullif(current_setting('lagesbild.decision_id', true), '');
    begin
      if decision_id is null or not exists (select 1 from decision where id = decision_id::uuid) then
        raise exception 'the status of project % changes only by a decision', new.id
          using errcode = 'check_violation', constraint = 'project_status_decision_check', table = 'project';
      end if;
      return new;
    end
    $$;
    create trigger project_status_needs_decision before update of status on project
      for each row when (old.status is distinct from new.status)
      execute function project_status_needs_decision();

    alter table milestone_approval add constraint milestone_approval_decision_id_fkey
      foreign key (decision_id) references decision(id) on delete restrict;
    alter table baseline add constraint baseline_decision_id_fkey
      foreign key (decision_id) references decision(id) on delete restrict;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table baseline drop constraint baseline_decision_id_fkey;
    alter table milestone_approval drop constraint milestone_approval_decision_id_fkey;
    drop trigger project_status_needs_decision on project;
    drop function project_status_needs_decision;
    drop table approval_request, decision, meeting_attendee, meeting, steering_group_project,
      steering_group_member, steering_group_organisation, steering_group;
  `,
  )
}
