import type { PrivacySetting } from '@lagesbild/shared/api/privacy'
import type { PersonalDataCheck } from '@lagesbild/shared/domain/personal-data'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, missingVersion, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import { DEFAULT_PERSONAL_DATA_CHECK, effectiveSetting } from './text-check.ts'

type Setting = Static<typeof PrivacySetting>

export async function getSetting(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
): Promise<Setting> {
  const organisation = await db
    .selectFrom('organisation')
    .where('id', '=', organisationId)
    .select('id')
    .executeTakeFirst()
  if (!organisation) throw notFound()
  const [found, canEdit] = await Promise.all([
    effectiveSetting(db, organisationId),
    hasRoleOver(db, user, organisationId, ['administrator']),
  ])
  const own = found?.depth === 0
  return {
    organisationId,
    personalDataCheck: (found?.personal_data_check ?? DEFAULT_PERSONAL_DATA_CHECK) as PersonalDataCheck,
    inheritedFrom: found && !own ? { id: found.organisation_id, name: found.name } : null,
    version: own ? found.version : null,
    canEdit,
  }
}

/** Sets the organisation's own setting; the first one needs no version, later ones the one read. */
export async function putSetting(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
  check: PersonalDataCheck,
  version: number | undefined,
): Promise<Setting> {
  const current = await getSetting(db, user, organisationId)
  if (!current.canEdit) throw forbidden()
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('privacy_setting')
      .where('organisation_id', '=', organisationId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (before) {
      if (version === undefined) throw missingVersion()
      if (before.version !== version) throw staleVersion(current)
      await trx
        .updateTable('privacy_setting')
        .set({ personal_data_check: check, version: before.version + 1, updated_at: new Date() })
        .where('organisation_id', '=', organisationId)
        .execute()
    } else {
      await trx
        .insertInto('privacy_setting')
        .values({ organisation_id: organisationId, personal_data_check: check })
        .execute()
    }
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'privacy_setting',
      entityId: organisationId,
      action: before ? 'update' : 'create',
      ...(before ? { before: { personalDataCheck: before.personal_data_check } } : {}),
      after: { personalDataCheck: check },
    })
  })
  return getSetting(db, user, organisationId)
}
