import { Type } from 'typebox'
import { Id, Name, ProjectParams, Timestamp } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

const tags = ['projects']

export const projectExportFormat = 'lagesbild.project'
/** Raised when the document's shape changes; an import refuses every other version. */
export const projectExportVersion = 1

/**
 * The tables of a project's document, in the order an import inserts them. Rows are the
 * database's own (snake_case columns), so a table added by a module travels without a mapping.
 */
export const projectExportTables = [
  'project_leader',
  'project_member',
  'steering_group_project',
  'decision',
  'goal',
  'activity',
  'milestone_approval',
  'baseline',
  'baseline_budget_line',
  'staffing',
  'risk',
  'project_finance',
  'funding_entry',
  'budget_version',
  'budget_line',
  'in_kind_contribution',
  'finance_forecast',
  'actual_cost',
  'indicator',
  'indicator_measurement',
  'status_report_schedule',
  'status_report',
  'status_report_acknowledgement',
  'status_report_comment',
  'final_report',
  'final_report_section',
  'final_report_outcome',
  'approval_request',
] as const
export type ProjectExportTable = (typeof projectExportTables)[number]

/** One row: column name to value (uuid, text, number, boolean, date, timestamp or JSON). */
export const ExportRow = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }), Type.Unknown())

const Rows = Type.Optional(Type.Array(ExportRow))

export const ProjectExportDocument = Type.Object(
  {
    format: Type.Literal(projectExportFormat),
    version: Type.Literal(projectExportVersion),
    exportedAt: Timestamp,
    project: ExportRow,
    /** Its sub-projects (one level); the tables hold the rows of the project and of these. */
    subProjects: Type.Optional(Type.Array(ExportRow)),
    tables: Type.Object(
      {
        project_leader: Rows,
        project_member: Rows,
        steering_group_project: Rows,
        decision: Rows,
        goal: Rows,
        activity: Rows,
        milestone_approval: Rows,
        baseline: Rows,
        baseline_budget_line: Rows,
        staffing: Rows,
        risk: Rows,
        project_finance: Rows,
        funding_entry: Rows,
        budget_version: Rows,
        budget_line: Rows,
        in_kind_contribution: Rows,
        finance_forecast: Rows,
        actual_cost: Rows,
        indicator: Rows,
        indicator_measurement: Rows,
        status_report_schedule: Rows,
        status_report: Rows,
        status_report_acknowledgement: Rows,
        status_report_comment: Rows,
        final_report: Rows,
        final_report_section: Rows,
        final_report_outcome: Rows,
        approval_request: Rows,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const ProjectImport = Type.Object(
  {
    ownerOrganisationId: Id,
    /** Defaults to the exported project's name. */
    name: Type.Optional(Name()),
    document: ProjectExportDocument,
  },
  { additionalProperties: false },
)

export const ProjectImportResult = Type.Object({
  id: Id,
  name: Type.String(),
  /** The id each row of the document was given: exported id → new id. */
  ids: Type.Record(Type.String(), Id),
  /** Rows not carried over because the person, user or steering group they name is not here. */
  dropped: Type.Record(Type.String(), Type.Integer()),
})

export const exportProject = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/export',
  schema: {
    summary: 'The whole project as a versioned JSON document, to archive or import elsewhere',
    tags,
    params: ProjectParams,
    response: { 200: ProjectExportDocument, ...problemResponses },
  },
})

export const importProject = endpoint({
  method: 'POST',
  url: '/api/projects/import',
  schema: {
    summary: 'Create a new project from an exported document (fresh ids, one transaction)',
    tags,
    body: ProjectImport,
    response: { 201: ProjectImportResult, ...problemResponses },
  },
})
