/**
 * Benchmark (not a test): a 100 000-row finance export — semicolons, Windows-1252, Swedish
 * amounts, a report title above the header — uploaded, validated and committed through the
 * real import service on the configured database (embedded PGlite, or PostgreSQL with
 * DATABASE_URL, in a database of its own that is dropped afterwards). The baseline, measured in
 * the same run, is reading the file alone: decoding and CSV parsing with nothing written.
 *
 *   node_modules/.bin/node tests/bench/actuals-import.ts [rows]
 */
import { randomBytes } from 'node:crypto'
import { availableParallelism, loadavg } from 'node:os'
import { connectPglite, connectPostgres, type Db } from '@lagesbild/server/db/connect'
import { migrateToLatest } from '@lagesbild/server/db/migrate'
import { readRows } from '@lagesbild/server/modules/finance/imports/parse'
import { commitImport, uploadImport, validateImport } from '@lagesbild/server/modules/finance/imports/service'
import { ledgerCsv } from '@lagesbild/server/modules/finance/sample'
import type { AuthUser } from '@lagesbild/server/plugins/auth'
import { databaseUrlFor, withAdminClient } from '@lagesbild/server/test/template-database'
import { ledger } from './ledger.ts'

const ROWS = Number(process.argv[2] ?? 100_000)
const PROJECTS = 20

let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 20)

async function open(): Promise<Db> {
  const baseUrl = process.env.DATABASE_URL
  if (!baseUrl) return connectPglite({})
  const name = `lagesbild_bench_${randomBytes(4).toString('hex')}`
  await withAdminClient(baseUrl, (client) => client.query(`create database ${name}`))
  const db = connectPostgres(databaseUrlFor(baseUrl, name), 4)
  return {
    ...db,
    close: async () => {
      await db.close()
      await withAdminClient(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2)
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('sv-SE')

async function main() {
  const db = await open()
  try {
    await migrateToLatest(db.kysely)
    const organisation = crypto.randomUUID()
    await db.kysely
      .insertInto('organisation')
      .values({ id: organisation, name: 'Bänkkommun', kind: 'municipality' })
      .execute()
    const userId = crypto.randomUUID()
    await db.kysely
      .insertInto('app_user')
      .values({ id: userId, email: 'bench@example.test', name: 'Bänk', organisation_id: organisation })
      .execute()
    await db.kysely
      .insertInto('role_grant')
      .values({ user_id: userId, role: 'finance', organisation_id: organisation })
      .execute()
    for (let p = 0; p < PROJECTS; p += 1) {
      const projectId = crypto.randomUUID()
      await db.kysely
        .insertInto('project')
        .values({
          id: projectId,
          owner_organisation_id: organisation,
          name: `Projekt ${p}`,
          planned_start: '2016-01-01',
          planned_end: '2016-12-31',
        })
        .execute()
      await db.kysely
        .insertInto('finance_code')
        .values({
          id: crypto.randomUUID(),
          organisation_id: organisation,
          code: `P${String(p).padStart(4, '0')}`,
          project_id: projectId,
        })
        .execute()
    }
    const user: AuthUser = {
      id: userId,
      email: 'bench@example.test',
      name: 'Bänk',
      organisationId: organisation,
      personId: null,
      grants: [{ role: 'finance', organisationId: organisation }],
    }

    const content = ledgerCsv(
      ledger(ROWS, {
        projectCodes: Array.from({ length: PROJECTS }, (_, p) => `P${String(p).padStart(4, '0')}`),
      }),
      {
        title: 'Huvudbok – bänktest',
        period: '2016-01-01 – 2016-12-31',
      },
    )

    let start = performance.now()
    let parsed = 0
    for await (const _row of readRows(content, 'csv', { encoding: 'windows-1252', delimiter: ';' }))
      parsed += 1
    const parseMs = performance.now() - start

    start = performance.now()
    const uploaded = await uploadImport(
      db.kysely,
      user,
      organisation,
      { fileName: 'bench.csv', content },
      'sv',
    )
    const uploadMs = performance.now() - start

    start = performance.now()
    const validated = await validateImport(db.kysely, user, uploaded.id)
    const validateMs = performance.now() - start
    if (validated.status !== 'validated')
      throw new Error(`validation failed: ${JSON.stringify(validated.counts)}`)

    start = performance.now()
    const committed = await commitImport(db.kysely, user, uploaded.id)
    const commitMs = performance.now() - start
    const importMs = uploadMs + validateMs + commitMs

    const stored = await db.kysely
      .selectFrom('actual_cost')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    clearInterval(sampler)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)

    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
    console.log(`actuals import benchmark on ${db.driver}`)
    // Timings are only comparable with the load they ran under: the baseline below is the yardstick.
    console.log(
      `  machine: ${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    console.log(
      `  file: ${ROWS.toLocaleString('sv-SE')} rows, ${mb(content.length)} MB, Windows-1252, semicolons`,
    )
    console.log(
      `  baseline, reading the file only: ${parsed.toLocaleString('sv-SE')} rows in ${seconds(parseMs)} s (${rate(parsed, parseMs)} rows/s)`,
    )
    console.log(`  upload + detection: ${seconds(uploadMs)} s`)
    console.log(
      `  validation (every row, nothing written): ${seconds(validateMs)} s (${rate(ROWS, validateMs)} rows/s)`,
    )
    console.log(
      `  commit (streamed, batched inserts): ${seconds(commitMs)} s (${rate(ROWS, commitMs)} rows/s)`,
    )
    console.log(
      `  import in all: ${ROWS.toLocaleString('sv-SE')} rows in ${seconds(importMs)} s (${rate(ROWS, importMs)} rows/s); target ≤ 10 s`,
    )
    console.log(
      `  rows stored: ${Number(stored.n).toLocaleString('sv-SE')}, inserted ${committed.counts.inserted}, duplicates ${committed.counts.duplicate}`,
    )
    console.log(
      `  peak RSS: ${mb(peakRss)} MB${db.driver === 'pglite' ? ' (the embedded database lives in the same process)' : ''}`,
    )
  } finally {
    clearInterval(sampler)
    await db.close()
  }
}

await main()
