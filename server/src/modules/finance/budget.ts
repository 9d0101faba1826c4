import {
  type BudgetLineInput,
  type BudgetVersion,
  type BudgetVersionSummary,
  MAX_AMOUNT_ORE,
} from '@lagesbild/shared/api/finance'
import type { BudgetStatus } from '@lagesbild/shared/domain/finance'
import { type Kysely, type RawBuilder, type ShallowDehydrateObject, sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { forbidden, HttpProblem, invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import type { ProjectAccess } from '../projects/access.ts'
import { categoriesFor, type ProjectContext, projectContext } from './queries.ts'

registerConstraintMessages({
  budget_line_category_key: {
    sv: 'Samma år, kategori och delprojekt finns två gånger i budgeten.',
    en: 'The same year, category and sub-project appear twice in the budget.',
  },
  budget_version_approval_seq_key: {
    sv: 'En annan budgetversion godkändes samtidigt. Ladda om och försök igen.',
    en: 'Another budget version was approved at the same time. Reload and try again.',
  },
})

type Summary = Static<typeof BudgetVersionSummary>
type Version = Static<typeof BudgetVersion>
type LineInput = Static<typeof BudgetLineInput>

/** Who may start and edit budget versions: finance, and project editors (leaders) proposing a change. */
export const mayDraftBudget = (access: ProjectAccess) =>
  access.capabilities.includes('project:finance') || access.capabilities.includes('project:edit')

export function versionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('budget_version as v')
    .leftJoin('app_user as cu', 'cu.id', 'v.created_by')
    .leftJoin('app_user as pu', 'pu.id', 'v.proposed_by')
    .leftJoin('app_user as du', 'du.id', 'v.decided_by')
    .selectAll('v')
    .select((eb) => [
      'cu.name as created_by_name',
      'pu.name as proposed_by_name',
      'du.name as decided_by_name',
      eb
        .selectFrom('budget_line as l')
        .whereRef('l.budget_version_id', '=', 'v.id')
        .select(sql<string>`coalesce(sum(l.amount_ore), 0)::text`.as('t'))
        .as('total'),
      eb
        .selectFrom('budget_version as m')
        .whereRef('m.project_id', '=', 'v.project_id')
        .select((s) => s.fn.max('m.approval_seq').as('m'))
        .as('max_seq'),
    ])
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>
/** A version row as a query returns it, or as JSON inside another query (timestamps as text). */
export type VersionData = VersionRow | ShallowDehydrateObject<VersionRow>

const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null)
const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

export function toSummary(row: VersionData): Summary {
  const current = row.approval_seq !== null && row.approval_seq === row.max_seq
  return {
    id: row.id,
    number: row.number,
    status: row.status as BudgetStatus,
    current,
    original: row.approval_seq === 1,
    superseded: row.approval_seq !== null && !current,
    basedOnId: row.based_on_id,
    note: row.note,
    totalOre: Number(row.total ?? 0),
    createdBy: ref(row.created_by, row.created_by_name),
    createdAt: new Date(row.created_at).toISOString(),
    proposedBy: ref(row.proposed_by, row.proposed_by_name),
    proposedAt: iso(row.proposed_at),
    decidedBy: ref(row.decided_by, row.decided_by_name),
    decidedAt: iso(row.decided_at),
    decisionId: row.decision_id,
    version: row.version,
  }
}

export async function listBudgetVersions(db: Kysely<Database>, projectId: string): Promise<Summary[]> {
  const rows = await versionQuery(db)
    .where('v.project_id', '=', projectId)
    .orderBy('v.number', 'desc')
    .execute()
  return rows.map(toSummary)
}

/** The lines of a version (an id, or an SQL expression giving one), in the order they are shown. */
export function linesQuery(db: Kysely<Database>, budgetVersionId: string | RawBuilder<string | null>) {
  return db
    .selectFrom('budget_line as l')
    .leftJoin('project as s', 's.id', 'l.sub_project_id')
    .where('l.budget_version_id', '=', budgetVersionId)
    .select([
      'l.id',
      'l.year',
      'l.category',
      'l.sub_project_id',
      's.name as sub_name',
      'l.amount_ore',
      'l.comment',
    ])
    .orderBy('l.year')
    .orderBy('l.category')
    .orderBy('s.name')
}

export const toLine = (r: {
  id: string
  year: number
  category: string
  sub_project_id: string | null
  sub_name: string | null
  amount_ore: number
  comment: string
}) => ({
  id: r.id,
  year: r.year,
  category: r.category,
  subProject: ref(r.sub_project_id, r.sub_name),
  amountOre: r.amount_ore,
  comment: r.comment,
})

export async function budgetLines(db: Kysely<Database>, budgetVersionId: string) {
  return (await linesQuery(db, budgetVersionId).execute()).map(toLine)
}

export async function getBudgetVersion(
  db: Kysely<Database>,
  projectId: string,
  budgetVersionId: string,
): Promise<Version> {
  const row = await versionQuery(db)
    .where('v.id', '=', budgetVersionId)
    .where('v.project_id', '=', projectId)
    .executeTakeFirst()
  if (!row) throw notFound()
  return { ...toSummary(row), lines: await budgetLines(db, row.id) }
}

/** The approved version in force (or the first approved), as a query for its id. */
export function budgetVersionIdQuery(
  db: Kysely<Database>,
  projectId: string,
  which: 'current' | 'original' = 'current',
) {
  return db
    .selectFrom('budget_version')
    .where('project_id', '=', projectId)
    .where('status', '=', 'approved')
    .orderBy('approval_seq', which === 'current' ? 'desc' : 'asc')
    .select('id')
    .limit(1)
}

/** The approved version in force, or null before any budget was approved. */
export async function currentBudgetVersionId(
  db: Kysely<Database>,
  projectId: string,
  which: 'current' | 'original' = 'current',
) {
  const row = await budgetVersionIdQuery(db, projectId, which).executeTakeFirst()
  return row?.id ?? null
}

/** One line of the budget in force, as a plan baseline freezes it. */
export interface BudgetSnapshotLine {
  /** The approved version the line belongs to. */
  budgetVersionId: string
  year: number
  category: string
  subProject: { id: string; name: string } | null
  amountOre: number
  comment: string
}

/**
 * The budget of a project as it stands, for other modules (a plan baseline freezes it): the lines
 * of its current approved version and of each sub-project's own current approved version (marked
 * with that sub-project); for a sub-project without a budget of its own, its main project's lines
 * marked with it. Drafts and proposals are not the budget until approved. Empty before any
 * budget was approved.
 */
export async function budgetSnapshot(db: Kysely<Database>, projectId: string): Promise<BudgetSnapshotLine[]> {
  const ctx = await projectContext(db, projectId)
  const approvedLines = async (
    ownerId: string,
    // The sub-project a line counts for (null: the project itself), or undefined to leave it out.
    mark: (line: ReturnType<typeof toLine>) => BudgetSnapshotLine['subProject'] | undefined,
  ): Promise<BudgetSnapshotLine[] | null> => {
    const versionId = await currentBudgetVersionId(db, ownerId)
    if (!versionId) return null
    return (await budgetLines(db, versionId)).flatMap((line) => {
      const subProject = mark(line)
      return subProject === undefined
        ? []
        : [
            {
              budgetVersionId: versionId,
              year: line.year,
              category: line.category,
              subProject,
              amountOre: line.amountOre,
              comment: line.comment,
            },
          ]
    })
  }
  const own = await approvedLines(projectId, (line) => line.subProject)
  const subs = await Promise.all(
    ctx.subProjects.map((sub) =>
      approvedLines(sub.id, (line) => line.subProject ?? { id: sub.id, name: sub.name }),
    ),
  )
  const kept =
    own === null && ctx.parentId
      ? await approvedLines(ctx.parentId, (line) => (line.subProject?.id === projectId ? null : undefined))
      : null
  return [...(own ?? []), ...subs.flatMap((lines) => lines ?? []), ...(kept ?? [])]
}

/** The organisation's cost categories that apply to a project, in their order. */
export async function budgetCategories(db: Kysely<Database>, projectId: string) {
  return categoriesFor(db, (await projectContext(db, projectId)).organisationId)
}

function yearsOf(ctx: ProjectContext): [number, number] {
  const end = ctx.actualEnd && ctx.actualEnd > ctx.plannedEnd ? ctx.actualEnd : ctx.plannedEnd
  return [Number(ctx.plannedStart.slice(0, 4)), Number(end.slice(0, 4))]
}

async function checkLines(db: Kysely<Database>, ctx: ProjectContext, lines: readonly LineInput[]) {
  const categories = await categoriesFor(db, ctx.organisationId)
  const known = new Set(categories.map((c) => c.code))
  const [firstYear, lastYear] = yearsOf(ctx)
  const subIds = new Set(ctx.subProjects.map((s) => s.id))
  const seen = new Set<string>()
  lines.forEach((line, index) => {
    if (!known.has(line.category)) {
      throw invalidField(`lines.${index}.category`, 'unknown_category', {
        sv: `Kostnadskategorin "${line.category}" finns inte i organisationens lista.`,
        en: `The cost category "${line.category}" is not in the organisation's list.`,
      })
    }
    if (line.year < firstYear || line.year > lastYear) {
      throw invalidField(`lines.${index}.year`, 'outside_period', {
        sv: `Året ligger utanför projektperioden (${firstYear}–${lastYear}).`,
        en: `The year is outside the project period (${firstYear}–${lastYear}).`,
      })
    }
    if (line.subProjectId && !subIds.has(line.subProjectId)) {
      throw invalidField(`lines.${index}.subProjectId`, 'not_a_sub_project', {
        sv: 'Delprojektet hör inte till projektet.',
        en: 'The sub-project does not belong to this project.',
      })
    }
    const key = `${line.year}|${line.category}|${line.subProjectId ?? ''}`
    if (seen.has(key)) {
      throw invalidField(`lines.${index}`, 'duplicate_line', {
        sv: 'Samma år, kategori och delprojekt finns redan på en annan rad.',
        en: 'The same year, category and sub-project are already on another line.',
      })
    }
    seen.add(key)
  })
  if (lines.reduce((total, l) => total + BigInt(l.amountOre), 0n) > BigInt(MAX_AMOUNT_ORE)) {
    throw invalidField('lines', 'total_too_large', {
      sv: 'Budgeten blir orimligt stor; kontrollera beloppen (de anges i öre).',
      en: 'The budget becomes unreasonably large; check the amounts (they are in öre).',
    })
  }
}

async function insertLines(trx: Kysely<Database>, budgetVersionId: string, lines: readonly LineInput[]) {
  if (lines.length === 0) return
  await trx
    .insertInto('budget_line')
    .values(
      lines.map((l) => ({
        id: uuid(),
        budget_version_id: budgetVersionId,
        year: l.year,
        category: l.category,
        sub_project_id: l.subProjectId ?? null,
        amount_ore: l.amountOre,
        comment: l.comment ?? '',
      })),
    )
    .execute()
}

const snapshotLines = (lines: readonly { year: number; category: string; amountOre: number }[]) =>
  lines.map((l) => ({ year: l.year, category: l.category, amountOre: l.amountOre }))

async function lockVersion(trx: Kysely<Database>, projectId: string, budgetVersionId: string) {
  const row = await trx
    .selectFrom('budget_version')
    .where('id', '=', budgetVersionId)
    .where('project_id', '=', projectId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  return row
}

const wrongState = (status: string, allowed: string) =>
  new HttpProblem(409, 'wrong_state', undefined, {
    detail: {
      sv: `Budgetversionen har status ${status}; det här går bara när den är ${allowed}.`,
      en: `The budget version is ${status}; this is only possible when it is ${allowed}.`,
    },
  })

export async function createBudgetVersion(
  db: Kysely<Database>,
  user: AuthUser,
  access: ProjectAccess,
  projectId: string,
  input: {
    basedOnId?: string | null | undefined
    note?: string | undefined
    lines?: LineInput[] | undefined
    propose?: boolean | undefined
  },
): Promise<Version> {
  if (!mayDraftBudget(access)) throw forbidden()
  const ctx = await projectContext(db, projectId)
  const basedOnId =
    input.basedOnId === undefined ? await currentBudgetVersionId(db, projectId) : input.basedOnId
  if (basedOnId) {
    const base = await db
      .selectFrom('budget_version')
      .where('id', '=', basedOnId)
      .where('project_id', '=', projectId)
      .select('id')
      .executeTakeFirst()
    if (!base) {
      throw invalidField('basedOnId', 'unknown_reference', {
        sv: 'Budgetversionen att utgå från finns inte i projektet.',
        en: 'The budget version to start from is not in this project.',
      })
    }
  }
  const lines: LineInput[] =
    input.lines ??
    (basedOnId
      ? (await budgetLines(db, basedOnId)).map((l) => ({
          year: l.year,
          category: l.category,
          subProjectId: l.subProject?.id ?? null,
          amountOre: l.amountOre,
          comment: l.comment,
        }))
      : [])
  await checkLines(db, ctx, lines)
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    // Locking the project serialises the running number of its versions.
    await trx.selectFrom('project').where('id', '=', projectId).select('id').forUpdate().execute()
    const max = await trx
      .selectFrom('budget_version')
      .where('project_id', '=', projectId)
      .select((s) => s.fn.max('number').as('n'))
      .executeTakeFirst()
    const propose = input.propose === true
    await trx
      .insertInto('budget_version')
      .values({
        id,
        project_id: projectId,
        number: Number(max?.n ?? 0) + 1,
        status: propose ? 'proposed' : 'draft',
        based_on_id: basedOnId ?? null,
        note: input.note ?? '',
        created_by: user.id,
        proposed_by: propose ? user.id : null,
        proposed_at: propose ? new Date() : null,
      })
      .execute()
    await insertLines(trx, id, lines)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'budget_version',
      entityId: id,
      projectId,
      action: propose ? 'propose' : 'create',
      after: {
        status: propose ? 'proposed' : 'draft',
        basedOnId,
        note: input.note ?? '',
        lines: snapshotLines(lines),
      },
    })
  })
  return getBudgetVersion(db, projectId, id)
}

export async function updateBudgetVersion(
  db: Kysely<Database>,
  user: AuthUser,
  access: ProjectAccess,
  projectId: string,
  budgetVersionId: string,
  expected: number,
  input: { note?: string | undefined; lines: LineInput[] },
): Promise<Version> {
  if (!mayDraftBudget(access)) throw forbidden()
  const ctx = await projectContext(db, projectId)
  await checkLines(db, ctx, input.lines)
  await db.transaction().execute(async (trx) => {
    const row = await lockVersion(trx, projectId, budgetVersionId)
    if (row.version !== expected) throw staleVersion(await getBudgetVersion(trx, projectId, budgetVersionId))
    if (row.status !== 'draft') throw wrongState(row.status, 'draft')
    const before = await budgetLines(trx, budgetVersionId)
    await trx.deleteFrom('budget_line').where('budget_version_id', '=', budgetVersionId).execute()
    await insertLines(trx, budgetVersionId, input.lines)
    await trx
      .updateTable('budget_version')
      .set({ note: input.note ?? row.note, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', budgetVersionId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'budget_version',
      entityId: budgetVersionId,
      projectId,
      action: 'update',
      before: { note: row.note, lines: snapshotLines(before) },
      after: { note: input.note ?? row.note, lines: snapshotLines(input.lines) },
    })
  })
  return getBudgetVersion(db, projectId, budgetVersionId)
}

export async function deleteBudgetVersion(
  db: Kysely<Database>,
  user: AuthUser,
  access: ProjectAccess,
  projectId: string,
  budgetVersionId: string,
  expected: number,
) {
  if (!mayDraftBudget(access)) throw forbidden()
  await db.transaction().execute(async (trx) => {
    const row = await lockVersion(trx, projectId, budgetVersionId)
    if (row.version !== expected) throw staleVersion(await getBudgetVersion(trx, projectId, budgetVersionId))
    if (row.status !== 'draft' && row.status !== 'proposed') throw wrongState(row.status, 'draft or proposed')
    const lines = await budgetLines(trx, budgetVersionId)
    await trx.deleteFrom('budget_version').where('id', '=', budgetVersionId).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'budget_version',
      entityId: budgetVersionId,
      projectId,
      action: 'delete',
      before: { number: row.number, status: row.status, lines: snapshotLines(lines) },
    })
  })
}

export async function proposeBudgetVersion(
  db: Kysely<Database>,
  user: AuthUser,
  access: ProjectAccess,
  projectId: string,
  budgetVersionId: string,
  expected: number,
): Promise<Version> {
  if (!mayDraftBudget(access)) throw forbidden()
  await db.transaction().execute(async (trx) => {
    const row = await lockVersion(trx, projectId, budgetVersionId)
    if (row.version !== expected) throw staleVersion(await getBudgetVersion(trx, projectId, budgetVersionId))
    if (row.status !== 'draft') throw wrongState(row.status, 'draft')
    await trx
      .updateTable('budget_version')
      .set({
        status: 'proposed',
        proposed_by: user.id,
        proposed_at: new Date(),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', budgetVersionId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'budget_version',
      entityId: budgetVersionId,
      projectId,
      action: 'propose',
      before: { status: 'draft' },
      after: { status: 'proposed' },
    })
  })
  return getBudgetVersion(db, projectId, budgetVersionId)
}

/**
 * Makes a proposed budget version the current budget. Runs INSIDE the caller's transaction:
 * the steering-group approval (governance) calls it with its decision id when a `budget_change`
 * is approved, so the decision and the budget change commit together. Until then finance
 * calls it through the direct-approval route with decisionId null.
 */
export async function approveBudgetVersion(
  trx: Kysely<Database>,
  input: {
    budgetVersionId: string
    decisionId: string | null
    actorId: string
    expectedVersion?: number
    comment?: string
  },
): Promise<{ projectId: string; budgetVersionId: string; approvalSeq: number }> {
  const row = await trx
    .selectFrom('budget_version')
    .where('id', '=', input.budgetVersionId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) {
    throw staleVersion(await getBudgetVersion(trx, row.project_id, row.id))
  }
  if (row.status !== 'proposed') throw wrongState(row.status, 'proposed')
  const max = await trx
    .selectFrom('budget_version')
    .where('project_id', '=', row.project_id)
    .select((s) => s.fn.max('approval_seq').as('n'))
    .executeTakeFirst()
  const previous = await currentBudgetVersionId(trx, row.project_id)
  const approvalSeq = Number(max?.n ?? 0) + 1
  await trx
    .updateTable('budget_version')
    .set({
      status: 'approved',
      approval_seq: approvalSeq,
      decided_by: input.actorId,
      decided_at: new Date(),
      decision_id: input.decisionId,
      version: row.version + 1,
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .execute()
  await recordAudit(trx, {
    actorId: input.actorId,
    entity: 'budget_version',
    entityId: row.id,
    projectId: row.project_id,
    action: input.decisionId ? 'approve' : 'approve_direct',
    before: { status: row.status, currentBudgetVersionId: previous },
    after: {
      status: 'approved',
      approvalSeq,
      decisionId: input.decisionId,
      supersedes: previous,
      ...(input.comment ? { comment: input.comment } : {}),
    },
  })
  return { projectId: row.project_id, budgetVersionId: row.id, approvalSeq }
}

export async function approveBudgetVersionDirect(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  budgetVersionId: string,
  expected: number,
  comment: string | undefined,
): Promise<Version> {
  await db.transaction().execute(async (trx) => {
    await lockVersion(trx, projectId, budgetVersionId)
    await approveBudgetVersion(trx, {
      budgetVersionId,
      decisionId: null,
      actorId: user.id,
      expectedVersion: expected,
      ...(comment ? { comment } : {}),
    })
  })
  return getBudgetVersion(db, projectId, budgetVersionId)
}

export async function rejectBudgetVersion(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  budgetVersionId: string,
  expected: number,
  comment: string | undefined,
): Promise<Version> {
  await db.transaction().execute(async (trx) => {
    const row = await lockVersion(trx, projectId, budgetVersionId)
    if (row.version !== expected) throw staleVersion(await getBudgetVersion(trx, projectId, budgetVersionId))
    if (row.status !== 'proposed') throw wrongState(row.status, 'proposed')
    await trx
      .updateTable('budget_version')
      .set({
        status: 'rejected',
        decided_by: user.id,
        decided_at: new Date(),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', budgetVersionId)
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'budget_version',
      entityId: budgetVersionId,
      projectId,
      action: 'reject',
      before: { status: 'proposed' },
      after: { status: 'rejected', ...(comment ? { comment } : {}) },
    })
  })
  return getBudgetVersion(db, projectId, budgetVersionId)
}
