import { Type } from 'typebox'
import { Id, IsoDate, Nullable, Page, PageQuery } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { AuditEvent } from './history.ts'

const filters = {
  actorId: Type.Optional(Id),
  entity: Type.Optional(Type.String({ maxLength: 60, description: 'e.g. project, user, person' })),
  entityId: Type.Optional(Id),
  projectId: Type.Optional(Id),
  action: Type.Optional(Type.String({ maxLength: 60 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
}

export const AuditLogQuery = Type.Object({ ...filters, ...PageQuery }, { additionalProperties: false })

export const auditExportFormats = ['csv', 'xlsx'] as const

export const AuditExportQuery = Type.Object(
  { ...filters, format: Type.Enum(auditExportFormats, { default: 'csv' }) },
  { additionalProperties: false },
)

export const AuditLogEntry = Type.Object({
  ...AuditEvent.properties,
  project: Nullable(Type.Object({ id: Id, name: Type.String(), code: Nullable(Type.String()) })),
  before: Type.Unknown(),
  after: Type.Unknown(),
})

/** At most this many events in one export; narrow the period for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000

const tags = ['history']

export const listAuditLog = endpoint({
  method: 'GET',
  url: '/api/audit/events',
  schema: {
    summary: 'The change log of the organisations you administer, newest first, filterable',
    tags,
    querystring: AuditLogQuery,
    response: { 200: Page(AuditLogEntry), ...problemResponses },
  },
})

export const exportAuditLog = endpoint({
  method: 'GET',
  url: '/api/audit/export',
  schema: {
    summary: 'The filtered change log as CSV (semicolon-separated, UTF-8) or XLSX, for the archive',
    description: `At most ${AUDIT_EXPORT_MAX_ROWS} events; a larger selection gets 422 asking for a shorter period.`,
    tags,
    querystring: AuditExportQuery,
    response: { 200: Type.Unknown({ description: 'The file' }), ...problemResponses },
  },
})
