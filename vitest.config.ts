import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'web/src/**/*.test.ts',
      'tests/api/**/*.test.ts',
      'tests/reliability/**/*.test.ts',
    ],
    globalSetup: ['server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every core: test files spend much of their time waiting on the database, and Vitest's
    // default (one fewer than the cores) ran a 2-core machine's suite one file at a time.
    maxWorkers: availableParallelism(),
  },
})
