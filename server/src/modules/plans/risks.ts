import type { Risk, RiskCreate, RiskPatch } from '@lagesbild/shared/api/risks'
import { type RiskGrade, type RiskStatus, riskLevel, riskScore } from '@lagesbild/shared/domain/risk'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database, RiskTable } from '../../db/schema.ts'
import { notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'

type Db = Kysely<Database>
type RiskT = Static<typeof Risk>

function toRisk(row: Selectable<RiskTable>): RiskT {
  const probability = row.probability as RiskGrade
  const consequence = row.consequence as RiskGrade
  return {
    id: row.id,
    position: row.position,
    description: row.description,
    probability,
    consequence,
    score: riskScore(probability, consequence),
    level: riskLevel(probability, consequence),
    mitigation: row.mitigation,
    owner: row.owner,
    status: row.status as RiskStatus,
    version: row.version,
  }
}

export async function listRisks(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('risk')
    .where('project_id', '=', projectId)
    .orderBy('position')
    .orderBy('id')
    .selectAll()
    .execute()
  return { items: rows.map(toRisk) }
}

async function lockRisk(trx: Db, projectId: string, id: string, version: number) {
  const row = await trx
    .selectFrom('risk')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.version !== version) throw staleVersion(toRisk(row))
  return row
}

export async function createRisk(
  db: Db,
  actorId: string,
  projectId: string,
  input: Static<typeof RiskCreate>,
) {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('risk')
      .where('project_id', '=', projectId)
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst()
    const row = await trx
      .insertInto('risk')
      .values({
        id: uuid(),
        project_id: projectId,
        position: Number(last?.max ?? 0) + 1,
        description: input.description.trim(),
        probability: input.probability,
        consequence: input.consequence,
        mitigation: input.mitigation ?? '',
        owner: input.owner?.trim() ?? '',
        status: input.status ?? 'open',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const risk = toRisk(row)
    await recordAudit(trx, {
      actorId,
      entity: 'risk',
      entityId: row.id,
      projectId,
      action: 'create',
      after: risk,
    })
    return risk
  })
}

export async function updateRisk(
  db: Db,
  actorId: string,
  projectId: string,
  id: string,
  version: number,
  patch: Omit<Static<typeof RiskPatch>, 'version'>,
) {
  return db.transaction().execute(async (trx) => {
    const before = await lockRisk(trx, projectId, id, version)
    const row = await trx
      .updateTable('risk')
      .set({
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.probability !== undefined ? { probability: patch.probability } : {}),
        ...(patch.consequence !== undefined ? { consequence: patch.consequence } : {}),
        ...(patch.mitigation !== undefined ? { mitigation: patch.mitigation } : {}),
        ...(patch.owner !== undefined ? { owner: patch.owner.trim() } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const risk = toRisk(row)
    await recordAudit(trx, {
      actorId,
      entity: 'risk',
      entityId: id,
      projectId,
      action: 'update',
      before: toRisk(before),
      after: risk,
    })
    return risk
  })
}

export async function deleteRisk(db: Db, actorId: string, projectId: string, id: string, version: number) {
  await db.transaction().execute(async (trx) => {
    const before = await lockRisk(trx, projectId, id, version)
    await trx.deleteFrom('risk').where('id', '=', id).execute()
    await recordAudit(trx, {
      actorId,
      entity: 'risk',
      entityId: id,
      projectId,
      action: 'delete',
      before: toRisk(before),
    })
  })
}
