import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql } from 'kysely'
import pgCopy from 'pg-copy-streams'
import type { Db } from '../db/connect.ts'

export type Cell = string | number | boolean | null

/** Writes many rows into one table; returns how many it wrote. */
export type RowWriter = (table: string, columns: readonly string[], rows: Iterable<Cell[]>) => Promise<number>

const SPECIAL = /[\\\t\n\r]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** One value in COPY's text format. */
function copyCell(value: Cell): string {
  if (value === null) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value
}

/** COPY text, a thousand lines a chunk, so the stream is not paid for per row. */
function* copyText(rows: Iterable<Cell[]>, counter: { n: number }): Generator<string> {
  let lines: string[] = []
  for (const row of rows) {
    lines.push(row.map(copyCell).join('\t'))
    counter.n += 1
    if (lines.length === 1000) {
      yield `${lines.join('\n')}\n`
      lines = []
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`
}

/**
 * PostgreSQL: COPY FROM STDIN, streamed from the generator, so five million rows never sit in
 * memory and load at the speed of the server rather than of parameter binding.
 */
function copyWriter(pool: NonNullable<Db['pool']>): RowWriter {
  return async (table, columns, rows) => {
    const client = await pool.connect()
    const counter = { n: 0 }
    try {
      const target = client.query(
        pgCopy.from(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`),
      )
      await pipeline(Readable.from(copyText(rows, counter)), target)
      return counter.n
    } finally {
      client.release()
    }
  }
}

/** Parameters per statement stay well below PostgreSQL's limit of 65 535. */
const MAX_PARAMETERS = 30_000

/** The embedded database (small scales, tests): multi-row inserts in batches. */
function insertWriter(db: Db): RowWriter {
  return async (table, columns, rows) => {
    const batchRows = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
    const head = sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values `
    let batch: Cell[][] = []
    let n = 0
    const flush = async () => {
      if (batch.length === 0) return
      await sql`${head}${sql.join(batch.map((row) => sql`(${sql.join(row)})`))}`.execute(db.kysely)
      n += batch.length
      batch = []
    }
    for (const row of rows) {
      batch.push(row)
      if (batch.length === batchRows) await flush()
    }
    await flush()
    return n
  }
}

export function rowWriter(db: Db): RowWriter {
  return db.pool ? copyWriter(db.pool) : insertWriter(db)
}
