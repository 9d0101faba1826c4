import { loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'

const config = loadConfig()
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const result = await migrateToLatest(db.kysely)
  const applied = (result.results ?? []).map((r) => r.migrationName)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
} finally {
  await db.close()
}
