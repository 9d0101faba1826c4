import { Type } from 'typebox'
import { Id, Name, Nullable, ProjectParams, Ref, Text, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { PreciseDate, PreciseDateInput, VersionQuery } from './plans.ts'
import { IfMatchHeaders } from './projects.ts'

export const Agreement = Type.Enum(['oral', 'written'])

export const StaffingEntry = Type.Object({
  id: Id,
  position: Type.Integer(),
  name: Type.String({ description: 'Person or role, e.g. "Vakant BUP"' }),
  person: Nullable(Ref),
  role: Type.String({ description: 'Uppdrag, e.g. Projektmedarbetare' }),
  organisation: Nullable(Ref),
  timeSharePercent: Nullable(Type.Integer({ description: 'null = not stated (Ej uttalat)' })),
  periodStart: Nullable(PreciseDate),
  periodEnd: Nullable(PreciseDate),
  agreement: Nullable(Agreement),
  comment: Type.String(),
  version: Version,
})

const fields = {
  personId: Type.Optional(Nullable(Id)),
  role: Type.Optional(Type.String({ maxLength: 300 })),
  organisationId: Type.Optional(Nullable(Id)),
  timeSharePercent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))),
  periodStart: Type.Optional(Nullable(PreciseDateInput)),
  periodEnd: Type.Optional(Nullable(PreciseDateInput)),
  agreement: Type.Optional(Nullable(Agreement)),
  comment: Type.Optional(Text(2000)),
}

export const StaffingCreate = Type.Object({ ...fields, name: Name(300) }, { additionalProperties: false })
export const StaffingPatch = Type.Object(
  { ...fields, name: Type.Optional(Name(300)), version: Type.Optional(Version) },
  { additionalProperties: false },
)
export const StaffingParams = Type.Object({ projectId: Id, staffingId: Id })

const tags = ['staffing']

export const listStaffing = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/staffing',
  schema: {
    summary: 'The staffing plan (bemanningsplan)',
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(StaffingEntry) }), ...problemResponses },
  },
})

export const createStaffing = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/staffing',
  schema: {
    summary: 'Add a person or role to the staffing plan',
    tags,
    params: ProjectParams,
    body: StaffingCreate,
    response: { 201: StaffingEntry, ...problemResponses },
  },
})

export const updateStaffing = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/staffing/:staffingId',
  schema: {
    summary: 'Edit a staffing-plan row',
    tags,
    params: StaffingParams,
    headers: IfMatchHeaders,
    body: StaffingPatch,
    response: { 200: StaffingEntry, ...problemResponses },
  },
})

export const deleteStaffing = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/staffing/:staffingId',
  schema: {
    summary: 'Remove a staffing-plan row',
    tags,
    params: StaffingParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})
