import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { notFound } from '../../../plugins/problem.ts'

/** Read back in pieces of this size, so a large export never sits in memory whole. */
export const FILE_CHUNK_BYTES = 512 * 1024

/**
 * Keeps an uploaded file in the database, where every app instance finds it. It travels as
 * base64 text: the embedded database takes a large bytea parameter an order of magnitude slower.
 */
export async function storeFile(trx: Kysely<Database>, importId: string, content: Uint8Array): Promise<void> {
  await sql`
    insert into finance_import_file (import_id, content)
    values (${importId}, decode(${Buffer.from(content).toString('base64')}, 'base64'))
  `.execute(trx)
}

/** The stored file, chunk by chunk. */
export async function* fileChunks(db: Kysely<Database>, importId: string): AsyncGenerator<Buffer> {
  const size = await db
    .selectFrom('finance_import_file')
    .where('import_id', '=', importId)
    .select(sql<number>`length(content)`.as('n'))
    .executeTakeFirst()
  if (!size) throw notFound()
  for (let offset = 0; offset < Number(size.n); offset += FILE_CHUNK_BYTES) {
    const { rows } = await sql<{ chunk: string }>`
      select encode(substring(content from ${offset + 1} for ${FILE_CHUNK_BYTES}), 'base64') as chunk
      from finance_import_file where import_id = ${importId}
    `.execute(db)
    // PostgreSQL breaks base64 into lines; Node's decoder skips the line breaks.
    yield Buffer.from(rows[0]?.chunk ?? '', 'base64')
  }
}
