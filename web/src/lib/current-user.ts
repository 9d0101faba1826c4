import type { getMe } from '@lagesbild/shared/api/auth'
import { type OrganisationRole, projectCreatorRoles } from '@lagesbild/shared/domain/access'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { useRouteContext } from '@tanstack/react-router'

export type CurrentUser = EndpointOutput<typeof getMe>

/** The logged-in user, put in the router context by the authenticated layout route. */
export function useCurrentUser(): CurrentUser {
  return useRouteContext({ from: '/authenticated', select: (context) => context.me })
}

export function hasOrganisationRole(user: CurrentUser, roles: readonly OrganisationRole[]): boolean {
  return user.roles.some((grant) => roles.includes(grant.role))
}

export const canCreateProjects = (user: CurrentUser): boolean =>
  hasOrganisationRole(user, projectCreatorRoles)
