import { loadConfig } from '../config.ts'
import { connect } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { isDemoLoaded, loadDemo } from './load-demo.ts'

const config = loadConfig()
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(db.kysely)
  if (await isDemoLoaded(db.kysely)) {
    console.log('Demo data is already loaded in this database.')
  } else {
    await loadDemo(db.kysely)
    console.log('Demo data loaded. Log in as projektledare@demo.example with the password lagesbild-demo.')
  }
} finally {
  await db.close()
}
