import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, SAMVERKAN, TABB_OREBRO } from '../../demo/foundation.ts'
import { type Client, createTestApp, json, type TestContext } from '../../test/helper.ts'

let t: TestContext
let leader: Client
let steering: Client

interface Request {
  id: string
  kind: string
  version: number
  project: { id: string; name: string }
}

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  leader = await t.as('projektledare@demo.example', DEMO_PASSWORD)
  steering = await t.as('styrgrupp@demo.example', DEMO_PASSWORD)
})
afterAll(() => t.close())

describe('demo governance', () => {
  it('shows both seed decisions of Samverkan i praktiken in order on its course', async () => {
    const project = await projectId(SAMVERKAN)
    const viewer = await t.as('betraktare@demo.example', DEMO_PASSWORD)
    const course = json<{ items: { date: string; kind: string; title: string }[] }>(
      await viewer.get(`/api/projects/${project}/course`),
    )
    const decisions = course.items.filter((e) => e.kind === 'decision')
    expect(decisions.map((d) => d.date)).toEqual(['2018-06-11', '2018-06-11', '2018-10-09', '2018-10-09'])
    expect(decisions[0]?.title).toContain('Byte av projektägare')
    expect(decisions[2]?.title).toContain('Avslutas i förtid')
  })

  it('puts the leader’s milestone request in the steering member’s "Att besluta", and approving it makes a decision', async () => {
    const inbox = json<{ toDecide: Request[]; upcomingMeetings: unknown[] }>(
      await steering.get('/api/approvals/inbox'),
    )
    const request = inbox.toDecide.find((r) => r.project.name === TABB_OREBRO && r.kind === 'milestone')
    expect(request).toBeDefined()
    expect(inbox.upcomingMeetings.length).toBeGreaterThan(0)
    const project = await projectId(TABB_OREBRO)
    const mine = json<{ mine: Request[] }>(await leader.get('/api/approvals/inbox')).mine
    expect(mine.map((r) => r.id)).toContain(request?.id)
    const approved = await steering.post(
      `/api/projects/${project}/approval-requests/${request?.id}/approve`,
      {
        version: request?.version,
        comment: 'Godkänd.',
      },
    )
    expect(approved.statusCode).toBe(200)
    const register = json<{ items: { kind: string; project: { name: string } | null }[] }>(
      await steering.get(`/api/decisions?projectId=${project}&kind=approve_milestone`),
    )
    expect(register.items).toHaveLength(1)
  })

  it('lists the Vi6 steering group with its six administrations', async () => {
    const admin = await t.as('admin@demo.example', DEMO_PASSWORD)
    const groups = json<{ items: { id: string; name: string }[] }>(await admin.get('/api/steering-groups'))
    const vi6 = groups.items.find((g) => g.name === 'Vi6 styrgrupp')
    const group = json<{ organisations: unknown[]; members: { role: string }[] }>(
      await admin.get(`/api/steering-groups/${vi6?.id}`),
    )
    expect(group.organisations).toHaveLength(6)
    expect(group.members.map((m) => m.role)).toContain('secretary')
  })
})
