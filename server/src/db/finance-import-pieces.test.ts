import { migrations } from '@lagesbild/migrations/index'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileChunks, storeFile } from '../modules/finance/imports/file-store.ts'
import { createTestDatabase, Fixtures } from '../test/helper.ts'
import type { Db } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

let db: Db
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db.close()
})

describe('migration 2026-11-26-0090-finance-import-pieces', () => {
  it('joins the pieces into one file on the way down and makes it one piece on the way up', async () => {
    const f = new Fixtures(db.kysely)
    const organisationId = await f.organisation()
    const user = await f.user({ organisationId })
    const content = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 13) % 256))
    const ids = [crypto.randomUUID(), crypto.randomUUID()]
    for (const id of ids) {
      await db.kysely
        .insertInto('finance_import')
        .values({
          id,
          organisation_id: organisationId,
          file_name: 'export.csv',
          file_size: 0,
          file_sha256: 'x',
          format: 'csv',
          settings: '{}',
          created_by: user.id,
        })
        .execute()
    }
    const [split, empty] = ids as [string, string]
    await storeFile(db.kysely, split, content, 1024)
    await storeFile(db.kysely, empty, new Uint8Array(0))

    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: async () => migrations },
      allowUnorderedMigrations: true,
    })
    const down = await migrator.migrateTo('2026-11-26-0080-final-report-diary-number')
    expect(down.error).toBeUndefined()
    const { rows } = await sql<{ import_id: string; content: Uint8Array }>`
      select import_id, content from finance_import_file
    `.execute(db.kysely)
    const files = new Map(rows.map((r) => [r.import_id, Buffer.from(r.content)]))
    expect(files.get(split)?.equals(content)).toBe(true)
    expect(files.get(empty)?.length).toBe(0)

    await migrateToLatest(db.kysely)
    const pieces = await db.kysely
      .selectFrom('finance_import_file_piece')
      .where('import_id', 'in', ids)
      .select(['import_id', 'seq'])
      .execute()
    expect(pieces).toHaveLength(2)
    expect(pieces.every((p) => p.seq === 0)).toBe(true)
    const chunks: Buffer[] = []
    for await (const chunk of fileChunks(db.kysely, split)) chunks.push(chunk)
    expect(Buffer.concat(chunks).equals(content)).toBe(true)
  })
})
