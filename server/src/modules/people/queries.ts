import type { Person, PersonListQuery } from '@lagesbild/shared/api/people'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'

type PersonT = Static<typeof Person>

function personQuery(db: Kysely<Database>, roots: string[]) {
  return db
    .selectFrom('person')
    .innerJoin('organisation as o', 'o.id', 'person.organisation_id')
    .where('person.organisation_id', 'in', (eb) =>
      eb
        .selectFrom('organisation_closure')
        .where('ancestor_id', '=', sql<string>`any(${roots}::uuid[])`)
        .select('descendant_id'),
    )
    .select([
      'person.id',
      'person.name',
      'person.title',
      'person.email',
      'person.version',
      'person.erasure_id',
      sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name, u.id)
          from app_user u where u.person_id = person.id
      ), '[]'::json)`.as('accounts'),
      'o.id as organisation_id',
      'o.name as organisation_name',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof personQuery>['executeTakeFirstOrThrow']>>

const toPerson = (row: Row): PersonT => ({
  id: row.id,
  name: row.name,
  title: row.title,
  email: row.email,
  organisation: { id: row.organisation_id, name: row.organisation_name },
  accounts: row.accounts,
  erased: row.erasure_id !== null,
  version: row.version,
})

/** Staff of the user's own municipalities and regions (`roots`), never of others. */
export async function listPeople(
  db: Kysely<Database>,
  roots: string[],
  query: Static<typeof PersonListQuery>,
) {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = personQuery(db, roots)
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('person.name', 'ilike', pattern), eb('person.email', 'ilike', pattern)]))
  }
  if (query.organisationId) {
    const organisationId = query.organisationId
    q = q.where('person.organisation_id', 'in', (eb) =>
      eb.selectFrom('organisation_closure').where('ancestor_id', '=', organisationId).select('descendant_id'),
    )
  }
  if (after) {
    const [name, id] = after as [string, string]
    q = q.where(sql<boolean>`(person.name collate "C", person.id) > (${name}::text collate "C", ${id}::uuid)`)
  }
  const rows = await q
    .orderBy(sql`person.name collate "C"`)
    .orderBy('person.id')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.name, row.id])
  return { items: page.items.map(toPerson), nextCursor: page.nextCursor }
}

export async function findPerson(db: Kysely<Database>, roots: string[], id: string) {
  const row = await personQuery(db, roots).where('person.id', '=', id).executeTakeFirst()
  return row ? toPerson(row) : null
}
