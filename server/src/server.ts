import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { openDatabase } from './db/open.ts'

async function main() {
  const config = loadConfig()
  const { db, migrated, demoLoaded } = await openDatabase(config)
  const app = await buildApp({ config, db })
  if (migrated.length > 0) app.log.info({ migrated }, 'database migrated')
  if (demoLoaded) app.log.info('demo data loaded')

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  const where = config.databaseUrl ? 'PostgreSQL' : `inbäddad databas i ${config.dataDir}`
  const port = (app.server.address() as { port: number }).port
  console.log(
    `\n  Lägesbild körs på http://localhost:${port}  (${where})\n  API-dokumentation: http://localhost:${port}/api/docs\n`,
  )
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
