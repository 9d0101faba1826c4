import { type CalendarDate, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  DocumentBlock,
  type DocumentModel,
  DocumentModel as DocumentModelSchema,
  type DocumentSection,
  note,
} from '@lagesbild/shared/domain/document-model'
import { addendumSection, hasNarrative, type TemplateSection } from '@lagesbild/shared/domain/report-template'
import { type EditorDoc, editorDocIsEmpty, editorDocToBlocks } from '@lagesbild/shared/domain/rich-text'
import type { Kysely, Selectable } from 'kysely'
import { type Static, Type } from 'typebox'
import { Value } from 'typebox/value'
import type { Database, FinalReportTable } from '../../db/schema.ts'
import { listAncestors } from '../organisations/queries.ts'
import { findProjectRow, findSummary } from '../projects/queries.ts'
import { type FinalReportStatus, findTemplateVersionById, listSections } from './queries.ts'
import { reportSections } from './section-registry.ts'

/** What a submission freezes: the whole document, and the generated parts by section for the editor view. */
export const FinalReportSnapshot = Type.Object({
  model: DocumentModelSchema,
  generated: Type.Record(Type.String(), Type.Array(DocumentBlock)),
})
export type FinalReportSnapshot = Static<typeof FinalReportSnapshot>

export function readSnapshot(value: unknown): FinalReportSnapshot {
  if (!Value.Check(FinalReportSnapshot, value))
    throw new Error('A stored final-report snapshot does not match its schema')
  return value
}

type ReportRecord = Pick<
  Selectable<FinalReportTable>,
  'id' | 'project_id' | 'kind' | 'template_version_id' | 'report_date' | 'authors'
>

/** The sections a report has: its template version's, or for an addendum the one addendum section. */
export async function reportTemplateSections(db: Kysely<Database>, report: ReportRecord) {
  const version = await findTemplateVersionById(db, report.template_version_id)
  if (!version) throw new Error(`Template version ${report.template_version_id} is missing`)
  return {
    version,
    sections: report.kind === 'addendum' ? [addendumSection] : version.sections,
  }
}

/** Every generated part of the report, fresh from the data as of the report's date. */
export async function generateParts(
  db: Kysely<Database>,
  projectId: string,
  sections: readonly TemplateSection[],
  asOf: CalendarDate,
): Promise<Record<string, DocumentBlock[]>> {
  const generated: Record<string, DocumentBlock[]> = {}
  for (const section of sections) {
    if (section.kind === 'narrative') continue
    generated[section.key] = await reportSections.generate(db, section.generators, projectId, asOf)
  }
  return generated
}

const EMPTY_NOTE = 'Inget är skrivet i det här avsnittet.'

export function sectionBlocks(
  section: TemplateSection,
  generated: readonly DocumentBlock[] | undefined,
  narrative: EditorDoc | undefined,
): DocumentBlock[] {
  const written =
    hasNarrative(section.kind) && narrative && !editorDocIsEmpty(narrative)
      ? editorDocToBlocks(narrative)
      : []
  const blocks = [...(section.kind === 'narrative' ? [] : (generated ?? [])), ...written]
  return blocks.length > 0 ? blocks : [note('placeholder', EMPTY_NOTE)]
}

async function coverFacts(db: Kysely<Database>, projectId: string) {
  const [row, summary] = await Promise.all([findProjectRow(db, projectId), findSummary(db, projectId)])
  if (!row || !summary) throw new Error(`Project ${projectId} is missing`)
  const ancestors = await listAncestors(db, row.owner_organisation_id)
  return {
    name: row.name,
    code: row.code,
    period: `${row.planned_start} – ${row.actual_end ?? row.planned_end}`,
    organisation: [...ancestors.map((a) => a.name), summary.ownerOrganisation.name].join(' · '),
  }
}

/** The live document of a report: its sections with the data as it stands and the narrative as saved. */
export async function buildReportDocument(
  db: Kysely<Database>,
  report: ReportRecord,
  /** The report's own diarienummer when it is being submitted; the project's is shown until then. */
  diaryNumber: string | null = null,
): Promise<FinalReportSnapshot> {
  const [{ sections }, sectionRows, cover] = await Promise.all([
    reportTemplateSections(db, report),
    listSections(db, report.id),
    coverFacts(db, report.project_id),
  ])
  const generated = await generateParts(db, report.project_id, sections, report.report_date)
  const narrative = new Map(sectionRows.map((s) => [s.key, s.content as EditorDoc]))
  const documentSections: DocumentSection[] = sections.map((section) => ({
    key: section.key,
    heading: section.heading.sv,
    blocks: sectionBlocks(section, generated[section.key], narrative.get(section.key)),
  }))
  const model: DocumentModel = {
    language: 'sv',
    cover: {
      title: report.kind === 'addendum' ? 'Tillägg till slutrapport' : 'Slutrapport',
      subject: cover.name,
      code: diaryNumber ?? cover.code,
      period: cover.period,
      date: report.report_date,
      organisation: cover.organisation,
      authors: report.authors
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    },
    tableOfContents: report.kind === 'report',
    sections: documentSections,
  }
  return { model, generated }
}

const swedishDate = (at: Date | string) => todayInSweden(new Date(at))

export function statusLine(
  status: FinalReportStatus,
  facts: { submittedAt: Date | string | null; decidedAt: Date | string | null },
): string {
  switch (status) {
    case 'draft':
      return 'Utkast – ännu inte inlämnat till styrgruppen'
    case 'submitted':
      return `Inlämnad till styrgruppen ${facts.submittedAt ? swedishDate(facts.submittedAt) : ''}`.trim()
    case 'approved':
      return `Godkänd av styrgruppen ${facts.decidedAt ? swedishDate(facts.decidedAt) : ''}`.trim()
    case 'returned':
      return `Återremitterad av styrgruppen ${facts.decidedAt ? swedishDate(facts.decidedAt) : ''}`.trim()
  }
}
