import {
  type BaselineKind,
  BaselineSnapshot,
  type BaselineSnapshotV1,
  type BaselineSummary,
  type BudgetAmounts,
  type BudgetComparison,
  type ComparisonQuery,
  type FrozenBudgetLine,
  type PlanChange,
  type PlanComparison,
  type SnapshotActivity,
} from '@lagesbild/shared/api/baselines'
import { type CalendarDate, daysBetween, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { sumOre } from '@lagesbild/shared/domain/money'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { BaselineTable, Database } from '../../db/schema.ts'
import { invalidField, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { budgetCategories, budgetSnapshot } from '../finance/budget.ts'
import { findProjectRow } from '../projects/queries.ts'
import { listActivities, loadScope, type PlanScope } from './activities.ts'

registerConstraintMessages({
  baseline_label_check: { sv: 'Ge revisionen ett namn.', en: 'Give the revision a name.' },
  baseline_decision_id_check: {
    sv: 'Bara en godkänd revision kan höra till ett beslut.',
    en: 'Only an approved revision can refer to a decision.',
  },
})

type Db = Kysely<Database>
type Snapshot = Static<typeof BaselineSnapshotV1>
type SnapshotActivityT = Static<typeof SnapshotActivity>
type Summary = Static<typeof BaselineSummary>
type BudgetLine = Static<typeof FrozenBudgetLine>

async function snapshotOf(db: Db, scope: PlanScope): Promise<Snapshot> {
  const ids = scope.projects.map((p) => p.id)
  const goals = await db
    .selectFrom('goal')
    .where('project_id', 'in', ids)
    .orderBy('project_id')
    .orderBy('kind')
    .orderBy('position')
    .selectAll()
    .execute()
  const activities = await listActivities(db, scope, todayInSweden())
  return {
    schemaVersion: 1,
    project: {
      id: scope.project.id,
      name: scope.project.name,
      plannedStart: scope.project.planned_start,
      plannedEnd: scope.project.planned_end,
    },
    goals: goals.map((g) => ({
      id: g.id,
      projectId: g.project_id,
      kind: g.kind as 'overall' | 'project' | 'sub',
      parentId: g.parent_id,
      number: g.kind === 'sub' ? g.position : null,
      title: g.title,
    })),
    activities: activities.map((a) => ({
      id: a.id,
      projectId: a.project.id,
      projectName: a.project.name,
      goalId: a.goal?.id ?? null,
      number: a.number,
      title: a.title,
      responsible: a.responsible,
      status: a.status,
      milestone: a.milestone,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      actualStart: a.actualStart,
      actualEnd: a.actualEnd,
    })),
  }
}

export interface FreezeInput {
  projectId: string
  label: string
  revisionDate: CalendarDate
  actorId: string | null
  decisionId?: string | null
  kind: Static<typeof BaselineKind>
}

/**
 * Freezes the plan of a project (and its sub-projects) as the next numbered revision, inside the
 * caller's transaction: the approval of a plan revision calls it in the approving transaction.
 * The row can never change afterwards (database trigger). Returns the baseline's id.
 */
export async function freezeBaseline(trx: Db, input: FreezeInput): Promise<string> {
  if (input.kind === 'manual' && input.decisionId) {
    throw invalidField('decisionId', 'manual_with_decision', {
      sv: 'En revision som sparas för hand hör inte till något beslut.',
      en: 'A revision saved by hand does not refer to a decision.',
    })
  }
  // Locks the project so two revisions taken at once get distinct numbers.
  if (!(await findProjectRow(trx, input.projectId, true))) throw notFound()
  const scope = await loadScope(trx, input.projectId)
  const snapshot = await snapshotOf(trx, scope)
  if (!Value.Check(BaselineSnapshot, snapshot)) throw new Error('baseline snapshot does not match its schema')
  // The budget is finance's: asked of its service, copied into rows of our own.
  const budget = await budgetSnapshot(trx, input.projectId)
  const last = await trx
    .selectFrom('baseline')
    .where('project_id', '=', input.projectId)
    .select((eb) => eb.fn.max('revision').as('max'))
    .executeTakeFirst()
  const id = uuid()
  const revision = Number(last?.max ?? 0) + 1
  await trx
    .insertInto('baseline')
    .values({
      id,
      project_id: input.projectId,
      revision,
      label: input.label.trim(),
      revision_date: input.revisionDate,
      kind: input.kind,
      decision_id: input.decisionId ?? null,
      snapshot: JSON.stringify(snapshot),
      created_by: input.actorId,
      // Set before the lines go in: the database accepts exactly this many lines, then no more.
      budget_line_count: budget.length,
    })
    .execute()
  if (budget.length > 0) {
    await trx
      .insertInto('baseline_budget_line')
      .values(
        budget.map((line) => ({
          id: uuid(),
          baseline_id: id,
          budget_version_id: line.budgetVersionId,
          year: line.year,
          category: line.category,
          sub_project_id: line.subProject?.id ?? null,
          sub_project_name: line.subProject?.name ?? null,
          amount_ore: line.amountOre,
          comment: line.comment,
        })),
      )
      .execute()
  }
  await recordAudit(trx, {
    actorId: input.actorId,
    entity: 'baseline',
    entityId: id,
    projectId: input.projectId,
    action: 'freeze',
    after: {
      label: input.label.trim(),
      revision,
      revisionDate: input.revisionDate,
      kind: input.kind,
      decisionId: input.decisionId ?? null,
      activityCount: snapshot.activities.length,
      budgetLineCount: budget.length,
    },
  })
  return id
}

/** A stored snapshot in the current shape; each older version would be upgraded here. */
function readSnapshot(value: unknown): Snapshot {
  if (!Value.Check(BaselineSnapshot, value)) throw new Error('stored baseline snapshot has an unknown shape')
  return value
}

async function summaries(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('baseline as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .where('b.project_id', '=', projectId)
    .orderBy('b.revision')
    .selectAll('b')
    .select(['u.id as user_id', 'u.name as user_name'])
    .execute()
  return rows.map((row) => ({ row, summary: toSummary(row, row.user_id, row.user_name) }))
}

function toSummary(row: Selectable<BaselineTable>, userId: string | null, userName: string | null): Summary {
  return {
    id: row.id,
    revision: row.revision,
    label: row.label,
    revisionDate: row.revision_date,
    kind: row.kind as Summary['kind'],
    decisionId: row.decision_id,
    activityCount: readSnapshot(row.snapshot).activities.length,
    budgetFrozen: row.budget_line_count !== null,
    createdBy: userId && userName ? { id: userId, name: userName } : null,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

export async function listBaselines(db: Db, projectId: string) {
  return { items: (await summaries(db, projectId)).map((s) => s.summary) }
}

/** The budget lines a baseline froze; null for one taken before baselines froze the budget. */
async function frozenBudget(db: Db, row: Selectable<BaselineTable>): Promise<BudgetLine[] | null> {
  if (row.budget_line_count === null) return null
  const lines = await db
    .selectFrom('baseline_budget_line')
    .where('baseline_id', '=', row.id)
    .orderBy('year')
    .orderBy('category')
    // The project's own lines before its sub-projects'.
    .orderBy('sub_project_name', (ob) => ob.asc().nullsFirst())
    .selectAll()
    .execute()
  return lines.map((l) => ({
    budgetVersionId: l.budget_version_id,
    year: l.year,
    category: l.category,
    subProject:
      l.sub_project_id && l.sub_project_name ? { id: l.sub_project_id, name: l.sub_project_name } : null,
    amountOre: l.amount_ore,
    comment: l.comment,
  }))
}

export async function getBaseline(db: Db, projectId: string, baselineId: string) {
  const found = (await summaries(db, projectId)).find((s) => s.row.id === baselineId)
  if (!found) throw notFound()
  return {
    ...found.summary,
    snapshot: readSnapshot(found.row.snapshot),
    budget: await frozenBudget(db, found.row),
  }
}

export async function saveBaseline(
  db: Db,
  actorId: string,
  projectId: string,
  input: { label: string; revisionDate: CalendarDate },
): Promise<Summary> {
  const id = await db
    .transaction()
    .execute((trx) => freezeBaseline(trx, { ...input, projectId, actorId, kind: 'manual' }))
  const found = (await summaries(db, projectId)).find((s) => s.row.id === id)
  if (!found) throw notFound()
  return found.summary
}

const shift = (a: { from: string } | null, b: { from: string } | null) =>
  a && b ? daysBetween(a.from, b.from) : null
const endShift = (a: { to: string } | null, b: { to: string } | null) =>
  a && b ? daysBetween(a.to, b.to) : null

type SnapshotDate = SnapshotActivityT['plannedEnd']
const sameDate = (a: SnapshotDate, b: SnapshotDate) =>
  a?.from === b?.from && a?.to === b?.to && a?.precision === b?.precision

function change(
  base: SnapshotActivityT | null,
  current: SnapshotActivityT | null,
): Static<typeof PlanChange> {
  const none = { moved: false, startShiftDays: null, endShiftDays: null }
  if (!base && !current) return { state: 'absent', ...none }
  if (!base) return { state: 'added', ...none }
  if (!current) return { state: 'removed', ...none }
  const moved =
    base.number !== current.number || base.goalId !== current.goalId || base.projectId !== current.projectId
  const startShiftDays = shift(base.plannedStart, current.plannedStart)
  const endShiftDays = endShift(base.plannedEnd, current.plannedEnd)
  const changed =
    moved ||
    base.title !== current.title ||
    !sameDate(base.plannedStart, current.plannedStart) ||
    !sameDate(base.plannedEnd, current.plannedEnd)
  return { state: changed ? 'changed' : 'unchanged', moved, startShiftDays, endShiftDays }
}

/** Original plan, latest approved revision and the live plan side by side, per activity. */
export async function comparePlans(
  db: Db,
  projectId: string,
  query: Static<typeof ComparisonQuery>,
): Promise<Static<typeof PlanComparison>> {
  const all = await summaries(db, projectId)
  const pick = (id: string | undefined, fallback: (typeof all)[number] | undefined, field: string) => {
    if (id === undefined) return fallback
    const found = all.find((s) => s.row.id === id)
    if (!found) {
      throw invalidField(field, 'unknown_baseline', {
        sv: 'Det finns ingen sådan revision i projektet.',
        en: 'There is no such revision in the project.',
      })
    }
    return found
  }
  const original = pick(query.original, all[0], 'original')
  const approved = pick(
    query.approved,
    all.filter((s) => s.row.kind === 'approved_revision').at(-1),
    'approved',
  )
  const scope = await loadScope(db, projectId)
  const subProjectId = query.subProjectId
  // The scope's first project is the project itself; the rest are its sub-projects.
  if (subProjectId !== undefined && !scope.projects.slice(1).some((p) => p.id === subProjectId)) {
    throw invalidField('subProjectId', 'not_a_sub_project', {
      sv: 'Delprojektet hör inte till projektet.',
      en: 'The sub-project does not belong to this project.',
    })
  }
  // Frozen and current lines both name the sub-project a line counts for, so one filter serves all three.
  const only = <L extends { subProject: { id: string } | null }>(lines: readonly L[] | null) =>
    lines === null || subProjectId === undefined
      ? lines
      : lines.filter((l) => l.subProject?.id === subProjectId)
  const current = await snapshotOf(db, scope)
  const budget = compareBudgets(
    only(original ? await frozenBudget(db, original.row) : null),
    only(approved ? await frozenBudget(db, approved.row) : null),
    only(await budgetSnapshot(db, projectId)) ?? [],
    await budgetCategories(db, projectId),
  )
  const index = (s: Snapshot | null) => new Map((s?.activities ?? []).map((a) => [a.id, a]))
  const originalActivities = index(original ? readSnapshot(original.row.snapshot) : null)
  const approvedActivities = index(approved ? readSnapshot(approved.row.snapshot) : null)
  const currentActivities = index(current)
  const ids = [
    ...new Set([...currentActivities.keys(), ...approvedActivities.keys(), ...originalActivities.keys()]),
  ]
  return {
    original: original?.summary ?? null,
    approved: approved?.summary ?? null,
    rows: ids.map((id) => {
      const o = originalActivities.get(id) ?? null
      const a = approvedActivities.get(id) ?? null
      const c = currentActivities.get(id) ?? null
      const shown = (c ?? a ?? o) as SnapshotActivityT
      return {
        activityId: id,
        number: shown.number,
        title: shown.title,
        projectName: shown.projectName,
        original: o,
        approved: a,
        current: c,
        vsOriginal: original ? change(o, c) : change(null, null),
        vsApproved: approved ? change(a, c) : change(null, null),
      }
    }),
    budget,
  }
}

type Amounts = Static<typeof BudgetAmounts>

function amounts(original: number | null, approved: number | null, current: number): Amounts {
  return {
    original,
    approved,
    current,
    vsOriginalOre: original === null ? null : current - original,
    vsApprovedOre: approved === null ? null : current - approved,
  }
}

/**
 * Per year × cost category (sub-projects summed, or the lines given): what the original and the latest approved
 * baseline froze beside the budget in force. A baseline without a frozen budget gives null, so an
 * old baseline never reads as a budget of zero; one that froze an empty budget gives 0.
 */
function compareBudgets(
  original: readonly BudgetLine[] | null,
  approved: readonly BudgetLine[] | null,
  current: readonly { year: number; category: string; amountOre: number }[],
  categories: Static<typeof BudgetComparison>['categories'],
): Static<typeof BudgetComparison> {
  const key = (l: { year: number; category: string }) => `${l.year}|${l.category}`
  const cells = new Map<string, { year: number; category: string }>()
  for (const l of [...(original ?? []), ...(approved ?? []), ...current]) {
    cells.set(key(l), { year: l.year, category: l.category })
  }
  const sum = (lines: readonly { amountOre: number }[]) => sumOre(lines.map((l) => l.amountOre))
  const cellSum = (lines: readonly BudgetLine[] | null, k: string) =>
    lines === null ? null : sum(lines.filter((l) => key(l) === k))
  const order = (code: string) => {
    const index = categories.findIndex((c) => c.code === code)
    return index === -1 ? categories.length : index
  }
  const rows = [...cells.entries()]
    .sort(
      ([, a], [, b]) =>
        a.year - b.year || order(a.category) - order(b.category) || a.category.localeCompare(b.category),
    )
    .map(([k, cell]) => ({
      ...cell,
      ...amounts(cellSum(original, k), cellSum(approved, k), sum(current.filter((l) => key(l) === k))),
    }))
  return {
    rows,
    total: amounts(
      original === null ? null : sum(original),
      approved === null ? null : sum(approved),
      sum(current),
    ),
    categories,
  }
}
