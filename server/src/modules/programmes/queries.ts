import type { Programme, ProgrammeListQuery } from '@lagesbild/shared/api/programmes'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'

type ProgrammeT = Static<typeof Programme>

function programmeQuery(db: Kysely<Database>, user: AuthUser) {
  return db
    .selectFrom('programme')
    .innerJoin('organisation as o', 'o.id', 'programme.owner_organisation_id')
    .select((eb) => [
      'programme.id',
      'programme.name',
      'programme.description',
      'programme.period_start',
      'programme.period_end',
      'programme.version',
      'programme.updated_at',
      'o.id as owner_id',
      'o.name as owner_name',
      eb
        .selectFrom('project')
        .whereRef('project.programme_id', '=', 'programme.id')
        .where(projectVisibleTo(user))
        .select((s) => s.fn.countAll<number>().as('n'))
        .as('project_count'),
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof programmeQuery>['executeTakeFirstOrThrow']>>

const toProgramme = (row: Row): ProgrammeT => ({
  id: row.id,
  name: row.name,
  description: row.description,
  ownerOrganisation: { id: row.owner_id, name: row.owner_name },
  periodStart: row.period_start,
  periodEnd: row.period_end,
  projectCount: Number(row.project_count ?? 0),
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
})

export async function listProgrammes(
  db: Kysely<Database>,
  user: AuthUser,
  query: Static<typeof ProgrammeListQuery>,
) {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = programmeQuery(db, user)
  if (query.q) q = q.where('programme.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  if (query.ownerOrganisationId)
    q = q.where('programme.owner_organisation_id', '=', query.ownerOrganisationId)
  if (after) {
    const [name, id] = after as [string, string]
    q = q.where(
      sql<boolean>`(programme.name collate "C", programme.id) > (${name}::text collate "C", ${id}::uuid)`,
    )
  }
  const rows = await q
    .orderBy(sql`programme.name collate "C"`)
    .orderBy('programme.id')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.name, row.id])
  return { items: page.items.map(toProgramme), nextCursor: page.nextCursor }
}

export async function findProgramme(db: Kysely<Database>, user: AuthUser, id: string) {
  const row = await programmeQuery(db, user).where('programme.id', '=', id).executeTakeFirst()
  return row ? toProgramme(row) : null
}
