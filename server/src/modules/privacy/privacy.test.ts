import { randomUUID as uuid } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createTestApp, json, type TestContext, type TestUser } from '../../test/helper.ts'
import { extractColumns, personalDataSources, unlistedColumns } from './sources.ts'

let t: TestContext
let root: string
let unit: string
let elsewhere: string
let admin: TestUser
let adminClient: Client

interface DecisionRow {
  id: string
  text: string
  date: string
  kind: string
  outcome: string | null
  recordedBy: { name: string } | null
}

beforeAll(async () => {
  t = await createTestApp()
  root = await t.fixtures.organisation({ name: 'Luleå kommun' })
  unit = await t.fixtures.organisation({ name: 'Centrala Elevhälsan', parentId: root })
  elsewhere = await t.fixtures.organisation({ name: 'Piteå kommun' })
  admin = await t.fixtures.user({ organisationId: root, roles: [['administrator', root]], name: 'Alva Lund' })
  adminClient = await t.as(admin)
})
afterAll(() => t.close())

interface Scenario {
  personId: string
  user: TestUser
  projectId: string
}

/** A project leader with a staff record, an account, a leadership and changes on record. */
async function leaderWithHistory(name: string, email: string): Promise<Scenario> {
  const person = json<{ id: string }>(
    await adminClient.post('/api/people', { name, title: 'Projektledare', email, organisationId: unit }),
  )
  const user = await t.fixtures.user({ organisationId: unit, email, name })
  await t.db.updateTable('app_user').set({ person_id: person.id }).where('id', '=', user.id).execute()
  const created = await adminClient.post('/api/projects', {
    name: `Samverkan i praktiken (${name})`,
    code: 'BUN 2017/0412',
    ownerOrganisationId: unit,
    leaderPersonId: person.id,
    plannedStart: '2017-01-01',
    plannedEnd: '2019-12-31',
    purpose: `Projektledare ${name} samordnar arbetet.`,
  })
  expect(created.statusCode).toBe(201)
  const projectId = json<{ id: string }>(created).id
  await t.fixtures.member(projectId, user.id, 'leader')
  const leader = await t.as(user)
  const project = json<{ version: number }>(await leader.get(`/api/projects/${projectId}`))
  const edited = await leader.patch(`/api/projects/${projectId}`, {
    version: project.version,
    background: 'Tidigare samverkan kom in för sent.',
  })
  expect(edited.statusCode).toBe(200)
  return { personId: person.id, user, projectId }
}

describe('register extract', () => {
  it('gathers the staff record, account, roles, sessions, leaderships and changes made', async () => {
    const s = await leaderWithHistory('Maja Öberg', 'maja.oberg@lulea.example')
    const response = await adminClient.get(`/api/privacy/people/${s.personId}/extract`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const extract = json<{
      person: { name: string; email: string }
      accounts: { email: string; projectRoles: { role: string }[]; sessions: unknown[] }[]
      projectLeaderships: { code: string }[]
      changesMade: { total: number; latest: { action: string; project: { id: string } }[] }
      recordsAbout: { entity: string; action: string }[]
      retention: unknown[]
    }>(response)
    expect(extract.person).toMatchObject({ name: 'Maja Öberg', email: 'maja.oberg@lulea.example' })
    expect(extract.accounts).toHaveLength(1)
    expect(extract.accounts[0]).toMatchObject({
      email: 'maja.oberg@lulea.example',
      projectRoles: [{ role: 'leader' }],
    })
    expect(extract.accounts[0]?.sessions.length).toBeGreaterThan(0)
    expect(extract.projectLeaderships).toEqual([expect.objectContaining({ code: 'BUN 2017/0412' })])
    expect(extract.changesMade.total).toBe(1)
    expect(extract.changesMade.latest[0]).toMatchObject({ action: 'update', project: { id: s.projectId } })
    expect(extract.recordsAbout).toEqual([expect.objectContaining({ entity: 'person', action: 'create' })])
    expect(extract.retention.length).toBeGreaterThan(3)

    const byUser = json<{ person: { id: string } }>(
      await adminClient.get(`/api/privacy/users/${s.user.id}/extract`),
    )
    expect(byUser.person.id).toBe(s.personId)
    const own = json<{ subject: { userIds: string[] } }>(await (await t.as(s.user)).get('/api/me/extract'))
    expect(own.subject.userIds).toEqual([s.user.id])
  })

  it('is for administrators of the person’s organisation only', async () => {
    const s = await leaderWithHistory('Sara Lundmark', 'sara.lundmark@lulea.example')
    const foreignAdmin = await t.as(
      await t.fixtures.user({ organisationId: elsewhere, roles: [['administrator', elsewhere]] }),
    )
    expect((await foreignAdmin.get(`/api/privacy/people/${s.personId}/extract`)).statusCode).toBe(404)
    const viewer = await t.as(await t.fixtures.user({ organisationId: root, roles: [['viewer', root]] }))
    expect((await viewer.get(`/api/privacy/people/${s.personId}/extract`)).statusCode).toBe(403)
  })
})

describe('the register extract’s completeness', () => {
  /**
   * Every column that refers to a staff record or an account: by foreign key, or by a name that
   * says it holds a user or person (an id kept without a key, or a name written as text).
   */
  const references = async () =>
    (
      await sql<{ column: string }>`
        select cl.relname || '.' || a.attname as column
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_namespace n on n.oid = cl.relnamespace and n.nspname = current_schema()
        join pg_class target on target.oid = c.confrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and target.relname in ('app_user', 'person')
        union
        select table_name || '.' || column_name
        from information_schema.columns
        where table_schema = current_schema()
          and table_name not in ('app_user', 'person')
          and column_name ~ '(_by|user_id|person_id|actor_id|^authors?|^author_id)$'
        order by 1`.execute(t.db)
    ).rows.map((r) => r.column)

  it('lists or explains every column that refers to a person or an account', async () => {
    const declared = new Map<string, string>()
    const declare = (column: string, by: string) => {
      // A column declared twice would be listed twice, or listed and explained away.
      expect(declared.get(column), `${column} declared by ${by}`).toBeUndefined()
      declared.set(column, by)
    }
    for (const column of extractColumns) declare(column, 'the extract')
    for (const source of personalDataSources())
      for (const column of source.columns) declare(column, source.key)
    for (const column of Object.keys(unlistedColumns)) declare(column, 'unlisted')

    const found = await references()
    expect(found.length).toBeGreaterThan(30)
    expect(found.filter((column) => !declared.has(column))).toEqual([])
    // And nothing is declared that the schema does not have (a renamed column, a typo).
    expect([...declared.keys()].filter((column) => !found.includes(column))).toEqual([])
  })
})

describe('erasure by pseudonymisation', () => {
  let s: Scenario
  let number: number

  beforeAll(async () => {
    s = await leaderWithHistory('Ingela Wiberg', 'ingela.wiberg@lulea.example')
  })

  it('asks for the name to be typed again', async () => {
    const response = await adminClient.post(`/api/privacy/people/${s.personId}/erase`, {
      confirmName: 'Ingela',
    })
    expect(response.statusCode).toBe(422)
    expect(json(response)).toMatchObject({ errors: [{ field: 'confirmName', code: 'mismatch' }] })
  })

  it('replaces the name everywhere it is read, closes the account, and lists free texts to review', async () => {
    const auditBefore = await t.db.selectFrom('audit_event').selectAll().orderBy('id').execute()
    const response = await adminClient.post(`/api/privacy/people/${s.personId}/erase`, {
      confirmName: 'ingela wiberg',
    })
    expect(response.statusCode).toBe(200)
    const result = json<{ number: number; pseudonym: string; userIds: string[]; mentions: unknown[] }>(
      response,
    )
    number = result.number
    expect(result.pseudonym).toBe(`Tidigare medarbetare ${number}`)
    expect(result.userIds).toEqual([s.user.id])
    expect(result.mentions).toEqual([
      {
        project: { id: s.projectId, name: `Samverkan i praktiken (Tidigare medarbetare ${number})` },
        fields: ['name', 'purpose'],
      },
    ])

    // The staff record and account keep their ids and read as the pseudonym.
    const person = json(await adminClient.get(`/api/people/${s.personId}`))
    expect(person).toMatchObject({ name: `Tidigare medarbetare ${number}`, title: null, email: null })
    const user = json(await adminClient.get(`/api/users/${s.user.id}`))
    expect(user).toMatchObject({
      name: `Tidigare medarbetare ${number}`,
      status: 'erased',
      roles: [],
      projects: [],
    })
    await expect(t.as('ingela.wiberg@lulea.example')).rejects.toThrow(/401/)

    // The project still has its leader history, now under the pseudonym.
    const project = json<{ leaders: { person: { id: string; name: string } }[] }>(
      await adminClient.get(`/api/projects/${s.projectId}`),
    )
    expect(json(await adminClient.get(`/api/projects/${s.projectId}`))).toMatchObject({
      purpose: `Projektledare Tidigare medarbetare ${number} samordnar arbetet.`,
    })
    expect(project.leaders).toEqual([
      expect.objectContaining({ person: { id: s.personId, name: `Tidigare medarbetare ${number}` } }),
    ])

    // History reads meaningfully, in either language, without the name.
    const history = await adminClient.get(`/api/projects/${s.projectId}/history`)
    const update = json<{ items: { action: string; actor: { name: string } | null }[] }>(history).items.find(
      (e) => e.action === 'update',
    )
    expect(update?.actor?.name).toBe(`Tidigare medarbetare ${number}`)
    adminClient.language = 'en'
    const english = json<{ items: { action: string; actor: { name: string } | null }[] }>(
      await adminClient.get(`/api/projects/${s.projectId}/history`),
    )
    adminClient.language = 'sv'
    expect(english.items.find((e) => e.action === 'update')?.actor?.name).toBe(`Former member ${number}`)

    const log = await adminClient.get(`/api/audit/events?entity=person&entityId=${s.personId}`)
    const events = json<{ items: { action: string; changes: { field: string; after: unknown }[] }[] }>(log)
    expect(events.items.map((e) => e.action)).toEqual(['erase', 'create'])
    expect(events.items[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: `Tidigare medarbetare ${number}` },
        { field: 'email', before: null, after: `Tidigare medarbetare ${number}` },
      ]),
    )
    for (const body of [
      history.body,
      log.body,
      (await adminClient.get('/api/audit/events?limit=200')).body,
    ]) {
      expect(body).not.toMatch(/Ingela|Wiberg|ingela\.wiberg/i)
    }

    // No immutable row was rewritten: every earlier audit event is byte for byte as it was.
    const auditAfter = await t.db.selectFrom('audit_event').selectAll().orderBy('id').execute()
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore)
    expect(JSON.stringify(auditAfter)).toContain('Ingela Wiberg')
  })

  it('keeps the erasure register itself immutable', async () => {
    await expect(sql`update erasure set number = number + 1000`.execute(t.db)).rejects.toThrow(/immutable/)
    await expect(sql`update audit_event set after = null`.execute(t.db)).rejects.toThrow(/immutable/)
  })

  it('refuses to erase twice, to erase yourself, or to erase the last administrator', async () => {
    const again = await adminClient.post(`/api/privacy/people/${s.personId}/erase`, {
      confirmName: `Tidigare medarbetare ${number}`,
    })
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('already_erased')

    const self = await adminClient.post(`/api/privacy/users/${admin.id}/erase`, { confirmName: 'Alva Lund' })
    expect(self.statusCode).toBe(409)
    expect(json(self).code).toBe('self')

    // Someone at Luleå who is the only administrator of Boden: erasing them would leave
    // Boden with nobody to manage it, which Luleå's administrator cannot see to.
    const town = await t.fixtures.organisation({ name: 'Bodens kommun' })
    const lone = await t.fixtures.user({
      organisationId: unit,
      roles: [['administrator', town]],
      name: 'Ensam Admin',
    })
    const last = await adminClient.post(`/api/privacy/users/${lone.id}/erase`, { confirmName: 'Ensam Admin' })
    expect(last.statusCode).toBe(409)
    expect(json(last)).toMatchObject({
      code: 'last_administrator',
      detail: expect.stringMatching(/Bodens kommun/),
    })
    const row = await t.db
      .selectFrom('app_user')
      .where('id', '=', lone.id)
      .select('erasure_id')
      .executeTakeFirstOrThrow()
    expect(row.erasure_id).toBeNull()
  })
})

describe('staffing and saved views after an erasure', () => {
  it('lists them in the extract, then puts the pseudonym in the staffing name and removes the views', async () => {
    const s = await leaderWithHistory('Karin Holm', 'karin.holm@lulea.example')
    await t.db
      .insertInto('staffing')
      .values({
        id: uuid(),
        project_id: s.projectId,
        position: 1,
        name: 'Karin Holm',
        person_id: s.personId,
        role: 'Projektledare',
        time_share_percent: 50,
      })
      .execute()
    await t.db
      .insertInto('portfolio_view')
      .values({ id: uuid(), user_id: s.user.id, name: 'Mina projekt', query: JSON.stringify({}) })
      .execute()
    type Extract = { other: { source: string; items: Record<string, unknown>[] }[] }
    const itemsOf = (extract: Extract, source: string) =>
      extract.other.find((o) => o.source === source)?.items
    const before = json<Extract>(await adminClient.get(`/api/privacy/people/${s.personId}/extract`))
    expect(itemsOf(before, 'staffing')).toEqual([
      expect.objectContaining({ name: 'Karin Holm', role: 'Projektledare', time_share_percent: 50 }),
    ])
    expect(itemsOf(before, 'portfolio_views')).toEqual([expect.objectContaining({ name: 'Mina projekt' })])

    const erased = await adminClient.post(`/api/privacy/people/${s.personId}/erase`, {
      confirmName: 'Karin Holm',
    })
    expect(erased.statusCode).toBe(200)
    const { pseudonym } = json<{ pseudonym: string }>(erased)
    const staffing = json<{ items: { name: string; person: { name: string } | null; version: number }[] }>(
      await adminClient.get(`/api/projects/${s.projectId}/staffing`),
    ).items
    expect(staffing).toEqual([
      expect.objectContaining({
        name: pseudonym,
        person: expect.objectContaining({ name: pseudonym }),
        version: 2,
      }),
    ])
    const after = json<Extract>(await adminClient.get(`/api/privacy/people/${s.personId}/extract`))
    expect(itemsOf(after, 'staffing')).toEqual([expect.objectContaining({ name: pseudonym })])
    expect(itemsOf(after, 'portfolio_views')).toEqual([])
    expect(JSON.stringify(after.other)).not.toContain('Karin Holm')
  })
})

describe('the decision register after an erasure', () => {
  it('reads every decision and request as before, with the pseudonym where a person was named', async () => {
    const s = await leaderWithHistory('Sture Nilsson', 'sture.nilsson@lulea.example')
    const group = await t.fixtures.steeringGroup({ ownerOrganisationId: unit, projectIds: [s.projectId] })
    const [member] = group.users
    if (!member) throw new Error('the group has a member')
    const activityId = uuid()
    await t.db
      .insertInto('activity')
      .values({
        id: activityId,
        project_id: s.projectId,
        title: 'Öppna mottagningen',
        position: 1,
        milestone: true,
      })
      .execute()
    const leader = await t.as(s.user)
    const steering = await t.as(member)
    const request = json<{ id: string; version: number }>(
      await leader.post(`/api/projects/${s.projectId}/approval-requests`, {
        kind: 'milestone',
        activityId,
        summary: 'Mottagningen är öppen',
      }),
    )
    const approved = await steering.post(
      `/api/projects/${s.projectId}/approval-requests/${request.id}/approve`,
      {
        version: request.version,
        comment: 'Bra jobbat.',
      },
    )
    expect(approved.statusCode).toBe(200)
    const register = () => adminClient.get(`/api/decisions?projectId=${s.projectId}`)
    const before = json<{ items: DecisionRow[] }>(await register()).items

    // The leader who asked and the member who decided are both erased.
    const memberRow = await t.db
      .selectFrom('app_user')
      .innerJoin('person', 'person.id', 'app_user.person_id')
      .where('app_user.id', '=', member.id)
      .select(['person.name', 'person.id as person_id'])
      .executeTakeFirstOrThrow()
    const erased = []
    for (const [personId, name] of [
      [s.personId, 'Sture Nilsson'],
      [memberRow.person_id, memberRow.name],
    ] as const) {
      const response = await adminClient.post(`/api/privacy/people/${personId}/erase`, { confirmName: name })
      expect(response.statusCode).toBe(200)
      erased.push(json<{ pseudonym: string }>(response).pseudonym)
    }
    const [leaderAlias, memberAlias] = erased

    const after = await register()
    expect(after.statusCode).toBe(200)
    const items = json<{ items: DecisionRow[] }>(after).items
    // Same decisions, same order, same texts, dates and outcomes: only the names changed.
    expect(items.map(({ id, text, date, kind, outcome }) => ({ id, text, date, kind, outcome }))).toEqual(
      before.map(({ id, text, date, kind, outcome }) => ({ id, text, date, kind, outcome })),
    )
    const decision = items.find((d) => d.kind === 'approve_milestone')
    expect(decision?.text).toContain('Bra jobbat.')
    expect(decision?.recordedBy?.name).toBe(memberAlias)

    const requests = json<{
      items: {
        id: string
        requestedBy: { name: string } | null
        decidedBy: { name: string } | null
        status: string
      }[]
    }>(await adminClient.get(`/api/projects/${s.projectId}/approval-requests`)).items
    expect(requests.find((r) => r.id === request.id)).toMatchObject({
      status: 'approved',
      requestedBy: { name: leaderAlias },
      decidedBy: { name: memberAlias },
    })
    expect(after.body).not.toContain('Sture Nilsson')
    expect(after.body).not.toContain(memberRow.name)
  })
})

describe('personal-data check on free text', () => {
  it('warns in the app by default and refuses on the server where the organisation chose so', async () => {
    const base = {
      name: 'Tidiga insatser',
      ownerOrganisationId: unit,
      plannedStart: '2013-09-01',
      plannedEnd: '2016-06-30',
    }
    const lenient = await adminClient.post('/api/projects', {
      ...base,
      purpose: 'Eleven 811218-9876 har frånvaro.',
    })
    expect(lenient.statusCode).toBe(201)

    const setting = json<{ personalDataCheck: string; inheritedFrom: unknown; version: number | null }>(
      await adminClient.get(`/api/privacy/settings/${unit}`),
    )
    expect(setting).toMatchObject({ personalDataCheck: 'warn', inheritedFrom: null, version: null })
    const set = await adminClient.put(`/api/privacy/settings/${root}`, { personalDataCheck: 'refuse' })
    expect(set.statusCode).toBe(200)
    expect(json(set)).toMatchObject({ personalDataCheck: 'refuse', version: 1, canEdit: true })
    expect(json(await adminClient.get(`/api/privacy/settings/${unit}`))).toMatchObject({
      personalDataCheck: 'refuse',
      inheritedFrom: { id: root, name: 'Luleå kommun' },
    })

    const refused = await adminClient.post('/api/projects', {
      ...base,
      purpose: 'Eleven 811218-9876 har frånvaro.',
      targetGroup: 'Barn i gruppen:\nAnna Svensson, Erik Johansson och Lisa Berg',
    })
    expect(refused.statusCode).toBe(422)
    expect(json(refused)).toMatchObject({
      code: 'personal_data',
      detail: expect.stringMatching(/personnummer/),
      errors: [
        { field: 'purpose', code: 'personal_data' },
        { field: 'targetGroup', code: 'personal_data', message: expect.stringMatching(/lista med namn/) },
      ],
    })
    const project = json<{ id: string; version: number }>(lenient)
    const edit = await adminClient.patch(`/api/projects/${project.id}`, {
      version: project.version,
      background: 'Samordningsnummer 811278-9873',
    })
    expect(edit.statusCode).toBe(422)
    expect(json(edit)).toMatchObject({ errors: [{ field: 'background' }] })
    const clean = await adminClient.post('/api/projects', {
      ...base,
      purpose: 'Föräldrar till 137 barn nåddes.',
    })
    expect(clean.statusCode).toBe(201)

    const stale = await adminClient.put(`/api/privacy/settings/${root}`, {
      personalDataCheck: 'off',
      version: 7,
    })
    expect(stale.statusCode).toBe(409)
    const noVersion = await adminClient.put(`/api/privacy/settings/${root}`, { personalDataCheck: 'off' })
    expect(noVersion.statusCode).toBe(400)
    const bad = await adminClient.put(`/api/privacy/settings/${root}`, {
      personalDataCheck: 'sometimes',
      version: 1,
    })
    expect(bad.statusCode).toBe(400)
    expect(json(bad)).toMatchObject({ errors: [{ field: 'personalDataCheck' }] })
    expect(
      (await adminClient.put(`/api/privacy/settings/${root}`, { personalDataCheck: 'warn', version: 1 }))
        .statusCode,
    ).toBe(200)
  })

  it('lets only administrators of the organisation change it', async () => {
    const viewer = await t.as(await t.fixtures.user({ organisationId: root, roles: [['viewer', root]] }))
    expect((await viewer.put(`/api/privacy/settings/${root}`, { personalDataCheck: 'off' })).statusCode).toBe(
      403,
    )
    expect(json(await viewer.get(`/api/privacy/settings/${root}`))).toMatchObject({ canEdit: false })
    expect(
      (await adminClient.put(`/api/privacy/settings/${elsewhere}`, { personalDataCheck: 'off' })).statusCode,
    ).toBe(403)
  })
})

describe('retention', () => {
  it('purges ended sessions, day-old failed logins and links closed for 30 days, and nothing else', async () => {
    const { purgeExpired } = await import('./retention.ts')
    const user = await t.fixtures.user({ organisationId: unit })
    const live = await t.as(user)
    await t.as(user)
    await sql`update session set expires_at = now() - interval '1 minute'
      where user_id = ${user.id} and id = (select id from session where user_id = ${user.id} order by created_at desc limit 1)`.execute(
      t.db,
    )
    await sql`insert into login_attempt (key, at) values ('account:gammal@test.example', now() - interval '25 hours'),
      ('account:ny@test.example', now())`.execute(t.db)
    const link = (days: number, used: boolean) =>
      sql`insert into invitation (id, user_id, token_hash, purpose, created_at, expires_at, used_at)
        values (gen_random_uuid(), ${user.id}, ${`hash-${days}-${used}`}, 'password_reset',
          now() - make_interval(days => ${days + 3}), now() - make_interval(days => ${days}),
          ${used ? sql`now() - make_interval(days => ${days})` : sql`null`})`.execute(t.db)
    await link(31, true)
    await link(40, false)
    await link(2, false)

    const purged = await purgeExpired(t.db)
    expect(purged.sessions).toBeGreaterThanOrEqual(1)
    expect(purged.loginAttempts).toBeGreaterThanOrEqual(1)
    expect(purged.links).toBe(2)
    expect((await live.get('/api/me')).statusCode).toBe(200)
    const attempts = await t.db
      .selectFrom('login_attempt')
      .where('key', 'like', 'account:%@test.example')
      .select('key')
      .execute()
    expect(attempts.map((a) => a.key)).toContain('account:ny@test.example')
    expect(attempts.map((a) => a.key)).not.toContain('account:gammal@test.example')
    const links = await t.db
      .selectFrom('invitation')
      .where('user_id', '=', user.id)
      .select('token_hash')
      .execute()
    expect(links.map((l) => l.token_hash)).toEqual(['hash-2-false'])
  })
})
