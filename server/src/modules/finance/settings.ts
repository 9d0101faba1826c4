import type {
  FinanceOrganisationSettings,
  FinanceOrganisationSettingsPut,
} from '@lagesbild/shared/api/finance-imports'
import type { OrganisationRole } from '@lagesbild/shared/domain/access'
import { defaultCategories } from '@lagesbild/shared/domain/finance'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import type { Mapping } from './imports/parse.ts'
import type { AccountRule } from './imports/rows.ts'
import { categoriesFor, rootOrganisationOf } from './queries.ts'

export const financeRoles: readonly OrganisationRole[] = ['finance', 'administrator']

/**
 * A starting point modelled on common municipal account classes (5 staff, 61 premises,
 * 64–65 equipment …); each organisation sets its own. The longest matching prefix wins.
 */
export const defaultAccountRules: AccountRule[] = [
  { prefix: '5', category: 'staff' },
  { prefix: '56', category: 'training' },
  { prefix: '61', category: 'premises' },
  { prefix: '64', category: 'equipment' },
  { prefix: '65', category: 'equipment' },
  { prefix: '69', category: 'communication' },
  { prefix: '739', category: 'evaluation' },
]

/** The top organisations (municipality, region) where the user works with finance. */
export async function financeOrganisations(db: Kysely<Database>, user: AuthUser) {
  const granted = user.grants.filter((g) => financeRoles.includes(g.role)).map((g) => g.organisationId)
  if (granted.length === 0) return []
  return db
    .selectFrom('organisation_closure as c')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', 'in', granted)
    .where('o.parent_id', 'is', null)
    .select(['o.id', 'o.name'])
    .distinct()
    .orderBy('o.name')
    .execute()
}

/**
 * The top organisation whose finance the user may work with through `organisationId`:
 * they hold finance or administrator on it or on a unit below it. 404 otherwise.
 */
export async function servedOrganisation(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
): Promise<string> {
  const exists = await db
    .selectFrom('organisation')
    .where('id', '=', organisationId)
    .select('id')
    .executeTakeFirst()
  if (!exists) throw notFound()
  const root = await rootOrganisationOf(db, organisationId)
  if (await hasRoleOver(db, user, organisationId, financeRoles)) return root
  const served = await financeOrganisations(db, user)
  if (served.some((o) => o.id === root)) return root
  throw notFound()
}

export async function organisationSettings(db: Kysely<Database>, organisationId: string) {
  const row = await db
    .selectFrom('finance_settings')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .executeTakeFirst()
  return {
    categories: await categoriesFor(db, organisationId),
    accountRules: row ? (row.account_rules as AccountRule[]) : defaultAccountRules,
    columnMapping: (row?.column_mapping as Mapping | null) ?? null,
    version: row?.version ?? 1,
  }
}

export async function getOrganisationSettings(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
): Promise<Static<typeof FinanceOrganisationSettings>> {
  const root = await servedOrganisation(db, user, organisationId)
  const org = await db
    .selectFrom('organisation')
    .where('id', '=', root)
    .select(['id', 'name'])
    .executeTakeFirstOrThrow()
  return { organisation: org, ...(await organisationSettings(db, root)) }
}

/** Creates the settings row with the defaults when there is none, and locks it. */
export async function lockOrganisationSettings(trx: Kysely<Database>, organisationId: string) {
  await trx
    .insertInto('finance_settings')
    .values({
      organisation_id: organisationId,
      categories: JSON.stringify(defaultCategories.map((c) => ({ ...c, active: true }))),
      account_rules: JSON.stringify(defaultAccountRules),
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return trx
    .selectFrom('finance_settings')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .forUpdate()
    .executeTakeFirstOrThrow()
}

/**
 * The categories outside `keep` that budgets or costs of the organisation's projects use. Costs
 * are read from the roll-ups (cost-rollup.ts), a few rows per project and year, not from the
 * entries: a municipality has millions. The projects are those its units own and those its
 * finance codes point at (imports book through them, whoever owns the project now); an import
 * still committing is not in the roll-ups yet, so its entries are looked at too.
 */
async function codesInUse(
  db: Kysely<Database>,
  organisationId: string,
  keep: string[],
): Promise<Set<string>> {
  const rows = await sql<{ category: string }>`
    with projects as (
      select p.id from project p
        join organisation_closure c on c.descendant_id = p.owner_organisation_id and c.ancestor_id = ${organisationId}
      union select project_id from finance_code where organisation_id = ${organisationId}
    )
    select distinct l.category from budget_line l
      join budget_version v on v.id = l.budget_version_id
      where v.project_id in (select id from projects) and l.category <> all(${keep}::text[])
    union
    select distinct y.category from cost_year y
      where y.project_id in (select id from projects) and y.category <> all(${keep}::text[])
    union
    select distinct a.category from finance_import i join actual_cost a on a.import_id = i.id
      where i.organisation_id = ${organisationId} and i.status = 'committing' and a.category <> all(${keep}::text[])
  `.execute(db)
  return new Set(rows.rows.map((r) => r.category))
}

export async function putOrganisationSettings(
  db: Kysely<Database>,
  user: AuthUser,
  organisationId: string,
  expected: number,
  input: Omit<Static<typeof FinanceOrganisationSettingsPut>, 'version'>,
) {
  const root = await servedOrganisation(db, user, organisationId)
  const codes = input.categories.map((c) => c.code)
  const duplicate = codes.findIndex((c, i) => codes.indexOf(c) !== i)
  if (duplicate >= 0) {
    throw invalidField(`categories.${duplicate}.code`, 'duplicate', {
      sv: 'Koden finns redan i listan.',
      en: 'The code is already in the list.',
    })
  }
  const [code] = [...(await codesInUse(db, root, codes))].sort()
  if (code !== undefined) {
    throw invalidField('categories', 'category_in_use', {
      sv: `Kategorin "${code}" används i budgetar eller utfall; gör den inaktiv i stället för att ta bort den.`,
      en: `The category "${code}" is used in budgets or actuals; make it inactive instead of removing it.`,
    })
  }
  input.accountRules.forEach((rule, index) => {
    if (!codes.includes(rule.category)) {
      throw invalidField(`accountRules.${index}.category`, 'unknown_category', {
        sv: 'Kostnadskategorin finns inte i listan.',
        en: 'The cost category is not in the list.',
      })
    }
  })
  await db.transaction().execute(async (trx) => {
    const row = await lockOrganisationSettings(trx, root)
    if (row.version !== expected) throw staleVersion(await getOrganisationSettings(trx, user, root))
    await trx
      .updateTable('finance_settings')
      .set({
        categories: JSON.stringify(input.categories),
        account_rules: JSON.stringify(input.accountRules),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('organisation_id', '=', root)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_settings',
      entityId: root,
      action: 'update',
      before: { categories: row.categories, accountRules: row.account_rules },
      after: { categories: input.categories, accountRules: input.accountRules },
    })
  })
  return getOrganisationSettings(db, user, root)
}
