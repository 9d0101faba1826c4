import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * A paragraph (§) appears once in a meeting's minutes. The governance module checks it under a
 * lock on the meeting; the index keeps any other writer (imports, keepers' hand entries) to it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create unique index decision_meeting_paragraph_key on decision (meeting_id, paragraph)
      where meeting_id is not null and paragraph is not null;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop index decision_meeting_paragraph_key;')
}
