import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type DemoMode = 'auto' | 'always' | 'never'

export interface AppConfig {
  port: number
  host: string
  databaseUrl: string | undefined
  /** Embedded database folder; undefined means in memory (tests). */
  dataDir: string | undefined
  sessionSecret: string
  sessionTtlHours: number
  secureCookies: 'auto' | boolean
  trustProxy: boolean
  logLevel: string
  demo: DemoMode
  webDist: string
  bodyLimitBytes: number
}

export class ConfigError extends Error {}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
    return fallback
  }
  return value
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`)
  return fallback
}

/** The session secret from the environment, or one generated once and kept in the data folder. */
function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string | undefined, problems: string[]): string {
  const given = env.SESSION_SECRET
  if (given !== undefined && given !== '') {
    if (given.length < 32) problems.push('SESSION_SECRET must be at least 32 characters long')
    return given
  }
  if (!dataDir) return randomBytes(32).toString('base64url')
  const file = join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = []
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`)
  }
  const dataDir = resolve(env.DATA_DIR || './data')
  const config: AppConfig = {
    port: integer(env, 'PORT', 3000, 0, 65_535, problems),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir,
    sessionSecret: '',
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 10, 1, 24 * 30, problems),
    secureCookies: (() => {
      const value = oneOf(env, 'COOKIE_SECURE', ['auto', 'true', 'false'] as const, 'auto', problems)
      return value === 'auto' ? 'auto' : value === 'true'
    })(),
    trustProxy: oneOf(env, 'TRUST_PROXY', ['true', 'false'] as const, 'false', problems) === 'true',
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
      problems,
    ),
    demo: oneOf(env, 'DEMO_DATA', ['auto', 'always', 'never'] as const, 'auto', problems),
    webDist: resolve(env.WEB_DIST || join(repoRoot, 'web/dist')),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576, problems),
  }
  if (problems.length === 0)
    config.sessionSecret = sessionSecret(env, databaseUrl ? undefined : dataDir, problems)
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  return config
}
