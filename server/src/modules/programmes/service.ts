import type { ProgrammeCreate, ProgrammePatch } from '@lagesbild/shared/api/programmes'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import { findProgramme } from './queries.ts'

registerConstraintMessages({
  programme_name_key: {
    sv: 'Organisationen har redan ett program med det namnet.',
    en: 'The organisation already has a programme with that name.',
  },
  programme_period_end_check: {
    sv: 'Periodens slut kan inte ligga före dess början.',
    en: 'The end of the period cannot be before its start.',
  },
})

const programmeEditors = ['administrator', 'portfolio_manager'] as const

export async function getProgramme(db: Kysely<Database>, user: AuthUser, id: string) {
  const programme = await findProgramme(db, user, id)
  if (!programme) throw notFound()
  return {
    ...programme,
    canEdit: await hasRoleOver(db, user, programme.ownerOrganisation.id, programmeEditors),
  }
}

function checkPeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) {
    throw invalidField('periodEnd', 'end_before_start', {
      sv: 'Periodens slut kan inte ligga före dess början.',
      en: 'The end of the period cannot be before its start.',
    })
  }
}

export async function createProgramme(
  db: Kysely<Database>,
  user: AuthUser,
  input: Static<typeof ProgrammeCreate>,
) {
  if (!(await hasRoleOver(db, user, input.ownerOrganisationId, programmeEditors))) throw forbidden()
  checkPeriod(input.periodStart, input.periodEnd)
  const id = uuid()
  const values = {
    name: input.name.trim(),
    description: input.description ?? '',
    ownerOrganisationId: input.ownerOrganisationId,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programme')
      .values({
        id,
        name: values.name,
        description: values.description,
        owner_organisation_id: values.ownerOrganisationId,
        period_start: values.periodStart,
        period_end: values.periodEnd,
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'programme',
      entityId: id,
      action: 'create',
      after: values,
    })
  })
  return getProgramme(db, user, id)
}

export async function updateProgramme(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
  version: number,
  patch: Omit<Static<typeof ProgrammePatch>, 'version'>,
) {
  const current = await getProgramme(db, user, id)
  if (!current.canEdit) throw forbidden()
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('programme')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (before.version !== version) throw staleVersion(current)
    checkPeriod(
      patch.periodStart === undefined ? before.period_start : patch.periodStart,
      patch.periodEnd === undefined ? before.period_end : patch.periodEnd,
    )
    const after = await trx
      .updateTable('programme')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.periodStart !== undefined ? { period_start: patch.periodStart } : {}),
        ...(patch.periodEnd !== undefined ? { period_end: patch.periodEnd } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const view = (r: typeof before) => ({
      name: r.name,
      description: r.description,
      periodStart: r.period_start,
      periodEnd: r.period_end,
    })
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'programme',
      entityId: id,
      action: 'update',
      before: view(before),
      after: view(after),
    })
  })
  return getProgramme(db, user, id)
}
