import { createHash } from 'node:crypto'
import { migrations } from '@lagesbild/migrations/index'
import pg from 'pg'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a PGlite dump of the migrated schema (empty on PostgreSQL). */
    pgliteTemplate: string
    /** Name of the migrated template database (empty on PGlite). */
    postgresTemplate: string
  }
}

/**
 * Names the migrated template after the migrations' names and code, so a new migration, or an
 * edit to one still in development, makes a new template instead of reusing a stale schema.
 */
export function templateName(): string {
  const hash = createHash('sha256')
  for (const [name, migration] of Object.entries(migrations)) {
    hash
      .update(name)
      .update(migration.up.toString())
      .update(migration.down?.toString() ?? '')
  }
  const digest = hash.digest('hex').slice(0, 10)
  return `lagesbild_template_${digest}`
}

export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withAdminClient<T>(
  baseUrl: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}
