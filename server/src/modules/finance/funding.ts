import type {
  FunderTotal,
  FundingEntry,
  FundingEntryCreate,
  FundingEntryPatch,
} from '@lagesbild/shared/api/finance'
import { type FunderKind, type FundingStatus, isGranted } from '@lagesbild/shared/domain/finance'
import { sharesInBasisPoints, sumOre } from '@lagesbild/shared/domain/money'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, FundingEntryTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'

registerConstraintMessages({
  funding_entry_funder_name_key: {
    sv: 'Finansiären har redan ett belopp för det året.',
    en: 'The funder already has an amount for that year.',
  },
  funding_entry_funder_organisation_id_fkey: {
    sv: 'Organisationen finns inte.',
    en: 'The organisation does not exist.',
  },
})

type Entry = Static<typeof FundingEntry>

/** The project's funding plan in the order it is shown. */
export function fundingQuery(db: Kysely<Database>, projectId: string) {
  return db
    .selectFrom('funding_entry as f')
    .leftJoin('organisation as o', 'o.id', 'f.funder_organisation_id')
    .where('f.project_id', '=', projectId)
    .select([
      'f.id',
      'f.funder_name',
      'f.funder_kind',
      'f.funder_organisation_id',
      'f.year',
      'f.amount_ore',
      'f.status',
      'f.decision_reference',
      'f.version',
      'o.name as organisation_name',
    ])
    .orderBy('f.year')
    .orderBy('f.amount_ore', 'desc')
    .orderBy('f.funder_name')
}

async function rows(db: Kysely<Database>, projectId: string, id?: string) {
  let q = fundingQuery(db, projectId)
  if (id) q = q.where('f.id', '=', id)
  return q.execute()
}

export function toEntry(
  row: Omit<Selectable<FundingEntryTable>, 'project_id' | 'created_at' | 'updated_at'> & {
    organisation_name: string | null
  },
): Entry {
  return {
    id: row.id,
    funderName: row.funder_name,
    funderKind: row.funder_kind as FunderKind,
    funderOrganisation:
      row.funder_organisation_id && row.organisation_name
        ? { id: row.funder_organisation_id, name: row.organisation_name }
        : null,
    year: row.year,
    amountOre: row.amount_ore,
    status: row.status as FundingStatus,
    decisionReference: row.decision_reference,
    version: row.version,
  }
}

export async function listFunding(db: Kysely<Database>, projectId: string): Promise<Entry[]> {
  return (await rows(db, projectId)).map(toEntry)
}

async function getEntry(db: Kysely<Database>, projectId: string, id: string) {
  const [row] = await rows(db, projectId, id)
  if (!row) throw notFound()
  return toEntry(row)
}

/**
 * Per funder: total, granted, and shares in basis points, of the whole plan and of each year.
 * Shares are split by the largest remainder, so a year's or the plan's shares add up to 100 %.
 */
export function funderTotals(entries: readonly Entry[]): Static<typeof FunderTotal>[] {
  const names = [...new Set(entries.map((e) => e.funderName))]
  const totals = names.map((name) =>
    sumOre(entries.filter((e) => e.funderName === name).map((e) => e.amountOre)),
  )
  const shares = sharesInBasisPoints(totals)
  const years = [...new Set(entries.map((e) => e.year))]
  const yearShares = new Map<string, number>()
  for (const year of years) {
    const amounts = names.map((name) =>
      sumOre(entries.filter((e) => e.funderName === name && e.year === year).map((e) => e.amountOre)),
    )
    sharesInBasisPoints(amounts).forEach((share, index) => {
      yearShares.set(`${names[index]}|${year}`, share)
    })
  }
  return names
    .map((name, index) => {
      const own = entries.filter((e) => e.funderName === name)
      return {
        funderName: name,
        funderKind: own[0]?.funderKind ?? 'other',
        totalOre: totals[index] ?? 0,
        grantedOre: sumOre(own.filter((e) => isGranted(e.status)).map((e) => e.amountOre)),
        shareBp: shares[index] ?? 0,
        byYear: own.map((e) => ({
          year: e.year,
          amountOre: e.amountOre,
          shareBp: yearShares.get(`${name}|${e.year}`) ?? 0,
        })),
      }
    })
    .sort((a, b) => b.totalOre - a.totalOre || a.funderName.localeCompare(b.funderName, 'sv'))
}

const snapshot = (e: Entry) => ({
  funderName: e.funderName,
  funderKind: e.funderKind,
  funderOrganisationId: e.funderOrganisation?.id ?? null,
  year: e.year,
  amountOre: e.amountOre,
  status: e.status,
  decisionReference: e.decisionReference,
})

export async function createFunding(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  input: Static<typeof FundingEntryCreate>,
): Promise<Entry> {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('funding_entry')
      .values({
        id,
        project_id: projectId,
        funder_name: input.funderName.trim(),
        funder_kind: input.funderKind,
        funder_organisation_id: input.funderOrganisationId ?? null,
        year: input.year,
        amount_ore: input.amountOre,
        status: input.status ?? 'applied',
        decision_reference: input.decisionReference ?? '',
      })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'funding_entry',
      entityId: id,
      projectId,
      action: 'create',
      after: snapshot(await getEntry(trx, projectId, id)),
    })
  })
  return getEntry(db, projectId, id)
}

export async function updateFunding(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  entryId: string,
  expected: number,
  patch: Omit<Static<typeof FundingEntryPatch>, 'version'>,
): Promise<Entry> {
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('funding_entry')
      .where('id', '=', entryId)
      .where('project_id', '=', projectId)
      .select('version')
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw notFound()
    const before = await getEntry(trx, projectId, entryId)
    if (locked.version !== expected) throw staleVersion(before)
    await trx
      .updateTable('funding_entry')
      .set({
        ...(patch.funderName !== undefined ? { funder_name: patch.funderName.trim() } : {}),
        ...(patch.funderKind !== undefined ? { funder_kind: patch.funderKind } : {}),
        ...(patch.funderOrganisationId !== undefined
          ? { funder_organisation_id: patch.funderOrganisationId }
          : {}),
        ...(patch.year !== undefined ? { year: patch.year } : {}),
        ...(patch.amountOre !== undefined ? { amount_ore: patch.amountOre } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.decisionReference !== undefined ? { decision_reference: patch.decisionReference } : {}),
        version: locked.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', entryId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'funding_entry',
      entityId: entryId,
      projectId,
      action: 'update',
      before: snapshot(before),
      after: snapshot(await getEntry(trx, projectId, entryId)),
    })
  })
  return getEntry(db, projectId, entryId)
}

export async function deleteFunding(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  entryId: string,
  expected: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('funding_entry')
      .where('id', '=', entryId)
      .where('project_id', '=', projectId)
      .select('version')
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw notFound()
    const before = await getEntry(trx, projectId, entryId)
    if (locked.version !== expected) throw staleVersion(before)
    await trx.deleteFrom('funding_entry').where('id', '=', entryId).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'funding_entry',
      entityId: entryId,
      projectId,
      action: 'delete',
      before: snapshot(before),
    })
  })
}
