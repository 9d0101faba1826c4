import { Type } from 'typebox'
import { Id, IdParams, Name, Nullable, Page, PageQuery, Ref, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

export const organisationKinds = [
  'municipality',
  'region',
  'administration',
  'committee',
  'unit',
  'other',
] as const
export const OrganisationKind = Type.Enum(organisationKinds)

export const Organisation = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  kind: OrganisationKind,
  childCount: Type.Integer(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

export const OrganisationDetail = Type.Object({
  ...Organisation.properties,
  ancestors: Type.Array(Ref, { description: 'From the root down to the parent' }),
  children: Type.Array(Organisation),
  canEdit: Type.Boolean(),
})

export const OrganisationListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    parentId: Type.Optional(Id),
    roots: Type.Optional(
      Type.Boolean({ description: 'Only top-level organisations (municipalities, regions)' }),
    ),
    kind: Type.Optional(OrganisationKind),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const OrganisationCreate = Type.Object(
  {
    parentId: Nullable(Id),
    name: Name(200),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    kind: OrganisationKind,
  },
  { additionalProperties: false },
)

export const OrganisationPatch = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(Name(200)),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    kind: Type.Optional(OrganisationKind),
  },
  { additionalProperties: false },
)

const tags = ['organisations']

export const listOrganisations = endpoint({
  method: 'GET',
  url: '/api/organisations',
  schema: {
    summary: 'Organisations (municipalities, regions, administrations, units)',
    tags,
    querystring: OrganisationListQuery,
    response: { 200: Page(Organisation), ...problemResponses },
  },
})

export const getOrganisation = endpoint({
  method: 'GET',
  url: '/api/organisations/:id',
  schema: {
    summary: 'One organisation with its place in the tree',
    tags,
    params: IdParams,
    response: { 200: OrganisationDetail, ...problemResponses },
  },
})

export const createOrganisation = endpoint({
  method: 'POST',
  url: '/api/organisations',
  schema: {
    summary: 'Create an organisation under a parent',
    tags,
    body: OrganisationCreate,
    response: { 201: OrganisationDetail, ...problemResponses },
  },
})

export const updateOrganisation = endpoint({
  method: 'PATCH',
  url: '/api/organisations/:id',
  schema: {
    summary: 'Rename or reclassify an organisation',
    tags,
    params: IdParams,
    body: OrganisationPatch,
    response: { 200: OrganisationDetail, ...problemResponses },
  },
})
