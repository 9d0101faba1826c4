import { type Kysely, sql } from 'kysely'

/**
 * Splits a DDL script into statements: on a semicolon that ends a line, outside
 * dollar-quoted function bodies. PGlite's extended protocol runs one statement per call.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = []
  let current: string[] = []
  let inBody = false
  for (const line of script.split('\n')) {
    current.push(line)
    const dollars = line.split('$$').length - 1
    if (dollars % 2 === 1) inBody = !inBody
    if (!inBody && /;\s*(--.*)?$/.test(line)) {
      const statement = current.join('\n').trim()
      if (statement.replace(/--.*$/gm, '').trim() !== ';') statements.push(statement)
      current = []
    }
  }
  const rest = current.join('\n').replace(/--.*$/gm, '').trim()
  if (rest) statements.push(rest)
  return statements
}

export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) {
    await sql.raw(statement).execute(db)
  }
}
