import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../test/helper.ts'

let t: TestContext

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const directives = (header: unknown) =>
  new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  )

describe('security headers', () => {
  it.each(['/api/health', '/projekt/123', '/api/no-such-route'])('are on %s', async (url) => {
    const response = await t.anonymous().get(url)
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    })
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(response.headers['permissions-policy']).toMatch(/camera=\(\)/)
    const csp = directives(response.headers['content-security-policy'])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    // Plain-http installations (an intranet, localhost) must keep working.
    expect(csp.has('upgrade-insecure-requests')).toBe(false)
  })

  it('keeps API answers out of shared caches', async () => {
    const response = await t.anonymous().get('/api/health')
    expect(response.headers['cache-control']).toMatch(/private|no-store/)
  })

  it('relaxes only the style policy for the API documentation, which keeps working', async () => {
    const entry = await t.anonymous().get('/api/docs')
    const page = entry.statusCode === 302 ? await t.anonymous().get(String(entry.headers.location)) : entry
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    const csp = directives(page.headers['content-security-policy'])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    // No inline script, so script-src 'self' is enough for the docs too.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    for (const src of scripts) {
      const asset = await t.anonymous().get(new URL(src ?? '', 'http://x/api/docs/').pathname)
      expect(asset.statusCode, src).toBe(200)
    }
    expect((await t.anonymous().get('/api/openapi.json')).statusCode).toBe(200)
  })
})
