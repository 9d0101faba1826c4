import { defineConfig } from '@playwright/test'

import { E2E_FIRST_PORT, E2E_WORKERS } from './support.ts'

/**
 * Browser journeys against the built app on fresh embedded databases with demo data: one server
 * per worker (see `test` in support.ts), so each worker's journeys run in order on their own data.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: 0,
  // A hang, not a slow machine, should fail a test: axe takes seconds a page on two shared cores, and a
  // test that checks four pages took 47 s in one quiet CI run and over 60 s in the next.
  timeout: 180_000,
  // An assertion waits up to 20 s: on a loaded two-core machine a page with axe, a PDF or an
  // import behind it took over 10 s to settle in CI; a real failure still fails, only later.
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    locale: 'sv-SE',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: Array.from({ length: E2E_WORKERS }, (_, worker) => {
    const port = E2E_FIRST_PORT + worker
    return {
      command: 'node start-server.ts',
      cwd: import.meta.dirname,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: { E2E_PORT: String(port) },
    }
  }),
})
