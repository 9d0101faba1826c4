import { Type } from 'typebox'
import { projectCapabilities } from '../domain/access.ts'
import { lifecycleStatuses } from '../domain/lifecycle.ts'
import {
  Id,
  IsoDate,
  Name,
  Nullable,
  Page,
  PageQuery,
  ProjectParams,
  Ref,
  Text,
  Timestamp,
  Version,
} from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { ProjectRole } from './auth.ts'

export const LifecycleStatus = Type.Enum(lifecycleStatuses)
export const ProjectCapability = Type.Enum(projectCapabilities)

export const ProjectSummary = Type.Object({
  id: Id,
  name: Type.String(),
  code: Nullable(Type.String({ description: 'Diarienummer' })),
  status: LifecycleStatus,
  parent: Nullable(Ref),
  programme: Nullable(Ref),
  ownerOrganisation: Ref,
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
  actualEnd: Nullable(IsoDate),
  leader: Nullable(Ref),
  subProjectCount: Type.Integer(),
  updatedAt: Timestamp,
})

export const ProjectLeader = Type.Object({
  person: Ref,
  from: IsoDate,
  to: Nullable(IsoDate),
})

export const Project = Type.Object({
  ...ProjectSummary.properties,
  client: Type.String({ description: 'Uppdragsgivare' }),
  purpose: Type.String(),
  background: Type.String(),
  targetGroup: Type.String(),
  leaders: Type.Array(ProjectLeader),
  subProjects: Type.Array(ProjectSummary),
  permissions: Type.Array(ProjectCapability, { description: 'What you may do with this project' }),
  version: Version,
  createdAt: Timestamp,
})

export const ProjectListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search in name and diarienummer' })),
    programmeId: Type.Optional(Id),
    ownerOrganisationId: Type.Optional(Id),
    status: Type.Optional(LifecycleStatus),
    parentId: Type.Optional(Id),
    topLevel: Type.Optional(Type.Boolean({ description: 'Only projects that are not sub-projects' })),
    year: Type.Optional(
      Type.Integer({ minimum: 1990, maximum: 2100, description: 'Running during this year' }),
    ),
    mine: Type.Optional(Type.Boolean({ description: 'Only projects where you have a project role' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

const editable = {
  name: Name(300),
  code: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  programmeId: Type.Optional(Nullable(Id)),
  client: Type.Optional(Text(500)),
  purpose: Type.Optional(Text()),
  background: Type.Optional(Text()),
  targetGroup: Type.Optional(Text(5000)),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
}

export const ProjectCreate = Type.Object(
  {
    ...editable,
    parentId: Type.Optional(Nullable(Id)),
    ownerOrganisationId: Id,
    leaderPersonId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

export const ProjectPatch = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(editable.name),
    code: editable.code,
    programmeId: editable.programmeId,
    client: editable.client,
    purpose: editable.purpose,
    background: editable.background,
    targetGroup: editable.targetGroup,
    plannedStart: Type.Optional(IsoDate),
    plannedEnd: Type.Optional(IsoDate),
    actualEnd: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The version you read, instead of `version` in the body' }),
  ),
})

/** A DELETE has no body: the version read goes in `?version=` or If-Match. */
export const VersionQuery = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false })

export const ProjectMember = Type.Object({
  user: Type.Object({ id: Id, name: Type.String(), email: Type.String() }),
  role: ProjectRole,
  version: Version,
})

export const ProjectMemberParams = Type.Object({ projectId: Id, userId: Id })
export const ProjectMemberPut = Type.Object(
  { version: Type.Optional(Version), role: ProjectRole },
  { additionalProperties: false },
)
/**
 * Who to add: `email` (an active user, as a project leader knows them) or `userId` (an administrator
 * giving an invited or deactivated account a role from its user page), exactly one of them. One flat
 * object rather than a union, so that a malformed address is reported as such on `email`.
 */
export const ProjectMemberAdd = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    userId: Type.Optional(Id),
    role: ProjectRole,
  },
  { additionalProperties: false },
)

const tags = ['projects']

export const listProjects = endpoint({
  method: 'GET',
  url: '/api/projects',
  schema: {
    summary: 'Projects you can see, searchable and filterable, paged by keyset',
    tags,
    querystring: ProjectListQuery,
    response: { 200: Page(ProjectSummary), ...problemResponses },
  },
})

export const getProject = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId',
  schema: {
    summary: 'One project',
    tags,
    params: ProjectParams,
    response: { 200: Project, ...problemResponses },
  },
})

export const createProject = endpoint({
  method: 'POST',
  url: '/api/projects',
  schema: {
    summary: 'Create a project or sub-project (starts as draft)',
    tags,
    body: ProjectCreate,
    response: { 201: Project, ...problemResponses },
  },
})

export const updateProject = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId',
  schema: {
    summary: 'Edit a project; send the version you read (body or If-Match), a stale one gets 409',
    tags,
    params: ProjectParams,
    headers: IfMatchHeaders,
    body: ProjectPatch,
    response: { 200: Project, ...problemResponses },
  },
})

export const listProjectMembers = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/members',
  schema: {
    summary: 'Users with a role in the project',
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(ProjectMember) }), ...problemResponses },
  },
})

export const addProjectMember = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/members',
  schema: {
    summary: 'Give a user (by e-mail or id) a role in the project; one who already has one gets 409',
    tags,
    params: ProjectParams,
    body: ProjectMemberAdd,
    response: { 201: ProjectMember, ...problemResponses },
  },
})

export const setProjectMemberRole = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/members/:userId',
  schema: {
    summary: "Change a member's role; send the version you read (body or If-Match), a stale one gets 409",
    tags,
    params: ProjectMemberParams,
    headers: IfMatchHeaders,
    body: ProjectMemberPut,
    response: { 200: ProjectMember, ...problemResponses },
  },
})

export const removeProjectMember = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/members/:userId',
  schema: {
    summary:
      'Remove a user from the project; send the version you read (?version= or If-Match), a stale one gets 409',
    tags,
    params: ProjectMemberParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})
