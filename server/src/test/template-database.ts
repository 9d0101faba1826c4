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

/** Names the migrated template after the set of migrations, so a new migration makes a new one. */
export function templateName(): string {
  const digest = createHash('sha256').update(Object.keys(migrations).join('\n')).digest('hex').slice(0, 10)
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
