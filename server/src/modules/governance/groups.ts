import type {
  MemberCreate,
  MemberPatch,
  SteeringGroup,
  SteeringGroupCreate,
  SteeringGroupMember,
  SteeringGroupPatch,
} from '@lagesbild/shared/api/governance'
import { steeringGroupKeeperRoles } from '@lagesbild/shared/domain/access'
import { type CalendarDate, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { type GroupKind, type MemberRole, membersOn } from '@lagesbild/shared/domain/governance'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { projectVisibleTo } from '../projects/access.ts'

type Db = Kysely<Database>
type GroupT = Static<typeof SteeringGroup>
type MemberT = Static<typeof SteeringGroupMember>

/**
 * Who keeps a group's records: an administrator or portfolio manager granted on the group's
 * owning organisation or above it. Members see the group; they do not edit its register.
 */
export const managerRoles = steeringGroupKeeperRoles

function grantedOn(
  eb: ExpressionBuilder<Database, 'steering_group'>,
  user: AuthUser,
  roles: readonly string[] | null,
) {
  let query = eb
    .selectFrom('role_grant as g')
    .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
    .where('g.user_id', '=', user.id)
    .whereRef('c.descendant_id', '=', 'steering_group.owner_organisation_id')
  if (roles) query = query.where('g.role', 'in', roles)
  return query.select(sql`1`.as('one'))
}

/** SQL predicate: the user may see this group (a role on its organisation, or a membership, past or present). */
export function groupVisibleTo(user: AuthUser) {
  return (eb: ExpressionBuilder<Database, 'steering_group'>): Expression<SqlBool> =>
    eb.or([
      eb.exists(grantedOn(eb, user, null)),
      eb.exists(
        eb
          .selectFrom('steering_group_member as m')
          .innerJoin('app_user as u', 'u.person_id', 'm.person_id')
          .where('u.id', '=', user.id)
          .whereRef('m.steering_group_id', '=', 'steering_group.id')
          .select(sql`1`.as('one')),
      ),
    ])
}

export function groupManagedBy(user: AuthUser) {
  return (eb: ExpressionBuilder<Database, 'steering_group'>): Expression<SqlBool> =>
    eb.exists(grantedOn(eb, user, managerRoles))
}

/** Loads the group the user may see, and whether they may manage it; 404 otherwise. */
export async function requireGroup(db: Db, user: AuthUser, groupId: string, manage: boolean, lock = false) {
  let query = db
    .selectFrom('steering_group')
    .where('steering_group.id', '=', groupId)
    .where(groupVisibleTo(user))
    .selectAll('steering_group')
    .select((eb) => eb.exists(grantedOn(eb, user, managerRoles)).as('can_manage'))
  if (lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (!row) throw notFound()
  if (manage && !row.can_manage) throw forbidden()
  return { ...row, can_manage: Boolean(row.can_manage) }
}

async function assertManagesOrganisation(db: Db, user: AuthUser, organisationId: string) {
  const row = await db
    .selectFrom('role_grant as g')
    .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
    .where('g.user_id', '=', user.id)
    .where('g.role', 'in', managerRoles)
    .where('c.descendant_id', '=', organisationId)
    .select('g.role')
    .executeTakeFirst()
  if (!row) {
    throw forbidden({
      sv: 'Du kan bara skapa styrgrupper i organisationer där du är administratör eller portföljansvarig.',
      en: 'You can only create steering groups in organisations where you are administrator or portfolio manager.',
    })
  }
}

async function assertOrganisationsExist(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return
  const found = await db.selectFrom('organisation').where('id', 'in', ids).select('id').execute()
  if (found.length !== new Set(ids).size) {
    throw invalidField('organisationIds', 'unknown_organisation', {
      sv: 'En av organisationerna finns inte.',
      en: 'One of the organisations does not exist.',
    })
  }
}

async function assertPersonExists(db: Db, personId: string) {
  const person = await db.selectFrom('person').where('id', '=', personId).select('id').executeTakeFirst()
  if (!person) {
    throw invalidField('personId', 'unknown_person', {
      sv: 'Personen finns inte i personregistret.',
      en: 'The person is not in the register of people.',
    })
  }
}

function checkPeriod(from: CalendarDate, to: CalendarDate | null | undefined, field = 'to') {
  if (to && to < from) {
    throw invalidField(field, 'before_from', {
      sv: 'Slutdatum kan inte ligga före startdatum.',
      en: 'The end date cannot be before the start date.',
    })
  }
}

async function memberRows(db: Db, groupId: string): Promise<MemberT[]> {
  const rows = await db
    .selectFrom('steering_group_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .where('m.steering_group_id', '=', groupId)
    .select((eb) => [
      'm.id',
      'm.role',
      'm.from_date',
      'm.to_date',
      'm.version',
      'p.id as person_id',
      'p.name as person_name',
      eb
        .selectFrom('app_user as u')
        .whereRef('u.person_id', '=', 'm.person_id')
        .where('u.active', '=', true)
        .select('u.id')
        .limit(1)
        .as('user_id'),
    ])
    .orderBy('m.from_date')
    .orderBy('p.name')
    .orderBy('m.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person_id, name: r.person_name },
    userId: r.user_id ?? null,
    role: r.role as MemberRole,
    from: r.from_date,
    to: r.to_date ?? null,
    version: r.version,
  }))
}

export async function getGroup(db: Db, user: AuthUser, groupId: string): Promise<GroupT> {
  const group = await requireGroup(db, user, groupId, false)
  const [owner, organisations, members, projects, meetings] = await Promise.all([
    db
      .selectFrom('organisation')
      .where('id', '=', group.owner_organisation_id)
      .select(['id', 'name'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('steering_group_organisation as so')
      .innerJoin('organisation as o', 'o.id', 'so.organisation_id')
      .where('so.steering_group_id', '=', groupId)
      .select(['o.id', 'o.name'])
      .orderBy('o.name')
      .execute(),
    memberRows(db, groupId),
    db
      .selectFrom('steering_group_project as sp')
      .innerJoin('project', 'project.id', 'sp.project_id')
      .where('sp.steering_group_id', '=', groupId)
      .where(projectVisibleTo(user))
      .select(['project.id', 'project.name', 'project.parent_id', 'sp.from_date', 'sp.to_date'])
      .orderBy('project.sort_key')
      .execute(),
    db
      .selectFrom('meeting')
      .where('steering_group_id', '=', groupId)
      .select(['id', 'meeting_date', 'place'])
      .orderBy('meeting_date', 'desc')
      .execute(),
  ])
  return {
    id: group.id,
    name: group.name,
    kind: group.kind as GroupKind,
    description: group.description,
    ownerOrganisation: owner,
    organisations,
    members,
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      parentId: p.parent_id,
      from: p.from_date ?? null,
      to: p.to_date ?? null,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      steeringGroupId: group.id,
      steeringGroupName: group.name,
      date: m.meeting_date,
      place: m.place,
    })),
    canManage: group.can_manage,
    version: group.version,
  }
}

export async function listGroups(db: Db, user: AuthUser) {
  const today = todayInSweden()
  const rows = await db
    .selectFrom('steering_group')
    .innerJoin('organisation as o', 'o.id', 'steering_group.owner_organisation_id')
    .where(groupVisibleTo(user))
    .select((eb) => [
      'steering_group.id',
      'steering_group.name',
      'steering_group.kind',
      'o.id as owner_id',
      'o.name as owner_name',
      eb
        .selectFrom('steering_group_member as m')
        .whereRef('m.steering_group_id', '=', 'steering_group.id')
        .where(sql<SqlBool>`m.from_date <= ${today} and (m.to_date is null or m.to_date >= ${today})`)
        .select((s) => s.fn.countAll<string>().as('n'))
        .as('current_members'),
    ])
    .orderBy('steering_group.name')
    .execute()
  const links = rows.length
    ? await db
        .selectFrom('steering_group_project as sp')
        .innerJoin('project', 'project.id', 'sp.project_id')
        .where(
          'sp.steering_group_id',
          'in',
          rows.map((r) => r.id),
        )
        .where(projectVisibleTo(user))
        .select(['sp.steering_group_id', 'project.id', 'project.name'])
        .orderBy('project.sort_key')
        .execute()
    : []
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as GroupKind,
      ownerOrganisation: { id: r.owner_id, name: r.owner_name },
      projects: links.filter((l) => l.steering_group_id === r.id).map((l) => ({ id: l.id, name: l.name })),
      currentMemberCount: Number(r.current_members ?? 0),
    })),
  }
}

async function setOrganisations(trx: Db, groupId: string, ids: readonly string[]) {
  await assertOrganisationsExist(trx, ids)
  await trx.deleteFrom('steering_group_organisation').where('steering_group_id', '=', groupId).execute()
  const unique = [...new Set(ids)]
  if (unique.length) {
    await trx
      .insertInto('steering_group_organisation')
      .values(unique.map((organisation_id) => ({ steering_group_id: groupId, organisation_id })))
      .execute()
  }
}

export async function createGroup(db: Db, user: AuthUser, input: Static<typeof SteeringGroupCreate>) {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await assertManagesOrganisation(trx, user, input.ownerOrganisationId)
    await trx
      .insertInto('steering_group')
      .values({
        id,
        owner_organisation_id: input.ownerOrganisationId,
        name: input.name.trim(),
        kind: input.kind ?? 'steering_group',
        description: input.description ?? '',
      })
      .execute()
    await setOrganisations(trx, id, input.organisationIds ?? [])
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group',
      entityId: id,
      action: 'create',
      after: input,
    })
  })
  return getGroup(db, user, id)
}

export async function updateGroup(
  db: Db,
  user: AuthUser,
  groupId: string,
  input: Static<typeof SteeringGroupPatch>,
) {
  await db.transaction().execute(async (trx) => {
    const before = await requireGroup(trx, user, groupId, true, true)
    if (before.version !== input.version) throw staleVersion(await getGroup(trx, user, groupId))
    await trx
      .updateTable('steering_group')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', groupId)
      .execute()
    if (input.organisationIds) await setOrganisations(trx, groupId, input.organisationIds)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group',
      entityId: groupId,
      action: 'update',
      before: { name: before.name, kind: before.kind, description: before.description },
      after: input,
    })
  })
  return getGroup(db, user, groupId)
}

export async function membersOnDate(db: Db, user: AuthUser, groupId: string, on: CalendarDate) {
  await requireGroup(db, user, groupId, false)
  return { on, items: membersOn(await memberRows(db, groupId), on) }
}

export async function addMember(db: Db, user: AuthUser, groupId: string, input: Static<typeof MemberCreate>) {
  checkPeriod(input.from, input.to)
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, user, groupId, true, true)
    await assertPersonExists(trx, input.personId)
    await trx
      .insertInto('steering_group_member')
      .values({
        id,
        steering_group_id: groupId,
        person_id: input.personId,
        role: input.role,
        from_date: input.from,
        to_date: input.to ?? null,
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group_member',
      entityId: id,
      action: 'create',
      after: { groupId, ...input },
    })
  })
  const created = (await memberRows(db, groupId)).find((m) => m.id === id)
  if (!created) throw notFound()
  return created
}

export async function updateMember(
  db: Db,
  user: AuthUser,
  groupId: string,
  memberId: string,
  input: Static<typeof MemberPatch>,
) {
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, user, groupId, true, true)
    const before = await trx
      .selectFrom('steering_group_member')
      .where('id', '=', memberId)
      .where('steering_group_id', '=', groupId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw notFound()
    if (before.version !== input.version) {
      throw staleVersion((await memberRows(trx, groupId)).find((m) => m.id === memberId))
    }
    const from = input.from ?? before.from_date
    const to = input.to === undefined ? (before.to_date ?? null) : input.to
    checkPeriod(from, to)
    await trx
      .updateTable('steering_group_member')
      .set({
        role: input.role ?? before.role,
        from_date: from,
        to_date: to,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', memberId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group_member',
      entityId: memberId,
      action: 'update',
      before: { role: before.role, from: before.from_date, to: before.to_date },
      after: { role: input.role ?? before.role, from, to },
    })
  })
  const updated = (await memberRows(db, groupId)).find((m) => m.id === memberId)
  if (!updated) throw notFound()
  return updated
}

export async function linkProject(
  db: Db,
  user: AuthUser,
  groupId: string,
  projectId: string,
  input: { from?: CalendarDate | null | undefined; to?: CalendarDate | null | undefined },
) {
  if (input.from && input.to) checkPeriod(input.from, input.to)
  await db.transaction().execute(async (trx) => {
    const group = await requireGroup(trx, user, groupId, true, true)
    // The project must be one the manager can see and that belongs under the group's organisation.
    const project = await trx
      .selectFrom('project')
      .where('project.id', '=', projectId)
      .where(projectVisibleTo(user))
      .select(['project.id'])
      .executeTakeFirst()
    if (!project) throw notFound()
    await trx
      .insertInto('steering_group_project')
      .values({
        steering_group_id: group.id,
        project_id: projectId,
        from_date: input.from ?? null,
        to_date: input.to ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['steering_group_id', 'project_id'])
          .doUpdateSet({ from_date: input.from ?? null, to_date: input.to ?? null }),
      )
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group',
      entityId: groupId,
      projectId,
      action: 'govern_project',
      after: { projectId, from: input.from ?? null, to: input.to ?? null },
    })
  })
  return getGroup(db, user, groupId)
}

/**
 * Removes a link made by mistake. Once the group has recorded a decision on the project (or one of
 * its sub-projects), the link is part of the record: the period is ended instead (PUT with `to`).
 */
export async function unlinkProject(db: Db, user: AuthUser, groupId: string, projectId: string) {
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, user, groupId, true, true)
    const link = await trx
      .selectFrom('steering_group_project as sp')
      .innerJoin('project', 'project.id', 'sp.project_id')
      .where('sp.steering_group_id', '=', groupId)
      .where('sp.project_id', '=', projectId)
      .where(projectVisibleTo(user))
      .select(['sp.from_date', 'sp.to_date'])
      .forUpdate()
      .executeTakeFirst()
    if (!link) throw notFound()
    const decided = await trx
      .selectFrom('decision')
      .leftJoin('project as p', 'p.id', 'decision.project_id')
      .where('decision.steering_group_id', '=', groupId)
      .where((eb) => eb.or([eb('decision.project_id', '=', projectId), eb('p.parent_id', '=', projectId)]))
      .select('decision.id')
      .executeTakeFirst()
    if (decided) {
      throw new HttpProblem(409, 'has_decisions', undefined, {
        detail: {
          sv: 'Styrgruppen har fattat beslut om projektet, så kopplingen är en del av registret. Avsluta perioden i stället.',
          en: 'The steering group has decided on the project, so the link is part of the record. End the period instead.',
        },
      })
    }
    await trx
      .deleteFrom('steering_group_project')
      .where('steering_group_id', '=', groupId)
      .where('project_id', '=', projectId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'steering_group',
      entityId: groupId,
      projectId,
      action: 'ungovern_project',
      before: { projectId, from: link.from_date ?? null, to: link.to_date ?? null },
    })
  })
  return getGroup(db, user, groupId)
}
