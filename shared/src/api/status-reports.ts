import { Type } from 'typebox'
import { burnStates } from '../domain/burn.ts'
import { indicatorUnits, progressReasons, progressStatuses } from '../domain/indicator-progress.ts'
import { lights } from '../domain/traffic-light.ts'
import { Id, IsoDate, Nullable, ProjectParams, Ref, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { PeriodKey } from './indicators.ts'
import { IfMatchHeaders } from './projects.ts'

export const Light = Type.Enum(lights)
export const scheduleFrequencies = ['monthly', 'quarterly', 'term'] as const
export const ScheduleFrequency = Type.Enum(scheduleFrequencies)

const Localized = Type.Object({ sv: Type.String(), en: Type.String() })

/**
 * The facts a status report rests on, as they stood on the day: frozen into the report when
 * it is submitted, so an old report still shows what was known then.
 */
export const StatusFacts = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    asOf: IsoDate,
    lateActivities: Type.Array(
      Type.Object({
        id: Id,
        number: Nullable(Type.String()),
        title: Type.String(),
        plannedEnd: Nullable(IsoDate),
        overdueDays: Type.Integer(),
        milestone: Type.Boolean(),
      }),
    ),
    burn: Nullable(
      Type.Object({
        state: Type.Enum(burnStates),
        deviationBp: Nullable(Type.Integer()),
        thresholdBp: Type.Integer(),
        budgetTotalOre: Type.Integer(),
        plannedToDateOre: Type.Integer(),
        spentToDateOre: Type.Integer(),
      }),
    ),
    indicators: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        unit: Type.Enum(indicatorUnits),
        latestPeriod: Nullable(PeriodKey),
        latest: Nullable(Type.Number({ description: 'Value, or share 0–1 for a percentage' })),
        target: Nullable(Type.Number()),
        status: Type.Enum(progressStatuses),
        reason: Type.Enum(progressReasons),
      }),
    ),
    risks: Type.Object({
      open: Type.Integer(),
      high: Type.Integer(),
      medium: Type.Integer(),
      occurred: Type.Integer(),
    }),
  },
  { additionalProperties: false },
)

const Suggestion = Type.Object({ light: Nullable(Light), because: Localized })

export const Suggestions = Type.Object({
  schedule: Suggestion,
  budget: Suggestion,
  goals: Suggestion,
  risks: Suggestion,
  overall: Suggestion,
})

export const ChosenLights = Type.Object({
  schedule: Nullable(Light),
  budget: Nullable(Light),
  goals: Nullable(Light),
  risks: Nullable(Light),
  overall: Nullable(Light),
})

export const Narrative = {
  progress: Type.String({ maxLength: 10_000, description: 'Vad har hänt: progress in the period' }),
  problems: Type.String({ maxLength: 10_000 }),
  nextSteps: Type.String({ maxLength: 10_000 }),
  decisionsNeeded: Type.String({ maxLength: 10_000 }),
}

export const Acknowledgement = Type.Object({
  id: Id,
  by: Nullable(Type.String()),
  comment: Type.String(),
  at: Timestamp,
})

/** A steering-group member's comment on a submitted report; immutable, any number per report. */
export const StatusReportComment = Type.Object({
  id: Id,
  by: Nullable(Type.String()),
  text: Type.String(),
  at: Timestamp,
})

export const StatusReportSummary = Type.Object({
  id: Id,
  period: PeriodKey,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  status: Type.Enum(['draft', 'submitted']),
  lights: ChosenLights,
  supersedesId: Nullable(Id),
  supersededById: Nullable(Id),
  submittedAt: Nullable(Timestamp),
  submittedBy: Nullable(Type.String()),
  acknowledgements: Type.Integer(),
  version: Version,
})

export const StatusReport = Type.Object({
  ...StatusReportSummary.properties,
  project: Ref,
  ...Narrative,
  facts: StatusFacts,
  factsFrozen: Type.Boolean({
    description: 'True once submitted: the facts are those of the submission day',
  }),
  suggestions: Suggestions,
  acknowledgementList: Type.Array(Acknowledgement),
  comments: Type.Array(StatusReportComment, { description: 'Oldest first' }),
})

export const Schedule = Type.Object({
  frequency: ScheduleFrequency,
  starts: IsoDate,
  version: Version,
})

export const StatusReportList = Type.Object({
  schedule: Nullable(Schedule),
  due: Type.Array(PeriodKey, { description: 'Periods that have ended without a submitted report' }),
  items: Type.Array(StatusReportSummary),
})

export const ScheduleInput = Type.Object(
  { frequency: ScheduleFrequency, starts: IsoDate, version: Type.Optional(Version) },
  { additionalProperties: false },
)

export const StatusReportCreate = Type.Object(
  {
    period: Type.Optional(PeriodKey),
    supersedesId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

export const StatusReportPatch = Type.Object(
  {
    version: Type.Optional(Version),
    lights: Type.Optional(Type.Partial(ChosenLights)),
    progress: Type.Optional(Narrative.progress),
    problems: Type.Optional(Narrative.problems),
    nextSteps: Type.Optional(Narrative.nextSteps),
    decisionsNeeded: Type.Optional(Narrative.decisionsNeeded),
  },
  { additionalProperties: false },
)

export const SubmitBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false })
export const AcknowledgeBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
)

export const CommentBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
)

export const DueReport = Type.Object({
  project: Ref,
  period: PeriodKey,
  periodEnd: IsoDate,
  draftId: Nullable(Id),
})

export const ReportParams = Type.Object({ projectId: Id, reportId: Id })

/**
 * A submitted report that no steering-group member has acknowledged yet, on a project one of the
 * caller's groups governs today: the steering member's reminder in "Att besluta" and on the home page.
 */
export const ReportToAcknowledge = Type.Object({
  id: Id,
  project: Ref,
  period: PeriodKey,
  overall: Light,
  submittedAt: Timestamp,
  submittedBy: Nullable(Type.String()),
})

/** The steering group's acknowledgement of, or comment on, a submitted report of a project you lead. */
export const ReportReply = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('acknowledgement'), Type.Literal('comment')]),
  project: Ref,
  report: Type.Object({ id: Id, period: PeriodKey }),
  by: Nullable(Type.String()),
  at: Timestamp,
  excerpt: Type.String({ description: 'The start of the comment; empty for a bare acknowledgement' }),
})

const tags = ['status-reports']

export const listStatusReports = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/status-reports',
  schema: {
    summary: "The project's status reports, its schedule and the periods due",
    tags,
    params: ProjectParams,
    response: { 200: StatusReportList, ...problemResponses },
  },
})

export const putSchedule = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/status-reports/schedule',
  schema: {
    summary: 'Set how often the project reports (monthly, quarterly or per term) and from when',
    tags,
    params: ProjectParams,
    headers: IfMatchHeaders,
    body: ScheduleInput,
    response: { 200: Schedule, ...problemResponses },
  },
})

export const createStatusReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/status-reports',
  schema: {
    summary: 'Start a draft for a period, or a correction of a submitted report (supersedesId)',
    tags,
    params: ProjectParams,
    body: StatusReportCreate,
    response: { 201: StatusReport, ...problemResponses },
  },
})

export const getStatusReport = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/status-reports/:reportId',
  schema: {
    summary:
      "One report: the facts (today's for a draft, frozen for a submitted one), suggested and chosen lights",
    tags,
    params: ReportParams,
    response: { 200: StatusReport, ...problemResponses },
  },
})

export const updateStatusReport = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/status-reports/:reportId',
  schema: {
    summary: 'Edit a draft: lights and narrative',
    tags,
    params: ReportParams,
    headers: IfMatchHeaders,
    body: StatusReportPatch,
    response: { 200: StatusReport, ...problemResponses },
  },
})

export const submitStatusReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/status-reports/:reportId/submit',
  schema: {
    summary: 'Submit to the steering group: freezes the facts; the report cannot change after',
    tags,
    params: ReportParams,
    headers: IfMatchHeaders,
    body: SubmitBody,
    response: { 200: StatusReport, ...problemResponses },
  },
})

export const acknowledgeStatusReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/status-reports/:reportId/acknowledge',
  schema: {
    summary: 'The steering group acknowledges a submitted report, with an optional comment',
    tags,
    params: ReportParams,
    body: AcknowledgeBody,
    response: { 200: StatusReport, ...problemResponses },
  },
})

export const commentStatusReport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/status-reports/:reportId/comments',
  schema: {
    summary:
      'A steering-group member comments on a submitted report; any number of comments, each kept as written',
    tags,
    params: ReportParams,
    body: CommentBody,
    response: { 201: StatusReport, ...problemResponses },
  },
})

export const listDueStatusReports = endpoint({
  method: 'GET',
  url: '/api/me/status-reports-due',
  schema: {
    summary: 'Status reports due on the projects I lead: ended periods without a submitted report',
    tags,
    response: { 200: Type.Object({ items: Type.Array(DueReport) }), ...problemResponses },
  },
})

export const downloadProgrammeStatusReport = endpoint({
  method: 'GET',
  url: '/api/programmes/:programmeId/status-report.:format',
  schema: {
    summary:
      "Portfolio status report for a committee: every project's latest submitted report (lights, key indicators, narrative) and the shared indicators, as DOCX or PDF",
    tags,
    params: Type.Object({ programmeId: Id, format: Type.Enum(['docx', 'pdf']) }),
    response: {
      200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The document file' }),
      ...problemResponses,
    },
  },
})
