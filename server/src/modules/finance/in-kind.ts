import {
  type InKindContribution,
  type InKindCreate,
  type InKindPatch,
  MAX_AMOUNT_ORE,
} from '@lagesbild/shared/api/finance'
import { type InKindUnit, inKindValueOre } from '@lagesbild/shared/domain/finance'
import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, InKindContributionTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { idArray } from './queries.ts'

registerConstraintMessages({
  in_kind_contribution_months_check: {
    sv: 'Ange antal månader (1–12) för andel av tjänst, och inga månader för timmar.',
    en: 'Give months (1–12) for a share of a position, and none for hours.',
  },
  in_kind_contribution_quantity_check: {
    sv: 'Andel av tjänst anges i baspunkter, högst 10 000 (100 %).',
    en: 'A share of a position is given in basis points, at most 10 000 (100 %).',
  },
})

type Contribution = Static<typeof InKindContribution>

export function toContribution(
  row: Omit<Selectable<InKindContributionTable>, 'created_at' | 'updated_at'>,
): Contribution {
  const unit = row.unit as InKindUnit
  return {
    id: row.id,
    contributor: row.contributor,
    description: row.description,
    year: row.year,
    unit,
    quantity: row.quantity,
    months: row.months,
    rateOre: row.rate_ore,
    valueOre: inKindValueOre({ unit, quantity: row.quantity, months: row.months, rateOre: row.rate_ore }),
    version: row.version,
  }
}

/** The contributions to the projects (ids, or an SQL array of them) in the order they are shown. */
export function inKindQuery(db: Kysely<Database>, projectIds: RawBuilder<string[]>) {
  return db
    .selectFrom('in_kind_contribution')
    .where(sql<boolean>`project_id = any(${projectIds})`)
    .select([
      'id',
      'project_id',
      'contributor',
      'description',
      'year',
      'unit',
      'quantity',
      'months',
      'rate_ore',
      'version',
    ])
    .orderBy('year')
    .orderBy('contributor')
}

export async function listInKind(db: Kysely<Database>, projectIds: string[]): Promise<Contribution[]> {
  if (projectIds.length === 0) return []
  return (await inKindQuery(db, idArray(projectIds)).execute()).map(toContribution)
}

function checkValue(unit: InKindUnit, quantity: number, months: number | null, rateOre: number) {
  const value =
    unit === 'hours'
      ? BigInt(quantity) * BigInt(rateOre)
      : (BigInt(rateOre) * BigInt(quantity) * BigInt(months ?? 0)) / 10_000n
  if (value > BigInt(MAX_AMOUNT_ORE)) {
    throw invalidField('rateOre', 'too_large', {
      sv: 'Värdet av bidraget blir orimligt stort; kontrollera antal och kostnad per enhet.',
      en: 'The value of the contribution becomes unreasonably large; check the quantity and the rate.',
    })
  }
}

function checkUnit(unit: InKindUnit, quantity: number, months: number | null) {
  if (unit === 'position_share' && months === null) {
    throw invalidField('months', 'required', {
      sv: 'Ange hur många månader andelen av tjänsten gäller.',
      en: 'Give how many months the share of the position applies.',
    })
  }
  if (unit === 'position_share' && quantity > 10_000) {
    throw invalidField('quantity', 'too_large', {
      sv: 'Andelen av en tjänst kan vara högst 100 % (10 000 baspunkter).',
      en: 'A share of a position is at most 100 % (10 000 basis points).',
    })
  }
}

const snapshot = (c: Contribution) => {
  const { id: _id, version: _version, ...rest } = c
  return rest
}

export async function createInKind(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  input: Static<typeof InKindCreate>,
): Promise<Contribution> {
  const months = input.unit === 'hours' ? null : (input.months ?? null)
  checkUnit(input.unit, input.quantity, months)
  checkValue(input.unit, input.quantity, months, input.rateOre)
  const id = uuid()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('in_kind_contribution')
      .values({
        id,
        project_id: projectId,
        contributor: input.contributor.trim(),
        description: input.description ?? '',
        year: input.year,
        unit: input.unit,
        quantity: input.quantity,
        months,
        rate_ore: input.rateOre,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const created = toContribution(row)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'in_kind',
      entityId: id,
      projectId,
      action: 'create',
      after: snapshot(created),
    })
    return created
  })
}

export async function updateInKind(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  entryId: string,
  expected: number,
  patch: Omit<Static<typeof InKindPatch>, 'version'>,
): Promise<Contribution> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('in_kind_contribution')
      .where('id', '=', entryId)
      .where('project_id', '=', projectId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw notFound()
    const before = toContribution(row)
    if (row.version !== expected) throw staleVersion(before)
    const unit = patch.unit ?? before.unit
    const quantity = patch.quantity ?? row.quantity
    const months = unit === 'hours' ? null : patch.months === undefined ? row.months : patch.months
    checkUnit(unit, quantity, months)
    checkValue(unit, quantity, months, patch.rateOre ?? row.rate_ore)
    const updated = await trx
      .updateTable('in_kind_contribution')
      .set({
        ...(patch.contributor !== undefined ? { contributor: patch.contributor.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.year !== undefined ? { year: patch.year } : {}),
        ...(patch.rateOre !== undefined ? { rate_ore: patch.rateOre } : {}),
        unit,
        quantity,
        months,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', entryId)
      .returningAll()
      .executeTakeFirstOrThrow()
    const after = toContribution(updated)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'in_kind',
      entityId: entryId,
      projectId,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    })
    return after
  })
}

export async function deleteInKind(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  entryId: string,
  expected: number,
) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('in_kind_contribution')
      .where('id', '=', entryId)
      .where('project_id', '=', projectId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw notFound()
    if (row.version !== expected) throw staleVersion(toContribution(row))
    await trx.deleteFrom('in_kind_contribution').where('id', '=', entryId).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'in_kind',
      entityId: entryId,
      projectId,
      action: 'delete',
      before: snapshot(toContribution(row)),
    })
  })
}
