import type { AppConfig } from '../config.ts'
import { loadDemo } from '../demo/load-demo.ts'
import { connect, type Db } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

export interface OpenedDatabase {
  db: Db
  migrated: string[]
  demoLoaded: boolean
}

async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('organisation').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

/** Connects, migrates to the latest schema and, on an empty database, loads the demo. */
export async function openDatabase(config: AppConfig): Promise<OpenedDatabase> {
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const result = await migrateToLatest(db.kysely)
    const migrated = (result.results ?? []).map((r) => r.migrationName)
    const demoLoaded = config.demo === 'always' || (config.demo === 'auto' && (await isEmpty(db)))
    if (demoLoaded) await loadDemo(db.kysely)
    return { db, migrated, demoLoaded }
  } catch (error) {
    await db.close()
    throw error
  }
}
