import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, notFound } from '../../plugins/problem.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import type { PrivacySubject } from './sources.ts'

export interface ResolvedSubject extends PrivacySubject {
  name: string
  erasureId: string | null
  /** Every organisation the subject's records belong to. */
  organisationIds: string[]
}

/** A staff record with the accounts linked to it, or an account with its staff record. */
export async function resolveSubject(
  db: Kysely<Database>,
  of: { personId: string } | { userId: string },
): Promise<ResolvedSubject | null> {
  let personId: string | null
  let name: string
  let erasureId: string | null
  const organisationIds: string[] = []
  if ('personId' in of) {
    const person = await db
      .selectFrom('person')
      .where('id', '=', of.personId)
      .select(['id', 'name', 'organisation_id', 'erasure_id'])
      .executeTakeFirst()
    if (!person) return null
    personId = person.id
    name = person.name
    erasureId = person.erasure_id
    organisationIds.push(person.organisation_id)
  } else {
    const user = await db
      .selectFrom('app_user')
      .where('id', '=', of.userId)
      .select(['id', 'name', 'person_id', 'organisation_id', 'erasure_id'])
      .executeTakeFirst()
    if (!user) return null
    personId = user.person_id
    name = user.name
    erasureId = user.erasure_id
    organisationIds.push(user.organisation_id)
  }
  let users = db.selectFrom('app_user').select(['id', 'organisation_id'])
  users = personId
    ? users.where((eb) =>
        eb.or([eb('person_id', '=', personId), ...('userId' in of ? [eb('id', '=', of.userId)] : [])]),
      )
    : users.where('id', '=', 'userId' in of ? of.userId : '')
  const accounts = await users.orderBy('id').execute()
  organisationIds.push(...accounts.map((a) => a.organisation_id))
  if (personId && 'userId' in of) {
    const person = await db
      .selectFrom('person')
      .where('id', '=', personId)
      .select('organisation_id')
      .executeTakeFirst()
    if (person) organisationIds.push(person.organisation_id)
  }
  return { personId, userIds: accounts.map((a) => a.id), name, erasureId, organisationIds }
}

/** Administrators of every organisation the subject's records belong to; others get 404 or 403. */
export async function resolveForAdministrator(
  db: Kysely<Database>,
  actor: AuthUser,
  of: { personId: string } | { userId: string },
): Promise<ResolvedSubject> {
  const subject = await resolveSubject(db, of)
  if (!subject) throw notFound()
  const primary = subject.organisationIds[0]
  if (!primary || !(await hasRoleOver(db, actor, primary, ['administrator']))) throw notFound()
  for (const organisationId of subject.organisationIds) {
    if (!(await hasRoleOver(db, actor, organisationId, ['administrator']))) {
      throw forbidden({
        sv: 'Personen har också uppgifter i en organisation du inte administrerar.',
        en: 'The person also has records in an organisation you do not administer.',
      })
    }
  }
  return subject
}
