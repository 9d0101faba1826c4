import type { UserDetail, UserListQuery, UserSummary } from '@lagesbild/shared/api/users'
import type { OrganisationRole, ProjectRole } from '@lagesbild/shared/domain/access'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'

type Summary = Static<typeof UserSummary>
type Detail = Static<typeof UserDetail>
type Status = Summary['status']

/** Organisations the user holds the administrator role on; each reaches everything below it. */
export const administeredOrganisations = (user: AuthUser) =>
  user.grants.filter((g) => g.role === 'administrator').map((g) => g.organisationId)

/** SQL: the user's organisation lies within one of the given subtrees. */
const within = (roots: string[]) =>
  sql<boolean>`u.organisation_id in (select descendant_id from organisation_closure
    where ancestor_id = any(${roots}::uuid[]))`

const statusSql = sql<Status>`case
  when u.erasure_id is not null then 'erased'
  when u.active then 'active'
  when exists (select 1 from invitation i where i.user_id = u.id and i.purpose = 'invite'
    and i.used_at is null and i.revoked_at is null) then 'invited'
  else 'deactivated' end`

function userQuery(db: Kysely<Database>, administered: string[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where(within(administered))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.oidc_subject',
      'u.last_login_at',
      'u.person_id',
      'u.version',
      'u.created_at',
      statusSql.as('status'),
      sql<{ role: OrganisationRole; organisationId: string; organisationName: string }[]>`(
        select coalesce(json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id,
          'organisationName', go.name) order by go.name, g.role), '[]'::json)
        from role_grant g join organisation go on go.id = g.organisation_id where g.user_id = u.id)`.as(
        'roles',
      ),
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>

/** Which of a user's grants the viewer may change: those on organisations the viewer administers. */
async function manageableOrganisations(
  db: Kysely<Database>,
  administered: string[],
  organisationIds: string[],
): Promise<Set<string>> {
  if (organisationIds.length === 0 || administered.length === 0) return new Set()
  const rows = await db
    .selectFrom('organisation_closure')
    .where('descendant_id', 'in', organisationIds)
    .where('ancestor_id', 'in', administered)
    .select('descendant_id')
    .distinct()
    .execute()
  return new Set(rows.map((r) => r.descendant_id))
}

function toSummary(row: Row, manageable: Set<string>): Summary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    status: row.status,
    sso: row.oidc_subject !== null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    roles: row.roles.map((r) => ({ ...r, manageable: manageable.has(r.organisationId) })),
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export async function listUsers(db: Kysely<Database>, viewer: AuthUser, query: Static<typeof UserListQuery>) {
  const administered = administeredOrganisations(viewer)
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = userQuery(db, administered)
  if (query.q) {
    const pattern = `%${escapeLike(query.q.trim())}%`
    q = q.where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('u.email', 'ilike', pattern)]))
  }
  const organisationId = query.organisationId
  if (organisationId) q = q.where(within([organisationId]))
  if (query.status) q = q.where(statusSql, '=', query.status)
  if (query.role) {
    const role = query.role
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('role_grant as g')
          .whereRef('g.user_id', '=', 'u.id')
          .where('g.role', '=', role)
          .select(sql`1`.as('one')),
      ),
    )
  }
  if (after) {
    const [name, id] = after as [string, string]
    q = q.where(sql<boolean>`(u.name collate "C", u.id) > (${name}::text collate "C", ${id}::uuid)`)
  }
  const rows = await q
    .orderBy(sql`u.name collate "C"`)
    .orderBy('u.id')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.name, row.id])
  const manageable = await manageableOrganisations(db, administered, [
    ...new Set(page.items.flatMap((r) => r.roles.map((g) => g.organisationId))),
  ])
  return { items: page.items.map((row) => toSummary(row, manageable)), nextCursor: page.nextCursor }
}

/** One user as an administrator sees them; null when out of the viewer's organisations. */
export async function findUserDetail(
  db: Kysely<Database>,
  viewer: AuthUser,
  id: string,
): Promise<Detail | null> {
  const administered = administeredOrganisations(viewer)
  const row = await userQuery(db, administered).where('u.id', '=', id).executeTakeFirst()
  if (!row) return null
  const [manageable, person, projects, link] = await Promise.all([
    manageableOrganisations(
      db,
      administered,
      row.roles.map((g) => g.organisationId),
    ),
    row.person_id
      ? db.selectFrom('person').where('id', '=', row.person_id).select(['id', 'name']).executeTakeFirst()
      : undefined,
    db
      .selectFrom('project_member as m')
      .innerJoin('project as p', 'p.id', 'm.project_id')
      .where('m.user_id', '=', id)
      .select(['p.id', 'p.name', 'p.code', 'm.role', 'm.version'])
      .orderBy(sql`p.sort_key collate "C"`)
      .execute(),
    db
      .selectFrom('invitation')
      .where('user_id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .select(['purpose', 'created_at', 'expires_at', sql<boolean>`expires_at <= now()`.as('expired')])
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  ])
  return {
    ...toSummary(row, manageable),
    person: person ?? null,
    projects: projects.map((p) => ({
      projectId: p.id,
      projectName: p.name,
      code: p.code,
      role: p.role as ProjectRole,
      version: p.version,
    })),
    pendingLink: link
      ? {
          purpose: link.purpose as 'invite' | 'password_reset',
          createdAt: new Date(link.created_at).toISOString(),
          expiresAt: new Date(link.expires_at).toISOString(),
          expired: link.expired,
        }
      : null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  }
}
