import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { HttpProblem } from '../../plugins/problem.ts'

/**
 * Serialises every change that can take away an administrator, so two administrators
 * removing each other at the same moment cannot both succeed.
 */
export async function lockAdministrators(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('lagesbild:administrators'))`.execute(trx)
}

/** The organisations where the user now holds the administrator role. */
export async function administratorGrantsOf(trx: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('role_grant')
    .where('user_id', '=', userId)
    .where('role', '=', 'administrator')
    .select('organisation_id')
    .execute()
  return rows.map((r) => r.organisation_id)
}

/**
 * After a change inside the transaction: each organisation that had an administrator
 * before must still be covered by an active administrator, on it or on one above it.
 * Otherwise nobody could manage its users any more, so the change is refused (409).
 */
export async function assertAdministratorsRemain(
  trx: Kysely<Database>,
  organisationIds: string[],
): Promise<void> {
  for (const organisationId of new Set(organisationIds)) {
    const covered = await trx
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .innerJoin('organisation_closure as c', 'c.ancestor_id', 'g.organisation_id')
      .where('c.descendant_id', '=', organisationId)
      .where('g.role', '=', 'administrator')
      .where('u.active', '=', true)
      .where('u.erasure_id', 'is', null)
      .select('u.id')
      .limit(1)
      .executeTakeFirst()
    if (covered) continue
    const organisation = await trx
      .selectFrom('organisation')
      .where('id', '=', organisationId)
      .select('name')
      .executeTakeFirst()
    const name = organisation?.name ?? organisationId
    throw new HttpProblem(409, 'last_administrator', undefined, {
      detail: {
        sv: `Det här är den sista aktiva administratören för ${name}. Ge någon annan rollen administratör först, annars kan ingen längre hantera användarna där.`,
        en: `This is the last active administrator of ${name}. Make someone else an administrator first, or nobody can manage its users any more.`,
      },
    })
  }
}
