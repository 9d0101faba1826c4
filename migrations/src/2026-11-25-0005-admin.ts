import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Erasure register: who was pseudonymised, when, by whom, under which number. The
    -- digests let history views recognise the erased name and e-mail inside immutable
    -- audit snapshots and show the pseudonym instead, without rewriting those rows.
    create sequence erasure_number_seq;
    create table erasure (
      id uuid primary key,
      number integer not null default nextval('erasure_number_seq'),
      erased_at timestamptz not null default now(),
      erased_by uuid references app_user(id) on delete set null,
      value_digests text[] not null default '{}',
      constraint erasure_number_key unique (number)
    );
    alter sequence erasure_number_seq owned by erasure.number;
    create trigger erasure_immutable before update or delete on erasure
      for each row execute function lagesbild_refuse_change();

    alter table person add column erasure_id uuid references erasure(id) on delete restrict;
    create unique index person_erasure_idx on person (erasure_id) where erasure_id is not null;

    alter table app_user add column erasure_id uuid references erasure(id) on delete restrict;
    alter table app_user add column oidc_issuer text check (oidc_issuer is null or length(oidc_issuer) <= 500);
    alter table app_user add column oidc_subject text check (oidc_subject is null or length(oidc_subject) <= 255);
    alter table app_user add column last_login_at timestamptz;
    alter table app_user add constraint app_user_oidc_pair_check
      check ((oidc_issuer is null) = (oidc_subject is null));
    create unique index app_user_oidc_subject_key on app_user (oidc_issuer, oidc_subject)
      where oidc_subject is not null;
    create index app_user_sort_idx on app_user (name collate "C", id);
    create index app_user_organisation_idx on app_user (organisation_id);

    -- Sessions: an absolute end no activity extends, a public id to list and revoke them
    -- by (the primary key is the hash of the cookie token and stays server-side).
    alter table session add column id uuid not null default gen_random_uuid();
    alter table session add column absolute_expires_at timestamptz;
    update session set absolute_expires_at = expires_at;
    alter table session alter column absolute_expires_at set not null;
    alter table session add column auth_method text not null default 'password'
      check (auth_method in ('password', 'oidc', 'invitation'));
    alter table session add column user_agent text check (user_agent is null or length(user_agent) <= 300);
    alter table session add constraint session_id_key unique (id);
    alter table session add constraint session_expires_at_check check (expires_at <= absolute_expires_at);
    create index session_expiry_idx on session (expires_at);

    -- One-time links to set a password: an invitation for a new account, or a reset for an
    -- existing one. Only the SHA-256 of the token is kept.
    create table invitation (
      id uuid primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      token_hash text not null,
      purpose text not null check (purpose in ('invite', 'password_reset')),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      constraint invitation_token_hash_key unique (token_hash),
      constraint invitation_expires_at_check check (expires_at > created_at),
      constraint invitation_used_at_check check (used_at is null or revoked_at is null)
    );
    create index invitation_user_idx on invitation (user_id, created_at desc);

    -- Privacy settings per organisation; the nearest one up the tree applies.
    create table privacy_setting (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      personal_data_check text not null default 'warn'
        check (personal_data_check in ('off', 'warn', 'refuse')),
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now()
    );

    create index audit_event_actor_idx on audit_event (actor_id, id desc);
    create index audit_event_at_idx on audit_event (at);
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index audit_event_actor_idx, audit_event_at_idx;
    drop table privacy_setting, invitation;
    alter table session drop column id, drop column absolute_expires_at, drop column auth_method,
      drop column user_agent;
    alter table app_user drop column erasure_id, drop column oidc_issuer, drop column oidc_subject,
      drop column last_login_at;
    drop index app_user_sort_idx, app_user_organisation_idx;
    alter table person drop column erasure_id;
    drop table erasure;
  `,
  )
}
