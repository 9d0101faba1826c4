import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

export type Driver = 'postgres' | 'pglite'

export interface Db {
  kysely: Kysely<Database>
  driver: Driver
  /** The embedded instance, when the driver is PGlite (tests dump and clone it). */
  pglite?: PGlite
  /** The connection pool, when the driver is PostgreSQL (bulk loading borrows a client for COPY). */
  pool?: pg.Pool
  close(): Promise<void>
}

const INT8 = 20
const DATE = 1082
const NUMERIC = 1700

function int8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint out of JavaScript's safe range: ${value}`)
  return n
}

const identity = (value: string) => value

/** Same value types from both drivers: int8 as number, date as 'YYYY-MM-DD', numeric as text. */
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: int8,
  [DATE]: identity,
  [NUMERIC]: identity,
}

export interface ConnectOptions {
  databaseUrl?: string | undefined
  /** Folder for the embedded database; omitted means in memory. */
  dataDir?: string | undefined
  /** A PGlite data-dir dump to start from (tests clone a migrated database this way). */
  loadDataDir?: Blob | undefined
  poolSize?: number
}

/** Statements a connection keeps prepared; the rest run unnamed. Each holds a plan in the backend. */
const PREPARED_PER_CONNECTION = 200

/**
 * Runs every parameterised statement as a named (prepared) one, so PostgreSQL parses and plans
 * it once per connection and then reuses a generic plan when its cost allows. Planning was most
 * of the database's CPU on the project pages: the visibility filter joins a dozen relations, and
 * the portfolio list cost 20–40 ms of backend time per request unnamed, a third of that named
 * (measured with the bench's PostgreSQL on the regional data). Kysely always calls
 * `query(text, values)`; statements without values (transaction control, DDL in migrations) and
 * other forms (COPY streams, cursors) pass through unchanged.
 */
function prepareStatements(client: pg.PoolClient) {
  const unnamed = client.query.bind(client) as (
    config: string | pg.QueryConfig,
    values?: unknown[],
  ) => Promise<pg.QueryResult>
  const names = new Set<string>()
  const named = (text: string, values: unknown[]) => {
    const name = `k${createHash('sha1').update(text).digest('base64url')}`
    if (!names.has(name)) {
      if (names.size >= PREPARED_PER_CONNECTION) return unnamed(text, values)
      names.add(name)
    }
    return unnamed({ name, text, values })
  }
  client.query = ((config: unknown, values: unknown) =>
    typeof config === 'string' && Array.isArray(values) && values.length > 0
      ? named(config, values)
      : unnamed(config as string | pg.QueryConfig, values as unknown[] | undefined)) as typeof client.query
}

export function connectPostgres(databaseUrl: string, poolSize = 20): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // The visibility filter makes the planner overestimate costs, so JIT compiled short portfolio
    // queries for seconds at 15 000 projects; these are OLTP queries that never profit from it.
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server (a restart) must not crash the process.
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    // Nor one that is checked out: pg emits 'error' on the client as well as failing its query,
    // and an 'error' event nobody listens to is an uncaught exception (the fault test saw it).
    client.on('error', () => {})
    prepareStatements(client)
  })
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { kysely, driver: 'postgres', pool, close: () => kysely.destroy() }
}

export async function connectPglite(options: ConnectOptions): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers,
  })
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return { kysely, driver: 'pglite', pglite, close: () => kysely.destroy() }
}

export async function connect(options: ConnectOptions): Promise<Db> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.poolSize)
  return connectPglite(options)
}
