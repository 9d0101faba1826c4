import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * Foreign keys from the decision_id columns of tables created after governance's own migration
 * (finance 0004, reports 0007) to the decision register. A separate, late migration because
 * migrations run in name order and 0003 runs before those tables exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table budget_version add constraint budget_version_decision_id_fkey
      foreign key (decision_id) references decision(id) on delete restrict;
    alter table final_report_outcome add constraint final_report_outcome_decision_id_fkey
      foreign key (decision_id) references decision(id) on delete restrict;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table final_report_outcome drop constraint final_report_outcome_decision_id_fkey;
    alter table budget_version drop constraint budget_version_decision_id_fkey;
  `,
  )
}
