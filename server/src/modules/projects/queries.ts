import type { ProjectListQuery, ProjectSummary } from '@lagesbild/shared/api/projects'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { type Kysely, type Selectable, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database, ProjectTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from './access.ts'

type Summary = Static<typeof ProjectSummary>

function summaryQuery(db: Kysely<Database>) {
  const today = todayInSweden()
  return db
    .selectFrom('project')
    .innerJoin('organisation as owner', 'owner.id', 'project.owner_organisation_id')
    .leftJoin('programme', 'programme.id', 'project.programme_id')
    .leftJoin('project as parent', 'parent.id', 'project.parent_id')
    .select((eb) => [
      'project.id',
      'project.name',
      'project.code',
      'project.status',
      'project.sort_key',
      'project.planned_start',
      'project.planned_end',
      'project.actual_end',
      'project.updated_at',
      'owner.id as owner_id',
      'owner.name as owner_name',
      'programme.id as programme_id',
      'programme.name as programme_name',
      'parent.id as parent_id',
      'parent.name as parent_name',
      eb
        .selectFrom('project_leader as l')
        .innerJoin('person', 'person.id', 'l.person_id')
        .whereRef('l.project_id', '=', 'project.id')
        .where('l.from_date', '<=', today)
        .orderBy('l.to_date', (ob) => ob.desc().nullsFirst())
        .orderBy('l.from_date', 'desc')
        .select(
          sql<{ id: string; name: string }>`json_build_object('id', person.id, 'name', person.name)`.as('x'),
        )
        .limit(1)
        .as('leader'),
      eb
        .selectFrom('project as sub')
        .whereRef('sub.parent_id', '=', 'project.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('sub_project_count'),
    ])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>

/** A summary row from the driver, or read back from JSON (where its timestamp is text). */
export function toSummary(row: Omit<SummaryRow, 'updated_at'> & { updated_at: Date | string }): Summary {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    status: row.status as LifecycleStatus,
    parent: row.parent_id && row.parent_name ? { id: row.parent_id, name: row.parent_name } : null,
    programme:
      row.programme_id && row.programme_name ? { id: row.programme_id, name: row.programme_name } : null,
    ownerOrganisation: { id: row.owner_id, name: row.owner_name },
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    actualEnd: row.actual_end,
    leader: row.leader ?? null,
    subProjectCount: Number(row.sub_project_count ?? 0),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

export async function listProjects(
  db: Kysely<Database>,
  user: AuthUser,
  query: Static<typeof ProjectListQuery>,
) {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = summaryQuery(db).where(projectVisibleTo(user))
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('project.name', 'ilike', pattern), eb('project.code', 'ilike', pattern)]))
  }
  if (query.programmeId) q = q.where('project.programme_id', '=', query.programmeId)
  if (query.status) q = q.where('project.status', '=', query.status)
  if (query.parentId) q = q.where('project.parent_id', '=', query.parentId)
  if (query.topLevel) q = q.where('project.parent_id', 'is', null)
  if (query.ownerOrganisationId) {
    const ownerId = query.ownerOrganisationId
    q = q.where('project.owner_organisation_id', 'in', (eb) =>
      eb.selectFrom('organisation_closure').where('ancestor_id', '=', ownerId).select('descendant_id'),
    )
  }
  if (query.year) {
    q = q
      .where('project.planned_start', '<=', `${query.year}-12-31`)
      .where(sql<string>`coalesce(project.actual_end, project.planned_end)`, '>=', `${query.year}-01-01`)
  }
  if (query.mine) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_member as mine')
          .whereRef('mine.project_id', '=', 'project.id')
          .where('mine.user_id', '=', user.id)
          .select(sql`1`.as('one')),
      ),
    )
  }
  if (after) {
    const [sortKey, id] = after as [string, string]
    q = q.where(
      sql<boolean>`(project.sort_key collate "C", project.id) > (${sortKey}::text collate "C", ${id}::uuid)`,
    )
  }
  const rows = await q
    .orderBy(sql`project.sort_key collate "C"`)
    .orderBy('project.id')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.sort_key, row.id])
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor }
}

export async function findSummary(db: Kysely<Database>, projectId: string) {
  const row = await summaryQuery(db).where('project.id', '=', projectId).executeTakeFirst()
  return row ? toSummary(row) : null
}

function leadersQuery(db: Kysely<Database>, projectId: string) {
  return db
    .selectFrom('project_leader as l')
    .innerJoin('person', 'person.id', 'l.person_id')
    .where('l.project_id', '=', projectId)
    .orderBy('l.from_date')
    .select(['person.id', 'person.name', 'l.from_date', 'l.to_date'])
}

function subProjectsQuery(db: Kysely<Database>, user: AuthUser, projectId: string) {
  return summaryQuery(db)
    .where('project.parent_id', '=', projectId)
    .where(projectVisibleTo(user))
    .orderBy(sql`project.sort_key collate "C"`)
}

/**
 * Everything the project page shows, in one query: the row, its summary, its leaders over time
 * and the sub-projects the user may see (a round trip each cost more than the SQL itself).
 */
export async function findProjectPage(db: Kysely<Database>, user: AuthUser, projectId: string) {
  const row = await summaryQuery(db)
    .where('project.id', '=', projectId)
    .select([
      'project.client',
      'project.purpose',
      'project.background',
      'project.target_group',
      'project.version',
      'project.created_at',
      jsonArrayFrom(leadersQuery(db, projectId)).as('leaders'),
      jsonArrayFrom(subProjectsQuery(db, user, projectId)).as('sub_projects'),
    ])
    .executeTakeFirst()
  if (!row) return null
  return {
    summary: toSummary(row),
    row,
    leaders: row.leaders,
    subProjects: row.sub_projects.map(toSummary),
  }
}

export async function listSubProjects(db: Kysely<Database>, user: AuthUser, projectId: string) {
  const rows = await subProjectsQuery(db, user, projectId).execute()
  return rows.map(toSummary)
}

export async function findProjectRow(db: Kysely<Database>, projectId: string, forUpdate = false) {
  let q = db.selectFrom('project').selectAll().where('id', '=', projectId)
  if (forUpdate) q = q.forUpdate()
  return q.executeTakeFirst()
}

export async function listLeaders(db: Kysely<Database>, projectId: string) {
  return leadersQuery(db, projectId).execute()
}

/** The fields a history reader cares about, in the API's words. */
export function projectSnapshot(row: Selectable<ProjectTable>) {
  return {
    name: row.name,
    code: row.code,
    parentId: row.parent_id,
    programmeId: row.programme_id,
    ownerOrganisationId: row.owner_organisation_id,
    client: row.client,
    purpose: row.purpose,
    background: row.background,
    targetGroup: row.target_group,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    actualEnd: row.actual_end,
    status: row.status,
  }
}

/** A project's sub-projects whoever reads it, for documents about the whole project. */
export async function listSubProjectsOf(db: Kysely<Database>, projectId: string) {
  const rows = await summaryQuery(db)
    .where('project.parent_id', '=', projectId)
    .orderBy(sql`project.sort_key collate "C"`)
    .execute()
  return rows.map(toSummary)
}

/** A project's sub-projects by name, for features that cover the project and its parts together. */
export async function listSubProjectRefs(db: Kysely<Database>, projectId: string) {
  return db
    .selectFrom('project')
    .where('parent_id', '=', projectId)
    .orderBy(sql`sort_key collate "C"`)
    .select(['id', 'name'])
    .execute()
}
