import { Type } from 'typebox'
import {
  Id,
  IdParams,
  IsoDate,
  Name,
  Nullable,
  Page,
  PageQuery,
  Ref,
  Text,
  Timestamp,
  Version,
} from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

export const Programme = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  ownerOrganisation: Ref,
  periodStart: Nullable(IsoDate),
  periodEnd: Nullable(IsoDate),
  projectCount: Type.Integer({ description: 'Projects in the programme that you can see' }),
  version: Version,
  updatedAt: Timestamp,
})

export const ProgrammeDetail = Type.Object({
  ...Programme.properties,
  canEdit: Type.Boolean(),
})

export const ProgrammeListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ownerOrganisationId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const ProgrammeCreate = Type.Object(
  {
    name: Name(200),
    description: Type.Optional(Text(5000)),
    ownerOrganisationId: Id,
    periodStart: Type.Optional(Nullable(IsoDate)),
    periodEnd: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)

export const ProgrammePatch = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(Name(200)),
    description: Type.Optional(Text(5000)),
    periodStart: Type.Optional(Nullable(IsoDate)),
    periodEnd: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)

const tags = ['programmes']

export const listProgrammes = endpoint({
  method: 'GET',
  url: '/api/programmes',
  schema: {
    summary: 'Funding programmes and portfolios',
    tags,
    querystring: ProgrammeListQuery,
    response: { 200: Page(Programme), ...problemResponses },
  },
})

export const getProgramme = endpoint({
  method: 'GET',
  url: '/api/programmes/:id',
  schema: {
    summary: 'One programme',
    tags,
    params: IdParams,
    response: { 200: ProgrammeDetail, ...problemResponses },
  },
})

export const createProgramme = endpoint({
  method: 'POST',
  url: '/api/programmes',
  schema: {
    summary: 'Create a programme',
    tags,
    body: ProgrammeCreate,
    response: { 201: ProgrammeDetail, ...problemResponses },
  },
})

export const updateProgramme = endpoint({
  method: 'PATCH',
  url: '/api/programmes/:id',
  schema: {
    summary: 'Change a programme',
    tags,
    params: IdParams,
    body: ProgrammePatch,
    response: { 200: ProgrammeDetail, ...problemResponses },
  },
})
