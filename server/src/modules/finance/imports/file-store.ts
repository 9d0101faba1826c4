import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { notFound } from '../../../plugins/problem.ts'

/** Read back in pieces of this size, so a large export never sits in memory whole. */
export const FILE_CHUNK_BYTES = 512 * 1024

/**
 * Bytes per statement when storing: the file goes in as one insert and then appends, so only
 * this much (and its base64) is in memory at once. Larger pieces mean fewer appends, each of which
 * rewrites the stored value, so a file of up to a few pieces (the common case) costs little.
 */
export const STORE_PIECE_BYTES = 8 * 1024 * 1024

/**
 * Keeps an uploaded file in the database, where every app instance finds it, reading it piece
 * by piece. It travels as base64 text: the embedded database takes a large bytea parameter an
 * order of magnitude slower.
 */
export async function storeFile(
  trx: Kysely<Database>,
  importId: string,
  content: Uint8Array | AsyncIterable<Uint8Array>,
  pieceBytes = STORE_PIECE_BYTES,
): Promise<void> {
  let first = true
  const write = async (piece: Buffer) => {
    const encoded = piece.toString('base64')
    if (first) {
      await sql`
        insert into finance_import_file (import_id, content) values (${importId}, decode(${encoded}, 'base64'))
      `.execute(trx)
      first = false
    } else {
      await sql`
        update finance_import_file set content = content || decode(${encoded}, 'base64') where import_id = ${importId}
      `.execute(trx)
    }
  }
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const chunk of content instanceof Uint8Array ? [content] : content) {
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    pendingBytes += chunk.byteLength
    if (pendingBytes >= pieceBytes) {
      await write(Buffer.concat(pending))
      pending = []
      pendingBytes = 0
    }
  }
  if (pendingBytes > 0 || first) await write(Buffer.concat(pending))
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
