import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { OrganisationRole, ProjectRole } from '@lagesbild/shared/domain/access'
import type { LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import { v7 as uuid } from 'uuid'
import { inject } from 'vitest'
import { type App, buildApp } from '../app.ts'
import type { AppConfig } from '../config.ts'
import { connectPglite, connectPostgres, type Db } from '../db/connect.ts'
import type { Database } from '../db/schema.ts'
import { loadDemo } from '../demo/load-demo.ts'
import { hashPassword } from '../modules/auth/passwords.ts'
import { databaseUrlFor, withAdminClient } from './template-database.ts'

export const TEST_PASSWORD = 'test-password-1'
let passwordHash: Promise<string> | undefined

export const testConfig = (overrides: Partial<AppConfig> = {}): AppConfig => ({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir: undefined,
  sessionSecret: randomBytes(32).toString('base64url'),
  sessionTtlHours: 8,
  secureCookies: false,
  trustProxy: false,
  logLevel: 'silent',
  demo: 'never',
  webDist: '/nonexistent',
  bodyLimitBytes: 1_048_576,
  uploadLimitBytes: 1_048_576,
  sessionMaxHours: 24,
  publicUrl: undefined,
  invitationTtlHours: 72,
  passwordBreachCheck: true,
  oidc: undefined,
  ...overrides,
})

/** A fresh database of its own for one test file: cloned from the migrated template. */
export async function createTestDatabase(): Promise<Db> {
  const baseUrl = process.env.DATABASE_URL
  if (!baseUrl) {
    const dump = new Blob([readFileSync(inject('pgliteTemplate'))])
    return connectPglite({ loadDataDir: dump })
  }
  const name = `lagesbild_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withAdminClient(baseUrl, (client) =>
    client.query(`create database ${name} template ${inject('postgresTemplate')}`),
  )
  const db = connectPostgres(databaseUrlFor(baseUrl, name), 10)
  return {
    ...db,
    close: async () => {
      await db.close()
      await withAdminClient(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

type Body = Record<string, unknown> | unknown[] | string | undefined

/** A logged-in (or anonymous) API caller; keeps the session cookie and CSRF token. */
export class Client {
  readonly app: App
  cookie: string | undefined
  csrfToken: string | undefined
  language = 'sv'

  constructor(app: App) {
    this.app = app
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        'accept-language': this.language,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    })
    return response
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers)
  post = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('POST', url, body, headers)
  put = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PUT', url, body, headers)
  patch = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PATCH', url, body, headers)
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers)

  async login(email: string, password = TEST_PASSWORD): Promise<this> {
    const response = await this.post('/api/auth/login', { email, password })
    if (response.statusCode !== 200)
      throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`)
    const setCookie = response.headers['set-cookie']
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie
    this.cookie = first?.split(';')[0]
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken
    return this
  }
}

export const json = <T = Record<string, unknown>>(response: LightMyRequestResponse) => response.json<T>()

export interface TestUser {
  id: string
  email: string
}

/** Builders for the rows a test needs, written straight to its own database. */
export class Fixtures {
  readonly db: Kysely<Database>
  private counter = 0

  constructor(db: Kysely<Database>) {
    this.db = db
  }

  private next(prefix: string) {
    this.counter += 1
    return `${prefix} ${this.counter}`
  }

  async organisation(options: { name?: string; parentId?: string | null; kind?: string } = {}) {
    const id = uuid()
    await this.db
      .insertInto('organisation')
      .values({
        id,
        parent_id: options.parentId ?? null,
        name: options.name ?? this.next('Organisation'),
        kind: options.kind ?? (options.parentId ? 'administration' : 'municipality'),
      })
      .execute()
    return id
  }

  async person(organisationId: string, name = this.next('Person')) {
    const id = uuid()
    await this.db.insertInto('person').values({ id, organisation_id: organisationId, name }).execute()
    return id
  }

  async user(options: {
    organisationId: string
    roles?: [OrganisationRole, string][]
    email?: string
    name?: string
    active?: boolean
  }): Promise<TestUser> {
    passwordHash ??= hashPassword(TEST_PASSWORD)
    const id = uuid()
    const email = options.email ?? `user${++this.counter}.${id.slice(-6)}@test.example`
    await this.db
      .insertInto('app_user')
      .values({
        id,
        email,
        name: options.name ?? `Användare ${this.counter}`,
        organisation_id: options.organisationId,
        password_hash: await passwordHash,
        active: options.active ?? true,
      })
      .execute()
    for (const [role, organisationId] of options.roles ?? []) {
      await this.db
        .insertInto('role_grant')
        .values({ user_id: id, role, organisation_id: organisationId })
        .execute()
    }
    return { id, email }
  }

  async programme(ownerOrganisationId: string, name = this.next('Program')) {
    const id = uuid()
    await this.db
      .insertInto('programme')
      .values({ id, owner_organisation_id: ownerOrganisationId, name })
      .execute()
    return id
  }

  async project(options: {
    ownerOrganisationId: string
    name?: string
    parentId?: string
    programmeId?: string
    plannedStart?: string
    plannedEnd?: string
    status?: string
  }) {
    const id = uuid()
    await this.db
      .insertInto('project')
      .values({
        id,
        owner_organisation_id: options.ownerOrganisationId,
        name: options.name ?? this.next('Projekt'),
        parent_id: options.parentId ?? null,
        programme_id: options.programmeId ?? null,
        planned_start: options.plannedStart ?? '2025-01-01',
        planned_end: options.plannedEnd ?? '2026-12-31',
        status: options.status ?? 'active',
      })
      .execute()
    return id
  }

  async member(projectId: string, userId: string, role: ProjectRole) {
    await this.db
      .insertInto('project_member')
      .values({ project_id: projectId, user_id: userId, role })
      .execute()
  }

  /** A decision in the register, for tests that need one to point at (decision_id columns are foreign keys). */
  async decision(options: { projectId?: string | null; kind?: string; date?: string } = {}) {
    const id = uuid()
    await this.db
      .insertInto('decision')
      .values({
        id,
        steering_group_id: null,
        decided_on: options.date ?? '2025-06-01',
        text: this.next('Beslut'),
        kind: options.kind ?? 'other',
        project_id: options.projectId ?? null,
        decided_by: 'Styrgruppen',
        outside_system: true,
      })
      .execute()
    return id
  }

  /**
   * A steering group governing `projectIds`, with a user account per member (linked through
   * the person), so each user has `project:approve` there today.
   */
  async steeringGroup(options: {
    ownerOrganisationId: string
    projectIds: string[]
    members?: number
    name?: string
  }) {
    const id = uuid()
    await this.db
      .insertInto('steering_group')
      .values({
        id,
        owner_organisation_id: options.ownerOrganisationId,
        name: options.name ?? this.next('Styrgrupp'),
      })
      .execute()
    for (const projectId of options.projectIds) {
      await this.db
        .insertInto('steering_group_project')
        .values({ steering_group_id: id, project_id: projectId })
        .execute()
    }
    const users: TestUser[] = []
    for (let i = 0; i < (options.members ?? 1); i++) {
      const personId = await this.person(options.ownerOrganisationId)
      const user = await this.user({ organisationId: options.ownerOrganisationId })
      await this.db.updateTable('app_user').set({ person_id: personId }).where('id', '=', user.id).execute()
      await this.db
        .insertInto('steering_group_member')
        .values({
          id: uuid(),
          steering_group_id: id,
          person_id: personId,
          role: i === 0 ? 'chair' : 'member',
          from_date: '2000-01-01',
        })
        .execute()
      users.push(user)
    }
    return { id, users }
  }
}

export interface TestContext {
  app: App
  db: Kysely<Database>
  fixtures: Fixtures
  /** A client with no session. */
  anonymous(): Client
  /** A client logged in as the given user. */
  as(user: TestUser | string, password?: string): Promise<Client>
  close(): Promise<void>
}

/** Builds the whole app on a fresh database of its own; call `close` in afterAll. */
export async function createTestApp(
  options: { demo?: boolean; config?: Partial<AppConfig> } = {},
): Promise<TestContext> {
  const db = await createTestDatabase()
  if (options.demo) await loadDemo(db.kysely)
  const app = await buildApp({ config: testConfig(options.config), db })
  await app.ready()
  return {
    app,
    db: db.kysely,
    fixtures: new Fixtures(db.kysely),
    anonymous: () => new Client(app),
    as: async (user, password) =>
      new Client(app).login(typeof user === 'string' ? user : user.email, password),
    close: () => app.close(),
  }
}
