import { Client, createTestApp, type TestContext } from '@lagesbild/server/test/helper'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostile, type JsonSchema, mutated, valid } from './schema-arbitrary.ts'

/**
 * Schema-driven requests from the OpenAPI document against every route: no 5xx, every error a
 * valid problem+json, and nothing stored (no audit event written) by a refused request.
 */
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000)
const DEMO_PASSWORD = 'lagesbild-demo'

interface Operation {
  method: string
  path: string
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema; required?: boolean }[]
  body?: JsonSchema
}

let t: TestContext
let client: Client
let operations: Operation[]
let knownIds: string[]

async function auditCount(): Promise<number> {
  const row = await t.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  client = await new Client(t.app).login('admin@demo.example', DEMO_PASSWORD)
  const doc = (await client.get('/api/openapi.json')).json<{
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Operation['parameters']
          requestBody?: { content: Record<string, { schema: JsonSchema }> }
        }
      >
    >
  }>()
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      // Logging out would only end the fuzzer's own session.
      .filter(([method]) => !(path === '/api/auth/logout' && method === 'post'))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
      })),
  )
  const projects = await t.db.selectFrom('project').select('id').limit(5).execute()
  const organisations = await t.db.selectFrom('organisation').select('id').limit(5).execute()
  const users = await t.db.selectFrom('app_user').select('id').limit(3).execute()
  knownIds = [...projects, ...organisations, ...users].map((r) => r.id)
}, 120_000)
afterAll(() => t.close())

function requestArbitrary(op: Operation) {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const idOrJunk = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('x', '0', '%00', "1'--", 'a'.repeat(300)) },
  )
  const path = fc.tuple(...pathParams.map(() => idOrJunk)).map((values) => {
    let url = op.path
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(values[i])))
    })
    return url
  })
  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          fc.oneof(valid(p.schema), fc.constantFrom(...hostile.filter((h) => typeof h !== 'object'))),
          {
            nil: undefined,
          },
        ),
      ),
    )
    .map((values) => {
      const search = new URLSearchParams()
      queryParams.forEach((p, i) => {
        if (values[i] !== undefined) search.set(p.name, String(values[i]))
      })
      const text = search.toString()
      return text ? `?${text}` : ''
    })
  const body = op.body
    ? fc.oneof(
        { weight: 2, arbitrary: valid(op.body) },
        { weight: 3, arbitrary: mutated(op.body) },
        { weight: 1, arbitrary: fc.constantFrom(...hostile) },
      )
    : fc.constant(undefined)
  return fc.record({ path, query, body })
}

function isProblem(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false
  const problem = body as Record<string, unknown>
  return (
    typeof problem.type === 'string' &&
    typeof problem.title === 'string' &&
    typeof problem.status === 'number' &&
    typeof problem.code === 'string'
  )
}

describe('schema-driven fuzzing of every route', () => {
  it(`answers ${TOTAL_REQUESTS} generated requests without a 5xx, with problem details for every refusal`, async () => {
    const perOperation = Math.ceil(TOTAL_REQUESTS / operations.length)
    let sent = 0
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op), async ({ path, query, body }) => {
          const before = await auditCount()
          let response = await client.request(
            op.method as 'GET',
            `${path}${query}`,
            body as Record<string, unknown>,
          )
          if (response.statusCode === 401 && op.path !== '/api/auth/login') {
            client = await new Client(t.app).login('admin@demo.example', DEMO_PASSWORD)
            response = await client.request(
              op.method as 'GET',
              `${path}${query}`,
              body as Record<string, unknown>,
            )
          }
          sent += 1
          const context = `${op.method} ${path}${query} ${JSON.stringify(body)?.slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 300)}`
          expect(response.statusCode, context).toBeLessThan(500)
          if (response.statusCode >= 400) {
            expect(response.headers['content-type'], context).toMatch(/^application\/problem\+json/)
            expect(isProblem(response.json()), context).toBe(true)
            expect(await auditCount(), `a refused request stored something: ${context}`).toBe(before)
          }
        }),
        { numRuns: perOperation, endOnFailure: true },
      )
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS)
  }, 600_000)
})
