import { Type } from 'typebox'
import { Id, IsoDate, Name, Nullable, ProjectParams, Ref, Timestamp } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { Category, CategoryCode, NonNegativeOre, SignedOre, Year } from './finance.ts'

export const baselineKinds = ['manual', 'approved_revision'] as const
export const BaselineKind = Type.Enum(baselineKinds)

/**
 * What a baseline froze. Its own copy of every shape, versioned, so a snapshot taken years ago
 * still validates and renders after the live model has changed; a new shape is a new version.
 */
const SnapshotDate = Type.Object({
  from: IsoDate,
  to: IsoDate,
  precision: Type.Enum(['day', 'month', 'term', 'year']),
  note: Nullable(Type.String()),
})

export const SnapshotActivity = Type.Object({
  id: Id,
  projectId: Id,
  projectName: Type.String(),
  goalId: Nullable(Id),
  number: Nullable(Type.String()),
  title: Type.String(),
  responsible: Type.String(),
  status: Type.String(),
  milestone: Type.Boolean(),
  plannedStart: Nullable(SnapshotDate),
  plannedEnd: Nullable(SnapshotDate),
  actualStart: Nullable(SnapshotDate),
  actualEnd: Nullable(SnapshotDate),
})

export const SnapshotGoal = Type.Object({
  id: Id,
  projectId: Id,
  kind: Type.Enum(['overall', 'project', 'sub']),
  parentId: Nullable(Id),
  number: Nullable(Type.Integer()),
  title: Type.String(),
})

export const BaselineSnapshotV1 = Type.Object({
  schemaVersion: Type.Literal(1),
  project: Type.Object({ id: Id, name: Type.String(), plannedStart: IsoDate, plannedEnd: IsoDate }),
  goals: Type.Array(SnapshotGoal),
  activities: Type.Array(SnapshotActivity),
})

/** Every snapshot version ever written; readers accept them all. */
export const BaselineSnapshot = Type.Union([BaselineSnapshotV1])

export const BaselineSummary = Type.Object({
  id: Id,
  revision: Type.Integer({ description: 'Numbered per project from 1 (the original plan)' }),
  label: Type.String(),
  revisionDate: IsoDate,
  kind: BaselineKind,
  decisionId: Nullable(Id),
  activityCount: Type.Integer(),
  budgetFrozen: Type.Boolean({
    description: 'False for a baseline taken before baselines froze the budget: it has no budget',
  }),
  createdBy: Nullable(Ref),
  createdAt: Timestamp,
})

/** A budget line (year × cost category [× sub-project]) as the baseline froze it. */
export const FrozenBudgetLine = Type.Object({
  budgetVersionId: Id,
  year: Year,
  category: CategoryCode,
  subProject: Nullable(Ref),
  amountOre: NonNegativeOre,
  comment: Type.String(),
})

export const Baseline = Type.Object({
  ...BaselineSummary.properties,
  snapshot: BaselineSnapshotV1,
  /** The approved budget in force when frozen; null when the baseline has no budget. */
  budget: Nullable(Type.Array(FrozenBudgetLine)),
})

export const BaselineCreate = Type.Object(
  { label: Name(200), revisionDate: IsoDate },
  { additionalProperties: false },
)

export const BaselineParams = Type.Object({ projectId: Id, baselineId: Id })

export const PlanChange = Type.Object({
  state: Type.Enum(['added', 'removed', 'changed', 'unchanged', 'absent']),
  moved: Type.Boolean({ description: 'Renumbered or moved to another sub-goal' }),
  startShiftDays: Nullable(Type.Integer()),
  endShiftDays: Nullable(Type.Integer()),
})

export const ComparisonRow = Type.Object({
  activityId: Id,
  number: Nullable(Type.String()),
  title: Type.String(),
  projectName: Type.String(),
  original: Nullable(SnapshotActivity),
  approved: Nullable(SnapshotActivity),
  current: Nullable(SnapshotActivity),
  vsOriginal: PlanChange,
  vsApproved: PlanChange,
})

/**
 * Budget amounts side by side. `original` and `approved` are null when that baseline is missing or
 * froze no budget (taken before baselines did); the differences are then null too, never a guess.
 */
export const BudgetAmounts = Type.Object({
  original: Nullable(NonNegativeOre),
  approved: Nullable(NonNegativeOre),
  current: NonNegativeOre,
  /** current − original */
  vsOriginalOre: Nullable(SignedOre),
  /** current − latest approved */
  vsApprovedOre: Nullable(SignedOre),
})

export const BudgetComparisonRow = Type.Object({
  year: Year,
  category: CategoryCode,
  ...BudgetAmounts.properties,
})

export const BudgetComparison = Type.Object({
  /**
   * Per year × cost category (sub-projects summed, or one sub-project's lines when the query names
   * it), years ascending, categories in the list's order.
   */
  rows: Type.Array(BudgetComparisonRow),
  total: BudgetAmounts,
  /** The organisation's cost categories, to name the codes of the rows. */
  categories: Type.Array(Category),
})

export const PlanComparison = Type.Object({
  original: Nullable(BaselineSummary),
  approved: Nullable(BaselineSummary),
  rows: Type.Array(ComparisonRow),
  budget: BudgetComparison,
})

export const ComparisonQuery = Type.Object(
  {
    original: Type.Optional(Id),
    approved: Type.Optional(Id),
    /** Only this sub-project's budget lines in the budget comparison; by default all of them. */
    subProjectId: Type.Optional(Id),
  },
  {
    additionalProperties: false,
    description: 'Defaults: the first baseline, the latest approved revision and the whole project’s budget',
  },
)

const tags = ['baselines']

export const listBaselines = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/baselines',
  schema: {
    summary: 'Frozen plan revisions, oldest first',
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(BaselineSummary) }), ...problemResponses },
  },
})

export const getBaseline = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/baselines/:baselineId',
  schema: {
    summary: 'One baseline with what it froze',
    tags,
    params: BaselineParams,
    response: { 200: Baseline, ...problemResponses },
  },
})

export const createBaseline = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/baselines',
  schema: {
    summary: 'Freeze the current plan by hand (approved revisions are frozen by their decision)',
    tags,
    params: ProjectParams,
    body: BaselineCreate,
    response: { 201: BaselineSummary, ...problemResponses },
  },
})

export const comparePlans = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/plan-comparison',
  schema: {
    summary:
      'Original plan, latest approved revision and current plan, per activity and per budget year × category',
    tags,
    params: ProjectParams,
    querystring: ComparisonQuery,
    response: { 200: PlanComparison, ...problemResponses },
  },
})
