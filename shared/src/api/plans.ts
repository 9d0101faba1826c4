import { Type } from 'typebox'
import { datePrecisions } from '../domain/date-precision.ts'
import { activityStatuses, deviationKinds } from '../domain/deviation.ts'
import { Id, IsoDate, Name, Nullable, ProjectParams, Ref, Text, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { IfMatchHeaders, VersionQuery } from './projects.ts'

export const DatePrecision = Type.Enum(datePrecisions)
export const ActivityStatus = Type.Enum(activityStatuses)

/** A date as plans write it: the period it names and its precision ("Våren 2016" = term). */
export const PreciseDate = Type.Object({
  from: IsoDate,
  to: IsoDate,
  precision: DatePrecision,
  note: Nullable(Type.String({ description: 'Why the date is as it is, e.g. what the source said' })),
})

export const PreciseDateInput = Type.Object(
  {
    from: Type.String({
      format: 'date',
      description: 'Any day in the period; it is widened to the whole period of the precision',
    }),
    precision: Type.Optional(DatePrecision),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
)

export const ActivityNumber = Type.String({
  pattern: '^[0-9]{1,3}([.][0-9]{1,3}){0,3}$',
  maxLength: 15,
  description: 'Sub-goal first, e.g. 2.10',
  examples: ['1.1', '4.8'],
})

export const Deviation = Type.Object({
  kind: Type.Enum(deviationKinds),
  days: Nullable(
    Type.Object({ min: Type.Integer(), max: Type.Integer() }, { description: 'Actual minus planned end' }),
  ),
  late: Type.Boolean({ description: 'Planned end passed and not done' }),
  overdueDays: Nullable(Type.Integer()),
})

export const MilestoneApproval = Type.Object({ decisionId: Id, recordedAt: Timestamp })

export const Activity = Type.Object({
  id: Id,
  project: Ref,
  goal: Nullable(Type.Object({ id: Id, number: Type.Integer(), title: Type.String() })),
  number: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  responsible: Type.String({ description: 'Person(s) and/or group, e.g. Arbetsgrupp' }),
  status: ActivityStatus,
  milestone: Type.Boolean(),
  deviationExplanation: Type.String(),
  plannedStart: Nullable(PreciseDate),
  plannedEnd: Nullable(PreciseDate),
  actualStart: Nullable(PreciseDate),
  actualEnd: Nullable(PreciseDate),
  deviation: Deviation,
  outsideProjectPeriod: Type.Boolean({ description: 'Planned wholly or partly outside the project period' }),
  approvals: Type.Array(MilestoneApproval),
  version: Version,
  updatedAt: Timestamp,
})

const activityFields = {
  projectId: Type.Optional(Id),
  goalId: Type.Optional(Nullable(Id)),
  number: Type.Optional(Nullable(ActivityNumber)),
  description: Type.Optional(Text(10_000)),
  responsible: Type.Optional(Type.String({ maxLength: 300 })),
  status: Type.Optional(ActivityStatus),
  milestone: Type.Optional(Type.Boolean()),
  deviationExplanation: Type.Optional(Text(5000)),
  plannedStart: Type.Optional(Nullable(PreciseDateInput)),
  plannedEnd: Type.Optional(Nullable(PreciseDateInput)),
  actualStart: Type.Optional(Nullable(PreciseDateInput)),
  actualEnd: Type.Optional(Nullable(PreciseDateInput)),
}

export const ActivityCreate = Type.Object(
  { ...activityFields, title: Name(1000) },
  { additionalProperties: false },
)

export const ActivityPatch = Type.Object(
  { ...activityFields, title: Type.Optional(Name(1000)), version: Type.Optional(Version) },
  { additionalProperties: false },
)

export const ActivityParams = Type.Object({ projectId: Id, activityId: Id })
export const AsOfQuery = Type.Object(
  { asOf: Type.Optional(IsoDate) },
  { additionalProperties: false, description: 'asOf defaults to today in Sweden' },
)
// Defined beside IfMatchHeaders (projects imports nothing from plans); re-exported for the plan routes.
export { VersionQuery }

export const ProjectPeriod = Type.Object({
  id: Id,
  name: Type.String(),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
  actualEnd: Nullable(IsoDate),
})

export const ActivityList = Type.Object({
  project: ProjectPeriod,
  /** The project and its sub-projects, in the order their activities are grouped. */
  projects: Type.Array(
    Type.Object({
      ...Ref.properties,
      running: Type.Boolean({
        description: 'Approved, active or paused: only then can its activities be late',
      }),
    }),
  ),
  asOf: IsoDate,
  items: Type.Array(Activity),
})

export const EfterkalkylRow = Type.Object({
  activityId: Id,
  number: Nullable(Type.String()),
  title: Type.String(),
  status: ActivityStatus,
  plannedStart: Nullable(PreciseDate),
  plannedEnd: Nullable(PreciseDate),
  actualStart: Nullable(PreciseDate),
  actualEnd: Nullable(PreciseDate),
  deviation: Deviation,
  explanation: Type.String(),
})

export const Efterkalkyl = Type.Object({
  project: ProjectPeriod,
  asOf: IsoDate,
  groups: Type.Array(Type.Object({ project: Ref, rows: Type.Array(EfterkalkylRow) })),
})

export const PlanFileFormat = Type.Enum(['xlsx', 'csv'])
export const ExportQuery = Type.Object(
  { format: Type.Optional(PlanFileFormat) },
  { additionalProperties: false },
)

export const ImportBody = Type.Object(
  {
    format: PlanFileFormat,
    content: Type.String({ maxLength: 900_000, description: 'The file, base64-encoded' }),
    fileName: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)

export const ImportRowError = Type.Object({
  field: Type.String(),
  code: Type.String(),
  message: Type.String(),
})

export const ImportRow = Type.Object({
  row: Type.Integer({ description: 'Row in the file (1 = header)' }),
  action: Type.Enum(['create', 'update', 'unchanged', 'error']),
  activityId: Nullable(Id),
  number: Nullable(Type.String()),
  title: Type.String(),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
  errors: Type.Array(ImportRowError),
})

export const ImportPreview = Type.Object({
  rows: Type.Array(ImportRow),
  summary: Type.Object({
    create: Type.Integer(),
    update: Type.Integer(),
    unchanged: Type.Integer(),
    error: Type.Integer(),
  }),
})

export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
})

const tags = ['plans']

export const listActivities = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/activities',
  schema: {
    summary: 'The activity plan of a project and its sub-projects, with deviations as of a day',
    tags,
    params: ProjectParams,
    querystring: AsOfQuery,
    response: { 200: ActivityList, ...problemResponses },
  },
})

export const getActivity = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/activities/:activityId',
  schema: {
    summary: 'One activity',
    tags,
    params: ActivityParams,
    response: { 200: Activity, ...problemResponses },
  },
})

export const createActivity = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/activities',
  schema: {
    summary: 'Add an activity (to the project or one of its sub-projects)',
    tags,
    params: ProjectParams,
    body: ActivityCreate,
    response: { 201: Activity, ...problemResponses },
  },
})

export const updateActivity = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/activities/:activityId',
  schema: {
    summary: 'Edit an activity; send the version you read, a stale one gets 409 with the current one',
    tags,
    params: ActivityParams,
    headers: IfMatchHeaders,
    body: ActivityPatch,
    response: { 200: Activity, ...problemResponses },
  },
})

export const deleteActivity = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/activities/:activityId',
  schema: {
    summary: 'Remove an activity (not an approved milestone)',
    tags,
    params: ActivityParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const getEfterkalkyl = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/efterkalkyl',
  schema: {
    summary: 'Planned against actual per activity (Kalkyl, Utfall, Differens, Återstår), per sub-project',
    tags,
    params: ProjectParams,
    querystring: AsOfQuery,
    response: { 200: Efterkalkyl, ...problemResponses },
  },
})

export const exportPlan = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/plan/export',
  schema: {
    summary: 'The activity plan as an Excel workbook (default) or CSV',
    tags,
    params: ProjectParams,
    querystring: ExportQuery,
    response: {
      200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'xlsx or csv file' }),
      ...problemResponses,
    },
  },
})

export const previewPlanImport = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/plan/import/preview',
  schema: {
    summary: 'Read a plan file and show what an import would do, row by row; writes nothing',
    tags,
    params: ProjectParams,
    body: ImportBody,
    response: { 200: ImportPreview, ...problemResponses },
  },
})

export const importPlan = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/plan/import',
  schema: {
    summary: 'Import a plan file: all rows or none (422 with the row errors)',
    tags,
    params: ProjectParams,
    body: ImportBody,
    response: { 200: ImportResult, ...problemResponses },
  },
})
