import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('has defaults that run the app on the embedded database', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lagesbild-config-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir, demo: 'auto' })
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(config.sessionSecret)
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(config.sessionSecret)
  })

  it('names every bad value in one clear message', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DEMO_DATA: 'sometimes',
        SESSION_SECRET: 'short',
      })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/PORT must be a whole number from 0 to 65535, got "eighty"/)
    expect(attempt).toThrow(/DATABASE_URL must start with postgres/)
    expect(attempt).toThrow(/DEMO_DATA must be one of auto, always, never/)
  })

  it('rejects a short session secret', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'too-short' })).toThrow(
      /SESSION_SECRET must be at least 32 characters/,
    )
  })
})
