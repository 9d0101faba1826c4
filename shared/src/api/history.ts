import { Type } from 'typebox'
import { Id, Nullable, Page, PageQuery, ProjectParams, Ref, Timestamp } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

export const FieldChange = Type.Object({
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})

export const AuditEvent = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actor: Nullable(Ref),
  entity: Type.String({ description: 'What kind of thing changed, e.g. project, activity' }),
  entityId: Id,
  entityLabel: Nullable(Type.String()),
  action: Type.String({ description: 'create, update, delete or a domain verb' }),
  changes: Type.Array(FieldChange),
})

export const HistoryQuery = Type.Object(
  { entity: Type.Optional(Type.String({ maxLength: 60 })), ...PageQuery },
  { additionalProperties: false },
)

export const getProjectHistory = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/history',
  schema: {
    summary: "A project's changes, newest first: who, when, what before and after",
    tags: ['history'],
    params: ProjectParams,
    querystring: HistoryQuery,
    response: { 200: Page(AuditEvent), ...problemResponses },
  },
})
