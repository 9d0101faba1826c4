import type {
  ApprovalDecide,
  ApprovalRequest,
  ApprovalRequestCreate,
  Decision,
} from '@lagesbild/shared/api/governance'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { RequestKind, RequestStatus } from '@lagesbild/shared/domain/governance'
import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { ApprovalRequestTable, Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { toAcknowledgeFor } from '../status-reports/service.ts'
import { checkMeetingDate, insertDecision, protocolParagraph, readDecision } from './decisions.ts'
import './effects.ts'
import { approvalHandler, type RequestPayload } from './registry.ts'

type Db = Kysely<Database>
type RequestT = Static<typeof ApprovalRequest>
type DecisionT = Static<typeof Decision>

async function toRequests(db: Db, rows: Selectable<ApprovalRequestTable>[]): Promise<RequestT[]> {
  if (rows.length === 0) return []
  const userIds = [...new Set(rows.flatMap((r) => [r.requested_by, r.decided_by]).filter((x) => x !== null))]
  const projectIds = [...new Set(rows.map((r) => r.project_id))]
  const decisionIds = rows.map((r) => r.decision_id).filter((x) => x !== null)
  const [users, projects, decisions] = await Promise.all([
    userIds.length
      ? db.selectFrom('app_user').where('id', 'in', userIds).select(['id', 'name']).execute()
      : Promise.resolve([]),
    db.selectFrom('project').where('id', 'in', projectIds).select(['id', 'name']).execute(),
    decisionIds.length
      ? db
          .selectFrom('decision')
          .where('id', 'in', decisionIds)
          .select(['id', 'decided_on', 'paragraph'])
          .execute()
      : Promise.resolve([]),
  ])
  const decisionOf = new Map(
    decisions.map((d) => [d.id, { id: d.id, date: d.decided_on, paragraph: d.paragraph }]),
  )
  const userName = new Map(users.map((u) => [u.id, u.name]))
  const projectName = new Map(projects.map((p) => [p.id, p.name]))
  const ref = (id: string | null) => (id ? { id, name: userName.get(id) ?? '' } : null)
  return rows.map((r) => {
    const payload = r.payload as RequestPayload
    return {
      id: r.id,
      project: { id: r.project_id, name: projectName.get(r.project_id) ?? '' },
      kind: r.kind as RequestKind,
      payload,
      summary: r.summary,
      change: typeof payload.change === 'string' ? payload.change : '',
      status: r.status as RequestStatus,
      requestedBy: ref(r.requested_by),
      requestedAt: new Date(r.requested_at).toISOString(),
      decidedBy: ref(r.decided_by),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      comment: r.comment,
      decisionId: r.decision_id,
      decision: r.decision_id ? (decisionOf.get(r.decision_id) ?? null) : null,
      version: r.version,
    }
  })
}

async function readRequest(db: Db, id: string): Promise<RequestT> {
  const row = await db
    .selectFrom('approval_request')
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirstOrThrow()
  const [request] = await toRequests(db, [row])
  return request!
}

const alreadyPending = () =>
  new HttpProblem(409, 'already_pending', undefined, {
    detail: {
      sv: 'Det finns redan en begäran om samma sak som väntar på beslut.',
      en: 'A request about the same thing is already awaiting a decision.',
    },
  })

/**
 * Opens a request inside the caller's transaction (the reports module's submission uses it
 * through its listener). Refuses a second pending request about the same subject.
 */
export async function openApprovalRequest(
  trx: Db,
  input: {
    projectId: string
    kind: RequestKind
    payload: RequestPayload
    summary: string
    requestedBy: string | null
  },
): Promise<string> {
  const handler = approvalHandler(input.kind)
  const subject = handler.subject(input.projectId, input.payload)
  const pending = await trx
    .selectFrom('approval_request')
    .where('project_id', '=', input.projectId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'pending')
    .select(['id', 'payload'])
    .forUpdate()
    .execute()
  if (pending.some((p) => handler.subject(input.projectId, p.payload as RequestPayload).id === subject.id)) {
    throw alreadyPending()
  }
  const id = uuid()
  await trx
    .insertInto('approval_request')
    .values({
      id,
      project_id: input.projectId,
      kind: input.kind,
      payload: JSON.stringify(input.payload),
      summary: input.summary.trim(),
      requested_by: input.requestedBy,
    })
    .execute()
  await recordAudit(trx, {
    actorId: input.requestedBy,
    entity: 'approval_request',
    entityId: id,
    projectId: input.projectId,
    action: 'request',
    after: { kind: input.kind, summary: input.summary, payload: input.payload },
  })
  return id
}

export async function createRequest(
  db: Db,
  user: AuthUser,
  projectId: string,
  input: Static<typeof ApprovalRequestCreate>,
): Promise<RequestT> {
  const id = await db.transaction().execute(async (trx) => {
    // Locks the project, so two requests made at once see each other.
    await trx.selectFrom('project').where('id', '=', projectId).select('id').forUpdate().executeTakeFirst()
    const payload = await approvalHandler(input.kind).prepare(trx, projectId, input)
    return openApprovalRequest(trx, {
      projectId,
      kind: input.kind,
      payload,
      summary: input.summary,
      requestedBy: user.id,
    })
  })
  return readRequest(db, id)
}

/**
 * The project's requests and its sub-projects', and those of its main project that concern its
 * plan: a milestone among its activities, or a plan revision, which freezes the sub-projects'
 * activities with the main project's. So the sub-project's leader sees them pending where they work.
 */
export async function listProjectRequests(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('approval_request')
    .innerJoin('project', 'project.id', 'approval_request.project_id')
    .where((eb) =>
      eb.or([
        eb('project.id', '=', projectId),
        eb('project.parent_id', '=', projectId),
        eb.and([
          eb(
            'project.id',
            '=',
            eb.selectFrom('project as sub').where('sub.id', '=', projectId).select('sub.parent_id'),
          ),
          eb.or([
            eb('approval_request.kind', '=', 'plan_revision'),
            eb.and([
              eb('approval_request.kind', '=', 'milestone'),
              sql<SqlBool>`exists (select 1 from activity a where a.project_id = ${projectId}
                and a.id::text = approval_request.payload->>'activityId')`,
            ]),
          ]),
        ]),
      ]),
    )
    .selectAll('approval_request')
    .orderBy('approval_request.requested_at', 'desc')
    .orderBy('approval_request.id')
    .execute()
  return { items: await toRequests(db, rows) }
}

/** SQL: the user is today a member of a group governing the request's project (or its parent). */
function decidableBy(user: AuthUser) {
  const today = todayInSweden()
  return sql<SqlBool>`exists (
    select 1 from steering_group_member sm
    join app_user u on u.person_id = sm.person_id
    join steering_group_project sp on sp.steering_group_id = sm.steering_group_id
    join project p on p.id = approval_request.project_id
    where u.id = ${user.id} and u.active
      and sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today})
      and (sp.from_date is null or sp.from_date <= ${today}) and (sp.to_date is null or sp.to_date >= ${today})
      and (sp.project_id = p.id or sp.project_id = p.parent_id))`
}

/** How many held meetings a member may pick from when recording a decision from the inbox. */
const RECENT_MEETINGS = 6

/**
 * For each project, the groups through which the user decides on it today (the sub-project's own
 * group first, as `decidingGroup` picks), and for each group the meetings a decision can be
 * recorded at, with the paragraphs already used, and the next meeting ahead.
 */
async function decidingGroupsOf(db: Db, user: AuthUser, projectIds: readonly string[]) {
  const byProject = new Map<string, string[]>()
  if (projectIds.length === 0) return { byProject, groups: [] }
  const today = todayInSweden()
  const pairs = await governingSeats(db, user, today)
    .where('p.id', 'in', [...new Set(projectIds)])
    .select(['p.id as project_id', 'g.id', 'g.name'])
    .orderBy('p.id')
    .orderBy(sql`sp.project_id = p.id`, 'desc')
    .orderBy('g.name')
    .execute()
  const names = new Map<string, string>()
  for (const pair of pairs) {
    names.set(pair.id, pair.name)
    const ids = byProject.get(pair.project_id) ?? []
    if (!ids.includes(pair.id)) ids.push(pair.id)
    byProject.set(pair.project_id, ids)
  }
  const groups = await Promise.all(
    [...names].map(async ([id, name]) => {
      const [held, next] = await Promise.all([
        db
          .selectFrom('meeting')
          .where('steering_group_id', '=', id)
          .where('meeting_date', '<=', today)
          .select(['id', 'meeting_date', 'place'])
          .orderBy('meeting_date', 'desc')
          .orderBy('id', 'desc')
          .limit(RECENT_MEETINGS)
          .execute(),
        db
          .selectFrom('meeting')
          .where('steering_group_id', '=', id)
          .where('meeting_date', '>', today)
          .select(['id', 'meeting_date', 'place'])
          .orderBy('meeting_date')
          .orderBy('id')
          .executeTakeFirst(),
      ])
      const used = held.length
        ? await db
            .selectFrom('decision')
            .where(
              'meeting_id',
              'in',
              held.map((m) => m.id),
            )
            .where('paragraph', 'is not', null)
            .select(['meeting_id', 'paragraph'])
            .orderBy('paragraph')
            .execute()
        : []
      return {
        id,
        name,
        meetings: held.map((m) => ({
          id: m.id,
          date: m.meeting_date,
          place: m.place,
          paragraphs: used.filter((u) => u.meeting_id === m.id).map((u) => u.paragraph ?? ''),
        })),
        nextMeeting: next ? { id: next.id, date: next.meeting_date, place: next.place } : null,
      }
    }),
  )
  return { byProject, groups: groups.sort((a, b) => a.name.localeCompare(b.name, 'sv')) }
}

export async function inbox(db: Db, user: AuthUser) {
  const today = todayInSweden()
  const since = new Date(Date.now() - 90 * 86_400_000)
  const [toDecide, mine, meetings, reportsToAcknowledge] = await Promise.all([
    db
      .selectFrom('approval_request')
      .where('status', '=', 'pending')
      .where(decidableBy(user))
      .selectAll()
      .orderBy('requested_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('approval_request')
      .where('requested_by', '=', user.id)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb('decided_at', '>=', since)]))
      .selectAll()
      .orderBy('requested_at', 'desc')
      .orderBy('id')
      .limit(100)
      .execute(),
    db
      .selectFrom('meeting')
      .innerJoin('steering_group as g', 'g.id', 'meeting.steering_group_id')
      .where('meeting.meeting_date', '>=', today)
      .where(
        sql<SqlBool>`exists (select 1 from steering_group_member sm join app_user u on u.person_id = sm.person_id
          where u.id = ${user.id} and sm.steering_group_id = g.id
            and sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today}))`,
      )
      .select([
        'meeting.id',
        'meeting.meeting_date',
        'meeting.place',
        'g.id as group_id',
        'g.name as group_name',
      ])
      .orderBy('meeting.meeting_date')
      .limit(20)
      .execute(),
    toAcknowledgeFor(db, user, today),
  ])
  const deciding = await decidingGroupsOf(
    db,
    user,
    toDecide.map((r) => r.project_id),
  )
  return {
    toDecide: (await toRequests(db, toDecide)).map((r) => ({
      ...r,
      decidingGroupIds: deciding.byProject.get(r.project.id) ?? [],
    })),
    decidingGroups: deciding.groups,
    mine: await toRequests(db, mine),
    upcomingMeetings: meetings.map((m) => ({
      id: m.id,
      steeringGroupId: m.group_id,
      steeringGroupName: m.group_name,
      date: m.meeting_date,
      place: m.place,
    })),
    reportsToAcknowledge,
  }
}

async function lockPending(trx: Db, projectId: string, requestId: string, version: number) {
  const row = await trx
    .selectFrom('approval_request')
    .where('id', '=', requestId)
    .where('project_id', '=', projectId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.version !== version) throw staleVersion(await readRequest(trx, requestId))
  if (row.status !== 'pending') {
    throw new HttpProblem(409, 'not_pending', undefined, {
      detail: {
        sv: 'Begäran väntar inte längre på beslut: den är redan beslutad eller återkallad.',
        en: 'The request is no longer awaiting a decision: it is already decided or withdrawn.',
      },
      current: await readRequest(trx, requestId),
    })
  }
  return row
}

/**
 * The user's seats today in groups that govern a project today, joined to each project they
 * govern directly or as a sub-project's parent (`p`); `sp.project_id = p.id` marks the own group.
 */
function governingSeats(db: Db, user: AuthUser, today: string) {
  return db
    .selectFrom('steering_group_member as sm')
    .innerJoin('app_user as u', 'u.person_id', 'sm.person_id')
    .innerJoin('steering_group_project as sp', 'sp.steering_group_id', 'sm.steering_group_id')
    .innerJoin('steering_group as g', 'g.id', 'sm.steering_group_id')
    .innerJoin('project as p', (j) =>
      j.on((eb) =>
        eb.or([eb('p.id', '=', eb.ref('sp.project_id')), eb('p.parent_id', '=', eb.ref('sp.project_id'))]),
      ),
    )
    .where('u.id', '=', user.id)
    .where(sql<SqlBool>`sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today})`)
    .where(
      sql<SqlBool>`(sp.from_date is null or sp.from_date <= ${today}) and (sp.to_date is null or sp.to_date >= ${today})`,
    )
}

/** The group through which the user decides for the project today: the one they are a member of. */
async function decidingGroup(trx: Db, user: AuthUser, projectId: string) {
  const today = todayInSweden()
  const group = await governingSeats(trx, user, today)
    .where('p.id', '=', projectId)
    // The sub-project's own group before the parent's.
    .orderBy(sql`sp.project_id = p.id`, 'desc')
    .orderBy('g.name')
    .select(['g.id', 'g.name'])
    .executeTakeFirst()
  if (!group) {
    throw forbidden({
      sv: 'Bara ledamöter i en styrgrupp som styr projektet kan besluta.',
      en: 'Only members of a steering group that governs the project can decide.',
    })
  }
  return group
}

/**
 * The meeting a decision on the project is taken at: one held (today or earlier) by a group that
 * governs the project or its main project; for a member's decision, a group they sit in today, so
 * a member of both the sub-project's group and the main project's decides through the meeting's.
 */
async function meetingOfDecision(trx: Db, projectId: string, meetingId: string, memberUserId: string | null) {
  const today = todayInSweden()
  let query = trx
    .selectFrom('meeting as m')
    .innerJoin('steering_group as g', 'g.id', 'm.steering_group_id')
    .where('m.id', '=', meetingId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('steering_group_project as sp')
          .innerJoin('project as p', (j) =>
            j.on((on) =>
              on.or([
                on('p.id', '=', on.ref('sp.project_id')),
                on('p.parent_id', '=', on.ref('sp.project_id')),
              ]),
            ),
          )
          .whereRef('sp.steering_group_id', '=', 'g.id')
          .where('p.id', '=', projectId)
          .select(sql`1`.as('one')),
      ),
    )
  if (memberUserId) {
    query = query.where(
      sql<SqlBool>`exists (select 1 from steering_group_member sm join app_user u on u.person_id = sm.person_id
        where u.id = ${memberUserId} and sm.steering_group_id = g.id
          and sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today}))`,
    )
  }
  const meeting = await query
    .select(['m.id', 'm.meeting_date', 'g.id as group_id', 'g.name as group_name'])
    .executeTakeFirst()
  if (!meeting) {
    throw invalidField('meetingId', 'unknown_meeting', {
      sv: memberUserId
        ? 'Mötet hör inte till en styrgrupp som du sitter i och som styr projektet.'
        : 'Mötet hör inte till en styrgrupp som styr projektet.',
      en: memberUserId
        ? 'The meeting does not belong to a steering group you sit in that governs the project.'
        : 'The meeting does not belong to a steering group that governs the project.',
    })
  }
  if (meeting.meeting_date > today) {
    throw invalidField('meetingId', 'meeting_ahead', {
      sv: `Mötet ${meeting.meeting_date} har inte hållits än. Besluta per capsulam eller vid mötet när det har hållits.`,
      en: `The meeting on ${meeting.meeting_date} has not been held yet. Decide per capsulam, or at the meeting once it is held.`,
    })
  }
  return meeting
}

type DecideInput = Static<typeof ApprovalDecide>

/**
 * An administrator records a decision the steering group took outside the system (on paper, at a
 * meeting nobody entered here): the decision says so and names who decided.
 */
async function requireAdministrator(trx: Db, user: AuthUser, projectId: string) {
  const row = await trx
    .selectFrom('project as p')
    .leftJoin('project as parent', 'parent.id', 'p.parent_id')
    .innerJoin('organisation_closure as c', (j) =>
      j.on((eb) =>
        eb.or([
          eb('c.descendant_id', '=', eb.ref('p.owner_organisation_id')),
          eb('c.descendant_id', '=', eb.ref('parent.owner_organisation_id')),
        ]),
      ),
    )
    .innerJoin('role_grant as g', 'g.organisation_id', 'c.ancestor_id')
    .where('p.id', '=', projectId)
    .where('g.user_id', '=', user.id)
    .where('g.role', '=', 'administrator')
    .select('g.role')
    .executeTakeFirst()
  if (!row) {
    throw forbidden({
      sv: 'Bara en administratör kan registrera ett beslut som fattats utanför Lägesbild.',
      en: 'Only an administrator can record a decision taken outside Lägesbild.',
    })
  }
  const group = await trx
    .selectFrom('steering_group_project as sp')
    .innerJoin('steering_group as g', 'g.id', 'sp.steering_group_id')
    .innerJoin('project as p', (j) =>
      j.on((eb) =>
        eb.or([eb('p.id', '=', eb.ref('sp.project_id')), eb('p.parent_id', '=', eb.ref('sp.project_id'))]),
      ),
    )
    .where('p.id', '=', projectId)
    .orderBy(sql`sp.project_id = p.id`, 'desc')
    .orderBy('g.name')
    .select(['g.id', 'g.name'])
    .executeTakeFirst()
  return group ?? null
}

export type Decider = { kind: 'member' } | { kind: 'outside_system'; decidedBy: string }

/**
 * Approves or rejects a pending request: writes the decision, runs the kind's effect and closes
 * the request, all in one transaction; if the effect fails, none of it is kept.
 */
export async function decideRequest(
  db: Db,
  user: AuthUser,
  projectId: string,
  requestId: string,
  outcome: 'approved' | 'rejected',
  input: DecideInput,
  decider: Decider = { kind: 'member' },
): Promise<{ request: RequestT; decision: DecisionT }> {
  const decisionId = await db.transaction().execute(async (trx) => {
    const request = await lockPending(trx, projectId, requestId, input.version)
    const governing =
      decider.kind === 'member'
        ? await decidingGroup(trx, user, projectId)
        : await requireAdministrator(trx, user, projectId)
    const meeting = input.meetingId
      ? await meetingOfDecision(trx, projectId, input.meetingId, decider.kind === 'member' ? user.id : null)
      : null
    const group = meeting ? { id: meeting.group_id, name: meeting.group_name } : governing
    if (meeting) checkMeetingDate(meeting.meeting_date, input.date)
    const today = todayInSweden()
    const date = input.date ?? meeting?.meeting_date ?? today
    if (date > today) {
      throw invalidField('date', 'in_future', {
        sv: 'Ett beslut kan inte dateras efter i dag.',
        en: 'A decision cannot be dated after today.',
      })
    }
    const paragraph = await protocolParagraph(trx, meeting?.id ?? null, input.paragraph)
    const handler = approvalHandler(request.kind as RequestKind)
    const payload = request.payload as RequestPayload
    const project = await trx
      .selectFrom('project')
      .where('id', '=', projectId)
      .select('code')
      .executeTakeFirstOrThrow()
    const comment = input.comment?.trim() ?? ''
    if (outcome === 'rejected' && !comment) {
      throw invalidField('comment', 'required', {
        sv: 'Skriv varför begäran avslås.',
        en: 'Say why the request is rejected.',
      })
    }
    const verb = outcome === 'approved' ? 'Styrgruppen godkänner' : 'Styrgruppen avslår'
    const text = [`${verb}: ${request.summary}`, payload.change ? `(${payload.change})` : '', comment]
      .filter(Boolean)
      .join('\n\n')
    const id = await insertDecision(trx, {
      steeringGroupId: group?.id ?? null,
      meetingId: meeting?.id ?? null,
      perCapsulam: !meeting,
      date,
      paragraph,
      diaryNumber: project.code,
      text,
      kind: handler.decisionKind(payload),
      outcome,
      projectId,
      subject: handler.subject(projectId, payload),
      // The group decides; who pressed the button is recorded_by (an id, so erasure reaches it).
      decidedBy: decider.kind === 'member' ? (group?.name ?? '') : decider.decidedBy.trim(),
      outsideSystem: decider.kind === 'outside_system',
      recordedBy: user.id,
    })
    const context = { requestId, projectId, payload, decisionId: id, actorId: user.id, comment, date }
    if (outcome === 'approved') await handler.approve(trx, context)
    else await handler.reject?.(trx, context)
    await trx
      .updateTable('approval_request')
      .set({
        status: outcome,
        decided_by: user.id,
        decided_at: new Date(),
        comment,
        decision_id: id,
        version: request.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', requestId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'approval_request',
      entityId: requestId,
      projectId,
      action: outcome === 'approved' ? 'approve' : 'reject',
      before: { status: 'pending' },
      after: { status: outcome, decisionId: id, comment },
    })
    return id
  })
  return { request: await readRequest(db, requestId), decision: await readDecision(db, decisionId) }
}

export async function withdrawRequest(
  db: Db,
  user: AuthUser,
  projectId: string,
  requestId: string,
  version: number,
): Promise<{ request: RequestT; decision: null }> {
  await db.transaction().execute(async (trx) => {
    const request = await lockPending(trx, projectId, requestId, version)
    await trx
      .updateTable('approval_request')
      .set({ status: 'withdrawn', version: request.version + 1, updated_at: new Date() })
      .where('id', '=', requestId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'approval_request',
      entityId: requestId,
      projectId,
      action: 'withdraw',
      before: { status: 'pending' },
      after: { status: 'withdrawn' },
    })
  })
  return { request: await readRequest(db, requestId), decision: null }
}
