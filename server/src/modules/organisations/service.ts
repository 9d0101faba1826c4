import type {
  OrganisationCreate,
  OrganisationDetail,
  OrganisationPatch,
} from '@lagesbild/shared/api/organisations'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { findOrganisation, hasRoleOver, listAncestors, listChildren } from './queries.ts'

registerConstraintMessages({
  organisation_name_key: {
    sv: 'Det finns redan en organisation med det namnet på samma nivå.',
    en: 'An organisation with that name already exists at the same level.',
  },
  organisation_parent_id_fkey: {
    sv: 'Överordnad organisation finns inte.',
    en: 'The parent organisation does not exist.',
  },
})

type Detail = Static<typeof OrganisationDetail>

export async function getOrganisationDetail(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
): Promise<Detail> {
  const organisation = await findOrganisation(db, id)
  if (!organisation) throw notFound()
  const [ancestors, children, canEdit] = await Promise.all([
    listAncestors(db, id),
    listChildren(db, id),
    hasRoleOver(db, user, id, ['administrator']),
  ])
  return { ...organisation, ancestors, children, canEdit }
}

const snapshot = (o: { name: string; shortName: string | null; kind: string; parentId: string | null }) => ({
  name: o.name,
  shortName: o.shortName,
  kind: o.kind,
  parentId: o.parentId,
})

export async function createOrganisation(
  db: Kysely<Database>,
  user: AuthUser,
  input: Static<typeof OrganisationCreate>,
) {
  const allowed = input.parentId
    ? await hasRoleOver(db, user, input.parentId, ['administrator'])
    : user.grants.some((g) => g.role === 'administrator')
  if (!allowed) throw forbidden()
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisation')
      .values({
        id,
        parent_id: input.parentId,
        name: input.name.trim(),
        short_name: input.shortName?.trim() || null,
        kind: input.kind,
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'organisation',
      entityId: id,
      action: 'create',
      after: snapshot({ ...input, shortName: input.shortName ?? null }),
    })
  })
  return getOrganisationDetail(db, user, id)
}

export async function updateOrganisation(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
  version: number,
  patch: Omit<Static<typeof OrganisationPatch>, 'version'>,
) {
  if (!(await findOrganisation(db, id))) throw notFound()
  if (!(await hasRoleOver(db, user, id, ['administrator']))) throw forbidden()
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) throw notFound()
    if (before.version !== version) throw staleVersion(await getOrganisationDetail(trx, user, id))
    const after = await trx
      .updateTable('organisation')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.shortName !== undefined ? { short_name: patch.shortName?.trim() || null } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const view = (r: typeof before) =>
      snapshot({ name: r.name, shortName: r.short_name, kind: r.kind, parentId: r.parent_id })
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'organisation',
      entityId: id,
      action: 'update',
      before: view(before),
      after: view(after),
    })
  })
  return getOrganisationDetail(db, user, id)
}
