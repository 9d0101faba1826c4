import { type OrganisationRole, peopleKeeperRoles } from '@lagesbild/shared/domain/access'

export type AdminPage = 'users' | 'people' | 'audit' | 'privacy'

const administrator: readonly OrganisationRole[] = ['administrator']

/** Who opens each page of the administration section; the server's routes demand the same roles. */
const pageRoles: Record<AdminPage, readonly OrganisationRole[]> = {
  users: administrator,
  people: peopleKeeperRoles,
  audit: administrator,
  privacy: administrator,
}

const order: AdminPage[] = ['users', 'people', 'audit', 'privacy']

/** The administration pages a user with these roles may use, in menu order; none for most roles. */
export function adminPagesFor(roles: readonly OrganisationRole[]): AdminPage[] {
  return order.filter((page) => pageRoles[page].some((role) => roles.includes(role)))
}
