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
  // Nor one that is checked out: pg emits 'error' on the client as well as failing its query,
  // and an 'error' event nobody listens to is an uncaught exception (the fault test saw it).
  pool.on('connect', (client) => client.on('error', () => {}))
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
