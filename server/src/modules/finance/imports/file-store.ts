import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { notFound } from '../../../plugins/problem.ts'

/**
 * Bytes per stored piece. Each piece is a row of its own, written once and read back by one
 * query, so this (and its base64) is all of a file that is in memory at a time, storing or
 * reading; a 50 MB upload is some fifty statements each way.
 */
export const STORE_PIECE_BYTES = 1024 * 1024

/**
 * Keeps an uploaded file in the database, where every app instance finds it, as numbered pieces:
 * a new piece is a new row, so storing never rewrites what is already stored. A piece travels as
 * base64 text: the embedded database takes a large bytea parameter an order of magnitude slower.
 * An empty file is one empty piece, so that it is still told apart from a missing one.
 */
export async function storeFile(
  trx: Kysely<Database>,
  importId: string,
  content: Uint8Array | AsyncIterable<Uint8Array>,
  pieceBytes = STORE_PIECE_BYTES,
): Promise<void> {
  let seq = 0
  const write = async (piece: Buffer) => {
    await sql`
      insert into finance_import_file_piece (import_id, seq, content)
      values (${importId}, ${seq}, decode(${piece.toString('base64')}, 'base64'))
    `.execute(trx)
    seq += 1
  }
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const chunk of content instanceof Uint8Array ? [content] : content) {
    let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    // A chunk larger than a piece (a whole file given at once) is cut, so no piece exceeds the size.
    while (pendingBytes + rest.length >= pieceBytes) {
      const take = pieceBytes - pendingBytes
      pending.push(rest.subarray(0, take))
      rest = rest.subarray(take)
      await write(Buffer.concat(pending))
      pending = []
      pendingBytes = 0
    }
    if (rest.length > 0) {
      pending.push(rest)
      pendingBytes += rest.length
    }
  }
  if (pendingBytes > 0 || seq === 0) await write(Buffer.concat(pending))
}

/** The stored file, piece by piece: one query per piece, in order. */
export async function* fileChunks(db: Kysely<Database>, importId: string): AsyncGenerator<Buffer> {
  let last = -1
  for (;;) {
    const { rows } = await sql<{ seq: number; chunk: string }>`
      select seq, encode(content, 'base64') as chunk
      from finance_import_file_piece where import_id = ${importId} and seq > ${last}
      order by seq limit 1
    `.execute(db)
    const row = rows[0]
    if (!row) {
      if (last < 0) throw notFound()
      return
    }
    last = row.seq
    // PostgreSQL breaks base64 into lines; Node's decoder skips the line breaks.
    yield Buffer.from(row.chunk, 'base64')
  }
}
