import { addToRollup, costsOf } from '@lagesbild/server/modules/finance/cost-rollup'
import { startFinalReportInTransaction } from '@lagesbild/server/modules/reports/service'
import { hashToken } from '@lagesbild/server/plugins/auth'
import { Client, createTestApp, TEST_PASSWORD, type TestContext } from '@lagesbild/server/test/helper'
import { municipalTemplate } from '@lagesbild/shared/domain/report-template'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * Every API route, every role, on the user's own organisation and on another's:
 * refused ones get 401/403/404 problem details and never the other's data.
 * A new route fails the first test until it is added to `matrix` below.
 */

type Actor =
  | 'anonymous'
  | 'administrator'
  | 'portfolio_manager'
  | 'finance'
  | 'viewer'
  | 'leader'
  | 'member'
  | 'steering'
const actors: Actor[] = [
  'anonymous',
  'administrator',
  'portfolio_manager',
  'finance',
  'viewer',
  'leader',
  'member',
  'steering',
]

interface World {
  root: string
  unit: string
  project: string
  person: string
  programme: string
  /** A user whose project membership the member routes change. */
  target: { id: string; email: string }
  /** A user the administration routes deactivate, reactivate and send links to. */
  subject: { id: string; email: string }
  /** An invited user and the token of their one-time link. */
  invitee: { id: string; token: string }
  /** A staff record and an account that the erasure routes erase. */
  erasablePerson: string
  erasableUser: string
  /** The municipality's own final-report template. */
  reportTemplate: string
  /** A draft final report of the project. */
  finalReport: string
  /** A steering group governing the project, the membership of the 'steering' actor, a meeting and a decision. */
  steeringGroup: string
  steeringMembership: string
  meeting: string
  decision: string
}

interface TestUserRef {
  id: string
  email: string
}

interface RouteCase {
  /** Who may use the route on their own organisation's data. */
  allowed: readonly Actor[]
  /** Registry data (the organisation tree, programmes) is readable across organisations. */
  readableAcrossOrganisations?: boolean
  path: (w: World) => string
  body?: (w: World) => unknown
  before?: (t: TestContext, w: World) => Promise<void>
  /** Routes that end the session run on a session of their own. */
  ownSession?: boolean
  /** A path that depends on the caller (e.g. their own session's id); overrides `path`. */
  pathFor?: (client: Client, w: World) => Promise<string>
  /** Routes that end the caller's other sessions: log the shared client in again after. */
  relogin?: boolean
  /** Headers to send, e.g. If-Match on a DELETE that needs the version read. */
  headers?: Record<string, string>
}

const everyone: Actor[] = [
  'administrator',
  'portfolio_manager',
  'finance',
  'viewer',
  'leader',
  'member',
  'steering',
]
const projectReaders = everyone
const projectEditors: Actor[] = ['administrator', 'portfolio_manager', 'leader']

const planners: Actor[] = ['administrator', 'portfolio_manager', 'leader', 'member']

/** Plan rows the plan routes act on, made fresh per world before each request. */
const planRows = new Map<string, string>()
const planRow = (w: World, kind: string) => planRows.get(`${w.project}:${kind}`) ?? ''
let baselineRevision = 100

async function makePlanRow(
  t: TestContext,
  w: World,
  kind: 'activity' | 'goal' | 'baseline' | 'staffing' | 'risk',
) {
  const id = crypto.randomUUID()
  const project = w.project
  if (kind === 'activity') {
    await t.db
      .insertInto('activity')
      .values({ id, project_id: project, title: 'Aktivitet', position: 1 })
      .execute()
  } else if (kind === 'goal') {
    await t.db
      .insertInto('goal')
      .values({ id, project_id: project, kind: 'overall', position: 900 + baselineRevision++, title: 'Mål' })
      .execute()
  } else if (kind === 'baseline') {
    const snapshot = {
      schemaVersion: 1,
      project: { id: project, name: 'Projekt', plannedStart: '2025-01-01', plannedEnd: '2026-12-31' },
      goals: [],
      activities: [],
    }
    await t.db
      .insertInto('baseline')
      .values({
        id,
        project_id: project,
        revision: baselineRevision++,
        label: 'Plan',
        revision_date: '2025-01-01',
        kind: 'manual',
        snapshot: JSON.stringify(snapshot),
      })
      .execute()
  } else if (kind === 'staffing') {
    await t.db
      .insertInto('staffing')
      .values({ id, project_id: project, name: 'Vakant', position: 1 })
      .execute()
  } else {
    await t.db
      .insertInto('risk')
      .values({ id, project_id: project, description: 'Risk', probability: 2, consequence: 2, position: 1 })
      .execute()
  }
  planRows.set(`${project}:${kind}`, id)
}

const csvImport = () => ({ format: 'csv', content: Buffer.from('Aktivitet\nNy rad\n').toString('base64') })

const matrix: Record<string, RouteCase> = {
  'GET /api/health': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/health',
  },
  'GET /api/openapi.json': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/openapi.json',
  },
  'POST /api/auth/login': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/auth/login',
    body: (w) => ({ email: w.target.email, password: TEST_PASSWORD }),
  },
  'POST /api/auth/logout': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/auth/logout',
    ownSession: true,
  },
  'GET /api/me': { allowed: everyone, readableAcrossOrganisations: true, path: () => '/api/me' },
  'GET /api/organisations': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/organisations',
  },
  'GET /api/organisations/:id': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: (w) => `/api/organisations/${w.unit}`,
  },
  'POST /api/organisations': {
    allowed: ['administrator'],
    path: () => '/api/organisations',
    body: (w) => ({ parentId: w.root, name: `Enhet ${Math.random()}`, kind: 'unit' }),
  },
  'PATCH /api/organisations/:id': {
    allowed: ['administrator'],
    path: (w) => `/api/organisations/${w.unit}`,
    body: () => ({ version: 1, shortName: 'X' }),
  },
  'GET /api/people': { allowed: everyone, readableAcrossOrganisations: true, path: () => '/api/people' },
  'GET /api/people/:id': { allowed: everyone, path: (w) => `/api/people/${w.person}` },
  'POST /api/people': {
    allowed: ['administrator', 'portfolio_manager'],
    path: () => '/api/people',
    body: (w) => ({ name: 'Ny Person', organisationId: w.unit }),
  },
  'PATCH /api/people/:id': {
    allowed: ['administrator', 'portfolio_manager'],
    path: (w) => `/api/people/${w.person}`,
    body: () => ({ version: 1, title: 'Utredare' }),
  },
  'GET /api/programmes': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/programmes',
  },
  'GET /api/programmes/:id': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: (w) => `/api/programmes/${w.programme}`,
  },
  'POST /api/programmes': {
    allowed: ['administrator', 'portfolio_manager'],
    path: () => '/api/programmes',
    body: (w) => ({ name: `Program ${Math.random()}`, ownerOrganisationId: w.root }),
  },
  'PATCH /api/programmes/:id': {
    allowed: ['administrator', 'portfolio_manager'],
    path: (w) => `/api/programmes/${w.programme}`,
    body: () => ({ version: 1, description: 'Ändrad' }),
  },
  'GET /api/projects': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/projects?limit=200',
  },
  'POST /api/projects': {
    allowed: ['administrator', 'portfolio_manager'],
    path: () => '/api/projects',
    body: (w) => ({
      name: 'Nytt',
      ownerOrganisationId: w.unit,
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    }),
  },
  'GET /api/projects/:projectId': { allowed: projectReaders, path: (w) => `/api/projects/${w.project}` },
  'PATCH /api/projects/:projectId': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}`,
    body: () => ({ version: 1, background: 'Ändrad' }),
  },
  'GET /api/projects/:projectId/history': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/history`,
  },
  'GET /api/projects/:projectId/members': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/members`,
  },
  'POST /api/projects/:projectId/members': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/members`,
    body: (w) => ({ email: w.target.email, role: 'member' }),
    // Not yet a member, so an allowed caller really adds them (an existing one gets 409).
    before: async (t, w) => {
      await t.db
        .deleteFrom('project_member')
        .where('project_id', '=', w.project)
        .where('user_id', '=', w.target.id)
        .execute()
    },
  },
  'PUT /api/projects/:projectId/members/:userId': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/members/${w.target.id}`,
    body: () => ({ version: 1, role: 'member' }),
    // A member at version 1, so an allowed caller's change is not refused as stale.
    before: async (t, w) => {
      await t.db
        .insertInto('project_member')
        .values({ project_id: w.project, user_id: w.target.id, role: 'member' })
        .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role: 'member', version: 1 }))
        .execute()
    },
  },
  'DELETE /api/projects/:projectId/members/:userId': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/members/${w.target.id}`,
    headers: { 'if-match': '"1"' },
    // A member at version 1 (the PUT above may have left a later one), so an allowed caller's
    // removal is not refused as stale.
    before: async (t, w) => {
      await t.db
        .insertInto('project_member')
        .values({ project_id: w.project, user_id: w.target.id, role: 'member' })
        .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role: 'member', version: 1 }))
        .execute()
    },
  },
  'GET /api/users': {
    allowed: ['administrator'],
    readableAcrossOrganisations: true,
    path: () => '/api/users',
  },
  'GET /api/users/:id': { allowed: ['administrator'], path: (w) => `/api/users/${w.subject.id}` },
  'POST /api/users/invitations': {
    allowed: ['administrator'],
    path: () => '/api/users/invitations',
    body: (w) => ({
      email: `ny.${uuid()}@test.example`,
      name: 'Ny Användare',
      organisationId: w.unit,
      roles: [{ role: 'viewer', organisationId: w.unit }],
      projects: [{ projectId: w.project, role: 'member' }],
    }),
  },
  'PATCH /api/users/:id': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}`,
    body: () => ({ version: 1, name: 'Omdöpt Användare' }),
  },
  'PUT /api/users/:id/roles': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}/roles`,
    body: (w) => ({ version: 1, roles: [{ role: 'viewer', organisationId: w.unit }] }),
  },
  'POST /api/users/:id/deactivate': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}/deactivate`,
    body: () => ({}),
  },
  'POST /api/users/:id/reactivate': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}/reactivate`,
    body: () => ({}),
  },
  'POST /api/users/:id/link': { allowed: ['administrator'], path: (w) => `/api/users/${w.subject.id}/link` },
  'GET /api/users/:id/sessions': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}/sessions`,
  },
  'DELETE /api/users/:id/sessions': {
    allowed: ['administrator'],
    path: (w) => `/api/users/${w.subject.id}/sessions`,
  },
  'GET /api/me/sessions': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/me/sessions',
  },
  'DELETE /api/me/sessions/:sessionId': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    ownSession: true,
    path: () => `/api/me/sessions/${uuid()}`,
    pathFor: async (client) => {
      const listed = await client.get('/api/me/sessions')
      const current =
        listed.statusCode === 200
          ? listed.json<{ items: { id: string; current: boolean }[] }>().items.find((s) => s.current)
          : undefined
      return `/api/me/sessions/${current?.id ?? uuid()}`
    },
  },
  'POST /api/me/sessions/revoke-others': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    ownSession: true,
    relogin: true,
    path: () => '/api/me/sessions/revoke-others',
  },
  'POST /api/me/password': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/me/password',
    // A wrong current password: judged (422) without changing what the other routes log in with.
    body: () => ({ currentPassword: 'not the password', newPassword: 'ett helt nytt långt lösenord' }),
  },
  'POST /api/invitations/lookup': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/invitations/lookup',
    body: (w) => ({ token: w.invitee.token }),
  },
  'POST /api/invitations/accept': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/invitations/accept',
    body: (w) => ({ token: w.invitee.token, password: 'ett långt och bra lösenord' }),
  },
  'GET /api/auth/sso': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/auth/sso',
  },
  'GET /api/auth/oidc/start': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/auth/oidc/start',
  },
  'GET /api/auth/oidc/callback': {
    allowed: ['anonymous', ...everyone],
    readableAcrossOrganisations: true,
    path: () => '/api/auth/oidc/callback?code=x&state=y',
  },
  'GET /api/privacy/people/:id/extract': {
    allowed: ['administrator'],
    path: (w) => `/api/privacy/people/${w.person}/extract`,
  },
  'GET /api/privacy/users/:id/extract': {
    allowed: ['administrator'],
    path: (w) => `/api/privacy/users/${w.target.id}/extract`,
  },
  'GET /api/me/extract': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/me/extract',
  },
  'POST /api/privacy/people/:id/erase': {
    allowed: ['administrator'],
    path: (w) => `/api/privacy/people/${w.erasablePerson}/erase`,
    body: () => ({ confirmName: 'Raderbar Person' }),
  },
  'POST /api/privacy/users/:id/erase': {
    allowed: ['administrator'],
    path: (w) => `/api/privacy/users/${w.erasableUser}/erase`,
    body: () => ({ confirmName: 'Raderbar Användare' }),
  },
  'GET /api/privacy/settings/:organisationId': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: (w) => `/api/privacy/settings/${w.unit}`,
  },
  'PUT /api/privacy/settings/:organisationId': {
    allowed: ['administrator'],
    path: (w) => `/api/privacy/settings/${w.unit}`,
    body: () => ({ personalDataCheck: 'warn' }),
  },
  'GET /api/audit/events': {
    allowed: ['administrator'],
    readableAcrossOrganisations: true,
    path: () => '/api/audit/events?limit=200',
  },
  'GET /api/audit/export': {
    allowed: ['administrator'],
    readableAcrossOrganisations: true,
    path: () => '/api/audit/export?format=csv',
  },
  'GET /api/archive/export': {
    allowed: ['administrator', 'portfolio_manager'],
    path: (w) => `/api/archive/export?projectId=${w.project}`,
  },
  'GET /api/report-templates': {
    allowed: everyone,
    readableAcrossOrganisations: true,
    path: () => '/api/report-templates',
  },
  'GET /api/report-templates/:templateId': {
    allowed: everyone,
    path: (w) => `/api/report-templates/${w.reportTemplate}`,
  },
  'POST /api/report-templates': {
    allowed: ['administrator'],
    path: () => '/api/report-templates',
    body: (w) => ({ organisationId: w.unit }),
  },
  'PUT /api/report-templates/:templateId': {
    allowed: ['administrator'],
    path: (w) => `/api/report-templates/${w.reportTemplate}`,
    body: () => ({ version: 1, name: 'Vår mall', sections: municipalTemplate }),
  },
  'GET /api/projects/:projectId/final-reports': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/final-reports`,
  },
  'POST /api/projects/:projectId/final-reports': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports`,
    body: () => ({}),
  },
  'GET /api/projects/:projectId/final-reports/:reportId': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}`,
  },
  'PATCH /api/projects/:projectId/final-reports/:reportId': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}`,
    body: () => ({ version: 1, authors: 'Elin Nordin' }),
  },
  'PUT /api/projects/:projectId/final-reports/:reportId/sections/:sectionKey': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/sections/sammanfattning`,
    body: () => ({ version: 1, content: { type: 'doc', content: [] } }),
  },
  'POST /api/projects/:projectId/final-reports/:reportId/submit': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/submit`,
    // A stale version: the route is reached, the draft stays a draft for the other routes.
    body: () => ({ version: 999 }),
  },
  'POST /api/projects/:projectId/final-reports/:reportId/revision': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/revision`,
  },
  'POST /api/projects/:projectId/final-reports/:reportId/addenda': {
    allowed: projectEditors,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/addenda`,
    body: () => ({}),
  },
  'GET /api/projects/:projectId/final-reports/:reportId/document': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/document`,
  },
  'GET /api/projects/:projectId/final-reports/:reportId/document.:format': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/final-reports/${w.finalReport}/document.pdf`,
  },
  'GET /api/projects/:projectId/activities': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/activities`,
  },
  'POST /api/projects/:projectId/activities': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/activities`,
    body: () => ({ title: 'Ny aktivitet', plannedEnd: { from: '2025-06-01' } }),
  },
  'GET /api/projects/:projectId/activities/:activityId': {
    allowed: projectReaders,
    before: (t, w) => makePlanRow(t, w, 'activity'),
    path: (w) => `/api/projects/${w.project}/activities/${planRow(w, 'activity')}`,
  },
  'PATCH /api/projects/:projectId/activities/:activityId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'activity'),
    path: (w) => `/api/projects/${w.project}/activities/${planRow(w, 'activity')}`,
    body: () => ({ version: 1, status: 'done', actualEnd: { from: '2025-06-01' } }),
  },
  'DELETE /api/projects/:projectId/activities/:activityId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'activity'),
    path: (w) => `/api/projects/${w.project}/activities/${planRow(w, 'activity')}?version=1`,
  },
  'GET /api/projects/:projectId/efterkalkyl': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/efterkalkyl`,
  },
  'GET /api/projects/:projectId/plan/export': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/plan/export?format=csv`,
  },
  'POST /api/projects/:projectId/plan/import/preview': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/plan/import/preview`,
    body: csvImport,
  },
  'POST /api/projects/:projectId/plan/import': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/plan/import`,
    body: csvImport,
  },
  'GET /api/projects/:projectId/goals': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/goals`,
  },
  'POST /api/projects/:projectId/goals': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/goals`,
    body: () => ({ kind: 'overall', title: 'Barn får stöd tidigt.' }),
  },
  'PATCH /api/projects/:projectId/goals/:goalId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'goal'),
    path: (w) => `/api/projects/${w.project}/goals/${planRow(w, 'goal')}`,
    body: () => ({ version: 1, title: 'Ändrat mål' }),
  },
  'POST /api/projects/:projectId/goals/:goalId/move': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'goal'),
    path: (w) => `/api/projects/${w.project}/goals/${planRow(w, 'goal')}/move`,
    body: () => ({ version: 1, position: 1 }),
  },
  'DELETE /api/projects/:projectId/goals/:goalId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'goal'),
    path: (w) => `/api/projects/${w.project}/goals/${planRow(w, 'goal')}?version=1`,
  },
  'GET /api/projects/:projectId/baselines': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/baselines`,
  },
  'POST /api/projects/:projectId/baselines': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/baselines`,
    body: () => ({ label: 'Projektplan', revisionDate: '2025-01-15' }),
  },
  'GET /api/projects/:projectId/baselines/:baselineId': {
    allowed: projectReaders,
    before: (t, w) => makePlanRow(t, w, 'baseline'),
    path: (w) => `/api/projects/${w.project}/baselines/${planRow(w, 'baseline')}`,
  },
  'GET /api/projects/:projectId/plan-comparison': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/plan-comparison`,
  },
  'GET /api/projects/:projectId/staffing': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/staffing`,
  },
  'POST /api/projects/:projectId/staffing': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/staffing`,
    body: () => ({ name: 'Vakant BUP', role: 'Projektmedarbetare' }),
  },
  'PATCH /api/projects/:projectId/staffing/:staffingId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'staffing'),
    path: (w) => `/api/projects/${w.project}/staffing/${planRow(w, 'staffing')}`,
    body: () => ({ version: 1, agreement: 'written' }),
  },
  'DELETE /api/projects/:projectId/staffing/:staffingId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'staffing'),
    path: (w) => `/api/projects/${w.project}/staffing/${planRow(w, 'staffing')}?version=1`,
  },
  'GET /api/projects/:projectId/risks': {
    allowed: projectReaders,
    path: (w) => `/api/projects/${w.project}/risks`,
  },
  'POST /api/projects/:projectId/risks': {
    allowed: planners,
    path: (w) => `/api/projects/${w.project}/risks`,
    body: () => ({ description: 'Personalomsättning', probability: 3, consequence: 3 }),
  },
  'PATCH /api/projects/:projectId/risks/:riskId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'risk'),
    path: (w) => `/api/projects/${w.project}/risks/${planRow(w, 'risk')}`,
    body: () => ({ version: 1, status: 'closed' }),
  },
  'DELETE /api/projects/:projectId/risks/:riskId': {
    allowed: planners,
    before: (t, w) => makePlanRow(t, w, 'risk'),
    path: (w) => `/api/projects/${w.project}/risks/${planRow(w, 'risk')}?version=1`,
  },
  ...financeMatrix(),
  ...governanceMatrix(),
  ...indicatorMatrix(),
  ...statusReportMatrix(),
  ...projectTransferMatrix(),
}

let statusReportCount = 0

/** A status report of the project, as a draft or submitted, made fresh before a call. */
async function makeStatusReport(t: TestContext, w: World, status: 'draft' | 'submitted') {
  const id = crypto.randomUUID()
  // A period of its own for every report, so no two drafts of a project share one.
  const n = statusReportCount++
  const period = `${1950 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`
  const snapshot = {
    facts: {
      schemaVersion: 1,
      asOf: `${period}-28`,
      lateActivities: [],
      burn: null,
      indicators: [],
      risks: { open: 0, high: 0, medium: 0, occurred: 0 },
    },
    suggestions: Object.fromEntries(
      ['schedule', 'budget', 'goals', 'risks', 'overall'].map((k) => [
        k,
        { light: null, because: { sv: '', en: '' } },
      ]),
    ),
  }
  const light = status === 'submitted' ? 'green' : null
  await t.db
    .insertInto('status_report')
    .values({
      id,
      project_id: w.project,
      period,
      period_start: `${period}-01`,
      period_end: `${period}-28`,
      status,
      schedule_light: light,
      budget_light: light,
      goals_light: light,
      risks_light: light,
      overall_light: light,
      snapshot: status === 'submitted' ? JSON.stringify(snapshot) : null,
      submitted_at: status === 'submitted' ? new Date() : null,
    })
    .execute()
  remember(w, `statusReport:${status}`, id)
}

function projectTransferMatrix(): Record<string, RouteCase> {
  return {
    'GET /api/projects/:projectId/export': {
      allowed: projectEditors,
      path: (w) => `/api/projects/${w.project}/export`,
    },
    'POST /api/projects/import': {
      allowed: ['administrator', 'portfolio_manager'],
      path: () => '/api/projects/import',
      body: (w) => ({
        ownerOrganisationId: w.unit,
        document: {
          format: 'lagesbild.project',
          version: 1,
          exportedAt: '2026-01-01T00:00:00.000Z',
          project: { id: uuid(), name: 'Importerat', planned_start: '2026-01-01', planned_end: '2026-12-31' },
          tables: {},
        },
      }),
    },
  }
}

function statusReportMatrix(): Record<string, RouteCase> {
  const p = (w: World) => `/api/projects/${w.project}/status-reports`
  const draft = (w: World) => `${p(w)}/${idOf(w, 'statusReport:draft')}`
  const submitted = (w: World) => `${p(w)}/${idOf(w, 'statusReport:submitted')}`
  return {
    'GET /api/projects/:projectId/status-reports': { allowed: projectReaders, path: p },
    'PUT /api/projects/:projectId/status-reports/schedule': {
      allowed: projectEditors,
      before: async (t, w) => {
        await t.db.deleteFrom('status_report_schedule').where('project_id', '=', w.project).execute()
      },
      path: (w) => `${p(w)}/schedule`,
      body: () => ({ frequency: 'monthly', starts: '2025-01-01' }),
    },
    'POST /api/projects/:projectId/status-reports': {
      allowed: projectEditors,
      path: p,
      body: () => {
        const n = statusReportCount++
        return { period: `${2100 - Math.floor(n / 4)}-Q${(n % 4) + 1}` }
      },
    },
    'GET /api/projects/:projectId/status-reports/:reportId': {
      allowed: projectReaders,
      before: (t, w) => makeStatusReport(t, w, 'submitted'),
      path: submitted,
    },
    'PATCH /api/projects/:projectId/status-reports/:reportId': {
      allowed: projectEditors,
      before: (t, w) => makeStatusReport(t, w, 'draft'),
      path: draft,
      body: () => ({ version: 1, progress: 'Allt enligt plan.' }),
    },
    'POST /api/projects/:projectId/status-reports/:reportId/submit': {
      allowed: projectEditors,
      before: (t, w) => makeStatusReport(t, w, 'draft'),
      path: (w) => `${draft(w)}/submit`,
      body: () => ({ version: 1 }),
    },
    // Steering-group members hold project:approve; no organisation or project role does.
    'POST /api/projects/:projectId/status-reports/:reportId/acknowledge': {
      allowed: ['steering'],
      before: (t, w) => makeStatusReport(t, w, 'submitted'),
      path: (w) => `${submitted(w)}/acknowledge`,
      body: () => ({ comment: 'Noterat.' }),
    },
    'POST /api/projects/:projectId/status-reports/:reportId/comments': {
      allowed: ['steering'],
      before: (t, w) => makeStatusReport(t, w, 'submitted'),
      path: (w) => `${submitted(w)}/comments`,
      body: () => ({ text: 'Bra jobbat.' }),
    },
    'GET /api/programmes/:programmeId/status-report.:format': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      before: (t, w) => makeStatusReport(t, w, 'submitted'),
      path: (w) => `/api/programmes/${w.programme}/status-report.docx`,
    },
    'GET /api/me/status-reports-due': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/me/status-reports-due',
    },
  }
}

/** An indicator with one measurement (2025-01), made fresh in each world before a call. */
async function makeIndicator(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  await t.db
    .insertInto('indicator')
    .values({
      id,
      project_id: w.project,
      shared_key: 'narvaro',
      position: 1,
      name: `Närvaro ${id}`,
      unit: 'count',
      direction: 'increase',
      frequency: 'monthly',
    })
    .execute()
  await t.db
    .insertInto('indicator_measurement')
    .values({
      id: crypto.randomUUID(),
      indicator_id: id,
      period: '2025-01',
      period_start: '2025-01-01',
      period_end: '2025-01-31',
      value: 3,
    })
    .execute()
  remember(w, 'indicator', id)
}

function indicatorMatrix(): Record<string, RouteCase> {
  const p = (w: World) => `/api/projects/${w.project}/indicators`
  const one = (w: World) => `${p(w)}/${idOf(w, 'indicator')}`
  return {
    'GET /api/projects/:projectId/indicators': { allowed: projectReaders, path: p },
    'POST /api/projects/:projectId/indicators': {
      allowed: projectEditors,
      path: p,
      body: () => ({ name: 'Måluppfyllelse', unit: 'percentage', frequency: 'term' }),
    },
    'PATCH /api/projects/:projectId/indicators/:indicatorId': {
      allowed: projectEditors,
      before: makeIndicator,
      path: one,
      body: () => ({ version: 1, source: 'Skolans närvarosystem' }),
    },
    'DELETE /api/projects/:projectId/indicators/:indicatorId': {
      allowed: projectEditors,
      before: makeIndicator,
      path: (w) => `${one(w)}?version=1`,
    },
    'GET /api/projects/:projectId/indicators/grid': { allowed: projectReaders, path: (w) => `${p(w)}/grid` },
    'PUT /api/projects/:projectId/indicators/:indicatorId/measurements/:period': {
      allowed: planners,
      before: makeIndicator,
      path: (w) => `${one(w)}/measurements/2025-02`,
      body: () => ({ value: 4 }),
    },
    'DELETE /api/projects/:projectId/indicators/:indicatorId/measurements/:period': {
      allowed: planners,
      before: makeIndicator,
      path: (w) => `${one(w)}/measurements/2025-01?version=1`,
    },
    'POST /api/projects/:projectId/indicators/import': {
      allowed: planners,
      path: (w) => `${p(w)}/import`,
      body: () => ({ file: 'not multipart' }),
    },
    'GET /api/programmes/:programmeId/indicators': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      before: makeIndicator,
      path: (w) => `/api/programmes/${w.programme}/indicators`,
    },
  }
}

/** Rows the finance routes act on, made fresh in each world before a call (ids by project). */
const made = new Map<string, Record<string, string>>()
const idOf = (w: World, kind: string) => made.get(w.project)?.[kind] ?? '00000000-0000-7000-8000-000000000000'
const remember = (w: World, kind: string, id: string) =>
  made.set(w.project, { ...made.get(w.project), [kind]: id })

async function makeFunding(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  await t.db
    .insertInto('funding_entry')
    .values({
      id,
      project_id: w.project,
      funder_name: `F ${id}`,
      funder_kind: 'other',
      year: 2025,
      amount_ore: 100,
    })
    .execute()
  remember(w, 'funding', id)
}

async function makeInKind(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  await t.db
    .insertInto('in_kind_contribution')
    .values({
      id,
      project_id: w.project,
      contributor: 'Skolan',
      year: 2025,
      unit: 'hours',
      quantity: 1,
      rate_ore: 100,
    })
    .execute()
  remember(w, 'inKind', id)
}

async function makeActual(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  await t.db
    .insertInto('actual_cost')
    .values({
      id,
      project_id: w.project,
      organisation_id: w.root,
      entry_date: '2025-02-01',
      amount_ore: 100,
      category: 'staff',
      source: 'manual',
    })
    .execute()
  await addToRollup(t.db, costsOf.entry(id))
  remember(w, 'actual', id)
}

async function makeCode(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  await t.db
    .insertInto('finance_code')
    .values({
      id,
      organisation_id: w.root,
      code: `K${Math.floor(Math.random() * 1e9)}`,
      project_id: w.project,
    })
    .execute()
  remember(w, 'code', id)
}

async function makeBudgetVersion(t: TestContext, w: World, status: 'draft' | 'proposed') {
  const id = crypto.randomUUID()
  const max = await t.db
    .selectFrom('budget_version')
    .where('project_id', '=', w.project)
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst()
  await t.db
    .insertInto('budget_version')
    .values({ id, project_id: w.project, number: Number(max?.n ?? 0) + 1, status })
    .execute()
  remember(w, 'budgetVersion', id)
}

async function makeImport(t: TestContext, w: World) {
  const id = crypto.randomUUID()
  const settings = {
    encoding: 'utf-8',
    delimiter: ';',
    headerRow: 1,
    mapping: { date: 'Datum', voucher: 'Ver', costCentre: 'Ansvar', amount: 'Belopp' },
  }
  await t.db
    .insertInto('finance_import')
    .values({
      id,
      organisation_id: w.root,
      file_name: 'export.csv',
      file_size: 10,
      file_sha256: 'x',
      format: 'csv',
      status: 'validated',
      settings: JSON.stringify({ settings, detected: settings, mappingFromProfile: false }),
      created_by: w.target.id,
    })
    .execute()
  await t.db
    .insertInto('finance_import_file_piece')
    .values({ import_id: id, seq: 0, content: Buffer.from('Datum;Ver;Ansvar;Belopp\n2025-01-01;1;X;1,00\n') })
    .execute()
  remember(w, 'import', id)
}

function financeMatrix(): Record<string, RouteCase> {
  const financeActors: Actor[] = ['administrator', 'finance']
  const budgetDrafters: Actor[] = ['administrator', 'portfolio_manager', 'finance', 'leader']
  const p = (w: World) => `/api/projects/${w.project}/finance`
  return {
    'GET /api/projects/:projectId/finance': { allowed: projectReaders, path: p },
    'POST /api/projects/:projectId/finance/funding': {
      allowed: financeActors,
      path: (w) => `${p(w)}/funding`,
      body: () => ({
        funderName: `Fonden ${Math.random()}`,
        funderKind: 'external_grant',
        year: 2025,
        amountOre: 100,
      }),
    },
    'PATCH /api/projects/:projectId/finance/funding/:entryId': {
      allowed: financeActors,
      before: makeFunding,
      path: (w) => `${p(w)}/funding/${idOf(w, 'funding')}`,
      body: () => ({ version: 1, status: 'granted' }),
    },
    'DELETE /api/projects/:projectId/finance/funding/:entryId': {
      allowed: financeActors,
      before: makeFunding,
      path: (w) => `${p(w)}/funding/${idOf(w, 'funding')}`,
      headers: { 'if-match': '"1"' },
    },
    'GET /api/projects/:projectId/finance/budget-versions': {
      allowed: projectReaders,
      path: (w) => `${p(w)}/budget-versions`,
    },
    'GET /api/projects/:projectId/finance/budget-versions/:budgetVersionId': {
      allowed: projectReaders,
      before: (t, w) => makeBudgetVersion(t, w, 'draft'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}`,
    },
    'POST /api/projects/:projectId/finance/budget-versions': {
      allowed: budgetDrafters,
      path: (w) => `${p(w)}/budget-versions`,
      body: () => ({ note: 'Ny version' }),
    },
    'PUT /api/projects/:projectId/finance/budget-versions/:budgetVersionId': {
      allowed: budgetDrafters,
      before: (t, w) => makeBudgetVersion(t, w, 'draft'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}`,
      body: () => ({ version: 1, lines: [] }),
    },
    'DELETE /api/projects/:projectId/finance/budget-versions/:budgetVersionId': {
      allowed: budgetDrafters,
      before: (t, w) => makeBudgetVersion(t, w, 'draft'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}`,
      headers: { 'if-match': '"1"' },
    },
    'POST /api/projects/:projectId/finance/budget-versions/:budgetVersionId/propose': {
      allowed: budgetDrafters,
      before: (t, w) => makeBudgetVersion(t, w, 'draft'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}/propose`,
      body: () => ({ version: 1 }),
    },
    'POST /api/projects/:projectId/finance/budget-versions/:budgetVersionId/approve': {
      allowed: financeActors,
      before: (t, w) => makeBudgetVersion(t, w, 'proposed'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}/approve`,
      body: () => ({ version: 1 }),
    },
    'POST /api/projects/:projectId/finance/budget-versions/:budgetVersionId/reject': {
      allowed: financeActors,
      before: (t, w) => makeBudgetVersion(t, w, 'proposed'),
      path: (w) => `${p(w)}/budget-versions/${idOf(w, 'budgetVersion')}/reject`,
      body: () => ({ version: 1 }),
    },
    'POST /api/projects/:projectId/finance/in-kind': {
      allowed: financeActors,
      path: (w) => `${p(w)}/in-kind`,
      body: () => ({ contributor: 'Skolan', year: 2025, unit: 'hours', quantity: 10, rateOre: 50_000 }),
    },
    'PATCH /api/projects/:projectId/finance/in-kind/:entryId': {
      allowed: financeActors,
      before: makeInKind,
      path: (w) => `${p(w)}/in-kind/${idOf(w, 'inKind')}`,
      body: () => ({ version: 1, quantity: 2 }),
    },
    'DELETE /api/projects/:projectId/finance/in-kind/:entryId': {
      allowed: financeActors,
      before: makeInKind,
      path: (w) => `${p(w)}/in-kind/${idOf(w, 'inKind')}`,
      headers: { 'if-match': '"1"' },
    },
    'GET /api/projects/:projectId/finance/actuals': {
      allowed: projectReaders,
      path: (w) => `${p(w)}/actuals`,
    },
    'POST /api/projects/:projectId/finance/actuals': {
      allowed: financeActors,
      path: (w) => `${p(w)}/actuals`,
      body: () => ({ date: '2025-03-01', amountOre: 12_345, category: 'staff' }),
    },
    'DELETE /api/projects/:projectId/finance/actuals/:entryId': {
      allowed: financeActors,
      before: makeActual,
      path: (w) => `${p(w)}/actuals/${idOf(w, 'actual')}`,
    },
    'GET /api/projects/:projectId/finance/codes': { allowed: projectReaders, path: (w) => `${p(w)}/codes` },
    'POST /api/projects/:projectId/finance/codes': {
      allowed: financeActors,
      path: (w) => `${p(w)}/codes`,
      body: () => ({ code: `P${Math.floor(Math.random() * 1e9)}` }),
    },
    'DELETE /api/projects/:projectId/finance/codes/:entryId': {
      allowed: financeActors,
      before: makeCode,
      path: (w) => `${p(w)}/codes/${idOf(w, 'code')}`,
    },
    'PUT /api/projects/:projectId/finance/forecast': {
      allowed: financeActors,
      path: (w) => `${p(w)}/forecast`,
      body: () => ({ version: 1, entries: [] }),
    },
    'PATCH /api/projects/:projectId/finance/settings': {
      allowed: financeActors,
      path: (w) => `${p(w)}/settings`,
      body: () => ({ version: 1, deviationThresholdBp: 1500 }),
    },
    'GET /api/projects/:projectId/finance/burn': { allowed: projectReaders, path: (w) => `${p(w)}/burn` },
    'GET /api/projects/:projectId/finance/summary': {
      allowed: projectReaders,
      path: (w) => `${p(w)}/summary`,
    },
    'GET /api/projects/:projectId/finance/export': { allowed: projectReaders, path: (w) => `${p(w)}/export` },
    'GET /api/finance/organisations': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/finance/organisations',
    },
    'GET /api/finance/organisations/:organisationId/settings': {
      allowed: financeActors,
      path: (w) => `/api/finance/organisations/${w.root}/settings`,
    },
    'PUT /api/finance/organisations/:organisationId/settings': {
      allowed: financeActors,
      path: (w) => `/api/finance/organisations/${w.unit}/settings`,
      body: () => ({
        version: 1,
        categories: [
          { code: 'staff', nameSv: 'Personal', nameEn: 'Staff', active: true },
          { code: 'other', nameSv: 'Övrigt', nameEn: 'Other', active: true },
        ],
        accountRules: [],
      }),
    },
    'GET /api/finance/imports': {
      allowed: financeActors,
      path: (w) => `/api/finance/imports?organisationId=${w.root}`,
    },
    'POST /api/finance/imports': {
      allowed: financeActors,
      path: (w) => `/api/finance/imports?organisationId=${w.root}`,
      body: () => ({ file: 'not multipart' }),
    },
    'GET /api/finance/imports/:importId': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}`,
    },
    'PUT /api/finance/imports/:importId/settings': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}/settings`,
      body: () => ({
        version: 1,
        settings: {
          encoding: 'utf-8',
          delimiter: ';',
          headerRow: 1,
          mapping: { date: 'Datum', voucher: 'Ver', costCentre: 'Ansvar', amount: 'Belopp' },
        },
      }),
    },
    'POST /api/finance/imports/:importId/validate': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}/validate`,
    },
    'GET /api/finance/imports/:importId/errors': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}/errors`,
    },
    'POST /api/finance/imports/:importId/commit': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}/commit`,
    },
    'POST /api/finance/imports/:importId/rollback': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}/rollback`,
      body: () => ({ reason: 'Test' }),
    },
    'DELETE /api/finance/imports/:importId': {
      allowed: financeActors,
      before: makeImport,
      path: (w) => `/api/finance/imports/${idOf(w, 'import')}`,
    },
    'GET /api/finance/sample-export': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/finance/sample-export',
    },
    'GET /api/finance/portfolio': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/finance/portfolio',
    },
    'GET /api/finance/portfolio/export': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/finance/portfolio/export',
    },
    // Portfolio (issue 9): every route lists only what the caller may read; views are per user.
    'GET /api/projects/:projectId/situation': {
      allowed: projectReaders,
      path: (w) => `/api/projects/${w.project}/situation`,
    },
    'GET /api/portfolio': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/portfolio?limit=200',
    },
    'GET /api/portfolio/export': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/portfolio/export',
    },
    'GET /api/portfolio/views': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/portfolio/views',
    },
    'POST /api/portfolio/views': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/portfolio/views',
      body: () => ({ name: `Vy ${crypto.randomUUID()}`, query: { sort: 'slip' } }),
    },
    'PATCH /api/portfolio/views/:id': {
      // A view is its owner's alone (anyone else gets 404): each caller acts on a fresh one of their own.
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: (w) => `/api/portfolio/views/${w.project}`,
      pathFor: ownPortfolioView,
      body: () => ({ version: 1, name: `Ändrad ${crypto.randomUUID()}` }),
    },
    'DELETE /api/portfolio/views/:id': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: (w) => `/api/portfolio/views/${w.project}`,
      pathFor: ownPortfolioView,
      headers: { 'if-match': '1' },
    },
    'GET /api/programmes/:id/overview': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: (w) => `/api/programmes/${w.programme}/overview`,
    },
    'GET /api/me/home': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/me/home',
    },
  }
}

/** A pending milestone request of the project, made fresh before each decide/withdraw request. */
async function makeApprovalRequest(t: TestContext, w: World) {
  const activity = crypto.randomUUID()
  await t.db
    .insertInto('activity')
    .values({ id: activity, project_id: w.project, title: 'Milstolpe', position: 1, milestone: true })
    .execute()
  const id = crypto.randomUUID()
  await t.db
    .insertInto('approval_request')
    .values({
      id,
      project_id: w.project,
      kind: 'milestone',
      payload: JSON.stringify({ activityId: activity, change: 'Milstolpen godkänns' }),
      summary: 'Milstolpe',
    })
    .execute()
  remember(w, 'approvalRequest', id)
}

function governanceMatrix(): Record<string, RouteCase> {
  const keepers: Actor[] = ['administrator', 'portfolio_manager']
  const groupReaders: Actor[] = ['administrator', 'portfolio_manager', 'finance', 'viewer', 'steering']
  const g = (w: World) => `/api/steering-groups/${w.steeringGroup}`
  const r = (w: World) => `/api/projects/${w.project}/approval-requests/${idOf(w, 'approvalRequest')}`
  return {
    'GET /api/steering-groups': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/steering-groups',
    },
    'POST /api/steering-groups': {
      allowed: keepers,
      path: () => '/api/steering-groups',
      body: (w) => ({ ownerOrganisationId: w.unit, name: `Styrgrupp ${Math.random()}` }),
    },
    'GET /api/steering-groups/:groupId': { allowed: groupReaders, path: g },
    'PATCH /api/steering-groups/:groupId': {
      allowed: keepers,
      path: g,
      body: () => ({ version: 1, description: 'Styr projektet' }),
    },
    'GET /api/steering-groups/:groupId/members': {
      allowed: groupReaders,
      path: (w) => `${g(w)}/members?on=2025-01-01`,
    },
    'POST /api/steering-groups/:groupId/members': {
      allowed: keepers,
      path: (w) => `${g(w)}/members`,
      body: (w) => ({ personId: w.person, role: 'co_opted', from: '2025-01-01', to: '2025-02-01' }),
    },
    'PATCH /api/steering-groups/:groupId/members/:memberId': {
      allowed: keepers,
      path: (w) => `${g(w)}/members/${w.steeringMembership}`,
      body: () => ({ version: 1, role: 'chair' }),
    },
    'PUT /api/steering-groups/:groupId/projects/:projectId': {
      allowed: keepers,
      path: (w) => `${g(w)}/projects/${w.project}`,
      body: () => ({}),
    },
    'DELETE /api/steering-groups/:groupId/projects/:projectId': {
      allowed: keepers,
      // A fresh project linked per request, so the world's own link (the steering actor's access) stays.
      before: async (t, w) => {
        const linked = await t.fixtures.project({ ownerOrganisationId: w.unit })
        await t.db
          .insertInto('steering_group_project')
          .values({ steering_group_id: w.steeringGroup, project_id: linked })
          .execute()
        remember(w, 'linkedProject', linked)
      },
      path: (w) => `${g(w)}/projects/${idOf(w, 'linkedProject')}`,
    },
    'GET /api/meetings/:meetingId/extract': {
      allowed: groupReaders,
      path: (w) => `/api/meetings/${w.meeting}/extract`,
    },
    'GET /api/meetings/:meetingId/extract.:format': {
      allowed: groupReaders,
      path: (w) => `/api/meetings/${w.meeting}/extract.docx`,
    },
    'POST /api/steering-groups/:groupId/meetings': {
      allowed: keepers,
      path: (w) => `${g(w)}/meetings`,
      body: () => ({ date: '2025-03-01', agenda: ['Lägesrapport'] }),
    },
    'GET /api/meetings/:meetingId': { allowed: groupReaders, path: (w) => `/api/meetings/${w.meeting}` },
    'PATCH /api/meetings/:meetingId': {
      allowed: keepers,
      path: (w) => `/api/meetings/${w.meeting}`,
      body: () => ({ version: 1, minutes: 'Protokoll' }),
    },
    'POST /api/steering-groups/:groupId/decisions': {
      allowed: keepers,
      path: (w) => `${g(w)}/decisions`,
      body: (w) => ({ date: '2025-03-01', text: 'Beslut', kind: 'other', projectId: w.project }),
    },
    'GET /api/decisions': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/decisions',
    },
    'GET /api/decisions/export': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/decisions/export',
    },
    'GET /api/decisions/:decisionId': {
      allowed: projectReaders,
      path: (w) => `/api/decisions/${w.decision}`,
    },
    'GET /api/projects/:projectId/decisions': {
      allowed: projectReaders,
      path: (w) => `/api/projects/${w.project}/decisions`,
    },
    'GET /api/approvals/inbox': {
      allowed: everyone,
      readableAcrossOrganisations: true,
      path: () => '/api/approvals/inbox',
    },
    'GET /api/projects/:projectId/approval-requests': {
      allowed: projectReaders,
      path: (w) => `/api/projects/${w.project}/approval-requests`,
    },
    'POST /api/projects/:projectId/approval-requests': {
      allowed: projectEditors,
      path: (w) => `/api/projects/${w.project}/approval-requests`,
      body: () => ({ kind: 'plan_revision', summary: 'Reviderad plan', label: 'Rev. plan' }),
    },
    'POST /api/projects/:projectId/approval-requests/:requestId/approve': {
      allowed: ['steering'],
      before: makeApprovalRequest,
      path: (w) => `${r(w)}/approve`,
      body: () => ({ version: 1, comment: 'Godkänd' }),
    },
    'POST /api/projects/:projectId/approval-requests/:requestId/reject': {
      allowed: ['steering'],
      before: makeApprovalRequest,
      path: (w) => `${r(w)}/reject`,
      body: () => ({ version: 1, comment: 'Inte än' }),
    },
    'POST /api/projects/:projectId/approval-requests/:requestId/record-outside': {
      allowed: ['administrator'],
      before: makeApprovalRequest,
      path: (w) => `${r(w)}/record-outside`,
      body: () => ({ version: 1, outcome: 'approved', date: '2025-03-01', decidedBy: 'Styrgruppen' }),
    },
    'POST /api/projects/:projectId/approval-requests/:requestId/withdraw': {
      allowed: projectEditors,
      before: makeApprovalRequest,
      path: (w) => `${r(w)}/withdraw`,
      body: () => ({ version: 1 }),
    },
    'GET /api/projects/:projectId/course': {
      allowed: projectReaders,
      path: (w) => `/api/projects/${w.project}/course`,
    },
  }
}

/** A saved portfolio view of the caller's own (anonymous callers get a path to nothing). */
async function ownPortfolioView(client: Client, w: World): Promise<string> {
  const created = await client.post('/api/portfolio/views', { name: `Vy ${crypto.randomUUID()}`, query: {} })
  const id = created.statusCode === 201 ? created.json<{ id: string }>().id : w.project
  return `/api/portfolio/views/${id}`
}

let t: TestContext
let own: World
let other: World
const clients = new Map<Actor, Client>()

const users = new Map<Actor, TestUserRef>()

async function buildWorld(name: string): Promise<{ world: World; users: Map<Actor, TestUserRef> }> {
  const f = t.fixtures
  const root = await f.organisation({ name: `${name} kommun` })
  const unit = await f.organisation({ name: `${name} socialförvaltning`, parentId: root })
  const programme = await f.programme(root, `${name} folkhälsomedel`)
  const project = await f.project({
    ownerOrganisationId: unit,
    name: `${name}s hemliga projekt`,
    programmeId: programme,
  })
  const person = await f.person(unit, `${name} Personsson`)
  const users = new Map<Actor, TestUserRef>()
  for (const role of ['administrator', 'portfolio_manager', 'finance', 'viewer'] as const) {
    users.set(role, await f.user({ organisationId: unit, roles: [[role, root]] }))
  }
  for (const role of ['leader', 'member'] as const) {
    const user = await f.user({ organisationId: unit })
    await f.member(project, user.id, role)
    users.set(role, user)
  }
  const target = await f.user({ organisationId: unit })
  const subject = await f.user({ organisationId: unit })
  const invited = await f.user({ organisationId: unit, active: false })
  const token = `${name}-invitation-token-0123456789abcdef`.replace(/[^A-Za-z0-9_-]/g, 'x')
  await t.db
    .insertInto('invitation')
    .values({
      id: uuid(),
      user_id: invited.id,
      token_hash: hashToken(token),
      purpose: 'invite',
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute()
  const erasablePerson = await f.person(unit, 'Raderbar Person')
  const erasableUser = (await f.user({ organisationId: unit, name: 'Raderbar Användare' })).id
  const reportTemplate = crypto.randomUUID()
  await t.db
    .insertInto('report_template')
    .values({ id: reportTemplate, organisation_id: root, name: `${name}s mall` })
    .execute()
  await t.db
    .insertInto('report_template_version')
    .values({
      id: crypto.randomUUID(),
      template_id: reportTemplate,
      number: 1,
      name: `${name}s mall`,
      sections: JSON.stringify(municipalTemplate),
    })
    .execute()
  const finalReport = await t.db
    .transaction()
    .execute((trx) => startFinalReportInTransaction(trx, null, project, {}))
  const steering = await f.steeringGroup({
    ownerOrganisationId: unit,
    projectIds: [project],
    name: `${name} styrgrupp`,
  })
  users.set('steering', steering.users[0]!)
  const steeringMembership = (
    await t.db
      .selectFrom('steering_group_member')
      .where('steering_group_id', '=', steering.id)
      .select('id')
      .executeTakeFirstOrThrow()
  ).id
  const meeting = crypto.randomUUID()
  await t.db
    .insertInto('meeting')
    .values({ id: meeting, steering_group_id: steering.id, meeting_date: '2099-01-01' })
    .execute()
  const decision = await f.decision({ projectId: project })
  return {
    world: {
      root,
      unit,
      project,
      person,
      programme,
      target,
      subject,
      invitee: { id: invited.id, token },
      erasablePerson,
      erasableUser,
      reportTemplate,
      finalReport,
      steeringGroup: steering.id,
      steeringMembership,
      meeting,
      decision,
    },
    users,
  }
}

beforeAll(async () => {
  t = await createTestApp()
  const built = await buildWorld('Luleå')
  own = built.world
  other = (await buildWorld('Piteå')).world
  clients.set('anonymous', t.anonymous())
  for (const [actor, user] of built.users) {
    users.set(actor, user)
    clients.set(actor, await t.as(user))
  }
})
afterAll(() => t.close())

const key = (method: string, url: string) => `${method} ${url}`

describe('route table', () => {
  it('declares access for every API route', () => {
    const undeclared = t.app.routeAccess
      .filter((r) => r.url.startsWith('/api/') && !r.access)
      .map((r) => key(r.method, r.url))
    expect(undeclared).toEqual([])
  })

  it('has every API route in the authorization matrix', () => {
    const routes = t.app.routeAccess
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => key(r.method, r.url))
    expect(routes.filter((r) => !matrix[r])).toEqual([])
    expect(Object.keys(matrix).filter((r) => !routes.includes(r))).toEqual([])
  })
})

const denied = [401, 403, 404]
const secretsOf = (w: World) => [w.project, w.person, `${w === own ? 'Luleå' : 'Piteå'}s hemliga projekt`]

/** The response without `instance`, which only echoes the path the caller sent. */
const disclosed = (body: string) => {
  try {
    const { instance: _echo, ...rest } = JSON.parse(body) as Record<string, unknown>
    return JSON.stringify(rest)
  } catch {
    return body
  }
}

async function clientFor(actor: Actor, spec: RouteCase): Promise<Client> {
  const user = users.get(actor)
  if (!spec.ownSession || !user) return clients.get(actor)!
  return new Client(t.app).login(user.email)
}

describe.each(Object.entries(matrix))('%s', (route, spec) => {
  const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

  it.each(actors)('as %s', async (actor) => {
    for (const [world, isOwn] of [
      [own, true],
      [other, false],
    ] as const) {
      await spec.before?.(t, world)
      const body = spec.body?.(world) as Record<string, unknown> | undefined
      const client = await clientFor(actor, spec)
      const path = spec.pathFor ? await spec.pathFor(client, world) : spec.path(world)
      const response = await client.request(method, path, body, spec.headers)
      const user = users.get(actor)
      if (spec.relogin && user) clients.set(actor, await new Client(t.app).login(user.email))
      const allowed = spec.allowed.includes(actor) && (isOwn || spec.readableAcrossOrganisations === true)
      const context = `${actor} on ${isOwn ? 'own' : 'other'}: ${response.statusCode} ${response.body.slice(0, 200)}`
      if (allowed) {
        expect(denied, context).not.toContain(response.statusCode)
      } else {
        expect(denied, context).toContain(response.statusCode)
        expect(response.headers['content-type'], context).toMatch(/problem\+json/)
        if (actor === 'anonymous') expect(response.statusCode, context).toBe(401)
      }
      if (!isOwn) {
        for (const secret of secretsOf(other)) expect(disclosed(response.body), context).not.toContain(secret)
      }
    }
  })
})
