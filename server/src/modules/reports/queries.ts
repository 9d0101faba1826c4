import type { FinalReportSummary, ReportTemplateSummary } from '@lagesbild/shared/api/reports'
import type { TemplateSection } from '@lagesbild/shared/domain/report-template'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database, FinalReportTable } from '../../db/schema.ts'

type Ref = { id: string; name: string }
const ref = (id: string | null, name: string | null): Ref | null => (id && name ? { id, name } : null)
const iso = (value: Date | string) => new Date(value).toISOString()

// Templates

function templateQuery(db: Kysely<Database>) {
  return db
    .selectFrom('report_template as t')
    .leftJoin('organisation as o', 'o.id', 't.organisation_id')
    .select([
      't.id',
      't.name',
      't.builtin_key',
      't.version',
      't.updated_at',
      't.organisation_id',
      'o.name as organisation_name',
    ])
}

type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateQuery>['executeTakeFirstOrThrow']>>

export const toTemplateSummary = (row: TemplateRow): Static<typeof ReportTemplateSummary> => ({
  id: row.id,
  name: row.name,
  organisation: ref(row.organisation_id, row.organisation_name),
  builtIn: row.builtin_key !== null,
  version: row.version,
  updatedAt: iso(row.updated_at),
})

/** The built-in template and those of organisations under the given roots. */
export async function listTemplatesUnder(db: Kysely<Database>, roots: readonly string[]) {
  let q = templateQuery(db)
  q =
    roots.length === 0
      ? q.where('t.organisation_id', 'is', null)
      : q.where((eb) =>
          eb.or([
            eb('t.organisation_id', 'is', null),
            eb(
              't.organisation_id',
              'in',
              eb
                .selectFrom('organisation_closure')
                .where('ancestor_id', '=', sql<string>`any(${[...roots]}::uuid[])`)
                .select('descendant_id'),
            ),
          ]),
        )
  return q.orderBy(sql`t.organisation_id is not null`).orderBy('t.name').execute()
}

export async function findTemplate(db: Kysely<Database>, id: string) {
  return templateQuery(db).where('t.id', '=', id).executeTakeFirst()
}

export async function lockTemplate(db: Kysely<Database>, id: string) {
  return db.selectFrom('report_template').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findTemplateOfOrganisations(db: Kysely<Database>, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return []
  return templateQuery(db)
    .where('t.organisation_id', 'in', [...organisationIds])
    .execute()
}

export async function findBuiltInTemplate(db: Kysely<Database>, key: string) {
  return templateQuery(db).where('t.builtin_key', '=', key).executeTakeFirst()
}

export async function findTemplateVersion(db: Kysely<Database>, templateId: string, number: number) {
  return db
    .selectFrom('report_template_version')
    .selectAll()
    .where('template_id', '=', templateId)
    .where('number', '=', number)
    .executeTakeFirst()
}

export async function findTemplateVersionById(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('report_template_version as v')
    .innerJoin('report_template as t', 't.id', 'v.template_id')
    .where('v.id', '=', id)
    .select(['v.id', 'v.template_id', 'v.number', 'v.name', 'v.sections', 't.name as template_name'])
    .executeTakeFirst()
  return row ? { ...row, sections: row.sections as TemplateSection[] } : undefined
}

export async function listTemplateVersions(db: Kysely<Database>, templateId: string) {
  const rows = await db
    .selectFrom('report_template_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .where('v.template_id', '=', templateId)
    .orderBy('v.number', 'desc')
    .select(['v.number', 'v.name', 'v.created_at', 'u.id as user_id', 'u.name as user_name'])
    .execute()
  return rows.map((r) => ({
    number: r.number,
    name: r.name,
    createdAt: iso(r.created_at),
    createdBy: ref(r.user_id, r.user_name),
  }))
}

// Final reports

function reportQuery(db: Kysely<Database>) {
  return db
    .selectFrom('final_report as r')
    .innerJoin('report_template_version as v', 'v.id', 'r.template_version_id')
    .innerJoin('report_template as t', 't.id', 'v.template_id')
    .leftJoin('final_report_outcome as o', 'o.report_id', 'r.id')
    .leftJoin('app_user as s', 's.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.project_id',
      'r.kind',
      'r.status',
      'r.report_date',
      'r.authors',
      'r.previous_id',
      'r.addendum_to_id',
      'r.submitted_at',
      'r.diary_number',
      'r.version',
      'r.created_at',
      'r.updated_at',
      'r.template_version_id',
      'v.number as template_number',
      'v.name as template_version_name',
      't.id as template_id',
      's.id as submitted_by_id',
      's.name as submitted_by_name',
      'o.outcome',
      'o.decision_id',
      'o.comment',
      'o.decided_at',
    ])
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportQuery>['executeTakeFirstOrThrow']>>
export type FinalReportStatus = Static<typeof FinalReportSummary>['status']

export const reportStatus = (row: Pick<ReportRow, 'status' | 'outcome'>): FinalReportStatus =>
  (row.outcome as 'approved' | 'returned' | null) ?? (row.status as 'draft' | 'submitted')

export function toReportSummary(row: ReportRow): Static<typeof FinalReportSummary> {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind as 'report' | 'addendum',
    status: reportStatus(row),
    reportDate: row.report_date,
    authors: row.authors,
    template: { id: row.template_id, name: row.template_version_name, versionNumber: row.template_number },
    previousId: row.previous_id,
    addendumToId: row.addendum_to_id,
    submittedAt: row.submitted_at ? iso(row.submitted_at) : null,
    submittedBy: ref(row.submitted_by_id, row.submitted_by_name),
    diaryNumber: row.diary_number,
    outcome:
      row.outcome && row.decision_id && row.decided_at
        ? {
            outcome: row.outcome as 'approved' | 'returned',
            decisionId: row.decision_id,
            comment: row.comment ?? '',
            decidedAt: iso(row.decided_at),
          }
        : null,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }
}

export async function findReport(db: Kysely<Database>, projectId: string, reportId: string) {
  return reportQuery(db).where('r.id', '=', reportId).where('r.project_id', '=', projectId).executeTakeFirst()
}

export async function listReports(db: Kysely<Database>, projectId: string) {
  return reportQuery(db)
    .where('r.project_id', '=', projectId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()
}

/** Every submitted report (approved, returned or awaiting a decision) of these projects, oldest first. */
export async function listSubmittedReports(db: Kysely<Database>, projectIds: readonly string[]) {
  if (projectIds.length === 0) return []
  return reportQuery(db)
    .where('r.project_id', 'in', [...projectIds])
    .where('r.status', '=', 'submitted')
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .execute()
}

/** The report row locked for a change; immutable rows can be locked, only not changed. */
export async function lockReport(db: Kysely<Database>, projectId: string, reportId: string) {
  return db
    .selectFrom('final_report')
    .selectAll()
    .where('id', '=', reportId)
    .where('project_id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
}

export async function lockReportById(db: Kysely<Database>, reportId: string) {
  return db.selectFrom('final_report').selectAll().where('id', '=', reportId).forUpdate().executeTakeFirst()
}

export async function findOutcome(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom('final_report_outcome')
    .selectAll()
    .where('report_id', '=', reportId)
    .executeTakeFirst()
}

export async function listSections(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom('final_report_section as s')
    .leftJoin('app_user as u', 'u.id', 's.updated_by')
    .where('s.report_id', '=', reportId)
    .select([
      's.key',
      's.content',
      's.version',
      's.updated_at',
      's.frozen',
      'u.id as user_id',
      'u.name as user_name',
    ])
    .execute()
}

export type SectionRow = Awaited<ReturnType<typeof listSections>>[number]

export const sectionUpdatedBy = (row: Pick<SectionRow, 'user_id' | 'user_name'>) =>
  ref(row.user_id, row.user_name)

export async function lockSection(db: Kysely<Database>, reportId: string, key: string) {
  return db
    .selectFrom('final_report_section')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst()
}

/** Reports of the project of one kind, newest first: the latest decides what may be started next. */
export async function latestReportOfKind(
  db: Kysely<Database>,
  projectId: string,
  kind: 'report' | 'addendum',
) {
  return reportQuery(db)
    .where('r.project_id', '=', projectId)
    .where('r.kind', '=', kind)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst()
}

/** What a history reader needs to see of a report row. */
export function reportSnapshotForAudit(row: Selectable<FinalReportTable>) {
  return {
    kind: row.kind,
    status: row.status,
    reportDate: row.report_date,
    authors: row.authors,
    templateVersionId: row.template_version_id,
    previousId: row.previous_id,
    addendumToId: row.addendum_to_id,
    diaryNumber: row.diary_number,
  }
}

/**
 * The next diarienummer for a report on the project: the project's diarienummer (the case, as the
 * decisions on it carry) and the report's number in that case, one more than the highest given.
 * Every project with that diarienummer is locked first, so two reports submitted at the same time
 * in one case do not draw the same number (a unique index backs this). Null when the project has
 * no diarienummer: the registrar has not opened a case to file it in.
 */
export async function nextReportDiaryNumber(db: Kysely<Database>, projectId: string): Promise<string | null> {
  const project = await db.selectFrom('project').where('id', '=', projectId).select('code').executeTakeFirst()
  const code = project?.code
  if (!code?.trim()) return null
  await db.selectFrom('project').where('code', '=', code).select('id').forUpdate().execute()
  const prefix = `${code}-`
  const { highest } = await db
    .selectFrom('final_report')
    .where(sql<boolean>`left(diary_number, ${prefix.length}) = ${prefix}`)
    .where(sql<boolean>`substr(diary_number, ${prefix.length + 1}) ~ '^[0-9]{1,9}$'`)
    .select(sql<number | null>`max(substr(diary_number, ${prefix.length + 1})::integer)`.as('highest'))
    .executeTakeFirstOrThrow()
  return `${prefix}${(highest ?? 0) + 1}`
}
