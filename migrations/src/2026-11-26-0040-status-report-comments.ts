import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * Comments on a submitted status report by the steering group: many per report, by any member
 * and by the same member again, each an immutable record. The acknowledgement stays one per
 * report (status_report_acknowledgement); comments are the conversation beside it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table status_report_comment (
      id uuid primary key,
      report_id uuid not null references status_report(id) on delete restrict,
      user_id uuid references app_user(id) on delete restrict,
      body text not null check (length(btrim(body)) between 1 and 5000),
      created_at timestamptz not null default now()
    );
    create index status_report_comment_report_idx on status_report_comment (report_id, created_at);
    create trigger status_report_comment_immutable before update or delete on status_report_comment
      for each row execute function lagesbild_refuse_change();
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table status_report_comment;')
}
