import { connectPostgres, type Db } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { databaseUrlFor, withAdminClient } from '../test/template-database.ts'
import type { Scale } from './context.ts'
import { type SynthMarker, synthesize, synthMarker } from './synthesize.ts'

export interface PrepareOptions {
  /** Drop and rebuild a database that holds another synthesized scale (never any other data). */
  replace?: boolean
  log?: (line: string) => void
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1))

/** Creates the database named in the URL when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url)
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unusable database name "${name}"`)
  await withAdminClient(databaseUrlFor(url, 'postgres'), async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) await client.query(`create database ${name}`)
  })
}

async function dropDatabase(url: string): Promise<void> {
  await withAdminClient(databaseUrlFor(url, 'postgres'), (client) =>
    client.query(`drop database if exists ${databaseName(url)} with (force)`),
  )
}

const hasRows = async (db: Db) =>
  (await db.kysely.selectFrom('organisation').select('id').limit(1).executeTakeFirst()) !== undefined

/**
 * Makes the PostgreSQL database at `url` hold the synthesized data set of `scale`: creates and
 * migrates it, and synthesizes unless that scale is already there. A database with other data
 * (no synth marker) is refused, so a real or shared database is never filled or dropped.
 */
export async function prepareSynthDatabase(
  url: string,
  scale: Scale,
  options: PrepareOptions = {},
): Promise<SynthMarker> {
  const log = options.log ?? (() => {})
  await ensureDatabase(url)
  let db = connectPostgres(url, 4)
  try {
    await migrateToLatest(db.kysely)
    const existing = await synthMarker(db)
    if (existing && existing.scale === scale.name && !options.replace) {
      log(`${databaseName(url)} already holds the ${scale.name} data set (${existing.generatedAt})`)
      return existing
    }
    if (!existing && (await hasRows(db)))
      throw new Error(
        `${databaseName(url)} has data that the generator did not make; use a database of its own`,
      )
    if (existing) {
      log(`replacing the ${existing.scale} data set in ${databaseName(url)}`)
      await db.close()
      await dropDatabase(url)
      await ensureDatabase(url)
      db = connectPostgres(url, 4)
      await migrateToLatest(db.kysely)
    }
    log(`synthesizing the ${scale.name} data set into ${databaseName(url)} …`)
    return await synthesize(db, scale, {
      onProgress: (part, counts, seconds) =>
        log(
          `  ${part.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s  ${Object.entries(counts)
            .map(([t, n]) => `${t} ${n.toLocaleString('sv-SE')}`)
            .join(', ')}`,
        ),
    })
  } finally {
    await db.close()
  }
}
