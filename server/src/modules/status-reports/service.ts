import type {
  Schedule,
  ScheduleInput,
  StatusReport,
  StatusReportCreate,
  StatusReportPatch,
  StatusReportSummary,
} from '@lagesbild/shared/api/status-reports'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  frequencyOfKey,
  type PeriodFrequency,
  periodContaining,
  periodRange,
  periodsBetween,
} from '@lagesbild/shared/domain/reporting-period'
import type { Light } from '@lagesbild/shared/domain/traffic-light'
import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, StatusReportTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { type FieldIssue, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { assertNoPersonalData } from '../privacy/text-check.ts'
import { findProjectRow } from '../projects/queries.ts'
import { collectFacts, readSnapshot, suggestionsFor } from './facts.ts'

registerConstraintMessages({
  status_report_draft_key: {
    sv: 'Det finns redan ett utkast för perioden.',
    en: 'There is already a draft for the period.',
  },
  status_report_supersedes_id_key: {
    sv: 'Rapporten är redan rättad av en senare rapport.',
    en: 'The report has already been corrected by a later one.',
  },
})

type Db = Kysely<Database>
type Row = Selectable<StatusReportTable>
type Summary = Static<typeof StatusReportSummary>
type Report = Static<typeof StatusReport>

const aspects = ['schedule', 'budget', 'goals', 'risks', 'overall'] as const
const column = (aspect: (typeof aspects)[number]) => `${aspect}_light` as const

const lightsOf = (row: Row) => ({
  schedule: row.schedule_light as Light | null,
  budget: row.budget_light as Light | null,
  goals: row.goals_light as Light | null,
  risks: row.risks_light as Light | null,
  overall: row.overall_light as Light | null,
})

async function reportRows(db: Db, projectId: string) {
  return db
    .selectFrom('status_report as r')
    .leftJoin('app_user as u', 'u.id', 'r.submitted_by')
    .where('r.project_id', '=', projectId)
    .selectAll('r')
    .select((eb) => [
      'u.name as submitted_by_name',
      eb
        .selectFrom('status_report as c')
        .whereRef('c.supersedes_id', '=', 'r.id')
        .select('c.id')
        .as('superseded_by_id'),
      eb
        .selectFrom('status_report_acknowledgement as a')
        .whereRef('a.report_id', '=', 'r.id')
        .select((s) => s.fn.countAll<string>().as('n'))
        .as('acknowledgements'),
    ])
    .orderBy('r.period_start', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute()
}

type ListedRow = Awaited<ReturnType<typeof reportRows>>[number]

function toSummary(row: ListedRow): Summary {
  return {
    id: row.id,
    period: row.period,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status as 'draft' | 'submitted',
    lights: lightsOf(row),
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id ?? null,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    submittedBy: row.submitted_by_name ?? null,
    acknowledgements: Number(row.acknowledgements ?? 0),
    version: row.version,
  }
}

export async function getSchedule(db: Db, projectId: string): Promise<Static<typeof Schedule> | null> {
  const row = await db
    .selectFrom('status_report_schedule')
    .where('project_id', '=', projectId)
    .selectAll()
    .executeTakeFirst()
  return row
    ? {
        frequency: row.frequency as Static<typeof Schedule>['frequency'],
        starts: row.starts,
        version: row.version,
      }
    : null
}

/** Periods of the schedule that have ended (up to the project's end) without a submitted report. */
export function duePeriods(
  schedule: { frequency: string; starts: string },
  projectEnd: string,
  submitted: ReadonlySet<string>,
  today: string,
): string[] {
  const lastDay = [projectEnd, today].sort()[0] ?? today
  return periodsBetween(schedule.frequency as PeriodFrequency, schedule.starts, lastDay).filter(
    (p) => periodRange(p).end < today && !submitted.has(p),
  )
}

async function projectOf(db: Db, projectId: string) {
  const project = await findProjectRow(db, projectId)
  if (!project) throw notFound()
  return project
}

export async function listStatusReports(db: Db, projectId: string, today = todayInSweden()) {
  const [project, schedule, rows] = await Promise.all([
    projectOf(db, projectId),
    getSchedule(db, projectId),
    reportRows(db, projectId),
  ])
  const submitted = new Set(rows.filter((r) => r.status === 'submitted').map((r) => r.period))
  const end = project.actual_end ?? project.planned_end
  return {
    schedule,
    due: schedule ? duePeriods(schedule, end, submitted, today) : [],
    items: rows.map(toSummary),
  }
}

export async function putSchedule(
  db: Db,
  actorId: string,
  projectId: string,
  version: number | null,
  input: Omit<Static<typeof ScheduleInput>, 'version'>,
) {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('status_report_schedule')
      .where('project_id', '=', projectId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (before && before.version !== version) throw staleVersion(await getSchedule(trx, projectId))
    if (!before && version !== null) throw staleVersion(null)
    if (before) {
      await trx
        .updateTable('status_report_schedule')
        .set({ ...input, version: before.version + 1, updated_at: new Date() })
        .where('project_id', '=', projectId)
        .execute()
    } else {
      await trx
        .insertInto('status_report_schedule')
        .values({ project_id: projectId, ...input })
        .execute()
    }
    await recordAudit(trx, {
      actorId,
      entity: 'status_report_schedule',
      entityId: projectId,
      projectId,
      action: before ? 'update' : 'create',
      before: before ? { frequency: before.frequency, starts: before.starts } : undefined,
      after: input,
    })
  })
  const saved = await getSchedule(db, projectId)
  if (!saved) throw notFound()
  return saved
}

/** The day a report's facts are read as of: the end of its period, or today while it runs. */
const asOfFor = (row: Pick<Row, 'period_end'>, today: string) => [row.period_end, today].sort()[0] ?? today

export async function getStatusReport(db: Db, projectId: string, reportId: string, today = todayInSweden()) {
  const rows = await reportRows(db, projectId)
  const row = rows.find((r) => r.id === reportId)
  if (!row) throw notFound()
  const project = await projectOf(db, projectId)
  const [acknowledgements, comments] = await Promise.all([
    db
      .selectFrom('status_report_acknowledgement as a')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .where('a.report_id', '=', reportId)
      .select(['a.id', 'a.comment', 'a.created_at', 'u.name'])
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('status_report_comment as c')
      .leftJoin('app_user as u', 'u.id', 'c.user_id')
      .where('c.report_id', '=', reportId)
      .select(['c.id', 'c.body', 'c.created_at', 'u.name'])
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
  ])
  const frozen = row.status === 'submitted'
  const { facts, suggestions } = frozen
    ? readSnapshot(row.snapshot)
    : await (async () => {
        const live = await collectFacts(db, projectId, asOfFor(row, today))
        return { facts: live, suggestions: suggestionsFor(live) }
      })()
  const report: Report = {
    ...toSummary(row),
    project: { id: project.id, name: project.name },
    progress: row.progress,
    problems: row.problems,
    nextSteps: row.next_steps,
    decisionsNeeded: row.decisions_needed,
    facts,
    factsFrozen: frozen,
    suggestions,
    acknowledgementList: acknowledgements.map((a) => ({
      id: a.id,
      by: a.name ?? null,
      comment: a.comment,
      at: new Date(a.created_at).toISOString(),
    })),
    comments: comments.map((c) => ({
      id: c.id,
      by: c.name ?? null,
      text: c.body,
      at: new Date(c.created_at).toISOString(),
    })),
  }
  return report
}

const submittedProblem = () =>
  new HttpProblem(409, 'report_submitted', undefined, {
    detail: {
      sv: 'Rapporten är inskickad och kan inte ändras. Skriv en rättelse i stället.',
      en: 'The report is submitted and cannot change. Write a correction instead.',
    },
  })

export async function createStatusReport(
  db: Db,
  actorId: string,
  projectId: string,
  input: Static<typeof StatusReportCreate>,
  today = todayInSweden(),
) {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    let period = input.period
    let carried: Partial<Row> = {}
    if (input.supersedesId) {
      const original = await trx
        .selectFrom('status_report')
        .where('id', '=', input.supersedesId)
        .where('project_id', '=', projectId)
        .selectAll()
        .executeTakeFirst()
      if (original?.status !== 'submitted')
        throw invalidField('supersedesId', 'not_submitted', {
          sv: 'Bara en inskickad rapport i projektet kan rättas.',
          en: 'Only a submitted report of the project can be corrected.',
        })
      period = original.period
      const { progress, problems, next_steps, decisions_needed } = original
      carried = { progress, problems, next_steps, decisions_needed, ...lightColumns(lightsOf(original)) }
    }
    if (!period) {
      const schedule = await getSchedule(trx, projectId)
      period = periodContaining((schedule?.frequency ?? 'monthly') as PeriodFrequency, today)
    }
    const frequency = frequencyOfKey(period)
    if (!frequency || frequency === 'yearly')
      throw invalidField('period', 'invalid_period', {
        sv: 'Välj en månad, ett kvartal eller en termin.',
        en: 'Choose a month, a quarter or a term.',
      })
    const { start, end } = periodRange(period)
    await trx
      .insertInto('status_report')
      .values({
        id,
        project_id: projectId,
        period,
        period_start: start,
        period_end: end,
        supersedes_id: input.supersedesId ?? null,
        created_by: actorId,
        progress: carried.progress ?? '',
        problems: carried.problems ?? '',
        next_steps: carried.next_steps ?? '',
        decisions_needed: carried.decisions_needed ?? '',
        schedule_light: carried.schedule_light ?? null,
        budget_light: carried.budget_light ?? null,
        goals_light: carried.goals_light ?? null,
        risks_light: carried.risks_light ?? null,
        overall_light: carried.overall_light ?? null,
      })
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'status_report',
      entityId: id,
      projectId,
      action: input.supersedesId ? 'correct' : 'create',
      after: { period, supersedesId: input.supersedesId ?? null },
    })
  })
  return getStatusReport(db, projectId, id, today)
}

function lightColumns(lights: Partial<Record<(typeof aspects)[number], Light | null>>) {
  const columns: Partial<Record<ReturnType<typeof column>, Light | null>> = {}
  for (const aspect of aspects) if (lights[aspect] !== undefined) columns[column(aspect)] = lights[aspect]
  return columns
}

async function lockReport(trx: Db, projectId: string, reportId: string, version: number, today: string) {
  const row = await trx
    .selectFrom('status_report')
    .where('id', '=', reportId)
    .where('project_id', '=', projectId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.status !== 'draft') throw submittedProblem()
  if (row.version !== version) throw staleVersion(await getStatusReport(trx, projectId, reportId, today))
  return row
}

const narrativeView = (row: Row) => ({
  lights: lightsOf(row),
  progress: row.progress,
  problems: row.problems,
  nextSteps: row.next_steps,
  decisionsNeeded: row.decisions_needed,
})

export async function updateStatusReport(
  db: Db,
  actorId: string,
  projectId: string,
  reportId: string,
  version: number,
  patch: Omit<Static<typeof StatusReportPatch>, 'version'>,
  today = todayInSweden(),
) {
  await db.transaction().execute(async (trx) => {
    const before = await lockReport(trx, projectId, reportId, version, today)
    const project = await projectOf(trx, projectId)
    await assertNoPersonalData(trx, project.owner_organisation_id, {
      progress: patch.progress,
      problems: patch.problems,
      nextSteps: patch.nextSteps,
      decisionsNeeded: patch.decisionsNeeded,
    })
    const after = await trx
      .updateTable('status_report')
      .set({
        ...lightColumns(patch.lights ?? {}),
        ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
        ...(patch.problems !== undefined ? { problems: patch.problems } : {}),
        ...(patch.nextSteps !== undefined ? { next_steps: patch.nextSteps } : {}),
        ...(patch.decisionsNeeded !== undefined ? { decisions_needed: patch.decisionsNeeded } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', reportId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId,
      entity: 'status_report',
      entityId: reportId,
      projectId,
      action: 'update',
      before: narrativeView(before),
      after: narrativeView(after),
    })
  })
  return getStatusReport(db, projectId, reportId, today)
}

/**
 * Submits a draft: every light chosen, the facts of the day and the suggestions read in this
 * same transaction and frozen into the row, which the database then refuses to change.
 */
export async function submitStatusReport(
  db: Db,
  actorId: string,
  projectId: string,
  reportId: string,
  version: number,
  today = todayInSweden(),
) {
  await db.transaction().execute(async (trx) => {
    const row = await lockReport(trx, projectId, reportId, version, today)
    const lights = lightsOf(row)
    const missing: FieldIssue[] = aspects
      .filter((a) => lights[a] === null)
      .map((a) => ({
        field: `lights.${a}`,
        code: 'required',
        message: { sv: 'Välj en färg innan du skickar in.', en: 'Choose a colour before submitting.' },
      }))
    const first = missing[0]
    if (first)
      throw new HttpProblem(422, 'lights_required', undefined, { detail: first.message, errors: missing })
    const facts = await collectFacts(trx, projectId, asOfFor(row, today))
    const snapshot = { facts, suggestions: suggestionsFor(facts) }
    await trx
      .updateTable('status_report')
      .set({
        status: 'submitted',
        snapshot: JSON.stringify(snapshot),
        submitted_at: new Date(),
        submitted_by: actorId,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', reportId)
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'status_report',
      entityId: reportId,
      projectId,
      action: 'submit',
      after: { period: row.period, lights, suggested: snapshot.suggestions },
    })
  })
  return getStatusReport(db, projectId, reportId, today)
}

export async function acknowledgeStatusReport(
  db: Db,
  actorId: string,
  projectId: string,
  reportId: string,
  comment: string | undefined,
) {
  await db.transaction().execute(async (trx) => {
    // Locked so that two members acknowledging at once cannot both find it unacknowledged.
    const row = await submittedReport(trx, projectId, reportId, {
      sv: 'Bara en inskickad rapport kan kvitteras.',
      en: 'Only a submitted report can be acknowledged.',
    })
    const earlier = await trx
      .selectFrom('status_report_acknowledgement as a')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .where('a.report_id', '=', reportId)
      .select(['u.name', 'a.created_at'])
      .orderBy('a.created_at')
      .executeTakeFirst()
    if (earlier) {
      // The steering group acknowledges a report once; a later remark belongs in the next report.
      const by = earlier.name ?? '–'
      const on = todayInSweden(new Date(earlier.created_at))
      throw new HttpProblem(409, 'report_already_acknowledged', undefined, {
        detail: {
          sv: `Rapporten är redan kvitterad (${by}, ${on}). Den kan bara kvitteras en gång.`,
          en: `The report is already acknowledged (${by}, ${on}). It can be acknowledged only once.`,
        },
      })
    }
    const project = await projectOf(trx, projectId)
    await assertNoPersonalData(trx, project.owner_organisation_id, { comment })
    const id = uuid()
    await trx
      .insertInto('status_report_acknowledgement')
      .values({ id, report_id: reportId, user_id: actorId, comment: comment?.trim() ?? '' })
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'status_report',
      entityId: reportId,
      projectId,
      action: 'acknowledge',
      after: { period: row.period, comment: comment?.trim() ?? '' },
    })
  })
  return getStatusReport(db, projectId, reportId)
}

/** The project's report, locked for the transaction; 404 when absent, 409 unless submitted. */
async function submittedReport(
  trx: Db,
  projectId: string,
  reportId: string,
  refused: { sv: string; en: string },
) {
  const row = await trx
    .selectFrom('status_report')
    .where('id', '=', reportId)
    .where('project_id', '=', projectId)
    .select(['id', 'status', 'period'])
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.status !== 'submitted')
    throw new HttpProblem(409, 'report_not_submitted', undefined, { detail: refused })
  return row
}

/**
 * A steering-group member's comment on a submitted report. Unlike the acknowledgement, which the
 * group gives once, members may comment as often as they need; each comment is its own immutable
 * row (the trigger refuses changes), so the conversation reads as it was held.
 */
export async function commentOnStatusReport(
  db: Db,
  actorId: string,
  projectId: string,
  reportId: string,
  text: string,
) {
  const body = text.trim()
  if (!body) throw invalidField('text', 'required', { sv: 'Skriv en kommentar.', en: 'Write a comment.' })
  await db.transaction().execute(async (trx) => {
    const row = await submittedReport(trx, projectId, reportId, {
      sv: 'Bara en inskickad rapport kan kommenteras.',
      en: 'Only a submitted report can be commented on.',
    })
    const project = await projectOf(trx, projectId)
    await assertNoPersonalData(trx, project.owner_organisation_id, { text: body })
    const id = uuid()
    await trx
      .insertInto('status_report_comment')
      .values({ id, report_id: reportId, user_id: actorId, body })
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'status_report',
      entityId: reportId,
      projectId,
      action: 'comment',
      after: { period: row.period, commentId: id, text: body },
    })
  })
  return getStatusReport(db, projectId, reportId)
}

/** Reports due on the projects the user leads, for the inbox on the home page. */
export async function dueForUser(db: Db, user: AuthUser, today = todayInSweden()) {
  const projects = await db
    .selectFrom('project_member as m')
    .innerJoin('project as p', 'p.id', 'm.project_id')
    .innerJoin('status_report_schedule as s', 's.project_id', 'p.id')
    .where('m.user_id', '=', user.id)
    .where('m.role', '=', 'leader')
    .select(['p.id', 'p.name', 'p.planned_end', 'p.actual_end', 's.frequency', 's.starts'])
    .orderBy('p.name')
    .execute()
  if (projects.length === 0) return { items: [] }
  const reports = await db
    .selectFrom('status_report')
    .where(
      'project_id',
      'in',
      projects.map((p) => p.id),
    )
    .select(['id', 'project_id', 'period', 'status'])
    .execute()
  const items = projects.flatMap((p) => {
    const mine = reports.filter((r) => r.project_id === p.id)
    const submitted = new Set(mine.filter((r) => r.status === 'submitted').map((r) => r.period))
    return duePeriods(p, p.actual_end ?? p.planned_end, submitted, today).map((period) => ({
      project: { id: p.id, name: p.name },
      period,
      periodEnd: periodRange(period).end,
      draftId: mine.find((r) => r.period === period && r.status === 'draft')?.id ?? null,
    }))
  })
  return { items }
}

const TO_ACKNOWLEDGE_LIMIT = 50

/**
 * Submitted reports no one has acknowledged yet, of projects (or sub-projects of projects) that
 * a steering group the user sits in today governs today: the reminder in the steering member's
 * inbox. A report replaced by a submitted correction waits no longer; its correction does.
 */
export async function toAcknowledgeFor(db: Db, user: AuthUser, today = todayInSweden()) {
  const rows = await db
    .selectFrom('status_report as r')
    .innerJoin('project as p', 'p.id', 'r.project_id')
    .leftJoin('app_user as u', 'u.id', 'r.submitted_by')
    .where('r.status', '=', 'submitted')
    .where(
      sql<SqlBool>`exists (
        select 1 from steering_group_member sm
        join app_user su on su.person_id = sm.person_id
        join steering_group_project sp on sp.steering_group_id = sm.steering_group_id
        where su.id = ${user.id} and su.active
          and sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today})
          and (sp.from_date is null or sp.from_date <= ${today}) and (sp.to_date is null or sp.to_date >= ${today})
          and (sp.project_id = p.id or sp.project_id = p.parent_id))`,
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('status_report_acknowledgement as a')
            .whereRef('a.report_id', '=', 'r.id')
            .select(sql`1`.as('one')),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('status_report as c')
            .whereRef('c.supersedes_id', '=', 'r.id')
            .where('c.status', '=', 'submitted')
            .select(sql`1`.as('one')),
        ),
      ),
    )
    .select([
      'r.id',
      'r.period',
      'r.overall_light',
      'r.submitted_at',
      'p.id as project_id',
      'p.name as project_name',
      'u.name as submitted_by_name',
    ])
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .limit(TO_ACKNOWLEDGE_LIMIT)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    project: { id: r.project_id, name: r.project_name },
    period: r.period,
    overall: r.overall_light as Light,
    submittedAt: new Date(r.submitted_at ?? 0).toISOString(),
    submittedBy: r.submitted_by_name ?? null,
  }))
}

const EXCERPT = 140

/** The first ~140 characters of a comment, cut at a word where one is near, for a one-line list. */
function excerptOf(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/**
 * What steering groups said about reports of projects the user leads, from the Swedish day
 * `since` through `until`, newest first: acknowledgements and comments alike, the user's own left
 * out (a leader who also sits in the group needs no reply to themself). Leader as in dueForUser.
 */
export async function recentReplies(db: Db, userId: string, since: string, until: string, limit = 10) {
  const from = sql<Date>`(${since}::date)::timestamp at time zone 'Europe/Stockholm'`
  const to = sql<Date>`(${until}::date + 1)::timestamp at time zone 'Europe/Stockholm'`
  const leads = sql<SqlBool>`exists (select 1 from project_member m
    where m.project_id = r.project_id and m.user_id = ${userId} and m.role = 'leader')`
  const [acknowledgements, comments] = await Promise.all([
    db
      .selectFrom('status_report_acknowledgement as a')
      .innerJoin('status_report as r', 'r.id', 'a.report_id')
      .innerJoin('project as p', 'p.id', 'r.project_id')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .where(leads)
      .where('a.created_at', '>=', from)
      .where('a.created_at', '<', to)
      .where((eb) => eb.or([eb('a.user_id', 'is', null), eb('a.user_id', '!=', userId)]))
      .select([
        'a.id',
        'a.comment as text',
        'a.created_at',
        'r.id as report_id',
        'r.period',
        'p.id as project_id',
      ])
      .select(['p.name as project_name', 'u.name as by'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('status_report_comment as c')
      .innerJoin('status_report as r', 'r.id', 'c.report_id')
      .innerJoin('project as p', 'p.id', 'r.project_id')
      .leftJoin('app_user as u', 'u.id', 'c.user_id')
      .where(leads)
      .where('c.created_at', '>=', from)
      .where('c.created_at', '<', to)
      .where((eb) => eb.or([eb('c.user_id', 'is', null), eb('c.user_id', '!=', userId)]))
      .select([
        'c.id',
        'c.body as text',
        'c.created_at',
        'r.id as report_id',
        'r.period',
        'p.id as project_id',
      ])
      .select(['p.name as project_name', 'u.name as by'])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit)
      .execute(),
  ])
  const rows = [
    ...acknowledgements.map((r) => ({ ...r, kind: 'acknowledgement' as const })),
    ...comments.map((r) => ({ ...r, kind: 'comment' as const })),
  ].map((r) => ({ ...r, at: new Date(r.created_at).toISOString() }))
  // Each list is newest first already; merged, the newest of both, ties by id for a stable order.
  rows.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
  return rows.slice(0, limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    project: { id: r.project_id, name: r.project_name },
    report: { id: r.report_id, period: r.period },
    by: r.by ?? null,
    at: r.at,
    excerpt: excerptOf(r.text),
  }))
}
