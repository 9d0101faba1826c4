import { Type } from 'typebox'
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy.ts'
import { Id, IdParams, Name, Nullable, Page, PageQuery, Ref, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { Problem, problemResponses } from '../http/problem.ts'
import { Me, OrganisationRole, ProjectRole } from './auth.ts'

export const userStatuses = ['invited', 'active', 'deactivated', 'erased'] as const
export const UserStatus = Type.Enum(userStatuses, {
  description: 'invited: has not yet set a password; erased: pseudonymised, kept for history',
})

export const linkPurposes = ['invite', 'password_reset'] as const
export const LinkPurpose = Type.Enum(linkPurposes)

export const UserGrant = Type.Object({
  role: OrganisationRole,
  organisationId: Id,
  organisationName: Type.String(),
  manageable: Type.Boolean({ description: 'Whether you administer the organisation and may change it' }),
})

export const UserSummary = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  organisation: Ref,
  status: UserStatus,
  sso: Type.Boolean({ description: 'Linked to an account at the single sign-on provider' }),
  lastLoginAt: Nullable(Timestamp),
  roles: Type.Array(UserGrant),
})

export const PendingLink = Type.Object({
  purpose: LinkPurpose,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  expired: Type.Boolean(),
})

export const UserDetail = Type.Object({
  ...UserSummary.properties,
  person: Nullable(Ref),
  projects: Type.Array(
    Type.Object({
      projectId: Id,
      projectName: Type.String(),
      code: Nullable(Type.String()),
      role: ProjectRole,
      version: Version,
    }),
  ),
  pendingLink: Nullable(PendingLink),
  version: Version,
  createdAt: Timestamp,
})

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search in name and e-mail' })),
    organisationId: Type.Optional(Id),
    status: Type.Optional(UserStatus),
    role: Type.Optional(OrganisationRole),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const GrantInput = Type.Object(
  { role: OrganisationRole, organisationId: Id },
  { additionalProperties: false },
)

export const InvitationCreate = Type.Object(
  {
    email: Type.String({ format: 'email', minLength: 3, maxLength: 320 }),
    name: Name(200),
    organisationId: Id,
    personId: Type.Optional(Nullable(Id)),
    roles: Type.Array(GrantInput, { maxItems: 20, default: [] }),
    projects: Type.Array(Type.Object({ projectId: Id, role: ProjectRole }, { additionalProperties: false }), {
      maxItems: 50,
      default: [],
    }),
  },
  { additionalProperties: false },
)

export const IssuedLink = Type.Object({
  purpose: LinkPurpose,
  url: Type.String({ description: 'One-time link to hand to the person; it is shown only now' }),
  expiresAt: Timestamp,
})

export const InvitationCreated = Type.Object({ user: UserDetail, link: IssuedLink })

export const UserPatch = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(Name(200)),
    organisationId: Type.Optional(Id),
    personId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

export const UserRolesPut = Type.Object(
  {
    version: Type.Optional(Version),
    roles: Type.Array(GrantInput, {
      maxItems: 50,
      description: 'The roles on organisations you administer; roles elsewhere stay as they are',
    }),
  },
  { additionalProperties: false },
)

export const VersionBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false })

export const authMethods = ['password', 'oidc', 'invitation'] as const

export const SessionInfo = Type.Object({
  id: Id,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  absoluteExpiresAt: Timestamp,
  method: Type.Enum(authMethods),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
})

export const SessionParams = Type.Object({ sessionId: Id })

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 }),
  },
  { additionalProperties: false },
)

export const InvitationToken = Type.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })

export const InvitationLookupBody = Type.Object({ token: InvitationToken }, { additionalProperties: false })

export const InvitationInfo = Type.Object({
  purpose: LinkPurpose,
  email: Type.String(),
  name: Type.String(),
  organisationName: Type.String(),
  expiresAt: Timestamp,
})

export const InvitationAcceptBody = Type.Object(
  {
    token: InvitationToken,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 }),
  },
  { additionalProperties: false },
)

const tags = ['users']
const gone = { 410: Problem }

export const listUsers = endpoint({
  method: 'GET',
  url: '/api/users',
  schema: {
    summary: 'Users of the organisations you administer, searchable, paged by keyset',
    tags,
    querystring: UserListQuery,
    response: { 200: Page(UserSummary), ...problemResponses },
  },
})

export const getUser = endpoint({
  method: 'GET',
  url: '/api/users/:id',
  schema: {
    summary: 'One user with roles, project memberships and any pending link',
    tags,
    params: IdParams,
    response: { 200: UserDetail, ...problemResponses },
  },
})

export const inviteUser = endpoint({
  method: 'POST',
  url: '/api/users/invitations',
  schema: {
    summary: 'Create a user and a one-time link with which they set their password',
    description:
      'There is no e-mail server: hand the returned link to the person. It is single use and expires.',
    tags,
    body: InvitationCreate,
    response: { 201: InvitationCreated, ...problemResponses },
  },
})

export const updateUser = endpoint({
  method: 'PATCH',
  url: '/api/users/:id',
  schema: {
    summary: 'Rename a user, move them to another organisation or link them to a staff record',
    tags,
    params: IdParams,
    body: UserPatch,
    response: { 200: UserDetail, ...problemResponses },
  },
})

export const setUserRoles = endpoint({
  method: 'PUT',
  url: '/api/users/:id/roles',
  schema: {
    summary: "Set a user's roles on the organisations you administer",
    description: 'The last administrator of an organisation cannot lose the role (409 last_administrator).',
    tags,
    params: IdParams,
    body: UserRolesPut,
    response: { 200: UserDetail, ...problemResponses },
  },
})

export const deactivateUser = endpoint({
  method: 'POST',
  url: '/api/users/:id/deactivate',
  schema: {
    summary: 'Deactivate a user: their sessions and open links end at once',
    tags,
    params: IdParams,
    body: VersionBody,
    response: { 200: UserDetail, ...problemResponses },
  },
})

export const reactivateUser = endpoint({
  method: 'POST',
  url: '/api/users/:id/reactivate',
  schema: {
    summary: 'Let a deactivated user log in again',
    tags,
    params: IdParams,
    body: VersionBody,
    response: { 200: UserDetail, ...problemResponses },
  },
})

export const issueUserLink = endpoint({
  method: 'POST',
  url: '/api/users/:id/link',
  schema: {
    summary: 'A new one-time link: an invitation for an invited user, a password reset for an active one',
    description: 'Any earlier open link of the user stops working.',
    tags,
    params: IdParams,
    response: { 201: IssuedLink, ...problemResponses },
  },
})

export const listUserSessions = endpoint({
  method: 'GET',
  url: '/api/users/:id/sessions',
  schema: {
    summary: "A user's open sessions",
    tags,
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(SessionInfo) }), ...problemResponses },
  },
})

export const revokeUserSessions = endpoint({
  method: 'DELETE',
  url: '/api/users/:id/sessions',
  schema: {
    summary: "End all of a user's sessions",
    tags,
    params: IdParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const listMySessions = endpoint({
  method: 'GET',
  url: '/api/me/sessions',
  schema: {
    summary: 'Your open sessions, this one marked current',
    tags: ['auth'],
    response: { 200: Type.Object({ items: Type.Array(SessionInfo) }), ...problemResponses },
  },
})

export const revokeMySession = endpoint({
  method: 'DELETE',
  url: '/api/me/sessions/:sessionId',
  schema: {
    summary: 'End one of your sessions',
    tags: ['auth'],
    params: SessionParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const revokeMyOtherSessions = endpoint({
  method: 'POST',
  url: '/api/me/sessions/revoke-others',
  schema: {
    summary: 'Log out everywhere else: end all your sessions but this one',
    tags: ['auth'],
    response: { 200: Type.Object({ revoked: Type.Integer() }), ...problemResponses },
  },
})

export const changeMyPassword = endpoint({
  method: 'POST',
  url: '/api/me/password',
  schema: {
    summary: 'Change your password; your other sessions end',
    tags: ['auth'],
    body: PasswordChange,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const lookupInvitation = endpoint({
  method: 'POST',
  url: '/api/invitations/lookup',
  schema: {
    summary: 'Who a one-time link is for, before the person sets a password',
    tags,
    body: InvitationLookupBody,
    response: { 200: InvitationInfo, ...problemResponses, ...gone },
  },
})

export const acceptInvitation = endpoint({
  method: 'POST',
  url: '/api/invitations/accept',
  schema: {
    summary: 'Set a password with a one-time link; logs the person in',
    tags,
    body: InvitationAcceptBody,
    response: { 200: Me, ...problemResponses, ...gone },
  },
})
