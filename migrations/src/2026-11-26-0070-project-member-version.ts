import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * A project membership gets a version like every other mutable row, so that two people changing
 * the same member's role at once cannot silently overwrite each other (the second gets 409).
 * Existing memberships start at version 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    'alter table project_member add column version integer not null default 1 check (version >= 1);',
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'alter table project_member drop column version;')
}
