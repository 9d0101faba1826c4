import type { FinalReport, FinalReportSectionSaved, FinalReportStart } from '@lagesbild/shared/api/reports'
import { type CalendarDate, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { DocumentModel } from '@lagesbild/shared/domain/document-model'
import { hasNarrative } from '@lagesbild/shared/domain/report-template'
import {
  checkEditorDoc,
  type EditorDoc,
  editorDocPlainText,
  emptyEditorDoc,
} from '@lagesbild/shared/domain/rich-text'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { findProjectRow } from '../projects/queries.ts'
import { notifySubmitted } from './approval.ts'
import {
  buildReportDocument,
  generateParts,
  readSnapshot,
  reportTemplateSections,
  statusLine,
} from './document.ts'
import {
  findReport,
  latestReportOfKind,
  listReports,
  listSections,
  lockReport,
  lockSection,
  nextReportDiaryNumber,
  type ReportRow,
  reportSnapshotForAudit,
  reportStatus,
  sectionUpdatedBy,
  toReportSummary,
} from './queries.ts'
import { templateVersionForOrganisation } from './templates.ts'

registerConstraintMessages({
  final_report_draft_key: {
    sv: 'Det finns redan ett utkast; fortsätt på det.',
    en: 'There is already a draft; continue with that one.',
  },
  final_report_previous_id_key: {
    sv: 'Den återremitterade rapporten har redan ett nytt utkast.',
    en: 'The returned report already has a new draft.',
  },
})

type FinalReportT = Static<typeof FinalReport>

const conflict = (code: string, sv: string, en: string) =>
  new HttpProblem(409, code, undefined, { detail: { sv, en } })

const notDraft = () =>
  conflict(
    'immutable',
    'Rapporten är inlämnad och kan inte ändras. Är den återremitterad, starta ett nytt utkast från den.',
    'The report is submitted and cannot change. If it was returned, start a new draft from it.',
  )

export async function listFinalReports(db: Kysely<Database>, projectId: string) {
  const rows = await listReports(db, projectId)
  return { items: rows.map(toReportSummary) }
}

async function reportView(db: Kysely<Database>, row: ReportRow): Promise<FinalReportT> {
  const [project, { sections }, sectionRows] = await Promise.all([
    findProjectRow(db, row.project_id),
    reportTemplateSections(db, row),
    listSections(db, row.id),
  ])
  if (!project) throw notFound()
  const generated =
    row.status === 'draft'
      ? await generateParts(db, row.project_id, sections, row.report_date)
      : readSnapshot(
          (
            await db
              .selectFrom('final_report')
              .select('snapshot')
              .where('id', '=', row.id)
              .executeTakeFirstOrThrow()
          ).snapshot,
        ).generated
  const saved = new Map(sectionRows.map((s) => [s.key, s]))
  return {
    ...toReportSummary(row),
    project: { id: project.id, name: project.name },
    sections: sections.map((section) => {
      const stored = hasNarrative(section.kind) ? saved.get(section.key) : undefined
      return {
        key: section.key,
        heading: section.heading,
        guidance: section.guidance,
        kind: section.kind,
        generators: section.generators,
        content: stored ? (stored.content as EditorDoc) : null,
        version: stored?.version ?? null,
        updatedAt: stored ? new Date(stored.updated_at).toISOString() : null,
        updatedBy: stored ? sectionUpdatedBy(stored) : null,
        generated: generated[section.key] ?? [],
      }
    }),
  }
}

export async function getFinalReport(
  db: Kysely<Database>,
  projectId: string,
  reportId: string,
): Promise<FinalReportT> {
  const row = await findReport(db, projectId, reportId)
  if (!row) throw notFound()
  return reportView(db, row)
}

/** The report as a document: live while a draft, exactly as frozen once submitted. */
export async function finalReportDocument(
  db: Kysely<Database>,
  projectId: string,
  reportId: string,
): Promise<{ model: DocumentModel; fileName: string }> {
  const row = await findReport(db, projectId, reportId)
  if (!row) throw notFound()
  const status = reportStatus(row)
  let model: DocumentModel
  if (row.status === 'draft') {
    model = (await buildReportDocument(db, row)).model
  } else {
    const stored = await db
      .selectFrom('final_report')
      .select('snapshot')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    model = readSnapshot(stored.snapshot).model
  }
  model = {
    ...model,
    cover: {
      ...model.cover,
      code: row.diary_number ?? model.cover.code,
      status: statusLine(status, { submittedAt: row.submitted_at, decidedAt: row.decided_at }),
    },
  }
  const fileName = `${model.cover.title} – ${model.cover.subject} ${row.report_date}${status === 'draft' ? ' (utkast)' : ''}`
  return { model, fileName }
}

interface NewReport {
  projectId: string
  kind: 'report' | 'addendum'
  templateVersionId: string
  reportDate: CalendarDate
  authors: string
  previousId?: string
  addendumToId?: string
  /** Narrative to start from, by section key (a revision carries the returned report's text). */
  content?: Map<string, unknown>
}

async function insertReport(
  trx: Kysely<Database>,
  actorId: string | null,
  input: NewReport,
): Promise<string> {
  const id = uuid()
  const row = await trx
    .insertInto('final_report')
    .values({
      id,
      project_id: input.projectId,
      kind: input.kind,
      template_version_id: input.templateVersionId,
      report_date: input.reportDate,
      authors: input.authors,
      previous_id: input.previousId ?? null,
      addendum_to_id: input.addendumToId ?? null,
      created_by: actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const { sections } = await reportTemplateSections(trx, row)
  const narrative = sections.filter((s) => hasNarrative(s.kind))
  if (narrative.length > 0) {
    await trx
      .insertInto('final_report_section')
      .values(
        narrative.map((s) => ({
          report_id: id,
          key: s.key,
          content: JSON.stringify(input.content?.get(s.key) ?? emptyEditorDoc()),
          updated_by: actorId,
        })),
      )
      .execute()
  }
  await recordAudit(trx, {
    actorId,
    entity: 'final_report',
    entityId: id,
    projectId: input.projectId,
    action: 'create',
    after: reportSnapshotForAudit(row),
  })
  return id
}

function refuseStart(latest: ReportRow | undefined, kind: 'report' | 'addendum') {
  if (!latest) return
  const status = reportStatus(latest)
  const what =
    kind === 'report' ? { sv: 'slutrapport', en: 'final report' } : { sv: 'tillägg', en: 'addendum' }
  if (status === 'draft') {
    throw conflict(
      'report_in_progress',
      `Det finns redan ett utkast till ${what.sv}; fortsätt på det.`,
      `There is already a draft ${what.en}; continue with it.`,
    )
  }
  if (status === 'submitted') {
    throw conflict(
      'report_submitted',
      `En ${what.sv} väntar på styrgruppens beslut.`,
      `A ${what.en} is waiting for the steering group's decision.`,
    )
  }
  if (status === 'returned') {
    throw conflict(
      'report_returned',
      'Styrgruppen har återremitterat rapporten; starta ett nytt utkast från den.',
      'The steering group returned the report; start a new draft from it.',
    )
  }
  if (kind === 'report') {
    throw conflict(
      'report_approved',
      'Slutrapporten är godkänd; skriv ett tillägg till den i stället.',
      'The final report is approved; write an addendum to it instead.',
    )
  }
}

/** Starts the project's final report; callable inside an existing transaction (the demo does). */
export async function startFinalReportInTransaction(
  trx: Kysely<Database>,
  actorId: string | null,
  projectId: string,
  input: Static<typeof FinalReportStart>,
): Promise<string> {
  const project = await findProjectRow(trx, projectId, true)
  if (!project) throw notFound()
  refuseStart(await latestReportOfKind(trx, projectId, 'report'), 'report')
  const version = await templateVersionForOrganisation(trx, project.owner_organisation_id)
  return insertReport(trx, actorId, {
    projectId,
    kind: 'report',
    templateVersionId: version.id,
    reportDate: input.reportDate ?? todayInSweden(),
    authors: input.authors?.trim() ?? '',
  })
}

export async function startFinalReport(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  input: Static<typeof FinalReportStart>,
): Promise<FinalReportT> {
  const id = await db
    .transaction()
    .execute((trx) => startFinalReportInTransaction(trx, user.id, projectId, input))
  return getFinalReport(db, projectId, id)
}

async function lockDraft(trx: Kysely<Database>, projectId: string, reportId: string) {
  const row = await lockReport(trx, projectId, reportId)
  if (!row) throw notFound()
  if (row.status !== 'draft') throw notDraft()
  return row
}

export async function updateFinalReport(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  reportId: string,
  version: number,
  patch: { reportDate?: CalendarDate; authors?: string },
): Promise<FinalReportT> {
  await db.transaction().execute(async (trx) => {
    const before = await lockDraft(trx, projectId, reportId)
    if (before.version !== version) throw staleVersion(await getFinalReport(trx, projectId, reportId))
    const after = await trx
      .updateTable('final_report')
      .set({
        ...(patch.reportDate !== undefined ? { report_date: patch.reportDate } : {}),
        ...(patch.authors !== undefined ? { authors: patch.authors.trim() } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', reportId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'final_report',
      entityId: reportId,
      projectId,
      action: 'update',
      before: reportSnapshotForAudit(before),
      after: reportSnapshotForAudit(after),
    })
  })
  return getFinalReport(db, projectId, reportId)
}

const narrativeText = (content: unknown) => editorDocPlainText(content as EditorDoc)

export async function saveFinalReportSection(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  reportId: string,
  key: string,
  version: number,
  content: unknown,
): Promise<Static<typeof FinalReportSectionSaved>> {
  const problem = checkEditorDoc(content)
  if (problem)
    throw invalidField(`content${problem.path ? `.${problem.path}` : ''}`, problem.code, problem.message)
  return db.transaction().execute(async (trx) => {
    await lockDraft(trx, projectId, reportId)
    const before = await lockSection(trx, reportId, key)
    if (!before)
      throw notFound({
        sv: 'Rapporten har inget sådant avsnitt att skriva i.',
        en: 'The report has no such section to write in.',
      })
    if (before.version !== version) {
      const current = (await listSections(trx, reportId)).find((s) => s.key === key)
      throw staleVersion(
        current && {
          key,
          content: current.content,
          version: current.version,
          updatedAt: new Date(current.updated_at).toISOString(),
          updatedBy: sectionUpdatedBy(current),
        },
      )
    }
    const after = await trx
      .updateTable('final_report_section')
      .set({
        content: JSON.stringify(content),
        version: before.version + 1,
        updated_by: user.id,
        updated_at: new Date(),
      })
      .where('report_id', '=', reportId)
      .where('key', '=', key)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'final_report_section',
      entityId: reportId,
      projectId,
      action: 'update',
      before: { section: key, text: narrativeText(before.content) },
      after: { section: key, text: narrativeText(after.content) },
    })
    return {
      key,
      content: after.content as Static<typeof FinalReportSectionSaved>['content'],
      version: after.version,
      updatedAt: new Date(after.updated_at).toISOString(),
      updatedBy: { id: user.id, name: user.name },
    }
  })
}

/**
 * Freezes the draft: the whole document, generated sections included, as of the report's
 * date, and every narrative section. From here the database refuses any change.
 */
export async function submitFinalReportInTransaction(
  trx: Kysely<Database>,
  actorId: string | null,
  projectId: string,
  reportId: string,
  version: number,
  submittedAt: Date = new Date(),
): Promise<void> {
  const before = await lockDraft(trx, projectId, reportId)
  if (before.version !== version) throw staleVersion(await getFinalReport(trx, projectId, reportId))
  // Registered as it is submitted: the number is on the frozen cover and in the same update.
  const diaryNumber = await nextReportDiaryNumber(trx, projectId)
  const snapshot = await buildReportDocument(trx, before, diaryNumber)
  readSnapshot(snapshot)
  const after = await trx
    .updateTable('final_report')
    .set({
      status: 'submitted',
      diary_number: diaryNumber,
      snapshot: JSON.stringify(snapshot),
      submitted_at: submittedAt,
      submitted_by: actorId,
      version: before.version + 1,
      updated_at: submittedAt,
    })
    .where('id', '=', reportId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('final_report_section')
    .set({ frozen: true })
    .where('report_id', '=', reportId)
    .execute()
  await recordAudit(trx, {
    actorId,
    entity: 'final_report',
    entityId: reportId,
    projectId,
    action: 'submit',
    before: reportSnapshotForAudit(before),
    after: reportSnapshotForAudit(after),
  })
  await notifySubmitted(trx, { reportId, projectId, kind: before.kind as 'report' | 'addendum', actorId })
}

export async function submitFinalReport(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  reportId: string,
  version: number,
): Promise<FinalReportT> {
  await db
    .transaction()
    .execute((trx) => submitFinalReportInTransaction(trx, user.id, projectId, reportId, version))
  return getFinalReport(db, projectId, reportId)
}

/** A new draft continuing a returned report, with its text; the returned one stays as it was. */
export async function reviseFinalReport(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  reportId: string,
): Promise<FinalReportT> {
  const id = await db.transaction().execute(async (trx) => {
    const returned = await lockReport(trx, projectId, reportId)
    const row = returned && (await findReport(trx, projectId, reportId))
    if (!returned || !row) throw notFound()
    if (reportStatus(row) !== 'returned') {
      throw conflict(
        'not_returned',
        'Bara en rapport som styrgruppen har återremitterat kan arbetas om.',
        'Only a report the steering group returned can be revised.',
      )
    }
    const sections = await listSections(trx, reportId)
    return insertReport(trx, user.id, {
      projectId,
      kind: returned.kind as 'report' | 'addendum',
      templateVersionId: returned.template_version_id,
      reportDate: todayInSweden(),
      authors: returned.authors,
      previousId: reportId,
      ...(returned.addendum_to_id ? { addendumToId: returned.addendum_to_id } : {}),
      content: new Map(sections.map((s) => [s.key, s.content])),
    })
  })
  return getFinalReport(db, projectId, id)
}

/** Starts an addendum to an approved final report; callable inside an existing transaction. */
export async function startAddendumInTransaction(
  trx: Kysely<Database>,
  actorId: string | null,
  projectId: string,
  reportId: string,
  input: Static<typeof FinalReportStart>,
): Promise<string> {
  const approved = await lockReport(trx, projectId, reportId)
  const row = approved && (await findReport(trx, projectId, reportId))
  if (!approved || !row) throw notFound()
  if (approved.kind !== 'report' || reportStatus(row) !== 'approved') {
    throw conflict(
      'not_approved',
      'Ett tillägg skrivs till en slutrapport som styrgruppen har godkänt.',
      'An addendum is written to a final report the steering group has approved.',
    )
  }
  refuseStart(await latestReportOfKind(trx, projectId, 'addendum'), 'addendum')
  return insertReport(trx, actorId, {
    projectId,
    kind: 'addendum',
    templateVersionId: approved.template_version_id,
    reportDate: input.reportDate ?? todayInSweden(),
    authors: input.authors?.trim() ?? approved.authors,
    addendumToId: reportId,
  })
}

export async function startAddendum(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  reportId: string,
  input: Static<typeof FinalReportStart>,
): Promise<FinalReportT> {
  const id = await db
    .transaction()
    .execute((trx) => startAddendumInTransaction(trx, user.id, projectId, reportId, input))
  return getFinalReport(db, projectId, id)
}
