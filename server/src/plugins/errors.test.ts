import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, type TestContext } from '../test/helper.ts'

let t: TestContext

beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 2048 } })
})
afterAll(() => t.close())

const isProblem = (response: { headers: Record<string, unknown>; body: string }) => {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = JSON.parse(response.body) as Record<string, unknown>
  expect(body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: expect.any(Number),
  })
  expect(response.body).not.toMatch(/at .*\.ts:\d+/)
  return body
}

describe('problem details everywhere', () => {
  it('for an unknown API route', async () => {
    const response = await t.anonymous().get('/api/does-not-exist')
    expect(response.statusCode).toBe(404)
    expect(isProblem(response)).toMatchObject({ code: 'route_not_found', instance: '/api/does-not-exist' })
  })

  it('for an unknown method on a known path', async () => {
    const response = await t.anonymous().request('DELETE', '/api/me')
    expect(response.statusCode).toBe(404)
    isProblem(response)
  })

  it('for malformed JSON', async () => {
    const response = await t
      .anonymous()
      .post('/api/auth/login', '{"email": ', { 'content-type': 'application/json' })
    expect(response.statusCode).toBe(400)
    expect(isProblem(response)).toMatchObject({ code: 'malformed_json' })
  })

  it('for a body that is too large', async () => {
    const response = await t
      .anonymous()
      .post('/api/auth/login', { email: 'a@b.se', password: 'x'.repeat(5000) })
    expect(response.statusCode).toBe(413)
    expect(isProblem(response)).toMatchObject({ code: 'payload_too_large' })
  })

  it('for an unsupported media type', async () => {
    const response = await t
      .anonymous()
      .post('/api/auth/login', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(response.statusCode).toBe(415)
    isProblem(response)
  })

  it('carries the request id, also as a header', async () => {
    const response = await t.anonymous().get('/api/me', { 'x-request-id': 'trace-me-123' })
    expect(response.headers['x-request-id']).toBe('trace-me-123')
    expect(json(response).requestId).toBe('trace-me-123')
  })

  it('answers the health check without a login', async () => {
    const response = await t.anonymous().get('/api/health')
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ status: 'ok', database: { reachable: true } })
  })

  it('serves the OpenAPI document generated from the shared schemas', async () => {
    const response = await t.anonymous().get('/api/openapi.json')
    expect(response.statusCode).toBe(200)
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
      response,
    )
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/projects', '/api/projects/{projectId}', '/api/auth/login']),
    )
    expect(JSON.stringify(doc.paths['/api/projects/{projectId}']?.patch?.requestBody)).toContain('plannedEnd')
    expect((await t.anonymous().get('/api/docs/')).statusCode).toBe(200)
  })
})
