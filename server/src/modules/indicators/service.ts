import type {
  Indicator,
  IndicatorCreate,
  IndicatorGrid,
  IndicatorPatch,
  Measurement,
  MeasurementPut,
} from '@lagesbild/shared/api/indicators'
import type { AuditAction } from '@lagesbild/shared/domain/audit-vocabulary'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  explainProgress,
  type IndicatorDirection,
  type IndicatorUnit,
  levelOf,
  type Quantity,
} from '@lagesbild/shared/domain/indicator-progress'
import {
  isPeriodKey,
  type PeriodFrequency,
  periodRange,
  periodsBetween,
} from '@lagesbild/shared/domain/reporting-period'
import type { Language } from '@lagesbild/shared/http/language'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, IndicatorMeasurementTable, IndicatorTable } from '../../db/schema.ts'
import { type FieldIssue, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { assertNoPersonalData } from '../privacy/text-check.ts'
import { findProjectRow } from '../projects/queries.ts'
import { progressOf, type QuantityInput, quantityOf, readQuantity, shareOf } from './values.ts'

registerConstraintMessages({
  indicator_measurement_period_key: {
    sv: 'Det finns redan ett värde för perioden.',
    en: 'There is already a value for the period.',
  },
  indicator_goal_id_fkey: { sv: 'Målet finns inte.', en: 'The goal does not exist.' },
})

type Db = Kysely<Database>
type IndicatorT = Static<typeof Indicator>
type MeasurementT = Static<typeof Measurement>
type IndicatorRow = Selectable<IndicatorTable>
type MeasurementRow = Selectable<IndicatorMeasurementTable> & { entered_by_name?: string | null }

export const unitOf = (row: IndicatorRow) => row.unit as IndicatorUnit

function dated(
  q: { value: string | null; numerator: number | null; denominator: number | null },
  date: string | null,
) {
  const quantity = quantityOf(q)
  if (quantity.value === null && quantity.numerator === null) return null
  return { ...quantity, date }
}

export const baselineOf = (row: IndicatorRow) =>
  dated(
    { value: row.baseline_value, numerator: row.baseline_numerator, denominator: row.baseline_denominator },
    row.baseline_date,
  )
export const targetOf = (row: IndicatorRow) =>
  dated(
    { value: row.target_value, numerator: row.target_numerator, denominator: row.target_denominator },
    row.target_date,
  )

export function progressFor(row: IndicatorRow, measurements: readonly MeasurementRow[]) {
  return progressOf(
    {
      unit: unitOf(row),
      direction: row.direction as IndicatorDirection,
      baseline: baselineOf(row),
      target: targetOf(row),
    },
    measurements.map((m) => ({ ...quantityOf(m), period: m.period })),
  )
}

function toMeasurement(row: MeasurementRow): MeasurementT {
  const q = quantityOf(row)
  return {
    id: row.id,
    period: row.period,
    ...q,
    share: shareOf(q),
    source: row.source,
    comment: row.comment,
    enteredBy: row.entered_by_name ?? null,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  }
}

async function goalsOf(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('goal')
    .where('project_id', '=', projectId)
    .select(['id', 'title', 'kind'])
    .execute()
  return new Map(rows.map((g) => [g.id, g]))
}

function toIndicator(
  row: IndicatorRow,
  measurements: readonly MeasurementRow[],
  goals: Map<string, { id: string; title: string; kind: string }>,
  language: Language,
): IndicatorT {
  const progress = progressFor(row, measurements)
  const latest = measurements.at(-1)
  return {
    id: row.id,
    goal: row.goal_id ? (goals.get(row.goal_id) ?? null) : null,
    sharedKey: row.shared_key,
    position: row.position,
    name: row.name,
    definition: row.definition,
    unit: unitOf(row),
    direction: row.direction as IndicatorDirection,
    frequency: row.frequency as PeriodFrequency,
    source: row.source,
    baseline: baselineOf(row),
    target: targetOf(row),
    latest: latest ? { period: latest.period, ...quantityOf(latest) } : null,
    progress: { ...progress, explanation: explainProgress(progress, language) },
    version: row.version,
  }
}

async function indicatorRows(db: Db, projectId: string) {
  return db
    .selectFrom('indicator')
    .where('project_id', '=', projectId)
    .selectAll()
    .orderBy('position')
    .orderBy('id')
    .execute()
}

/** Measurements of the indicators, oldest period first, optionally only periods ended by a day. */
export async function measurementRows(db: Db, indicatorIds: readonly string[], until?: string) {
  if (indicatorIds.length === 0) return []
  let query = db
    .selectFrom('indicator_measurement as m')
    .leftJoin('app_user as u', 'u.id', 'm.entered_by')
    .where('m.indicator_id', 'in', indicatorIds)
    .selectAll('m')
    .select('u.name as entered_by_name')
  if (until) query = query.where('m.period_end', '<=', until)
  return query.orderBy('m.period_start').orderBy('m.period').execute()
}

function byIndicator(rows: MeasurementRow[]) {
  const map = new Map<string, MeasurementRow[]>()
  for (const row of rows) map.set(row.indicator_id, [...(map.get(row.indicator_id) ?? []), row])
  return map
}

export async function listIndicators(db: Db, projectId: string, language: Language) {
  const [rows, goals] = await Promise.all([indicatorRows(db, projectId), goalsOf(db, projectId)])
  const measured = byIndicator(
    await measurementRows(
      db,
      rows.map((r) => r.id),
    ),
  )
  return { items: rows.map((r) => toIndicator(r, measured.get(r.id) ?? [], goals, language)) }
}

export async function getIndicator(db: Db, projectId: string, indicatorId: string, language: Language) {
  const row = await db
    .selectFrom('indicator')
    .where('id', '=', indicatorId)
    .where('project_id', '=', projectId)
    .selectAll()
    .executeTakeFirst()
  if (!row) throw notFound()
  const measurements = await measurementRows(db, [row.id])
  return toIndicator(row, measurements, await goalsOf(db, projectId), language)
}

type AmountInput = QuantityInput & { date?: string | null | undefined }

/** Free text about the work may hold no personal data where the organisation refuses it. */
async function checkFreeText(db: Db, projectId: string, fields: Record<string, string | undefined>) {
  const project = await findProjectRow(db, projectId)
  if (!project) throw notFound()
  await assertNoPersonalData(db, project.owner_organisation_id, fields)
}

/** Baseline or target columns from input, checked against the unit. */
function amountColumns(
  unit: IndicatorUnit,
  input: AmountInput | null | undefined,
  name: 'baseline' | 'target',
  issues: FieldIssue[],
) {
  const empty = {
    [`${name}_value`]: null,
    [`${name}_numerator`]: null,
    [`${name}_denominator`]: null,
    [`${name}_date`]: null,
  }
  if (!input) return empty
  const q = readQuantity(unit, input, `${name}.`, issues)
  if (!q) return empty
  return {
    [`${name}_value`]: q.value,
    [`${name}_numerator`]: q.numerator,
    [`${name}_denominator`]: q.denominator,
    [`${name}_date`]: input.date ?? null,
  }
}

async function checkGoal(db: Db, projectId: string, goalId: string | null | undefined) {
  if (!goalId) return
  const goal = await db
    .selectFrom('goal')
    .where('id', '=', goalId)
    .where('project_id', '=', projectId)
    .select('id')
    .executeTakeFirst()
  if (!goal)
    throw invalidField('goalId', 'unknown_goal', {
      sv: 'Välj ett mål i samma projekt.',
      en: 'Choose a goal of the same project.',
    })
}

function throwIssues(issues: FieldIssue[]) {
  const first = issues[0]
  if (!first) return
  throw new HttpProblem(422, first.code, undefined, { detail: first.message, errors: issues })
}

const auditView = (row: IndicatorRow) => ({
  name: row.name,
  unit: row.unit,
  direction: row.direction,
  frequency: row.frequency,
  goalId: row.goal_id,
  sharedKey: row.shared_key,
  baseline: baselineOf(row),
  target: targetOf(row),
  source: row.source,
  definition: row.definition,
})

export async function createIndicator(
  db: Db,
  actorId: string,
  projectId: string,
  input: Static<typeof IndicatorCreate>,
  language: Language,
) {
  const issues: FieldIssue[] = []
  const baseline = amountColumns(input.unit, input.baseline, 'baseline', issues)
  const target = amountColumns(input.unit, input.target, 'target', issues)
  throwIssues(issues)
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await checkFreeText(trx, projectId, { definition: input.definition, source: input.source })
    await checkGoal(trx, projectId, input.goalId)
    const last = await trx
      .selectFrom('indicator')
      .where('project_id', '=', projectId)
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst()
    const row = await trx
      .insertInto('indicator')
      .values({
        id,
        project_id: projectId,
        goal_id: input.goalId ?? null,
        shared_key: input.sharedKey ?? null,
        position: Number(last?.max ?? 0) + 1,
        name: input.name.trim(),
        definition: input.definition ?? '',
        unit: input.unit,
        direction: input.direction ?? 'increase',
        frequency: input.frequency,
        source: input.source?.trim() ?? '',
        ...baseline,
        ...target,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId,
      entity: 'indicator',
      entityId: id,
      projectId,
      action: 'create',
      after: auditView(row),
    })
  })
  return getIndicator(db, projectId, id, language)
}

async function lockIndicator(trx: Db, projectId: string, indicatorId: string) {
  const row = await trx
    .selectFrom('indicator')
    .selectAll()
    .where('id', '=', indicatorId)
    .where('project_id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  return row
}

export async function updateIndicator(
  db: Db,
  actorId: string,
  projectId: string,
  indicatorId: string,
  version: number,
  patch: Omit<Static<typeof IndicatorPatch>, 'version'>,
  language: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await lockIndicator(trx, projectId, indicatorId)
    if (before.version !== version)
      throw staleVersion(await getIndicator(trx, projectId, indicatorId, language))
    const unit = unitOf(before)
    const issues: FieldIssue[] = []
    const baseline =
      patch.baseline !== undefined ? amountColumns(unit, patch.baseline, 'baseline', issues) : {}
    const target = patch.target !== undefined ? amountColumns(unit, patch.target, 'target', issues) : {}
    throwIssues(issues)
    await checkFreeText(trx, projectId, { definition: patch.definition, source: patch.source })
    if (patch.goalId !== undefined) await checkGoal(trx, projectId, patch.goalId)
    const after = await trx
      .updateTable('indicator')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.definition !== undefined ? { definition: patch.definition } : {}),
        ...(patch.source !== undefined ? { source: patch.source.trim() } : {}),
        ...(patch.direction !== undefined ? { direction: patch.direction } : {}),
        ...(patch.frequency !== undefined ? { frequency: patch.frequency } : {}),
        ...(patch.goalId !== undefined ? { goal_id: patch.goalId } : {}),
        ...(patch.sharedKey !== undefined ? { shared_key: patch.sharedKey } : {}),
        ...baseline,
        ...target,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', indicatorId)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId,
      entity: 'indicator',
      entityId: indicatorId,
      projectId,
      action: 'update',
      before: auditView(before),
      after: auditView(after),
    })
  })
  return getIndicator(db, projectId, indicatorId, language)
}

export async function deleteIndicator(
  db: Db,
  actorId: string,
  projectId: string,
  indicatorId: string,
  version: number,
  language: Language,
) {
  await db.transaction().execute(async (trx) => {
    const before = await lockIndicator(trx, projectId, indicatorId)
    if (before.version !== version)
      throw staleVersion(await getIndicator(trx, projectId, indicatorId, language))
    const count = await trx
      .deleteFrom('indicator_measurement')
      .where('indicator_id', '=', indicatorId)
      .executeTakeFirst()
    await trx.deleteFrom('indicator').where('id', '=', indicatorId).execute()
    await recordAudit(trx, {
      actorId,
      entity: 'indicator',
      entityId: indicatorId,
      projectId,
      action: 'delete',
      before: { ...auditView(before), measurements: Number(count.numDeletedRows) },
    })
  })
}

/** The stretch of days the grid shows by default: the project period up to today. */
async function defaultRange(db: Db, projectId: string) {
  const project = await findProjectRow(db, projectId)
  if (!project) throw notFound()
  const today = todayInSweden()
  const end = project.actual_end ?? project.planned_end
  // Calendar dates compare as text.
  const to = [end, today].sort()[0] ?? today
  return { from: project.planned_start, to }
}

export async function indicatorGrid(
  db: Db,
  projectId: string,
  query: { from?: string | undefined; to?: string | undefined },
  language: Language,
): Promise<Static<typeof IndicatorGrid>> {
  const range = await defaultRange(db, projectId)
  const from = query.from ?? range.from
  const to = query.to ?? range.to
  if (to < from)
    throw invalidField('to', 'before_from', {
      sv: 'Slutet kan inte vara före början.',
      en: 'The end cannot be before the start.',
    })
  const [rows, goals] = await Promise.all([indicatorRows(db, projectId), goalsOf(db, projectId)])
  const measured = byIndicator(
    await measurementRows(
      db,
      rows.map((r) => r.id),
    ),
  )
  return {
    projectId,
    from,
    to,
    rows: rows.map((row) => {
      const measurements = measured.get(row.id) ?? []
      const periods = periodsBetween(row.frequency as PeriodFrequency, from, to, 120)
      return {
        indicator: toIndicator(row, measurements, goals, language),
        periods,
        cells: measurements.filter((m) => periods.includes(m.period)).map(toMeasurement),
      }
    }),
  }
}

async function findMeasurement(db: Db, indicatorId: string, period: string) {
  const rows = await measurementRows(db, [indicatorId])
  return rows.find((m) => m.period === period)
}

function checkPeriod(row: IndicatorRow, period: string, field = 'period') {
  if (!isPeriodKey(row.frequency as PeriodFrequency, period))
    throw invalidField(field, 'wrong_period', {
      sv: `Perioden ${period} passar inte indikatorns rapporteringsfrekvens.`,
      en: `The period ${period} does not fit the indicator's reporting frequency.`,
    })
}

export interface MeasurementWrite {
  quantity: Quantity
  source?: string | undefined
  comment?: string | undefined
}

/**
 * Writes one period's value in the caller's transaction: creates it, or changes it when the
 * expected version matches (`null` = the caller saw no value; `'any'` = import overwrites).
 */
export async function writeMeasurement(
  trx: Db,
  actorId: string,
  indicator: IndicatorRow,
  period: string,
  expected: number | null | 'any',
  write: MeasurementWrite,
): Promise<'created' | 'updated'> {
  const existing = await trx
    .selectFrom('indicator_measurement')
    .selectAll()
    .where('indicator_id', '=', indicator.id)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirst()
  const stale = async () => {
    const current = await findMeasurement(trx, indicator.id, period)
    return staleVersion(current ? toMeasurement(current) : null)
  }
  const audit = (action: AuditAction, before: unknown, after: unknown) =>
    recordAudit(trx, {
      actorId,
      entity: 'indicator_measurement',
      entityId: existing?.id ?? indicator.id,
      projectId: indicator.project_id,
      action,
      before,
      after,
    })
  const values = {
    value: write.quantity.value,
    numerator: write.quantity.numerator,
    denominator: write.quantity.denominator,
    ...(write.source !== undefined ? { source: write.source.trim() } : {}),
    ...(write.comment !== undefined ? { comment: write.comment } : {}),
    entered_by: actorId,
  }
  const view = (q: Quantity) => ({ indicator: indicator.name, period, ...q })
  if (!existing) {
    if (expected !== null && expected !== 'any') throw await stale()
    const { start, end } = periodRange(period)
    const id = uuid()
    await trx
      .insertInto('indicator_measurement')
      .values({ id, indicator_id: indicator.id, period, period_start: start, period_end: end, ...values })
      .execute()
    await recordAudit(trx, {
      actorId,
      entity: 'indicator_measurement',
      entityId: id,
      projectId: indicator.project_id,
      action: 'create',
      after: view(write.quantity),
    })
    return 'created'
  }
  if (expected !== 'any' && existing.version !== expected) throw await stale()
  await trx
    .updateTable('indicator_measurement')
    .set({ ...values, version: existing.version + 1, updated_at: new Date() })
    .where('id', '=', existing.id)
    .execute()
  await audit('update', view(quantityOf(existing)), view(write.quantity))
  return 'updated'
}

export async function putMeasurement(
  db: Db,
  actorId: string,
  projectId: string,
  indicatorId: string,
  period: string,
  version: number | null,
  input: Omit<Static<typeof MeasurementPut>, 'version'>,
): Promise<MeasurementT> {
  await db.transaction().execute(async (trx) => {
    const indicator = await lockIndicator(trx, projectId, indicatorId)
    checkPeriod(indicator, period)
    const issues: FieldIssue[] = []
    const quantity = readQuantity(unitOf(indicator), input, '', issues)
    throwIssues(issues)
    await checkFreeText(trx, projectId, { comment: input.comment, source: input.source })
    if (!quantity) return
    await writeMeasurement(trx, actorId, indicator, period, version, {
      quantity,
      source: input.source,
      comment: input.comment,
    })
  })
  const saved = await findMeasurement(db, indicatorId, period)
  if (!saved) throw notFound()
  return toMeasurement(saved)
}

export async function deleteMeasurement(
  db: Db,
  actorId: string,
  projectId: string,
  indicatorId: string,
  period: string,
  version: number,
) {
  await db.transaction().execute(async (trx) => {
    const indicator = await lockIndicator(trx, projectId, indicatorId)
    const existing = await findMeasurement(trx, indicatorId, period)
    if (!existing) throw notFound()
    if (existing.version !== version) throw staleVersion(toMeasurement(existing))
    await trx.deleteFrom('indicator_measurement').where('id', '=', existing.id).execute()
    await recordAudit(trx, {
      actorId,
      entity: 'indicator_measurement',
      entityId: existing.id,
      projectId,
      action: 'delete',
      before: { indicator: indicator.name, period, ...quantityOf(existing) },
    })
  })
}

export { indicatorRows, lockIndicator }

/**
 * Each indicator as it stood on a day (only periods ended by then): the latest level and its
 * progress. Status reports freeze this; the final report's goal attainment reads it.
 */
export async function indicatorFacts(db: Db, projectId: string, asOf: string) {
  const rows = await indicatorRows(db, projectId)
  const measured = byIndicator(
    await measurementRows(
      db,
      rows.map((r) => r.id),
      asOf,
    ),
  )
  return rows.map((row) => {
    const measurements = measured.get(row.id) ?? []
    const latest = measurements.at(-1)
    const unit = unitOf(row)
    const target = targetOf(row)
    const progress = progressFor(row, measurements)
    return {
      row,
      measurements,
      id: row.id,
      name: row.name,
      unit,
      latestPeriod: latest?.period ?? null,
      latest: latest ? levelOf(unit, quantityOf(latest)) : null,
      target: target ? levelOf(unit, target) : null,
      status: progress.status,
      reason: progress.reason,
    }
  })
}
