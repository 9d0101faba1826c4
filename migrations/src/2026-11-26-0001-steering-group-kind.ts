import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * Whether a group is a styrgrupp or a ledningsgrupp (LG-SAM soc/buf is the latter). Existing
 * groups become steering groups, the common case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table steering_group add column kind text not null default 'steering_group'
      constraint steering_group_kind_check check (kind in ('steering_group', 'management_group'));
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'alter table steering_group drop column kind;')
}
