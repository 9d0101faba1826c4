import type { StaffingCreate, StaffingEntry, StaffingPatch } from '@lagesbild/shared/api/staffing'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import { type FieldIssue, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { invalid } from './activities.ts'
import { applyDateInput, dateColumns, readDate } from './dates.ts'

registerConstraintMessages({
  staffing_person_id_fkey: { sv: 'Personen finns inte.', en: 'The person does not exist.' },
  staffing_organisation_id_fkey: { sv: 'Organisationen finns inte.', en: 'The organisation does not exist.' },
  staffing_period_end_order_check: {
    sv: 'Perioden kan inte sluta innan den börjar.',
    en: 'The period cannot end before it starts.',
  },
})

type Db = Kysely<Database>
type Entry = Static<typeof StaffingEntry>

function query(db: Db) {
  return db
    .selectFrom('staffing as s')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .leftJoin('organisation as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['p.name as person_name', 'o.name as organisation_name'])
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>

function toEntry(row: Row): Entry {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    person: row.person_id && row.person_name ? { id: row.person_id, name: row.person_name } : null,
    role: row.role,
    organisation:
      row.organisation_id && row.organisation_name
        ? { id: row.organisation_id, name: row.organisation_name }
        : null,
    timeSharePercent: row.time_share_percent,
    periodStart: readDate(row.period_start_from, row.period_start_to, row.period_start_precision),
    periodEnd: readDate(row.period_end_from, row.period_end_to, row.period_end_precision),
    agreement: row.agreement as Entry['agreement'],
    comment: row.comment,
    version: row.version,
  }
}

export async function listStaffing(db: Db, projectId: string) {
  const rows = await query(db)
    .where('s.project_id', '=', projectId)
    .orderBy('s.position')
    .orderBy('s.id')
    .execute()
  return { items: rows.map(toEntry) }
}

async function getEntry(db: Db, projectId: string, id: string) {
  const row = await query(db).where('s.id', '=', id).where('s.project_id', '=', projectId).executeTakeFirst()
  if (!row) throw notFound()
  return toEntry(row)
}

type Input = Omit<Static<typeof StaffingPatch>, 'version'>

function columns(current: Entry | null, input: Input) {
  const issues: FieldIssue[] = []
  const periodStart = applyDateInput('periodStart', current?.periodStart ?? null, input.periodStart, issues)
  const periodEnd = applyDateInput('periodEnd', current?.periodEnd ?? null, input.periodEnd, issues)
  if (periodStart && periodEnd && periodEnd.to < periodStart.from) {
    issues.push({
      field: 'periodEnd',
      code: 'end_before_start',
      message: {
        sv: 'Perioden kan inte sluta innan den börjar.',
        en: 'The period cannot end before it starts.',
      },
    })
  }
  if (issues.length > 0) throw invalid(issues)
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.personId !== undefined ? { person_id: input.personId } : {}),
    ...(input.role !== undefined ? { role: input.role.trim() } : {}),
    ...(input.organisationId !== undefined ? { organisation_id: input.organisationId } : {}),
    ...(input.timeSharePercent !== undefined ? { time_share_percent: input.timeSharePercent } : {}),
    ...(input.agreement !== undefined ? { agreement: input.agreement } : {}),
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
    ...dateColumns('period_start', periodStart),
    ...dateColumns('period_end', periodEnd),
  }
}

export async function createStaffing(
  db: Db,
  actorId: string,
  projectId: string,
  input: Static<typeof StaffingCreate>,
): Promise<Entry> {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('staffing')
      .where('project_id', '=', projectId)
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst()
    await trx
      .insertInto('staffing')
      .values({
        id,
        project_id: projectId,
        position: Number(last?.max ?? 0) + 1,
        name: input.name.trim(),
        ...columns(null, input),
      })
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'staffing',
      entityId: id,
      projectId,
      action: 'create',
      after: await getEntry(trx, projectId, id),
    })
  })
  return getEntry(db, projectId, id)
}

export async function updateStaffing(
  db: Db,
  actorId: string,
  projectId: string,
  id: string,
  version: number,
  input: Input,
): Promise<Entry> {
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('staffing')
      .where('id', '=', id)
      .where('project_id', '=', projectId)
      .select('version')
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw notFound()
    const before = await getEntry(trx, projectId, id)
    if (locked.version !== version) throw staleVersion(before)
    await trx
      .updateTable('staffing')
      .set({ ...columns(before, input), version: locked.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'staffing',
      entityId: id,
      projectId,
      action: 'update',
      before,
      after: await getEntry(trx, projectId, id),
    })
  })
  return getEntry(db, projectId, id)
}

export async function deleteStaffing(
  db: Db,
  actorId: string,
  projectId: string,
  id: string,
  version: number,
) {
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('staffing')
      .where('id', '=', id)
      .where('project_id', '=', projectId)
      .select('version')
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw notFound()
    const before = await getEntry(trx, projectId, id)
    if (locked.version !== version) throw staleVersion(before)
    await trx.deleteFrom('staffing').where('id', '=', id).execute()
    await recordAudit(trx, { actorId, entity: 'staffing', entityId: id, projectId, action: 'delete', before })
  })
}
