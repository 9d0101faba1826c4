import { Type } from 'typebox'
import { Id, IdParams, Name, Nullable, Page, PageQuery, Ref, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

/** Staff only; the people a project serves are never registered. */
export const Person = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  email: Nullable(Type.String()),
  organisation: Ref,
  /** The user accounts linked to this staff record; their pages hold the account's own privacy tools. */
  accounts: Type.Array(Ref),
  /** Pseudonymised by a data-protection erasure: the name is the pseudonym and nothing can be changed. */
  erased: Type.Boolean(),
  version: Version,
})

export const PersonListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    organisationId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const PersonCreate = Type.Object(
  {
    name: Name(200),
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    organisationId: Id,
  },
  { additionalProperties: false },
)

export const PersonPatch = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(Name(200)),
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    organisationId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

const tags = ['people']

export const listPeople = endpoint({
  method: 'GET',
  url: '/api/people',
  schema: {
    summary: 'Staff of the organisations you belong to',
    tags,
    querystring: PersonListQuery,
    response: { 200: Page(Person), ...problemResponses },
  },
})

export const getPerson = endpoint({
  method: 'GET',
  url: '/api/people/:id',
  schema: {
    summary: 'One staff member',
    tags,
    params: IdParams,
    response: { 200: Person, ...problemResponses },
  },
})

export const createPerson = endpoint({
  method: 'POST',
  url: '/api/people',
  schema: {
    summary: 'Register a staff member',
    tags,
    body: PersonCreate,
    response: { 201: Person, ...problemResponses },
  },
})

export const updatePerson = endpoint({
  method: 'PATCH',
  url: '/api/people/:id',
  schema: {
    summary: 'Change a staff member',
    tags,
    params: IdParams,
    body: PersonPatch,
    response: { 200: Person, ...problemResponses },
  },
})
