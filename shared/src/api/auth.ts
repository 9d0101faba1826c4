import { Type } from 'typebox'
import { organisationRoles, projectRoles } from '../domain/access.ts'
import { Id } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

export const OrganisationRole = Type.Enum(organisationRoles)
export const ProjectRole = Type.Enum(projectRoles)

export const RoleGrant = Type.Object({
  role: OrganisationRole,
  organisationId: Id,
  organisationName: Type.String(),
})

export const Me = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  organisationId: Id,
  organisationName: Type.String(),
  personId: Type.Union([Id, Type.Null()]),
  roles: Type.Array(RoleGrant),
  projectRoles: Type.Array(Type.Object({ projectId: Id, projectName: Type.String(), role: ProjectRole })),
  csrfToken: Type.String({ description: 'Send as x-csrf-token on every cookie-authenticated mutation' }),
})

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, format: 'email' }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)

export const login = endpoint({
  method: 'POST',
  url: '/api/auth/login',
  schema: {
    summary: 'Log in with e-mail and password; sets the session cookie',
    tags: ['auth'],
    body: LoginBody,
    response: { 200: Me, ...problemResponses },
  },
})

export const logout = endpoint({
  method: 'POST',
  url: '/api/auth/logout',
  schema: {
    summary: 'End the current session',
    tags: ['auth'],
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const getMe = endpoint({
  method: 'GET',
  url: '/api/me',
  schema: {
    summary: 'The logged-in user, roles and CSRF token',
    tags: ['auth'],
    response: { 200: Me, ...problemResponses },
  },
})
