/**
 * Benchmark (not a test): a 100 000-row finance export — semicolons, Windows-1252, Swedish
 * amounts, a report title above the header — uploaded, validated and committed through the
 * real import service on the configured database (embedded PGlite, or PostgreSQL with
 * DATABASE_URL, in a database of its own that is dropped afterwards). The baseline, measured in
 * the same run, is reading the file alone: decoding and CSV parsing with nothing written.
 * The file goes in as an upload does: from a file on disk, its first bytes in memory, the rest
 * read in chunks. Memory: peak RSS, and the JavaScript heap's growth over the import (peak
 * sampled, and what is left after a collection when run with --expose-gc).
 *
 *   node_modules/.bin/node [--expose-gc] tests/bench/actuals-import.ts [rows]
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectPglite, connectPostgres, type Db } from '@lagesbild/server/db/connect'
import { migrateToLatest } from '@lagesbild/server/db/migrate'
import { readRows, SAMPLE_BYTES } from '@lagesbild/server/modules/finance/imports/parse'
import { commitImport, uploadImport, validateImport } from '@lagesbild/server/modules/finance/imports/service'
import { ledgerCsv } from '@lagesbild/server/modules/finance/sample'
import type { AuthUser } from '@lagesbild/server/plugins/auth'
import { databaseUrlFor, withAdminClient } from '@lagesbild/server/test/template-database'
import { ledger } from './ledger.ts'

const ROWS = Number(process.argv[2] ?? 100_000)
const PROJECTS = 20

let peakRss = process.memoryUsage().rss
let peakHeap = process.memoryUsage().heapUsed
const sampler = setInterval(() => {
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeap = Math.max(peakHeap, usage.heapUsed)
}, 20)
const collect = () => (globalThis as { gc?: () => void }).gc?.()

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

    const folder = await mkdtemp(join(tmpdir(), 'lagesbild-bench-'))
    const path = join(folder, 'bench.csv')
    // Written and let go of before anything is measured: the import only sees the file on disk.
    await writeFile(
      path,
      ledgerCsv(
        ledger(ROWS, {
          projectCodes: Array.from({ length: PROJECTS }, (_, p) => `P${String(p).padStart(4, '0')}`),
        }),
        {
          title: 'Huvudbok – bänktest',
          period: '2016-01-01 – 2016-12-31',
        },
      ),
    )
    const size = (await stat(path)).size
    const open = () => createReadStream(path, { highWaterMark: SAMPLE_BYTES })
    const head = async () => {
      for await (const chunk of createReadStream(path, { end: SAMPLE_BYTES - 1 })) return chunk as Buffer
      return Buffer.alloc(0)
    }

    collect()
    const heapBefore = process.memoryUsage().heapUsed
    peakHeap = heapBefore
    peakRss = process.memoryUsage().rss
    const rssBefore = peakRss

    let start = performance.now()
    let parsed = 0
    for await (const _row of readRows(open(), 'csv', { encoding: 'windows-1252', delimiter: ';' }))
      parsed += 1
    const parseMs = performance.now() - start

    start = performance.now()
    const uploaded = await uploadImport(
      db.kysely,
      user,
      organisation,
      { fileName: 'bench.csv', head: await head(), size, open },
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
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
    collect()
    const heapAfter = process.memoryUsage().heapUsed
    await rm(folder, { recursive: true, force: true })

    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
    console.log(`actuals import benchmark on ${db.driver}`)
    // Timings are only comparable with the load they ran under: the baseline below is the yardstick.
    console.log(
      `  machine: ${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    console.log(
      `  file: ${ROWS.toLocaleString('sv-SE')} rows, ${mb(size)} MB, Windows-1252, semicolons, read from disk`,
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
      `  peak RSS: ${mb(peakRss)} MB, ${mb(peakRss - rssBefore)} MB above the ${mb(rssBefore)} MB before the import${db.driver === 'pglite' ? ' (the embedded database lives in the same process)' : ''}`,
    )
    const gcNote = (globalThis as { gc?: unknown }).gc
      ? 'after a collection'
      : 'no --expose-gc, so garbage included'
    console.log(
      `  JS heap: ${mb(heapBefore)} MB before, peak ${mb(peakHeap)} MB (+${mb(peakHeap - heapBefore)} MB), ${mb(heapAfter)} MB after (${gcNote})`,
    )
  } finally {
    clearInterval(sampler)
    await db.close()
  }
}

await main()
