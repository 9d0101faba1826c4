import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'

// A fresh embedded database with demo data for every run, so journeys start from the same state.
const root = join(import.meta.dirname, '../..')
const port = process.env.E2E_PORT ?? '3100'
const dataDir = join(root, `test-results/e2e-data-${port}`)
rmSync(dataDir, { recursive: true, force: true })

const server = spawn(process.execPath, [join(root, 'server/src/server.ts')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    PORT: port,
    HOST: '127.0.0.1',
    DEMO_DATA: 'always',
    LOG_LEVEL: 'warn',
  },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
