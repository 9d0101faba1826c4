import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type OrganisationRole, organisationRoles } from '@lagesbild/shared/domain/access'

export type DemoMode = 'auto' | 'always' | 'never'

/** OpenID Connect single sign-on; absent when OIDC_ISSUER is not set. */
export interface OidcConfig {
  issuer: string
  clientId: string
  /** Absent for a public client, which then relies on PKCE alone. */
  clientSecret: string | undefined
  redirectUri: string
  scopes: string
  /** Match an unknown subject to an existing account by its e-mail address. */
  matchByEmail: boolean
  createUsers: boolean
  /** Where created users belong and claim roles are granted. */
  organisationId: string | undefined
  defaultRole: OrganisationRole | undefined
  roleClaim: string | undefined
  /** Claim value → role; a claim value equal to a role name maps to it without an entry. */
  roleMap: Record<string, OrganisationRole>
}

export interface AppConfig {
  port: number
  host: string
  databaseUrl: string | undefined
  /** Embedded database folder; undefined means in memory (tests). */
  dataDir: string | undefined
  sessionSecret: string
  sessionTtlHours: number
  /** Absolute session lifetime, however active the session is. */
  sessionMaxHours: number
  secureCookies: 'auto' | boolean
  trustProxy: boolean
  logLevel: string
  demo: DemoMode
  webDist: string
  bodyLimitBytes: number
  uploadLimitBytes: number
  /** Origin for links the app hands out (invitations); the request's own when undefined. */
  publicUrl: string | undefined
  invitationTtlHours: number
  /** Refuse passwords found in the bundled list of common passwords. */
  passwordBreachCheck: boolean
  oidc: OidcConfig | undefined
  /** Registers the benchmark's baseline route (BENCH_ROUTES); never needed in production. */
  benchRoutes?: boolean
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

function httpUrl(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  try {
    const url = new URL(raw)
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      return raw.replace(/\/$/, '')
    }
    problems.push(`${name} must be an https:// URL (http:// only on localhost), got "${raw}"`)
  } catch {
    problems.push(`${name} must be a URL, got "${raw}"`)
  }
  return undefined
}

/** The public address may be plain http anywhere: it only builds links, it is not trusted. */
function httpUrlOrLocal(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  if (/^https?:\/\/[^/\s]+\/?$/.test(raw)) return raw.replace(/\/$/, '')
  problems.push(`${name} must be an origin such as https://lagesbild.kommun.se, got "${raw}"`)
  return undefined
}

/** Whether an http:// URL is allowed: only for a provider on this machine (tests, development). */
export const isLoopbackHttp = (url: string) => {
  const parsed = new URL(url)
  return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)
}

function role(env: NodeJS.ProcessEnv, name: string, problems: string[]): OrganisationRole | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === 'none') return undefined
  if ((organisationRoles as readonly string[]).includes(raw)) return raw as OrganisationRole
  problems.push(`${name} must be one of none, ${organisationRoles.join(', ')}, got "${raw}"`)
  return undefined
}

function roleMap(env: NodeJS.ProcessEnv, problems: string[]): Record<string, OrganisationRole> {
  const raw = env.OIDC_ROLE_MAP
  const map: Record<string, OrganisationRole> = {}
  if (!raw) return map
  for (const pair of raw.split(',')) {
    const [claimValue, mapped] = pair.split('=').map((part) => part.trim())
    if (!claimValue || !mapped || !(organisationRoles as readonly string[]).includes(mapped)) {
      problems.push(
        `OIDC_ROLE_MAP must be claimValue=role pairs separated by commas (roles: ${organisationRoles.join(', ')}), got "${pair}"`,
      )
      continue
    }
    map[claimValue] = mapped as OrganisationRole
  }
  return map
}

function oidcConfig(env: NodeJS.ProcessEnv, problems: string[]): OidcConfig | undefined {
  const issuer = httpUrl(env, 'OIDC_ISSUER', problems)
  const redirectUri = httpUrl(env, 'OIDC_REDIRECT_URI', problems)
  const clientId = env.OIDC_CLIENT_ID || undefined
  const anySet = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'].some((name) => env[name])
  if (!anySet) return undefined
  for (const [name, value] of [
    ['OIDC_ISSUER', env.OIDC_ISSUER],
    ['OIDC_CLIENT_ID', clientId],
    ['OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI],
  ] as const) {
    if (!value) problems.push(`${name} is required when single sign-on (OIDC_*) is configured`)
  }
  const createUsers =
    oneOf(env, 'OIDC_CREATE_USERS', ['true', 'false'] as const, 'false', problems) === 'true'
  const organisationId = env.OIDC_ORGANISATION_ID || undefined
  if (organisationId && !UUID.test(organisationId)) {
    problems.push(`OIDC_ORGANISATION_ID must be an organisation id (uuid), got "${organisationId}"`)
  }
  const roleClaim = env.OIDC_ROLE_CLAIM || undefined
  const defaultRole = role(env, 'OIDC_DEFAULT_ROLE', problems)
  if ((createUsers || roleClaim || defaultRole) && !organisationId) {
    problems.push(
      'OIDC_ORGANISATION_ID is required with OIDC_CREATE_USERS, OIDC_ROLE_CLAIM or OIDC_DEFAULT_ROLE: it says where users and roles go',
    )
  }
  const scopes = env.OIDC_SCOPES || 'openid email profile'
  if (!scopes.split(/\s+/).includes('openid'))
    problems.push(`OIDC_SCOPES must include openid, got "${scopes}"`)
  if (!issuer || !clientId || !redirectUri) return undefined
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    scopes,
    matchByEmail: oneOf(env, 'OIDC_MATCH_EMAIL', ['true', 'false'] as const, 'true', problems) === 'true',
    createUsers,
    organisationId,
    defaultRole,
    roleClaim,
    roleMap: roleMap(env, problems),
  }
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
    uploadLimitBytes: integer(env, 'UPLOAD_LIMIT_BYTES', 50 * 1_048_576, 1024, 500 * 1_048_576, problems),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 24, 1, 24 * 90, problems),
    publicUrl: httpUrlOrLocal(env, 'PUBLIC_URL', problems),
    invitationTtlHours: integer(env, 'INVITATION_TTL_HOURS', 72, 1, 24 * 30, problems),
    passwordBreachCheck:
      oneOf(env, 'PASSWORD_BREACH_CHECK', ['true', 'false'] as const, 'true', problems) === 'true',
    oidc: oidcConfig(env, problems),
    benchRoutes: oneOf(env, 'BENCH_ROUTES', ['true', 'false'] as const, 'false', problems) === 'true',
  }
  if (config.sessionMaxHours < config.sessionTtlHours) {
    problems.push(
      `SESSION_MAX_HOURS (${config.sessionMaxHours}) must be at least SESSION_TTL_HOURS (${config.sessionTtlHours})`,
    )
  }
  if (problems.length === 0)
    config.sessionSecret = sessionSecret(env, databaseUrl ? undefined : dataDir, problems)
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  return config
}
