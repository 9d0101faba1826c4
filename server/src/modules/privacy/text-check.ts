import type { PersonalDataCheck } from '@lagesbild/shared/domain/personal-data'
import { findPersonalData, personalDataMessages } from '@lagesbild/shared/domain/personal-data'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { HttpProblem } from '../../plugins/problem.ts'

/** Until an organisation decides otherwise, the app warns and the server lets text through. */
export const DEFAULT_PERSONAL_DATA_CHECK: PersonalDataCheck = 'warn'

/** The setting that applies to an organisation: its own, or the nearest one above it. */
export async function effectiveSetting(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('organisation_closure as c')
    .innerJoin('privacy_setting as s', 's.organisation_id', 'c.ancestor_id')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', '=', organisationId)
    .orderBy('c.depth')
    .select(['s.organisation_id', 's.personal_data_check', 's.version', 'o.name', 'c.depth'])
    .limit(1)
    .executeTakeFirst()
}

/**
 * For free-text fields about the target group: where the organisation chose `refuse`,
 * text that looks like a personal identity number or a list of names gets a 422 naming
 * each such field. Call it with the organisation that owns the data (e.g. a project's owner).
 */
export async function assertNoPersonalData(
  db: Kysely<Database>,
  organisationId: string,
  fields: Record<string, string | null | undefined>,
): Promise<void> {
  const texts = Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1]))
  if (texts.length === 0) return
  const setting = await effectiveSetting(db, organisationId)
  if ((setting?.personal_data_check ?? DEFAULT_PERSONAL_DATA_CHECK) !== 'refuse') return
  const errors = texts.flatMap(([field, text]) => {
    const finding = findPersonalData(text)[0]
    return finding ? [{ field, code: 'personal_data', message: personalDataMessages[finding.kind] }] : []
  })
  const first = errors[0]
  if (!first) return
  throw new HttpProblem(422, 'personal_data', undefined, { detail: first.message, errors })
}
