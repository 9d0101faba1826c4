import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * An uploaded finance export is stored as numbered pieces, one row each, instead of one value
 * that every further piece was appended to: appending rewrote the whole stored value each time,
 * so storing a file near the upload limit cost time quadratic in its size. A stored file becomes
 * one piece; the pieces go with their import, as the file did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table finance_import_file_piece (
      import_id uuid not null references finance_import(id) on delete cascade,
      seq integer not null check (seq >= 0),
      content bytea not null,
      primary key (import_id, seq)
    );
    -- Uncompressed out-of-line storage, as the file had: a piece is written once and read whole,
    -- and compressing megabytes on every upload costs more time than the space is worth.
    alter table finance_import_file_piece alter column content set storage external;

    insert into finance_import_file_piece (import_id, seq, content)
      select import_id, 0, content from finance_import_file;
    drop table finance_import_file;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table finance_import_file (
      import_id uuid primary key references finance_import(id) on delete cascade,
      content bytea not null
    );
    alter table finance_import_file alter column content set storage external;

    insert into finance_import_file (import_id, content)
      select import_id, string_agg(content, ''::bytea order by seq) from finance_import_file_piece group by import_id;
    drop table finance_import_file_piece;
  `,
  )
}
