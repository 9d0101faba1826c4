import type { Organisation, OrganisationListQuery } from '@lagesbild/shared/api/organisations'
import type { OrganisationRole } from '@lagesbild/shared/domain/access'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database, OrganisationTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'

type OrganisationT = Static<typeof Organisation>

function organisationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('organisation')
    .selectAll('organisation')
    .select((eb) =>
      eb
        .selectFrom('organisation as child')
        .whereRef('child.parent_id', '=', 'organisation.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('child_count'),
    )
}

export function toOrganisation(
  row: Selectable<OrganisationTable> & { child_count: number | null },
): OrganisationT {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as OrganisationT['kind'],
    childCount: Number(row.child_count ?? 0),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

export async function listOrganisations(db: Kysely<Database>, query: Static<typeof OrganisationListQuery>) {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = organisationQuery(db)
  if (query.q) q = q.where('organisation.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  if (query.parentId) q = q.where('organisation.parent_id', '=', query.parentId)
  if (query.roots) q = q.where('organisation.parent_id', 'is', null)
  if (query.kind) q = q.where('organisation.kind', '=', query.kind)
  if (after) {
    const [name, id] = after as [string, string]
    q = q.where(
      sql<boolean>`(organisation.name collate "C", organisation.id) > (${name}::text collate "C", ${id}::uuid)`,
    )
  }
  const rows = await q
    .orderBy(sql`organisation.name collate "C"`)
    .orderBy('organisation.id')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.name, row.id])
  return { items: page.items.map(toOrganisation), nextCursor: page.nextCursor }
}

export async function findOrganisation(db: Kysely<Database>, id: string) {
  const row = await organisationQuery(db).where('organisation.id', '=', id).executeTakeFirst()
  return row ? toOrganisation(row) : null
}

export async function listChildren(db: Kysely<Database>, id: string) {
  const rows = await organisationQuery(db)
    .where('organisation.parent_id', '=', id)
    .orderBy(sql`organisation.name collate "C"`)
    .execute()
  return rows.map(toOrganisation)
}

export async function listAncestors(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('organisation_closure as c')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', '=', id)
    .where('c.depth', '>', 0)
    .orderBy('c.depth', 'desc')
    .select(['o.id', 'o.name'])
    .execute()
}

/** Whether the user holds one of the roles on this organisation or on one above it. */
export async function hasRoleOver(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
  roles: readonly OrganisationRole[],
): Promise<boolean> {
  const grantOrgs = user.grants.filter((g) => roles.includes(g.role)).map((g) => g.organisationId)
  if (grantOrgs.length === 0) return false
  const row = await db
    .selectFrom('organisation_closure')
    .where('descendant_id', '=', organisationId)
    .where('ancestor_id', 'in', grantOrgs)
    .select('ancestor_id')
    .executeTakeFirst()
  return row !== undefined
}

/** The top-level organisations (municipality, region) the user belongs to or holds a role in. */
export async function homeRoots(db: Kysely<Database>, user: AuthUser): Promise<string[]> {
  const orgs = [user.organisationId, ...user.grants.map((g) => g.organisationId)]
  const rows = await db
    .selectFrom('organisation_closure as c')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', 'in', orgs)
    .where('o.parent_id', 'is', null)
    .select('o.id')
    .distinct()
    .execute()
  return rows.map((r) => r.id)
}
