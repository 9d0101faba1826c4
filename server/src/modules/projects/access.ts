import {
  capabilitiesFor,
  type OrganisationRole,
  type ProjectCapability,
  type ProjectRole,
} from '@lagesbild/shared/domain/access'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'

export interface ProjectAccess {
  projectId: string
  capabilities: ProjectCapability[]
}

/** A user's id as a value, or as a column when the user is looked up in the same query. */
type UserId = string | Expression<string>

/** What decides a user's capabilities on a project, as read from the database. */
export interface ProjectAccessFacts {
  roles: OrganisationRole[] | null
  project_role: ProjectRole | null
  steering: boolean
}

/**
 * The organisations whose grants reach a project: its owner, its programme's owner,
 * and the same for its parent when it is a sub-project.
 */
function reachingOrganisations(eb: ExpressionBuilder<Database, 'project'>) {
  return eb
    .selectFrom('project as q')
    .leftJoin('programme as qp', 'qp.id', 'q.programme_id')
    .where((w) => w.or([w('q.id', '=', w.ref('project.id')), w('q.id', '=', w.ref('project.parent_id'))]))
    .select(
      sql<string>`unnest(array[q.owner_organisation_id, qp.owner_organisation_id])`.as('organisation_id'),
    )
}

/**
 * SQL: the user is, today, a member of a steering group that governs this project or its
 * parent (people and accounts meet through app_user.person_id). Grants read and approve.
 */
function steeringGroupMembership(eb: ExpressionBuilder<Database, 'project'>, userId: UserId) {
  const today = todayInSweden()
  return eb
    .selectFrom('steering_group_member as sm')
    .innerJoin('app_user as su', 'su.person_id', 'sm.person_id')
    .innerJoin('steering_group_project as sp', 'sp.steering_group_id', 'sm.steering_group_id')
    .where('su.id', '=', userId)
    .where('su.active', '=', true)
    .where(sql<SqlBool>`sm.from_date <= ${today} and (sm.to_date is null or sm.to_date >= ${today})`)
    .where(
      sql<SqlBool>`(sp.from_date is null or sp.from_date <= ${today}) and (sp.to_date is null or sp.to_date >= ${today})`,
    )
    .where((w) =>
      w.or([
        w('sp.project_id', '=', w.ref('project.id')),
        w('sp.project_id', '=', w.ref('project.parent_id')),
      ]),
    )
    .select(sql`1`.as('one'))
}

/**
 * The projects the user governs today through a steering group (people and accounts meet
 * through app_user.person_id). Uncorrelated, like the other sets in `projectVisibleTo`.
 */
function governedProjects(eb: ExpressionBuilder<Database, 'project'>, user: AuthUser) {
  const today = todayInSweden()
  return eb
    .selectFrom('steering_group_member as gm')
    .innerJoin('app_user as gu', 'gu.person_id', 'gm.person_id')
    .innerJoin('steering_group_project as gp', 'gp.steering_group_id', 'gm.steering_group_id')
    .where('gu.id', '=', user.id)
    .where('gu.active', '=', true)
    .where(sql<SqlBool>`gm.from_date <= ${today} and (gm.to_date is null or gm.to_date >= ${today})`)
    .where(
      sql<SqlBool>`(gp.from_date is null or gp.from_date <= ${today}) and (gp.to_date is null or gp.to_date >= ${today})`,
    )
    .select('gp.project_id')
}

/** The organisations the user's grants reach: each granted one and everything below it. */
function reachedOrganisations(eb: ExpressionBuilder<Database, 'project'>, user: AuthUser) {
  return eb
    .selectFrom('role_grant as g')
    .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
    .where('g.user_id', '=', user.id)
    .select('c.descendant_id')
}

/**
 * SQL predicate: the user may read this project. The one definition every list and read uses.
 * Written as IN over uncorrelated subqueries so PostgreSQL computes the reached organisations,
 * programmes and memberships once per query (hashed subplans), not once per candidate row: a
 * list ordered by name walks thousands of projects to find the 50 a user may see.
 */
export function projectVisibleTo(user: AuthUser) {
  return (eb: ExpressionBuilder<Database, 'project'>): Expression<SqlBool> => {
    const memberOf = eb
      .selectFrom('project_member as m')
      .where('m.user_id', '=', user.id)
      .select('m.project_id')
    const reachedProgrammes = eb
      .selectFrom('programme as vp')
      .where('vp.owner_organisation_id', 'in', reachedOrganisations(eb, user))
      .select('vp.id')
    return eb.or([
      eb('project.owner_organisation_id', 'in', reachedOrganisations(eb, user)),
      eb('project.programme_id', 'in', reachedProgrammes),
      eb('project.id', 'in', memberOf),
      eb('project.id', 'in', governedProjects(eb, user)),
      // A sub-project is seen by whoever sees its parent; only sub-projects pay for this.
      eb.and([
        eb('project.parent_id', 'is not', null),
        eb.or([
          eb('project.parent_id', 'in', memberOf),
          eb('project.parent_id', 'in', governedProjects(eb, user)),
          eb.exists(
            eb
              .selectFrom('project as vq')
              .whereRef('vq.id', '=', 'project.parent_id')
              .where((w) =>
                w.or([
                  w('vq.owner_organisation_id', 'in', reachedOrganisations(eb, user)),
                  w('vq.programme_id', 'in', reachedProgrammes),
                ]),
              )
              .select(sql`1`.as('one')),
          ),
        ]),
      ]),
    ])
  }
}

/**
 * SQL: the facts that decide what a user may do with one project, as one JSON object; null when
 * the project does not exist. The session lookup selects it beside the user on project routes, so
 * the access check costs no round trip of its own.
 */
export function projectAccessFacts(db: Kysely<Database>, userId: UserId, projectId: string) {
  return db
    .selectFrom('project')
    .where('project.id', '=', projectId)
    .select((p) => {
      const roles = p
        .selectFrom('role_grant as g')
        .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
        .where('g.user_id', '=', userId)
        .where('c.descendant_id', 'in', reachingOrganisations(p))
        .select(sql<OrganisationRole[]>`coalesce(array_agg(distinct g.role), '{}')`.as('roles'))
      const projectRole = p
        .selectFrom('project_member as m')
        .where('m.user_id', '=', userId)
        .where((w) =>
          w.or([
            w('m.project_id', '=', w.ref('project.id')),
            w('m.project_id', '=', w.ref('project.parent_id')),
          ]),
        )
        // A role on the project itself outranks one inherited from its parent.
        .orderBy(sql`m.project_id = project.id`, 'desc')
        .select(sql<ProjectRole>`m.role`.as('role'))
        .limit(1)
      const steering = p.exists(steeringGroupMembership(p, userId))
      return sql<ProjectAccessFacts>`json_build_object('roles', (${roles}), 'project_role', (${projectRole}), 'steering', ${steering})`.as(
        'facts',
      )
    })
}

/** What the facts allow; null when they do not even allow reading, so the project stays out of sight. */
export function toProjectAccess(projectId: string, facts: ProjectAccessFacts | null): ProjectAccess | null {
  if (!facts) return null
  const capabilities = capabilitiesFor({
    organisationRoles: facts.roles ?? [],
    projectRole: facts.project_role ?? null,
    steeringGroupMember: Boolean(facts.steering),
  })
  if (!capabilities.includes('project:read')) return null
  return { projectId, capabilities }
}

/** What the user may do with one project; null when it does not exist or is out of their sight. */
export async function loadProjectAccess(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
): Promise<ProjectAccess | null> {
  const row = await projectAccessFacts(db, user.id, projectId).executeTakeFirst()
  return toProjectAccess(projectId, row?.facts ?? null)
}
