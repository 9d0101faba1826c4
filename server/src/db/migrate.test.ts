import { migrations } from '@lagesbild/migrations/index'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterEach, describe, expect, it } from 'vitest'
import { connectPglite, type Db } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

let db: Db | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
})

describe('migrateToLatest', () => {
  it('upgrades a data folder made before earlier-named migrations landed', async () => {
    db = await connectPglite({})
    // What an installation had before governance, finance and indicators landed.
    const released = [
      '2026-11-25-0001-foundation',
      '2026-11-25-0002-plans',
      '2026-11-25-0005-admin',
      '2026-11-25-0007-reports',
    ]
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => released.includes(name)))
    const old = new Migrator({ db: db.kysely, provider: { getMigrations: async () => before } })
    const first = await old.migrateToLatest()
    expect(first.error).toBeUndefined()

    const result = await migrateToLatest(db.kysely)

    const ran = result.results?.map((r) => r.migrationName) ?? []
    expect(ran).toEqual(Object.keys(migrations).filter((name) => !released.includes(name)))
    expect(result.results?.every((r) => r.status === 'Success')).toBe(true)
    const tables = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_name in ('decision', 'indicator', 'budget_version')
    `.execute(db.kysely)
    expect(tables.rows[0]?.n).toBe(3)
  })
})
