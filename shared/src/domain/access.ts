/**
 * Who may do what. Roles are granted on an organisation and reach every project owned
 * by it or by a unit below it (or in a programme it owns); project roles are per project.
 */
export const organisationRoles = ['administrator', 'portfolio_manager', 'finance', 'viewer'] as const
export type OrganisationRole = (typeof organisationRoles)[number]

export const projectRoles = ['leader', 'member'] as const
export type ProjectRole = (typeof projectRoles)[number]

export const projectCapabilities = [
  'project:read',
  'project:edit',
  'project:plan',
  'project:finance',
  'project:members',
  'project:approve',
] as const
export type ProjectCapability = (typeof projectCapabilities)[number]

const byOrganisationRole: Record<OrganisationRole, readonly ProjectCapability[]> = {
  administrator: ['project:read', 'project:edit', 'project:plan', 'project:finance', 'project:members'],
  portfolio_manager: ['project:read', 'project:edit', 'project:plan', 'project:members'],
  finance: ['project:read', 'project:finance'],
  viewer: ['project:read'],
}

const byProjectRole: Record<ProjectRole, readonly ProjectCapability[]> = {
  leader: ['project:read', 'project:edit', 'project:plan', 'project:members'],
  member: ['project:read', 'project:plan'],
}

const bySteeringGroup: readonly ProjectCapability[] = ['project:read', 'project:approve']

export interface ProjectAccessFacts {
  organisationRoles: readonly OrganisationRole[]
  projectRole: ProjectRole | null
  steeringGroupMember: boolean
}

export function capabilitiesFor(facts: ProjectAccessFacts): ProjectCapability[] {
  const granted = new Set<ProjectCapability>()
  for (const role of facts.organisationRoles) for (const c of byOrganisationRole[role]) granted.add(c)
  if (facts.projectRole) for (const c of byProjectRole[facts.projectRole]) granted.add(c)
  if (facts.steeringGroupMember) for (const c of bySteeringGroup) granted.add(c)
  return projectCapabilities.filter((c) => granted.has(c))
}

/** Roles that may create projects in an organisation they are granted on. */
export const projectCreatorRoles: readonly OrganisationRole[] = ['administrator', 'portfolio_manager']

/**
 * Roles that keep a steering group's records (the group, members, projects governed, meetings),
 * on groups owned by an organisation they are granted on or below it.
 */
export const steeringGroupKeeperRoles = [
  'administrator',
  'portfolio_manager',
] as const satisfies readonly OrganisationRole[]

/** Roles that keep the register of people (staff): add and correct them, reach the Personer pages. */
export const peopleKeeperRoles = [
  'administrator',
  'portfolio_manager',
] as const satisfies readonly OrganisationRole[]

/**
 * Roles that deliver public records to the municipality's archive: the decision register and the
 * submitted final reports of the projects they see, as one package.
 */
export const archiveRoles = [
  'administrator',
  'portfolio_manager',
] as const satisfies readonly OrganisationRole[]
