import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    -- Per organisation (the municipality or region at the top of the tree): the cost
    -- categories, the column mapping of its finance export, and its account rules.
    create table finance_settings (
      organisation_id uuid primary key references organisation(id) on delete cascade,
      categories jsonb not null,
      column_mapping jsonb,
      account_rules jsonb not null default '[]',
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now()
    );

    -- Per project: the deviation threshold that turns burn into a warning.
    create table project_finance (
      project_id uuid primary key references project(id) on delete cascade,
      deviation_threshold_bp integer not null default 1000,
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now(),
      constraint project_finance_deviation_threshold_bp_check check (deviation_threshold_bp between 0 and 10000)
    );

    create table funding_entry (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      funder_name text not null check (length(btrim(funder_name)) between 1 and 200),
      funder_kind text not null check (funder_kind in
        ('public_health_fund', 'administration', 'region', 'external_grant', 'other')),
      funder_organisation_id uuid references organisation(id) on delete restrict,
      year integer not null,
      amount_ore bigint not null,
      status text not null default 'applied',
      decision_reference text not null default '' check (length(decision_reference) <= 300),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint funding_entry_year_check check (year between 1990 and 2100),
      constraint funding_entry_amount_ore_check check (amount_ore between 0 and 10000000000000),
      constraint funding_entry_status_check check (status in ('applied', 'granted', 'paid_out')),
      constraint funding_entry_funder_name_key unique (project_id, funder_name, year)
    );
    create index funding_entry_project_idx on funding_entry (project_id, year);

    -- A budget is versioned: drafts and proposals are edited, an approved version is frozen
    -- (the trigger below); the current budget is the approved version with the highest
    -- approval_seq, the original the one with approval_seq 1.
    create table budget_version (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      number integer not null check (number >= 1),
      status text not null default 'draft',
      based_on_id uuid references budget_version(id) on delete restrict,
      note text not null default '' check (length(note) <= 2000),
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      proposed_by uuid references app_user(id) on delete restrict,
      proposed_at timestamptz,
      decided_by uuid references app_user(id) on delete restrict,
      decided_at timestamptz,
      -- The steering-group decision that approved it, once approvals exist (no FK: that table is another module's).
      decision_id uuid,
      approval_seq integer,
      version integer not null default 1 check (version >= 1),
      updated_at timestamptz not null default now(),
      constraint budget_version_status_check check (status in ('draft', 'proposed', 'approved', 'rejected')),
      constraint budget_version_number_key unique (project_id, number),
      constraint budget_version_approval_seq_key unique (project_id, approval_seq),
      constraint budget_version_approval_seq_check check ((status = 'approved') = (approval_seq is not null))
    );
    create trigger budget_version_frozen before update or delete on budget_version
      for each row when (old.status in ('approved', 'rejected')) execute function lagesbild_refuse_change();

    create table budget_line (
      id uuid primary key,
      budget_version_id uuid not null references budget_version(id) on delete cascade,
      year integer not null,
      category text not null check (category ~ '^[a-z][a-z0-9_]{0,39}$'),
      sub_project_id uuid references project(id) on delete restrict,
      amount_ore bigint not null,
      comment text not null default '' check (length(comment) <= 1000),
      constraint budget_line_year_check check (year between 1990 and 2100),
      constraint budget_line_amount_ore_check check (amount_ore between 0 and 10000000000000),
      constraint budget_line_category_key unique nulls not distinct (budget_version_id, year, category, sub_project_id)
    );
    create index budget_line_version_idx on budget_line (budget_version_id);

    -- Lines of an approved (or rejected) version are as frozen as the version itself.
    create function budget_line_frozen() returns trigger language plpgsql as $$
    declare
      parent_status text;
    begin
      select status into parent_status from budget_version
        where id = case when tg_op = 'INSERT' then new.budget_version_id else old.budget_version_id end;
      if parent_status in ('approved', 'rejected') then
        raise exception 'budget lines of a decided version are immutable'
          using errcode = 'LBIMM', table = tg_table_name;
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end
    $$;
    create trigger budget_line_frozen before insert or update or delete on budget_line
      for each row execute function budget_line_frozen();

    create table in_kind_contribution (
      id uuid primary key,
      project_id uuid not null references project(id) on delete cascade,
      contributor text not null check (length(btrim(contributor)) between 1 and 200),
      description text not null default '' check (length(description) <= 1000),
      year integer not null,
      unit text not null,
      -- hours: whole hours; position_share: basis points of a full-time position (2000 = 20 %).
      quantity integer not null,
      months integer,
      rate_ore bigint not null,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint in_kind_contribution_year_check check (year between 1990 and 2100),
      constraint in_kind_contribution_unit_check check (unit in ('hours', 'position_share')),
      constraint in_kind_contribution_quantity_check check (quantity > 0 and (unit <> 'position_share' or quantity <= 10000)),
      constraint in_kind_contribution_months_check check ((unit = 'position_share') = (months is not null) and (months is null or months between 1 and 12)),
      constraint in_kind_contribution_rate_ore_check check (rate_ore between 0 and 10000000000000)
    );
    create index in_kind_contribution_project_idx on in_kind_contribution (project_id, year);

    -- Project code / cost centre of the finance system → project, per organisation.
    create table finance_code (
      id uuid primary key,
      organisation_id uuid not null references organisation(id) on delete cascade,
      code text not null check (length(code) between 1 and 60 and code = upper(btrim(code))),
      project_id uuid not null references project(id) on delete cascade,
      created_at timestamptz not null default now(),
      constraint finance_code_code_key unique (organisation_id, code)
    );
    create index finance_code_project_idx on finance_code (project_id);

    create table finance_forecast (
      project_id uuid not null references project(id) on delete cascade,
      year integer not null check (year between 1990 and 2100),
      category text not null check (category ~ '^[a-z][a-z0-9_]{0,39}$'),
      amount_ore bigint not null check (amount_ore between 0 and 10000000000000),
      primary key (project_id, year, category)
    );

    -- An import is edited while it is prepared (settings, validation, progress) and frozen once
    -- committed. Its rows are written in batches while it is 'committing' and are invisible until
    -- the final transaction flips it to 'committed': a killed process leaves nothing visible.
    create table finance_import (
      id uuid primary key,
      organisation_id uuid not null references organisation(id) on delete restrict,
      file_name text not null check (length(file_name) between 1 and 255),
      file_size integer not null check (file_size >= 0),
      file_sha256 text not null,
      format text not null check (format in ('csv', 'xlsx')),
      status text not null default 'uploaded',
      settings jsonb not null,
      rows_total integer,
      rows_valid integer,
      rows_invalid integer,
      rows_done integer not null default 0,
      rows_inserted integer,
      rows_duplicate integer,
      amount_total_ore bigint,
      failure text,
      created_by uuid not null references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      committed_by uuid references app_user(id) on delete restrict,
      committed_at timestamptz,
      heartbeat_at timestamptz,
      version integer not null default 1 check (version >= 1),
      constraint finance_import_status_check check (status in
        ('uploaded', 'validated', 'invalid', 'committing', 'committed', 'failed'))
    );
    create index finance_import_organisation_idx on finance_import (organisation_id, created_at desc);
    -- One commit at a time per organisation, so deduplication sees every earlier row.
    create unique index finance_import_committing_key on finance_import (organisation_id) where status = 'committing';
    create trigger finance_import_committed_immutable before update or delete on finance_import
      for each row when (old.status = 'committed') execute function lagesbild_refuse_change();

    create table finance_import_file (
      import_id uuid primary key references finance_import(id) on delete cascade,
      content bytea not null
    );
    -- Uncompressed out-of-line storage lets substring() read a chunk without the whole file.
    alter table finance_import_file alter column content set storage external;

    create table finance_import_error (
      import_id uuid not null references finance_import(id) on delete cascade,
      seq integer not null,
      row_number integer not null,
      column_name text,
      value text,
      code text not null,
      message_sv text not null,
      message_en text not null,
      primary key (import_id, seq)
    );

    create table finance_import_rollback (
      id uuid primary key,
      import_id uuid not null references finance_import(id) on delete restrict,
      rolled_back_by uuid not null references app_user(id) on delete restrict,
      rolled_back_at timestamptz not null default now(),
      reason text not null default '' check (length(reason) <= 1000),
      rows_removed integer not null,
      constraint finance_import_rollback_import_id_key unique (import_id)
    );
    create trigger finance_import_rollback_immutable before update or delete on finance_import_rollback
      for each row execute function lagesbild_refuse_change();

    create table actual_cost (
      id uuid primary key,
      project_id uuid not null references project(id) on delete restrict,
      organisation_id uuid not null references organisation(id) on delete restrict,
      entry_date date not null,
      amount_ore bigint not null check (amount_ore between -10000000000000 and 10000000000000),
      category text not null check (category ~ '^[a-z][a-z0-9_]{0,39}$'),
      account text not null default '' check (length(account) <= 60),
      cost_centre text not null default '' check (length(cost_centre) <= 60),
      voucher text not null default '' check (length(voucher) <= 60),
      description text not null default '' check (length(description) <= 500),
      source text not null,
      import_id uuid references finance_import(id) on delete restrict,
      -- Identity of an imported row: a hash of the normalised row and its occurrence in the file.
      row_key text,
      created_by uuid references app_user(id) on delete restrict,
      created_at timestamptz not null default now(),
      constraint actual_cost_source_check check ((source = 'import') = (import_id is not null and row_key is not null)
        and source in ('manual', 'import'))
    );
    create index actual_cost_project_idx on actual_cost (project_id, entry_date);
    create index actual_cost_import_idx on actual_cost (import_id);
    create unique index actual_cost_row_key on actual_cost (organisation_id, voucher, row_key) where row_key is not null;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table actual_cost, finance_import_rollback, finance_import_error, finance_import_file, finance_import,
      finance_forecast, finance_code, in_kind_contribution, budget_line, budget_version, funding_entry,
      project_finance, finance_settings;
    drop function budget_line_frozen;
  `,
  )
}
