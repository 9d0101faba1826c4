import { Type } from 'typebox'
import { DocumentBlock, DocumentModel } from '../domain/document-model.ts'
import {
  reportGenerators,
  SECTION_KEY_PATTERN,
  sectionKinds,
  TemplateSection,
} from '../domain/report-template.ts'
import { Id, IsoDate, Name, Nullable, ProjectParams, Ref, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { IfMatchHeaders } from './projects.ts'

export const finalReportStatuses = ['draft', 'submitted', 'approved', 'returned'] as const
export const finalReportKinds = ['report', 'addendum'] as const
export const documentFormats = ['docx', 'pdf'] as const

export const Localized = Type.Object({ sv: Type.String(), en: Type.String() })

/**
 * A section's narrative as the web editor (TipTap/ProseMirror) writes it. Only the nodes a
 * report needs are accepted (paragraphs, headings 2–3, lists, simple tables, bold, italic,
 * links); the server checks the tree and names the offending path in a 422.
 */
export const EditorDocument = Type.Object(
  {
    type: Type.Literal('doc'),
    content: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 5000 })),
  },
  { additionalProperties: false, description: 'ProseMirror/TipTap JSON document' },
)

// Templates

export const ReportGenerator = Type.Object({
  key: Type.Enum(reportGenerators),
  label: Localized,
  placeholder: Localized,
  /** Whether a module fills it yet; if not, documents show the placeholder. */
  available: Type.Boolean(),
})

export const ReportTemplateVersionSummary = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  createdAt: Timestamp,
  createdBy: Nullable(Ref),
})

export const ReportTemplateSummary = Type.Object({
  id: Id,
  name: Type.String(),
  /** null for the built-in municipal template every organisation starts from. */
  organisation: Nullable(Ref),
  builtIn: Type.Boolean(),
  version: Version,
  updatedAt: Timestamp,
})

export const ReportTemplate = Type.Object({
  ...ReportTemplateSummary.properties,
  sections: Type.Array(TemplateSection),
  versions: Type.Array(ReportTemplateVersionSummary),
  generators: Type.Array(ReportGenerator),
})

export const ReportTemplateParams = Type.Object({ templateId: Id })

export const ReportTemplateCreate = Type.Object(
  {
    organisationId: Id,
    name: Type.Optional(Name(200)),
    basedOnTemplateId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

export const ReportTemplateUpdate = Type.Object(
  {
    version: Type.Optional(Version),
    name: Name(200),
    sections: Type.Array(TemplateSection, { maxItems: 40 }),
  },
  { additionalProperties: false },
)

// Final reports

export const FinalReportOutcome = Type.Object({
  outcome: Type.Enum(['approved', 'returned']),
  decisionId: Id,
  comment: Type.String(),
  decidedAt: Timestamp,
})

export const FinalReportSummary = Type.Object({
  id: Id,
  projectId: Id,
  kind: Type.Enum(finalReportKinds),
  status: Type.Enum(finalReportStatuses),
  reportDate: IsoDate,
  authors: Type.String(),
  template: Type.Object({ id: Id, name: Type.String(), versionNumber: Type.Integer({ minimum: 1 }) }),
  /** The returned report this draft continues. */
  previousId: Nullable(Id),
  /** The approved report this addendum adds to. */
  addendumToId: Nullable(Id),
  submittedAt: Nullable(Timestamp),
  submittedBy: Nullable(Ref),
  /** Diarienummer, given when the report is submitted and never changed; null while a draft. */
  diaryNumber: Nullable(Type.String()),
  outcome: Nullable(FinalReportOutcome),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

export const FinalReportSection = Type.Object({
  key: Type.String(),
  heading: Localized,
  guidance: Localized,
  kind: Type.Enum(sectionKinds),
  generators: Type.Array(Type.Enum(reportGenerators)),
  /** The narrative; null when the section is generated only. */
  content: Nullable(EditorDocument),
  version: Nullable(Version),
  updatedAt: Nullable(Timestamp),
  updatedBy: Nullable(Ref),
  /** The generated part: fresh from the data while a draft, as frozen once submitted. */
  generated: Type.Array(DocumentBlock),
})

export const FinalReport = Type.Object({
  ...FinalReportSummary.properties,
  project: Ref,
  sections: Type.Array(FinalReportSection),
})

export const FinalReportParams = Type.Object({ projectId: Id, reportId: Id })
export const FinalReportSectionParams = Type.Object({
  projectId: Id,
  reportId: Id,
  sectionKey: Type.String({ pattern: SECTION_KEY_PATTERN }),
})
export const FinalReportDocumentParams = Type.Object({
  projectId: Id,
  reportId: Id,
  format: Type.Enum(documentFormats),
})

const authors = Type.String({ maxLength: 500, description: 'Names on the cover, comma separated' })

export const FinalReportStart = Type.Object(
  { reportDate: Type.Optional(IsoDate), authors: Type.Optional(authors) },
  { additionalProperties: false },
)

export const FinalReportPatch = Type.Object(
  { version: Type.Optional(Version), reportDate: Type.Optional(IsoDate), authors: Type.Optional(authors) },
  { additionalProperties: false },
)

export const FinalReportSectionPut = Type.Object(
  { version: Type.Optional(Version), content: EditorDocument },
  { additionalProperties: false },
)

export const FinalReportSubmit = Type.Object(
  { version: Type.Optional(Version) },
  { additionalProperties: false },
)

export const FinalReportSectionSaved = Type.Object({
  key: Type.String(),
  content: EditorDocument,
  version: Version,
  updatedAt: Timestamp,
  updatedBy: Nullable(Ref),
})

const BinaryDocument = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'The document file (DOCX or PDF), as an attachment with its name',
})

const templateTags = ['report templates']
const tags = ['final reports']

export const listReportTemplates = endpoint({
  method: 'GET',
  url: '/api/report-templates',
  schema: {
    summary: 'Report templates you can use: the built-in municipal template and your organisations’ own',
    tags: templateTags,
    response: { 200: Type.Object({ items: Type.Array(ReportTemplateSummary) }), ...problemResponses },
  },
})

export const getReportTemplate = endpoint({
  method: 'GET',
  url: '/api/report-templates/:templateId',
  schema: {
    summary: 'A template: its current sections, its versions, and the data sources sections can draw on',
    tags: templateTags,
    params: ReportTemplateParams,
    response: { 200: ReportTemplate, ...problemResponses },
  },
})

export const createReportTemplate = endpoint({
  method: 'POST',
  url: '/api/report-templates',
  schema: {
    summary: 'Give an organisation its own template, copied from another (the built-in one by default)',
    tags: templateTags,
    body: ReportTemplateCreate,
    response: { 201: ReportTemplate, ...problemResponses },
  },
})

export const updateReportTemplate = endpoint({
  method: 'PUT',
  url: '/api/report-templates/:templateId',
  schema: {
    summary:
      'Save new sections (rename, reorder, add, remove, edit guidance) as a new version; reports keep the version they started from',
    tags: templateTags,
    params: ReportTemplateParams,
    headers: IfMatchHeaders,
    body: ReportTemplateUpdate,
    response: { 200: ReportTemplate, ...problemResponses },
  },
})

export const listFinalReports = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/final-reports',
  schema: {
    summary: 'The final reports of a project: drafts, submitted, approved, returned, and addenda',
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(FinalReportSummary) }), ...problemResponses },
  },
})

export const startFinalReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/final-reports',
  schema: {
    summary: "Start the project's final report as a draft in the template that applies to it",
    tags,
    params: ProjectParams,
    body: FinalReportStart,
    response: { 201: FinalReport, ...problemResponses },
  },
})

export const getFinalReport = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/final-reports/:reportId',
  schema: {
    summary: 'A final report with every template section, its guidance, narrative and generated part',
    tags,
    params: FinalReportParams,
    response: { 200: FinalReport, ...problemResponses },
  },
})

export const updateFinalReport = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/final-reports/:reportId',
  schema: {
    summary: "Change a draft's date or authors",
    tags,
    params: FinalReportParams,
    headers: IfMatchHeaders,
    body: FinalReportPatch,
    response: { 200: FinalReport, ...problemResponses },
  },
})

export const saveFinalReportSection = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/final-reports/:reportId/sections/:sectionKey',
  schema: {
    summary: "Save a section's narrative (autosave); send the section version you read, a stale one gets 409",
    tags,
    params: FinalReportSectionParams,
    headers: IfMatchHeaders,
    body: FinalReportSectionPut,
    response: { 200: FinalReportSectionSaved, ...problemResponses },
  },
})

export const submitFinalReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/final-reports/:reportId/submit',
  schema: {
    summary: 'Submit the draft to the steering group: every section, generated ones included, is frozen',
    tags,
    params: FinalReportParams,
    headers: IfMatchHeaders,
    body: FinalReportSubmit,
    response: { 200: FinalReport, ...problemResponses },
  },
})

export const reviseFinalReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/final-reports/:reportId/revision',
  schema: {
    summary: 'Start a new draft from a returned report, with its text, pointing back at it',
    tags,
    params: FinalReportParams,
    response: { 201: FinalReport, ...problemResponses },
  },
})

export const startFinalReportAddendum = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/final-reports/:reportId/addenda',
  schema: {
    summary: 'Start an addendum (tillägg) to an approved final report',
    tags,
    params: FinalReportParams,
    body: FinalReportStart,
    response: { 201: FinalReport, ...problemResponses },
  },
})

export const getFinalReportDocument = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/final-reports/:reportId/document',
  schema: {
    summary: 'The report as a document model, for the print view',
    tags,
    params: FinalReportParams,
    response: { 200: DocumentModel, ...problemResponses },
  },
})

export const downloadFinalReportDocument = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/final-reports/:reportId/document.:format',
  schema: {
    summary: 'The report as a Word (document.docx) or PDF (document.pdf) file',
    tags,
    params: FinalReportDocumentParams,
    response: { 200: BinaryDocument, ...problemResponses },
  },
})
