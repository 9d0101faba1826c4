/**
 * `pnpm bench`: the server against PostgreSQL holding a synthesized data set, measured with
 * autocannon at 50 connections against a baseline route (session check + `select 1`) in the
 * same run. Prints a table and writes tests/bench/results/latest.json.
 *
 *   pnpm bench                       national scale (synthesized first when missing)
 *   BENCH_SCALE=regional pnpm bench  another scale (also --scale)
 *   pnpm bench --smoke               small scale, a second per route: proves the command works
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://root@127.0.0.1:5432/postgres);
 * the data lives in a database of its own, lagesbild_scale_<scale>, created when missing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { connectPostgres } from '@lagesbild/server/db/connect'
import { ledgerCsv } from '@lagesbild/server/modules/finance/sample'
import { isScaleName, scales } from '@lagesbild/server/synth/context'
import { SYNTH_PASSWORD, synthAccounts } from '@lagesbild/server/synth/foundation'
import { prepareSynthDatabase } from '@lagesbild/server/synth/prepare'
import { databaseUrlFor } from '@lagesbild/server/test/template-database'
import autocannon from 'autocannon'
import { ledger } from './ledger.ts'
import { login, type RunningServer, type Session, sessionHeaders, startServer } from './server.ts'

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    scale: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
  },
})
const smoke = args.smoke
const scaleName = args.scale ?? process.env.BENCH_SCALE ?? (smoke ? 'small' : 'national')
if (!isScaleName(scaleName)) throw new Error(`unknown scale ${scaleName}`)
const scale = scales[scaleName]
const DURATION_S = Number(args.duration ?? (smoke ? 2 : 10))
const CONNECTIONS = Number(args.connections ?? (smoke ? 10 : 50))
/** `--only plan` measures the baseline and the parts whose names contain "plan", nothing else. */
const only = args.only?.toLowerCase()
const selected = (name: string) => only === undefined || name.toLowerCase().includes(only)
const IMPORT_ROWS = smoke ? 2_000 : 100_000
const DOCUMENT_RUNS = smoke ? 2 : 10
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres'
// BENCH_DATABASE names another database for the scale: a branch with a migration of its own
// would otherwise migrate the shared one under branches that do not know that migration.
const databaseUrl = databaseUrlFor(serverUrl, process.env.BENCH_DATABASE ?? `lagesbild_scale_${scale.name}`)

type Target = { ratio?: number; p95Ms?: number; maxMs?: number }

interface Row {
  name: string
  kind: 'load' | 'single'
  requests: number
  rps: number
  p50: number
  p95: number
  p99: number
  ratio: number | null
  failures: number
  target: Target
  met: boolean | null
  note?: string
  /** Server CPU per request (ms): what the route costs the app, whatever else loads the machine. */
  cpuMsPerRequest?: number
  /** Server RSS in MB right after the row was measured. */
  rssMb?: number
}

const rows: Row[] = []

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0)

function judge(row: Omit<Row, 'met'>): Row {
  const { ratio, p95Ms, maxMs } = row.target
  const checks: boolean[] = []
  if (ratio !== undefined && row.ratio !== null) checks.push(row.ratio >= ratio)
  if (p95Ms !== undefined) checks.push(row.p95 <= p95Ms)
  if (maxMs !== undefined) checks.push(row.p50 <= maxMs)
  return { ...row, met: checks.length === 0 ? null : checks.every(Boolean) && row.failures === 0 }
}

interface LoadSpec {
  name: string
  session: Session
  path: string
  method?: 'GET' | 'PATCH'
  target?: Target
  /** For writes: builds each request (path and body) and learns from each response. */
  next?: () => { path: string; body: string }
  onResponse?: (status: number, body: string) => void
}

let baselineRps = 0

/**
 * Waits until the server is idle again: a route that overran its run (requests the client gave
 * up on still hold the pool) must not slow down the next route's measurement.
 */
async function settle(server: RunningServer): Promise<void> {
  const deadline = Date.now() + 60_000
  let quick = 0
  while (quick < 3 && Date.now() < deadline) {
    const started = performance.now()
    await fetch(`${server.url}/api/health`).catch(() => undefined)
    quick = performance.now() - started < 50 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function load(server: RunningServer, spec: LoadSpec, warmUp = !smoke): Promise<Row | undefined> {
  if (!spec.name.startsWith('baseline') && !selected(spec.name)) return undefined
  const run = async (duration: number, connections: number) => {
    const latencies: number[] = []
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          connections,
          duration,
          headers: { ...sessionHeaders(spec.session), 'content-type': 'application/json' },
          requests: [
            {
              method: spec.method ?? 'GET',
              path: spec.path,
              ...(spec.next
                ? {
                    setupRequest: (request) => {
                      const next = spec.next?.()
                      return next ? { ...request, path: next.path, body: next.body } : request
                    },
                  }
                : {}),
              ...(spec.onResponse ? { onResponse: spec.onResponse } : {}),
            },
          ],
        },
        (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
      )
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
    })
    latencies.sort((a, b) => a - b)
    return { result, latencies }
  }
  if (warmUp) await run(1, 10)
  await settle(server)
  const cpuBefore = server.cpuMs()
  const { result, latencies } = await run(DURATION_S, CONNECTIONS)
  const cpuMs = server.cpuMs() - cpuBefore
  const rps = result.requests.average
  if (spec.name.startsWith('baseline')) baselineRps = rps
  const row = judge({
    name: spec.name,
    kind: 'load',
    requests: result.requests.total,
    rps,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    ratio: baselineRps > 0 ? rps / baselineRps : null,
    failures: result.non2xx + result.errors + result.timeouts,
    target: spec.target ?? {},
    cpuMsPerRequest: result.requests.total > 0 ? cpuMs / result.requests.total : 0,
    note: `statuses ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])))}, errors ${result.errors}, timeouts ${result.timeouts}`,
  })
  rows.push(row)
  printRow(row)
  await settle(server)
  return row
}

/** Runs `work` sequentially `runs` times after a warm-up: for things measured one at a time. */
async function single(
  name: string,
  runs: number,
  target: Target,
  work: () => Promise<boolean>,
  note?: string,
) {
  await work()
  const times: number[] = []
  let failures = 0
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now()
    if (!(await work())) failures += 1
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const row = judge({
    name,
    kind: 'single',
    requests: runs,
    rps: 0,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    ratio: null,
    failures,
    target,
    ...(note ? { note } : {}),
  })
  rows.push(row)
  printRow(row)
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8)

function printHeader() {
  console.log(
    `\n  ${'endpoint'.padEnd(46)} ${'req/s'.padStart(8)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'fail'.padStart(5)} ${'cpu ms'.padStart(6)} ${'RSS MB'.padStart(6)}  target`,
  )
}

let currentServer: RunningServer | undefined

function printRow(row: Row) {
  const rss = currentServer?.memory()?.rss
  if (rss !== undefined) row.rssMb = Math.round(rss / 1024 / 1024)
  const target = [
    row.target.ratio !== undefined ? `≥${Math.round(row.target.ratio * 100)} %` : '',
    row.target.p95Ms !== undefined ? `p95≤${row.target.p95Ms}` : '',
    row.target.maxMs !== undefined ? `≤${row.target.maxMs} ms` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const verdict = row.met === null ? '' : row.met ? ' ok' : ' MISSED'
  console.log(
    `  ${row.name.padEnd(46)} ${row.kind === 'load' ? fmt(row.rps) : '       –'} ${row.ratio === null ? '     –' : `${fmt(row.ratio * 100).trim()} %`.padStart(6)} ${fmt(row.p50, 1)} ${fmt(row.p95, 1)} ${fmt(row.p99, 1)} ${String(row.failures).padStart(5)} ${(row.cpuMsPerRequest === undefined ? '–' : row.cpuMsPerRequest.toFixed(2)).padStart(6)} ${String(row.rssMb ?? '').padStart(6)}  ${target}${verdict}`,
  )
}

/** What the routes are measured on: ids picked from the synthesized data. */
async function pickSubjects() {
  const db = connectPostgres(databaseUrl, 2)
  try {
    const home = await db.kysely
      .selectFrom('app_user as u')
      .where('u.email', '=', synthAccounts.portfolio)
      .select('u.organisation_id')
      .executeTakeFirstOrThrow()
    const orgId = home.organisation_id
    const under = (eb: { selectFrom: typeof db.kysely.selectFrom }) =>
      eb.selectFrom('organisation_closure').where('ancestor_id', '=', orgId).select('descendant_id')
    const programme = await db.kysely
      .selectFrom('project')
      .where('programme_id', 'is not', null)
      .where('owner_organisation_id', 'in', under(db.kysely))
      .groupBy('programme_id')
      .select((eb) => ['programme_id', eb.fn.countAll<number>().as('n')])
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    // The busiest project: the heaviest project page there is.
    const project = await db.kysely
      .selectFrom('activity')
      .innerJoin('project', 'project.id', 'activity.project_id')
      .where('project.owner_organisation_id', 'in', under(db.kysely))
      .groupBy('activity.project_id')
      .select((eb) => ['activity.project_id', eb.fn.countAll<number>().as('n')])
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    const activities = await db.kysely
      .selectFrom('activity')
      .innerJoin('project', 'project.id', 'activity.project_id')
      .where('project.owner_organisation_id', 'in', under(db.kysely))
      .select(['activity.id', 'activity.project_id', 'activity.version'])
      .limit(smoke ? 500 : 40_000)
      .execute()
    const codes = await db.kysely
      .selectFrom('finance_code')
      .where('organisation_id', '=', orgId)
      .select('code')
      .limit(200)
      .execute()
    const reportProject = await db.kysely
      .selectFrom('project_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .where('u.email', '=', synthAccounts.projectLeader)
      .select('m.project_id')
      .executeTakeFirstOrThrow()
    const count = async (table: 'project' | 'activity' | 'actual_cost') =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      orgId,
      programmeId: programme.programme_id ?? '',
      projectId: project.project_id,
      projectActivities: Number(project.n),
      activities,
      codes: codes.map((c) => c.code),
      reportProjectId: reportProject.project_id,
      counts: {
        projects: await count('project'),
        activities: await count('activity'),
        costs: await count('actual_cost'),
      },
    }
  } finally {
    await db.close()
  }
}

/** Embedded cold start: a fresh PGlite folder, every migration and the demo, until /api/health. */
async function coldStart(): Promise<{ ms: number; rss: number | undefined }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lagesbild-cold-'))
  try {
    const env: Record<string, string> = { DATA_DIR: dataDir, DEMO_DATA: 'auto', DATABASE_URL: '' }
    const server = await startServer(env)
    const memory = server.memory()
    await server.stop()
    return { ms: server.startMs, rss: memory?.rss }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function importActuals(server: RunningServer, finance: Session, orgId: string, codes: string[]) {
  const headers = sessionHeaders(finance)
  const content = ledgerCsv(
    ledger(IMPORT_ROWS, {
      projectCodes: codes,
      year: 2024,
      run: `B${Date.now().toString(36).toUpperCase()}`,
    }),
    { title: 'Huvudbok – bänktest', period: '2024-01-01 – 2024-12-31' },
  )
  const started = performance.now()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), 'huvudbok.csv')
  const uploaded = await fetch(`${server.url}/api/finance/imports?organisationId=${orgId}`, {
    method: 'POST',
    headers,
    body: form,
  })
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`)
  const { id } = (await uploaded.json()) as { id: string }
  const step = async (what: string) => {
    const response = await fetch(`${server.url}/api/finance/imports/${id}/${what}`, {
      method: 'POST',
      headers,
    })
    if (response.status !== 200) throw new Error(`${what}: ${response.status} ${await response.text()}`)
    return (await response.json()) as { status: string; counts: Record<string, number | null> }
  }
  const validated = await step('validate')
  if (validated.status !== 'validated') throw new Error(`validation: ${JSON.stringify(validated.counts)}`)
  const committed = await step('commit')
  const ms = performance.now() - started
  // Leave the data set as it was, so the next run measures the same thing.
  const rolledBack = await fetch(`${server.url}/api/finance/imports/${id}/rollback`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Bänktest' }),
  })
  const row = judge({
    name: `actuals import, ${IMPORT_ROWS.toLocaleString('sv-SE')} rows (upload+validate+commit)`,
    kind: 'single',
    requests: 1,
    rps: 0,
    p50: ms,
    p95: ms,
    p99: ms,
    ratio: null,
    failures: committed.status === 'committed' ? 0 : 1,
    target: { maxMs: 10_000 },
    note: `inserted ${committed.counts.inserted}, rolled back: ${rolledBack.status === 200}`,
  })
  rows.push(row)
  printRow(row)
}

async function documents(server: RunningServer, leader: Session, projectId: string) {
  const headers = sessionHeaders(leader)
  const list = await fetch(`${server.url}/api/projects/${projectId}/final-reports`, { headers })
  const existing = ((await list.json()) as { items: { id: string; status: string }[] }).items
  let reportId = existing.find((r) => r.status === 'draft')?.id
  if (!reportId) {
    const started = await fetch(`${server.url}/api/projects/${projectId}/final-reports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    })
    if (started.status !== 201) throw new Error(`final report: ${started.status} ${await started.text()}`)
    reportId = ((await started.json()) as { id: string }).id
  }
  for (const format of ['docx', 'pdf'] as const) {
    await single(
      `final report ${format.toUpperCase()} (one at a time)`,
      DOCUMENT_RUNS,
      { maxMs: 1000 },
      async () => {
        const response = await fetch(
          `${server.url}/api/projects/${projectId}/final-reports/${reportId}/document.${format}`,
          { headers },
        )
        await response.arrayBuffer()
        return response.status === 200
      },
    )
  }
}

async function main() {
  console.log(`Lägesbild benchmark: ${scale.name} scale${smoke ? ' (smoke)' : ''}`)
  const marker = await prepareSynthDatabase(databaseUrl, scale, { log: (line) => console.log(`  ${line}`) })
  const subjects = await pickSubjects()
  console.log(
    `  data: ${subjects.counts.projects.toLocaleString('sv-SE')} projects, ${subjects.counts.activities.toLocaleString('sv-SE')} activities, ${subjects.counts.costs.toLocaleString('sv-SE')} cost entries`,
  )

  const server = await startServer({
    DATABASE_URL: databaseUrl,
    DEMO_DATA: 'never',
    BENCH_ROUTES: 'true',
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
  })
  currentServer = server
  console.log(
    `  server started in ${(server.startMs / 1000).toFixed(1)} s, RSS ${Math.round((server.memory()?.rss ?? 0) / 1024 / 1024)} MB`,
  )
  let peakRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.memory()?.rss ?? 0)
  }, 200)
  try {
    const portfolio = await login(server.url, synthAccounts.portfolio, SYNTH_PASSWORD)
    const national = await login(server.url, synthAccounts.national, SYNTH_PASSWORD)
    const finance = await login(server.url, synthAccounts.finance, SYNTH_PASSWORD)
    const leader = await login(server.url, synthAccounts.projectLeader, SYNTH_PASSWORD)
    const overview = { ratio: 0.5, p95Ms: 50 }
    const page = { ratio: 0.7 }

    printHeader()
    await load(server, {
      name: 'baseline: session + select 1',
      session: portfolio,
      path: '/api/bench/baseline',
    })
    await load(server, {
      name: 'portfolio: project list (one municipality)',
      session: portfolio,
      path: '/api/projects?limit=50',
      target: overview,
    })
    await load(server, {
      name: 'portfolio: project list (all organisations)',
      session: national,
      path: '/api/projects?limit=50',
      target: overview,
    })
    await load(server, {
      name: 'portfolio: finance overview',
      session: portfolio,
      path: '/api/finance/portfolio',
      target: overview,
    })
    await load(server, {
      name: 'programme page: programme',
      session: portfolio,
      path: `/api/programmes/${subjects.programmeId}`,
      target: overview,
    })
    await load(server, {
      name: 'programme page: its projects',
      session: portfolio,
      path: `/api/projects?programmeId=${subjects.programmeId}&limit=50`,
      target: overview,
    })
    const p = `/api/projects/${subjects.projectId}`
    await load(server, { name: 'project page: project', session: portfolio, path: p, target: page })
    await load(server, {
      name: `project page: plan (${subjects.projectActivities} activities)`,
      session: portfolio,
      path: `${p}/activities`,
      target: page,
    })
    await load(server, {
      name: 'project page: budget and finance',
      session: portfolio,
      path: `${p}/finance`,
      target: page,
    })

    // Each request edits the next activity with the version it last saw: no two in flight
    // share an activity, so every update is a real write, not a 409.
    const versions = new Map(subjects.activities.map((a) => [a.id, a.version]))
    let cursor = 0
    let n = 0
    await load(server, {
      name: 'activity update (PATCH with version)',
      session: portfolio,
      method: 'PATCH',
      path: '/',
      target: page,
      next: () => {
        const a = subjects.activities[cursor % subjects.activities.length]
        cursor += 1
        n += 1
        if (!a) throw new Error('no activities')
        return {
          path: `/api/projects/${a.project_id}/activities/${a.id}`,
          body: JSON.stringify({ version: versions.get(a.id), responsible: `Bänktest ${n}` }),
        }
      },
      onResponse: (status, body) => {
        if (status !== 200) return
        const updated = JSON.parse(body) as { id: string; version: number }
        versions.set(updated.id, updated.version)
      },
    })

    if (selected('actuals import')) await importActuals(server, finance, subjects.orgId, subjects.codes)
    if (selected('final report')) await documents(server, leader, subjects.reportProjectId)

    clearInterval(sampler)
    const memory = server.memory()
    peakRss = Math.max(peakRss, memory?.rss ?? 0)
    await server.stop()
    // The smoke checks that the command works; the cold start alone would be most of its time.
    const cold = smoke || !selected('cold start') ? undefined : await coldStart()
    const mb = (bytes: number | undefined) =>
      bytes === undefined ? '–' : `${Math.round(bytes / 1024 / 1024)} MB`
    const rssMet = peakRss > 0 ? peakRss <= 300 * 1024 * 1024 : null
    console.log(
      `\n  server RSS: ${mb(memory?.rss)} at the end, peak ${mb(peakRss)} sampled (${mb(memory?.peak)} high-water mark); target ≤ 300 MB${rssMet === null ? '' : rssMet ? ' ok' : ' MISSED'}`,
    )
    console.log(
      cold
        ? `  embedded cold start (PGlite, migrations, demo data, until /api/health): ${(cold.ms / 1000).toFixed(1)} s, RSS ${mb(cold.rss)}; target ≤ 15 s${cold.ms <= 15_000 ? ' ok' : ' MISSED'}`
        : '  embedded cold start: not measured with --smoke',
    )
    const machine = {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      node: process.version,
    }
    console.log(
      `  machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, load average ${machine.loadAverage.join(' ')}; client and server share it`,
    )
    const missed = rows.filter((r) => r.met === false).map((r) => r.name)
    if (missed.length > 0) console.log(`  targets missed: ${missed.join('; ')}`)

    const results = {
      at: new Date().toISOString(),
      scale: scale.name,
      smoke,
      synthesized: marker,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      rows,
      rss: { endBytes: memory?.rss ?? null, peakBytes: peakRss, highWaterBytes: memory?.peak ?? null },
      coldStartMs: cold ? Math.round(cold.ms) : null,
      machine,
    }
    const dir = new URL('./results/', import.meta.url)
    mkdirSync(dir, { recursive: true })
    writeFileSync(new URL(smoke ? 'smoke.json' : 'latest.json', dir), `${JSON.stringify(results, null, 2)}\n`)
    const broken = rows.filter((r) => r.failures > 0 || r.requests === 0)
    if (broken.length > 0) {
      console.error(`  requests failed: ${broken.map((r) => `${r.name} (${r.failures})`).join('; ')}`)
      console.error(server.output().slice(-4000))
      process.exitCode = 1
    }
  } finally {
    clearInterval(sampler)
    await server.stop()
  }
}

await main()
