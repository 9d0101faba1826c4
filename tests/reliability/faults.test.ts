import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type App, buildApp } from '@lagesbild/server/app'
import { connectPglite, connectPostgres, type Db } from '@lagesbild/server/db/connect'
import { ledgerCsv } from '@lagesbild/server/modules/finance/sample'
import { Client, Fixtures, json, testConfig } from '@lagesbild/server/test/helper'
import { databaseUrlFor, withAdminClient } from '@lagesbild/server/test/template-database'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ledger } from '../bench/ledger.ts'

/**
 * Faults: the embedded database killed mid-write, and, on PostgreSQL, the database vanishing
 * under a running app (a TCP proxy on loopback is cut and restored, so the shared server the
 * other tests use is never touched) and two app instances on one database.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const node = join(repoRoot, 'node_modules/.bin/node')

describe('the embedded database killed mid-write', () => {
  it('keeps every write it acknowledged, and opens again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lagesbild-kill-'))
    try {
      const child: ChildProcess = spawn(node, ['tests/reliability/pglite-writer.ts', dataDir], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let acked = 0
      await new Promise<void>((resolve, reject) => {
        let buffer = ''
        child.stdout?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          const lines = buffer.split('\n')
          buffer = lines.pop() ?? ''
          for (const line of lines) {
            const n = /^ack (\d+)$/.exec(line)?.[1]
            if (n) acked = Number(n)
          }
          // Killed without warning, in the middle of its stream of writes.
          if (acked >= 150 && child.exitCode === null) child.kill('SIGKILL')
        })
        child.once('exit', () => resolve())
        child.once('error', reject)
      })
      expect(acked).toBeGreaterThanOrEqual(150)

      const reopened = await connectPglite({ dataDir })
      try {
        const result = await reopened.pglite?.query<{ n: number; max: number }>(
          'select count(*)::int as n, max(n)::int as max from acked',
        )
        const row = result?.rows[0]
        // Every acknowledged row is there, without gaps; at most the one in flight more.
        expect(row?.max).toBeGreaterThanOrEqual(acked)
        expect(row?.n).toBe(row?.max)
      } finally {
        await reopened.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})

/** A loopback TCP proxy in front of PostgreSQL that can drop every connection and refuse new ones. */
class CuttableProxy {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private down = false
  port = 0
  private readonly host: string
  private readonly targetPort: number

  constructor(host: string, targetPort: number) {
    this.host = host
    this.targetPort = targetPort
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy()
        return
      }
      const upstream = createConnection({ host: this.host, port: this.targetPort })
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
        socket.on('error', () => {})
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
  }

  /** The database is gone: open connections die mid-stream, new ones are refused. */
  cut(): void {
    this.down = true
    for (const socket of this.sockets) socket.destroy()
  }

  restore(): void {
    this.down = false
  }

  async stop(): Promise<void> {
    this.cut()
    await new Promise((resolve) => this.server?.close(resolve))
  }
}

const baseUrl = process.env.DATABASE_URL

interface Instance {
  app: App
  db: Db
}

async function createDatabase(url: string): Promise<{ name: string; url: string }> {
  const name = `lagesbild_fault_${randomBytes(4).toString('hex')}`
  await withAdminClient(url, (client) =>
    client.query(`create database ${name} template ${inject('postgresTemplate')}`),
  )
  return { name, url: databaseUrlFor(url, name) }
}

async function instance(url: string, sessionSecret: string): Promise<Instance> {
  const db = connectPostgres(url, 5)
  const app = await buildApp({
    config: testConfig({ sessionSecret, uploadLimitBytes: 50 * 1_048_576 }),
    db,
  })
  await app.ready()
  return { app, db }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return Date.now() - started
}

function multipart(fileName: string, content: Buffer) {
  const boundary = '----lagesbild-fault-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
  )
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  }
}

async function upload(client: Client, organisationId: string, content: Buffer): Promise<string> {
  const { body, type } = multipart('huvudbok.csv', content)
  const response = await client.app.inject({
    method: 'POST',
    url: `/api/finance/imports?organisationId=${organisationId}`,
    headers: {
      cookie: client.cookie ?? '',
      'x-csrf-token': client.csrfToken ?? '',
      'content-type': type,
    },
    payload: body,
  })
  expect(response.statusCode).toBe(201)
  return json<{ id: string }>(response).id
}

/** An organisation with a finance user, an administrator and a project with a finance code. */
async function financeSetup(fixtures: Fixtures) {
  const organisation = await fixtures.organisation({ name: `Felkommun ${randomBytes(3).toString('hex')}` })
  const project = await fixtures.project({ ownerOrganisationId: organisation })
  await fixtures.db
    .insertInto('finance_code')
    .values({ id: crypto.randomUUID(), organisation_id: organisation, code: 'F0001', project_id: project })
    .execute()
  const finance = await fixtures.user({ organisationId: organisation, roles: [['finance', organisation]] })
  const admin = await fixtures.user({
    organisationId: organisation,
    roles: [['administrator', organisation]],
  })
  return { organisation, project, finance, admin }
}

const csv = (rows: number, run: string) =>
  ledgerCsv(ledger(rows, { projectCodes: ['F0001'], year: 2025, run }), {
    title: 'Huvudbok',
    period: '2025-01-01 – 2025-12-31',
  })

if (baseUrl) {
  describe('PostgreSQL lost under a running app', () => {
    const proxy = new CuttableProxy(new URL(baseUrl).hostname, Number(new URL(baseUrl).port || 5432))
    let database: { name: string; url: string }
    let app: Instance
    let direct: Db
    let fixtures: Fixtures

    beforeAll(async () => {
      await proxy.start()
      database = await createDatabase(baseUrl)
      const viaProxy = new URL(database.url)
      viaProxy.hostname = '127.0.0.1'
      viaProxy.port = String(proxy.port)
      app = await instance(viaProxy.toString(), randomBytes(32).toString('base64url'))
      direct = connectPostgres(database.url, 2)
      fixtures = new Fixtures(direct.kysely)
    })

    afterAll(async () => {
      await app.app.close()
      await direct.close()
      await proxy.stop()
      await withAdminClient(baseUrl, (client) =>
        client.query(`drop database if exists ${database.name} with (force)`),
      )
    })

    it('answers 503 problem+json at once while it is gone, and recovers by itself', async () => {
      const { organisation, admin } = await financeSetup(fixtures)
      await fixtures.project({ ownerOrganisationId: organisation })
      const client = await new Client(app.app).login(admin.email)
      expect((await client.get('/api/projects')).statusCode).toBe(200)

      proxy.cut()
      const started = Date.now()
      const refused = await client.get('/api/projects')
      expect(Date.now() - started).toBeLessThan(6_000)
      expect(refused.statusCode).toBe(503)
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(refused.headers['retry-after']).toBe('5')
      expect(json(refused)).toMatchObject({ status: 503, code: 'database_unavailable' })
      const health = await client.get('/api/health')
      expect(health.statusCode, health.body).toBe(503)
      // A load balancer asks without a session and gets the report; with one, the session
      // check meets the lost database first and answers with the problem.
      expect(json(health)).toMatchObject({ status: 503, code: 'database_unavailable' })
      const anonymous = await new Client(app.app).get('/api/health')
      expect(anonymous.statusCode).toBe(503)
      expect(json(anonymous)).toMatchObject({ status: 'degraded', database: { reachable: false } })

      proxy.restore()
      // No restart: the pool opens new connections once the database answers again.
      await waitFor(async () => (await client.get('/api/health')).statusCode === 200, 10_000)
      const after = await client.get('/api/projects')
      expect(after.statusCode).toBe(200)
      expect(json<{ items: unknown[] }>(after).items.length).toBeGreaterThan(0)
    }, 30_000)

    it('leaves nothing visible of an import whose connection died mid-commit', async () => {
      const { organisation, project, finance } = await financeSetup(fixtures)
      const client = await new Client(app.app).login(finance.email)
      const importId = await upload(client, organisation, csv(60_000, 'K'))
      const validated = await client.post(`/api/finance/imports/${importId}/validate`)
      expect(json(validated)).toMatchObject({ status: 'validated' })

      const commit = client.post(`/api/finance/imports/${importId}/commit`)
      // Cut once the first batches are written, well before the last.
      await waitFor(async () => {
        const row = await direct.kysely
          .selectFrom('finance_import')
          .where('id', '=', importId)
          .select('rows_done')
          .executeTakeFirstOrThrow()
        return row.rows_done > 0
      }, 20_000)
      proxy.cut()
      const response = await commit
      expect(response.statusCode).toBe(503)
      expect(json(response)).toMatchObject({ code: 'database_unavailable' })
      proxy.restore()

      const stored = await direct.kysely
        .selectFrom('finance_import')
        .where('id', '=', importId)
        .select('status')
        .executeTakeFirstOrThrow()
      expect(stored.status).not.toBe('committed')
      await waitFor(async () => (await client.get('/api/health')).statusCode === 200, 10_000)
      const money = await client.get(`/api/projects/${project}/finance`)
      expect(money.statusCode).toBe(200)
      expect(json<{ spentTotalOre: number }>(money).spentTotalOre).toBe(0)
    }, 60_000)
  })

  describe('two app instances on one PostgreSQL', () => {
    let database: { name: string; url: string }
    let a: Instance
    let b: Instance
    let fixtures: Fixtures
    let direct: Db

    beforeAll(async () => {
      database = await createDatabase(baseUrl)
      // The same signing secret, as every instance behind one load balancer must have.
      const secret = randomBytes(32).toString('base64url')
      a = await instance(database.url, secret)
      b = await instance(database.url, secret)
      direct = connectPostgres(database.url, 2)
      fixtures = new Fixtures(direct.kysely)
    })

    afterAll(async () => {
      await a.app.close()
      await b.app.close()
      await direct.close()
      await withAdminClient(baseUrl, (client) =>
        client.query(`drop database if exists ${database.name} with (force)`),
      )
    })

    const on = (target: Instance, from: Client) => {
      const client = new Client(target.app)
      client.cookie = from.cookie
      client.csrfToken = from.csrfToken
      return client
    }

    it('shares sessions: a login on one works on the other, a logout on one ends it on both', async () => {
      const { admin } = await financeSetup(fixtures)
      const onA = await new Client(a.app).login(admin.email)
      const onB = on(b, onA)
      expect((await onB.get('/api/me')).statusCode).toBe(200)
      expect((await onB.post('/api/auth/logout')).statusCode).toBeLessThan(300)
      expect((await onA.get('/api/me')).statusCode).toBe(401)
    })

    it('refuses a stale version written through the other instance with 409', async () => {
      const { organisation, admin } = await financeSetup(fixtures)
      const project = await fixtures.project({ ownerOrganisationId: organisation })
      const onA = await new Client(a.app).login(admin.email)
      const onB = on(b, onA)
      const [first, second] = await Promise.all([
        onA.patch(`/api/projects/${project}`, { version: 1, background: 'Från instans A' }),
        onB.patch(`/api/projects/${project}`, { version: 1, background: 'Från instans B' }),
      ])
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409])
      const late = await onB.patch(`/api/projects/${project}`, { version: 1, background: 'Sent' })
      expect(late.statusCode).toBe(409)
    })

    it('counts failed logins across both instances', async () => {
      const { admin } = await financeSetup(fixtures)
      for (let i = 0; i < 10; i += 1) {
        const response = await new Client(i % 2 === 0 ? a.app : b.app).post('/api/auth/login', {
          email: admin.email,
          password: 'fel-lösenord-123',
        })
        expect(response.statusCode).toBe(401)
      }
      const locked = await new Client(b.app).post('/api/auth/login', {
        email: admin.email,
        password: 'x'.repeat(12),
      })
      expect(locked.statusCode).toBe(429)
    })

    it('runs an import begun on one instance and committed on the other, and a load spread over both', async () => {
      const { organisation, project, finance } = await financeSetup(fixtures)
      const onA = await new Client(a.app).login(finance.email)
      const onB = on(b, onA)
      const importId = await upload(onA, organisation, csv(500, 'T'))
      expect(json(await onB.post(`/api/finance/imports/${importId}/validate`))).toMatchObject({
        status: 'validated',
      })
      const committed = await onA.post(`/api/finance/imports/${importId}/commit`)
      expect(json(committed)).toMatchObject({ status: 'committed', counts: { inserted: 500 } })

      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? onA : onB).get(`/api/projects/${project}/finance`),
        ),
      )
      expect(responses.every((r) => r.statusCode === 200)).toBe(true)
      const totals = new Set(responses.map((r) => json<{ spentTotalOre: number }>(r).spentTotalOre))
      expect(totals.size).toBe(1)
    }, 60_000)
  })
}
