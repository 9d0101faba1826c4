import {
  DECISION_LIST_MAX,
  type Decision,
  type DecisionCreate,
  type DecisionFilter,
} from '@lagesbild/shared/api/governance'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import {
  type DecisionKind,
  type DecisionOutcome,
  normaliseParagraph,
} from '@lagesbild/shared/domain/governance'
import type { Language } from '@lagesbild/shared/http/language'
import { stringify } from 'csv-stringify/sync'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import { loadExcel } from '../../lazy-modules.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { groupVisibleTo, requireGroup } from './groups.ts'

type Db = Kysely<Database>
type DecisionT = Static<typeof Decision>
type SubjectKind = 'project' | 'activity' | 'baseline' | 'budget_version' | 'final_report'

export interface NewDecision {
  steeringGroupId: string | null
  meetingId?: string | null
  perCapsulam?: boolean
  date: CalendarDate
  paragraph?: string | null
  diaryNumber?: string | null
  text: string
  kind: DecisionKind
  outcome?: DecisionOutcome | null
  projectId?: string | null
  subject?: { kind: SubjectKind; id: string } | null
  decidedBy: string
  outsideSystem?: boolean
  supersedesId?: string | null
  recordedBy: string | null
}

/**
 * Writes one decision into the register, inside the caller's transaction, and names it as the
 * transaction's decision so a lifecycle move in the same transaction is allowed (see the trigger).
 */
export async function insertDecision(trx: Db, input: NewDecision): Promise<string> {
  const id = uuid()
  await trx
    .insertInto('decision')
    .values({
      id,
      steering_group_id: input.steeringGroupId,
      meeting_id: input.meetingId ?? null,
      per_capsulam: input.perCapsulam ?? !input.meetingId,
      decided_on: input.date,
      paragraph: input.paragraph?.trim() || null,
      diary_number: input.diaryNumber?.trim() || null,
      text: input.text.trim(),
      kind: input.kind,
      outcome: input.outcome ?? null,
      project_id: input.projectId ?? null,
      subject_kind: input.subject?.kind ?? null,
      subject_id: input.subject?.id ?? null,
      decided_by: input.decidedBy,
      outside_system: input.outsideSystem ?? false,
      supersedes_id: input.supersedesId ?? null,
      recorded_by: input.recordedBy,
    })
    .execute()
  await sql`select set_config('lagesbild.decision_id', ${id}, true)`.execute(trx)
  await recordAudit(trx, {
    actorId: input.recordedBy,
    entity: 'decision',
    entityId: id,
    projectId: input.projectId ?? null,
    action: 'record',
    after: { ...input, id },
  })
  return id
}

/**
 * The decision's protocol paragraph as the register keeps it ("§ 12" is kept as "12"), refused when
 * it is no paragraph or is already taken at the same meeting. The meeting is locked first, so two
 * decisions numbered at the same time see each other.
 */
export async function protocolParagraph(
  trx: Db,
  meetingId: string | null,
  paragraph: string | null | undefined,
): Promise<string | null> {
  if (paragraph === null || paragraph === undefined) return null
  const normalised = normaliseParagraph(paragraph)
  if (normalised === null) {
    throw invalidField('paragraph', 'invalid_paragraph', {
      sv: 'Paragrafen ska vara ett nummer, till exempel 12, 12 a eller 2018:45.',
      en: 'The paragraph should be a number, such as 12, 12 a or 2018:45.',
    })
  }
  if (normalised === '') return null
  if (meetingId) {
    await trx.selectFrom('meeting').where('id', '=', meetingId).select('id').forUpdate().executeTakeFirst()
    const taken = await trx
      .selectFrom('decision')
      .where('meeting_id', '=', meetingId)
      .where('paragraph', '=', normalised)
      .select('id')
      .executeTakeFirst()
    if (taken) {
      throw invalidField('paragraph', 'paragraph_taken', {
        sv: `§ ${normalised} finns redan i mötets protokoll. Välj en paragraf som inte är använd.`,
        en: `§ ${normalised} is already in the meeting's minutes. Choose a paragraph not yet used.`,
      })
    }
  }
  return normalised
}

/** A decision taken at a meeting is dated the day of the meeting. */
export function checkMeetingDate(meetingDate: CalendarDate, date: CalendarDate | undefined) {
  if (date !== undefined && date !== meetingDate) {
    throw invalidField('date', 'not_meeting_date', {
      sv: `Ett beslut som fattas vid mötet ska ha mötets datum, ${meetingDate}.`,
      en: `A decision taken at the meeting is dated the day of the meeting, ${meetingDate}.`,
    })
  }
}

/** SQL predicate: the user may see this decision (its project, or for a group-wide one, its group). */
function decisionVisibleTo(user: AuthUser) {
  return (eb: ExpressionBuilder<Database, 'decision'>): Expression<SqlBool> =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('project')
          .whereRef('project.id', '=', 'decision.project_id')
          .where((w) => projectVisibleTo(user)(w as unknown as ExpressionBuilder<Database, 'project'>))
          .select(sql`1`.as('one')),
      ),
      eb.and([
        eb('decision.project_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('steering_group')
            .whereRef('steering_group.id', '=', 'decision.steering_group_id')
            .where((w) => groupVisibleTo(user)(w as unknown as ExpressionBuilder<Database, 'steering_group'>))
            .select(sql`1`.as('one')),
        ),
      ]),
    ])
}

function baseQuery(db: Db) {
  return db
    .selectFrom('decision')
    .leftJoin('project as p', 'p.id', 'decision.project_id')
    .leftJoin('steering_group as g', 'g.id', 'decision.steering_group_id')
    .leftJoin('meeting as m', 'm.id', 'decision.meeting_id')
    .leftJoin('app_user as ru', 'ru.id', 'decision.recorded_by')
    .selectAll('decision')
    .select([
      'ru.name as recorded_by_name',
      'p.name as project_name',
      'g.name as group_name',
      'm.meeting_date',
      sql<
        string[]
      >`array(select s.id from decision s where s.supersedes_id = decision.id order by s.created_at, s.id)`.as(
        'superseded_by',
      ),
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

function toDecision(r: Row): DecisionT {
  return {
    id: r.id,
    date: r.decided_on,
    paragraph: r.paragraph,
    diaryNumber: r.diary_number,
    text: r.text,
    kind: r.kind as DecisionKind,
    outcome: (r.outcome as DecisionOutcome | null) ?? null,
    project: r.project_id && r.project_name ? { id: r.project_id, name: r.project_name } : null,
    subject:
      r.subject_kind && r.subject_id ? { kind: r.subject_kind as SubjectKind, id: r.subject_id } : null,
    steeringGroup:
      r.steering_group_id && r.group_name ? { id: r.steering_group_id, name: r.group_name } : null,
    meeting: r.meeting_id && r.meeting_date ? { id: r.meeting_id, date: r.meeting_date } : null,
    perCapsulam: r.per_capsulam,
    decidedBy: r.decided_by,
    outsideSystem: r.outside_system,
    recordedBy: r.recorded_by && r.recorded_by_name ? { id: r.recorded_by, name: r.recorded_by_name } : null,
    supersedesId: r.supersedes_id,
    supersededBy: r.superseded_by ?? [],
    recordedAt: new Date(r.created_at).toISOString(),
  }
}

export type DecisionQuery = Static<typeof DecisionFilter>

/** The register: what the user may see, filtered by kind, period, project (with sub-projects) and group. */
export async function listDecisions(
  db: Db,
  user: AuthUser,
  filter: DecisionQuery,
  max: number = DECISION_LIST_MAX,
) {
  let query = baseQuery(db).where(decisionVisibleTo(user))
  if (filter.kind) query = query.where('decision.kind', '=', filter.kind)
  if (filter.from) query = query.where('decision.decided_on', '>=', filter.from)
  if (filter.to) query = query.where('decision.decided_on', '<=', filter.to)
  if (filter.steeringGroupId) query = query.where('decision.steering_group_id', '=', filter.steeringGroupId)
  if (filter.projectId) {
    const projectId = filter.projectId
    query = query.where((eb) =>
      eb.or([eb('decision.project_id', '=', projectId), eb('p.parent_id', '=', projectId)]),
    )
  }
  // The latest `max`, read newest first and turned back into register order: a national
  // register holds some 100 000 decisions, more than a page or a person can use at once.
  const rows = await query
    .orderBy('decision.decided_on', 'desc')
    .orderBy(sql`decision.paragraph desc nulls last`)
    .orderBy('decision.created_at', 'desc')
    .orderBy('decision.id', 'desc')
    .limit(max + 1)
    .execute()
  const truncated = rows.length > max
  return { items: rows.slice(0, max).reverse().map(toDecision), truncated }
}

/**
 * The whole register of these projects as the user may see it, in register order and without the
 * register page's limit: the archive's copy. The caller names sub-projects itself.
 */
export async function decisionsOfProjects(
  db: Db,
  user: AuthUser,
  projectIds: readonly string[],
): Promise<DecisionT[]> {
  if (projectIds.length === 0) return []
  const rows = await baseQuery(db)
    .where(decisionVisibleTo(user))
    .where('decision.project_id', 'in', [...projectIds])
    .orderBy('decision.decided_on')
    .orderBy(sql`decision.paragraph asc nulls first`)
    .orderBy('decision.created_at')
    .orderBy('decision.id')
    .execute()
  return rows.map(toDecision)
}

export async function getDecision(db: Db, user: AuthUser, decisionId: string): Promise<DecisionT> {
  const row = await baseQuery(db)
    .where('decision.id', '=', decisionId)
    .where(decisionVisibleTo(user))
    .executeTakeFirst()
  if (!row) throw notFound()
  return toDecision(row)
}

/** A decision by id inside a transaction, without a visibility check (the caller already did it). */
export async function readDecision(db: Db, decisionId: string): Promise<DecisionT> {
  return toDecision(await baseQuery(db).where('decision.id', '=', decisionId).executeTakeFirstOrThrow())
}

/** Records a decision of the group by hand: one taken at a meeting, per capsulam, or a correction. */
export async function recordDecision(
  db: Db,
  user: AuthUser,
  groupId: string,
  input: Static<typeof DecisionCreate>,
): Promise<DecisionT> {
  const id = await db.transaction().execute(async (trx) => {
    const group = await requireGroup(trx, user, groupId, true)
    if (input.meetingId) {
      const meeting = await trx
        .selectFrom('meeting')
        .where('id', '=', input.meetingId)
        .where('steering_group_id', '=', groupId)
        .select(['id', 'meeting_date'])
        .executeTakeFirst()
      if (!meeting) {
        throw invalidField('meetingId', 'unknown_meeting', {
          sv: 'Mötet hör inte till den här styrgruppen.',
          en: 'The meeting does not belong to this steering group.',
        })
      }
      if (input.perCapsulam) {
        throw invalidField('perCapsulam', 'meeting_and_per_capsulam', {
          sv: 'Ett beslut per capsulam tas inte vid ett möte.',
          en: 'A decision per capsulam is not taken at a meeting.',
        })
      }
      checkMeetingDate(meeting.meeting_date, input.date)
    }
    const paragraph = await protocolParagraph(trx, input.meetingId ?? null, input.paragraph)
    if (input.projectId) {
      // The group governs the project itself or, for a sub-project, its main project.
      const governed = await trx
        .selectFrom('steering_group_project as sp')
        .innerJoin('project', (j) =>
          j.on((eb) =>
            eb.or([
              eb('project.id', '=', eb.ref('sp.project_id')),
              eb('project.parent_id', '=', eb.ref('sp.project_id')),
            ]),
          ),
        )
        .where('sp.steering_group_id', '=', groupId)
        .where('project.id', '=', input.projectId)
        .select('sp.project_id')
        .executeTakeFirst()
      if (!governed) {
        throw invalidField('projectId', 'not_governed', {
          sv: 'Styrgruppen styr inte det projektet.',
          en: 'The steering group does not govern that project.',
        })
      }
    }
    if (input.supersedesId) {
      const earlier = await trx
        .selectFrom('decision')
        .where('id', '=', input.supersedesId)
        .select(['id', 'steering_group_id'])
        .executeTakeFirst()
      if (!earlier || earlier.steering_group_id !== groupId) {
        throw invalidField('supersedesId', 'unknown_decision', {
          sv: 'Beslutet som ska ersättas finns inte i styrgruppens register.',
          en: 'The decision to supersede is not in the steering group register.',
        })
      }
    }
    const project = input.projectId
      ? await trx.selectFrom('project').where('id', '=', input.projectId).select('code').executeTakeFirst()
      : undefined
    return insertDecision(trx, {
      steeringGroupId: group.id,
      meetingId: input.meetingId ?? null,
      perCapsulam: input.perCapsulam ?? !input.meetingId,
      date: input.date,
      paragraph,
      diaryNumber: input.diaryNumber ?? project?.code ?? null,
      text: input.text,
      kind: input.kind,
      projectId: input.projectId ?? null,
      subject: input.projectId ? { kind: 'project', id: input.projectId } : null,
      decidedBy: input.decidedBy?.trim() || group.name,
      supersedesId: input.supersedesId ?? null,
      recordedBy: user.id,
    })
  })
  return readDecision(db, id)
}

export const decisionKindLabels: Record<DecisionKind, string> = {
  approve_milestone: 'Godkänd milstolpe',
  approve_plan_revision: 'Godkänd planrevision',
  approve_budget_change: 'Godkänd budgetändring',
  change_lifecycle: 'Ändrad fas',
  change_owner: 'Byte av projektägare',
  change_project_leader: 'Byte av projektledare',
  terminate_early: 'Avslutas i förtid',
  make_permanent: 'Permanentas / överförs till linjen',
  approve_final_report: 'Godkänd slutrapport',
  other: 'Övrigt',
}

const decisionKindLabelsEn: Record<DecisionKind, string> = {
  approve_milestone: 'Milestone approved',
  approve_plan_revision: 'Plan revision approved',
  approve_budget_change: 'Budget change approved',
  change_lifecycle: 'Phase changed',
  change_owner: 'Change of project owner',
  change_project_leader: 'Change of project leader',
  terminate_early: 'Terminated early',
  make_permanent: 'Made permanent / handed over to the line organisation',
  approve_final_report: 'Final report approved',
  other: 'Other',
}

/** The register's kinds in each language the documents speak. */
export const decisionKindNames: Record<Language, Record<DecisionKind, string>> = {
  sv: decisionKindLabels,
  en: decisionKindLabelsEn,
}

const workbookWords = {
  sv: {
    sheet: 'Beslutsregister',
    date: 'Datum',
    diaryNumber: 'Diarienummer',
    group: 'Styrgrupp',
    project: 'Projekt',
    kind: 'Slag',
    outcome: 'Utfall',
    text: 'Beslut',
    decidedBy: 'Beslutat av',
    recordedBy: 'Registrerat av',
    where: 'Möte / per capsulam',
    supersedes: 'Ersätter',
    approved: 'Bifall',
    rejected: 'Avslag',
    meeting: (date: string) => `Möte ${date}`,
    fileName: 'beslutsregister.xlsx',
  },
  en: {
    sheet: 'Decision register',
    date: 'Date',
    diaryNumber: 'Reference number',
    group: 'Steering group',
    project: 'Project',
    kind: 'Kind',
    outcome: 'Outcome',
    text: 'Decision',
    decidedBy: 'Decided by',
    recordedBy: 'Recorded by',
    where: 'Meeting / per capsulam',
    supersedes: 'Supersedes',
    approved: 'Approved',
    rejected: 'Rejected',
    meeting: (date: string) => `Meeting ${date}`,
    fileName: 'decision-register.xlsx',
  },
} satisfies Record<Language, unknown>

export const decisionsWorkbookName = (language: Language) => workbookWords[language].fileName

/** One decision as the register's columns, the same in the workbook and the CSV. */
function registerRow(d: DecisionT, language: Language) {
  const w = workbookWords[language]
  return {
    date: d.date,
    paragraph: d.paragraph ?? '',
    diaryNumber: d.diaryNumber ?? '',
    group: d.steeringGroup?.name ?? '',
    project: d.project?.name ?? '',
    kind: decisionKindNames[language][d.kind],
    outcome: d.outcome === 'approved' ? w.approved : d.outcome === 'rejected' ? w.rejected : '',
    text: d.text,
    decidedBy: d.decidedBy,
    recordedBy: d.recordedBy?.name ?? '',
    where: d.meeting ? w.meeting(d.meeting.date) : d.perCapsulam ? 'Per capsulam' : '',
    supersedes: d.supersedesId ?? '',
    id: d.id,
  }
}

/** A cell a spreadsheet would run as a formula is written as text (CSV injection). */
const defuse = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)

/**
 * The register as CSV, semicolon-separated with a BOM (what Excel with Swedish settings opens as
 * it is): the archive keeps a plain-text copy beside the workbook, readable without Excel.
 */
export function decisionsCsv(decisions: readonly DecisionT[], language: Language = 'sv'): Buffer {
  const w = workbookWords[language]
  const columns = [
    ['date', w.date],
    ['paragraph', '§'],
    ['diaryNumber', w.diaryNumber],
    ['group', w.group],
    ['project', w.project],
    ['kind', w.kind],
    ['outcome', w.outcome],
    ['text', w.text],
    ['decidedBy', w.decidedBy],
    ['recordedBy', w.recordedBy],
    ['where', w.where],
    ['supersedes', w.supersedes],
    ['id', 'Id'],
  ] as const
  const text = stringify(
    decisions.map((d) => {
      const row = registerRow(d, language)
      return columns.map(([key]) => defuse(row[key]))
    }),
    {
      header: true,
      columns: columns.map(([, header]) => header),
      delimiter: ';',
      bom: true,
      record_delimiter: 'windows',
    },
  )
  return Buffer.from(text, 'utf8')
}

export async function decisionsWorkbook(
  decisions: readonly DecisionT[],
  language: Language = 'sv',
): Promise<Buffer> {
  const w = workbookWords[language]
  const { Workbook } = await loadExcel()
  const workbook = new Workbook()
  workbook.creator = 'Lägesbild'
  workbook.created = new Date()
  const ws = workbook.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [
    { header: w.date, key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: '§', key: 'paragraph', width: 8 },
    { header: w.diaryNumber, key: 'diaryNumber', width: 18 },
    { header: w.group, key: 'group', width: 26 },
    { header: w.project, key: 'project', width: 36 },
    { header: w.kind, key: 'kind', width: 26 },
    { header: w.outcome, key: 'outcome', width: 12 },
    { header: w.text, key: 'text', width: 80 },
    { header: w.decidedBy, key: 'decidedBy', width: 30 },
    { header: w.recordedBy, key: 'recordedBy', width: 24 },
    { header: w.where, key: 'where', width: 20 },
    { header: w.supersedes, key: 'supersedes', width: 38 },
    { header: 'Id', key: 'id', width: 38 },
  ]
  ws.getRow(1).font = { bold: true }
  ws.addRows(decisions.map((d) => ({ ...registerRow(d, language), date: new Date(`${d.date}T00:00:00Z`) })))
  ws.getColumn('text').alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
