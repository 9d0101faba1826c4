import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { connectPglite, connectPostgres } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { databaseUrlFor, templateName, withAdminClient } from './template-database.ts'

/**
 * Migrates one database before the run; every test file then starts from a copy of it
 * (a PGlite data-dir dump, or a PostgreSQL `CREATE DATABASE … TEMPLATE`), isolated and fast.
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL
  if (baseUrl) {
    const template = templateName()
    await withAdminClient(baseUrl, async (client) => {
      // Two runs at once (a developer and CI) must not both build the template.
      await client.query('select pg_advisory_lock(hashtext($1))', [template])
      const exists = await client.query('select 1 from pg_database where datname = $1', [template])
      if (exists.rowCount === 0) {
        await client.query(`create database ${template}`)
        const db = connectPostgres(databaseUrlFor(baseUrl, template), 2)
        try {
          await migrateToLatest(db.kysely)
        } catch (error) {
          await db.close()
          await client.query(`drop database ${template}`)
          throw error
        }
        await db.close()
      }
    })
    project.provide('postgresTemplate', template)
    project.provide('pgliteTemplate', '')
    return
  }
  const folder = mkdtempSync(join(tmpdir(), 'lagesbild-test-'))
  const file = join(folder, 'template.tar')
  const db = await connectPglite({})
  await migrateToLatest(db.kysely)
  const dump = await db.pglite!.dumpDataDir('none')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await db.close()
  project.provide('pgliteTemplate', file)
  project.provide('postgresTemplate', '')
  return () => rmSync(folder, { recursive: true, force: true })
}
