import type { PersonCreate, PersonPatch } from '@lagesbild/shared/api/people'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, HttpProblem, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver, homeRoots } from '../organisations/queries.ts'
import { findPerson } from './queries.ts'

const staffEditors = ['administrator', 'portfolio_manager'] as const

export async function getPerson(db: Kysely<Database>, user: AuthUser, id: string) {
  const person = await findPerson(db, await homeRoots(db, user), id)
  if (!person) throw notFound()
  return person
}

export async function createPerson(db: Kysely<Database>, user: AuthUser, input: Static<typeof PersonCreate>) {
  if (!(await hasRoleOver(db, user, input.organisationId, staffEditors))) throw forbidden()
  const id = uuid()
  const values = {
    name: input.name.trim(),
    title: input.title?.trim() || null,
    email: input.email?.trim() || null,
    organisationId: input.organisationId,
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('person')
      .values({
        id,
        name: values.name,
        title: values.title,
        email: values.email,
        organisation_id: values.organisationId,
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'person',
      entityId: id,
      action: 'create',
      after: values,
    })
  })
  return getPerson(db, user, id)
}

export async function updatePerson(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
  version: number,
  patch: Omit<Static<typeof PersonPatch>, 'version'>,
) {
  const current = await getPerson(db, user, id)
  const mayEdit =
    (await hasRoleOver(db, user, current.organisation.id, staffEditors)) &&
    (!patch.organisationId || (await hasRoleOver(db, user, patch.organisationId, staffEditors)))
  if (!mayEdit) throw forbidden()
  // An edit would put real data back on a pseudonymised record and undo the erasure.
  if (current.erased) {
    throw new HttpProblem(409, 'erased', undefined, {
      detail: {
        sv: 'Personen är raderad och uppgifterna kan inte ändras.',
        en: 'The person has been erased and the record cannot be changed.',
      },
    })
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('person')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (before.version !== version) throw staleVersion(current)
    const after = await trx
      .updateTable('person')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.title !== undefined ? { title: patch.title?.trim() || null } : {}),
        ...(patch.email !== undefined ? { email: patch.email?.trim() || null } : {}),
        ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const view = (r: typeof before) => ({
      name: r.name,
      title: r.title,
      email: r.email,
      organisationId: r.organisation_id,
    })
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'person',
      entityId: id,
      action: 'update',
      before: view(before),
      after: view(after),
    })
  })
  return getPerson(db, user, id)
}
