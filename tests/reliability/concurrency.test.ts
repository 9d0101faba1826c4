import { createTestApp, json, type TestContext } from '@lagesbild/server/test/helper'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** Lost updates are impossible: of many writers holding the same version, exactly one wins. */
let t: TestContext

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('optimistic concurrency under load', () => {
  it('lets exactly one of 50 parallel edits with the same version win, and the audit trail agrees', async () => {
    const org = await t.fixtures.organisation()
    const project = await t.fixtures.project({ ownerOrganisationId: org })
    const user = await t.fixtures.user({ organisationId: org, roles: [['administrator', org]] })
    const clients = await Promise.all(Array.from({ length: 5 }, () => t.as(user)))

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        clients[i % clients.length]!.patch(`/api/projects/${project}`, {
          version: 1,
          background: `Skribent ${i}`,
        }),
      ),
    )
    const statuses = responses.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)

    const winner = json<{ background: string; version: number }>(responses[statuses.indexOf(200)]!)
    const final = json<{ background: string; version: number }>(
      await clients[0]!.get(`/api/projects/${project}`),
    )
    expect(final).toMatchObject({ background: winner.background, version: 2 })

    const updates = await t.db
      .selectFrom('audit_event')
      .where('entity_id', '=', project)
      .where('action', '=', 'update')
      .select(['after'])
      .execute()
    expect(updates).toHaveLength(1)
    expect((updates[0]!.after as { background: string }).background).toBe(final.background)
  })
})
