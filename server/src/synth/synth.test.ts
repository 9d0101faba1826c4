import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, buildApp } from '../app.ts'
import type { Db } from '../db/connect.ts'
import { Client, createTestDatabase, json, testConfig } from '../test/helper.ts'
import { scales } from './context.ts'
import { SYNTH_PASSWORD, synthAccounts } from './foundation.ts'
import { type SynthMarker, synthesize, synthMarker } from './synthesize.ts'

let db: Db
let app: App
let marker: SynthMarker

const count = async (table: 'project' | 'activity' | 'actual_cost' | 'organisation' | 'budget_line') =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const login = (email: string) => new Client(app).login(email, SYNTH_PASSWORD)

beforeAll(async () => {
  db = await createTestDatabase()
  marker = await synthesize(db, scales.small, { today: '2026-11-25' })
  app = await buildApp({ config: testConfig(), db })
  await app.ready()
}, 60_000)

afterAll(async () => {
  await app.close()
})

describe('the small synthetic data set', () => {
  it('has the organisations, projects, activities and costs of its scale, and says so', async () => {
    const { regions, municipalities, projects, activities, costEntries } = scales.small
    // Municipalities have three administrations, regions two.
    expect(await count('organisation')).toBe(municipalities * 4 + regions * 3)
    expect(await count('project')).toBe(projects)
    expect(await count('activity')).toBe(marker.counts.activity)
    expect(marker.counts.activity).toBeGreaterThan(activities * 0.9)
    expect(marker.counts.activity).toBeLessThan(activities * 1.1)
    // Projects that start after today have no costs yet.
    expect(await count('actual_cost')).toBe(marker.counts.actual_cost)
    expect(marker.counts.actual_cost).toBeGreaterThan(costEntries * 0.6)
    expect(await count('budget_line')).toBeGreaterThan(projects * 5)
    expect((await synthMarker(db))?.scale).toBe('small')
  })

  it('keeps the rules the schema does not enforce: a current budget for every started project', async () => {
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from project p
      where p.status <> 'draft'
        and not exists (select 1 from budget_version b where b.project_id = p.id and b.status = 'approved')`.execute(
      db.kysely,
    )
    expect(missing.rows[0]?.n).toBe(0)
  })

  it('is read by the app: the national portfolio manager sees every project, page by page', async () => {
    const national = await login(synthAccounts.national)
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const response = await national.get(`/api/projects?limit=15${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.statusCode).toBe(200)
      const page = json<{ items: { id: string }[]; nextCursor: string | null }>(response)
      for (const item of page.items) seen.add(item.id)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.size).toBe(scales.small.projects)
  })

  it('is read by the app: a project page with its plan and budget for the project leader', async () => {
    const leader = await login(synthAccounts.projectLeader)
    const mine = json<{ items: { id: string }[] }>(await leader.get('/api/projects?mine=true'))
    expect(mine.items).toHaveLength(5)
    const projectId = mine.items[0]?.id ?? ''
    const project = await leader.get(`/api/projects/${projectId}`)
    expect(project.statusCode).toBe(200)
    const activities = await leader.get(`/api/projects/${projectId}/activities`)
    expect(activities.statusCode).toBe(200)
    const stored = await db.kysely
      .selectFrom('activity')
      .where('project_id', '=', projectId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(json<{ items: unknown[] }>(activities).items).toHaveLength(Number(stored.n))
    const finance = await leader.get(`/api/projects/${projectId}/finance`)
    expect(finance.statusCode).toBe(200)
  })
})
