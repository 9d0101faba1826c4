import { Type } from 'typebox'
import { burnStates } from '../domain/burn.ts'
import { budgetStatuses, funderKinds, fundingStatuses, inKindUnits } from '../domain/finance.ts'
import {
  Id,
  IsoDate,
  Nullable,
  Page,
  PageQuery,
  ProjectParams,
  Ref,
  Text,
  Timestamp,
  Version,
} from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { IfMatchHeaders } from './projects.ts'

/** Every amount is an integer number of öre; the field names end in `Ore`. */
export const Ore = Type.Integer({ description: 'Amount in öre (1 kr = 100 öre)' })
/** At most 100 000 000 000 kr on one line: beyond any project, far below where sums could overflow. */
export const MAX_AMOUNT_ORE = 10_000_000_000_000
export const NonNegativeOre = Type.Integer({
  minimum: 0,
  maximum: MAX_AMOUNT_ORE,
  description: 'Amount in öre, not negative',
})
export const SignedOre = Type.Integer({
  minimum: -MAX_AMOUNT_ORE,
  maximum: MAX_AMOUNT_ORE,
  description: 'Amount in öre; negative is a credit',
})
export const Year = Type.Integer({ minimum: 1990, maximum: 2100 })
export const CategoryCode = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,39}$',
  description: 'Cost category code',
})
export const BasisPoints = Type.Integer({ description: 'Basis points: 10 000 = 100 %' })

export const FunderKind = Type.Enum(funderKinds)
export const FundingStatus = Type.Enum(fundingStatuses)
export const BudgetStatus = Type.Enum(budgetStatuses)
export const InKindUnit = Type.Enum(inKindUnits)
export const BurnState = Type.Enum(burnStates)

export const Category = Type.Object({
  code: CategoryCode,
  nameSv: Type.String(),
  nameEn: Type.String(),
  active: Type.Boolean(),
})

export const FundingEntry = Type.Object({
  id: Id,
  funderName: Type.String(),
  funderKind: FunderKind,
  funderOrganisation: Nullable(Ref),
  year: Year,
  amountOre: Ore,
  status: FundingStatus,
  decisionReference: Type.String(),
  version: Version,
})

const fundingFields = {
  funderName: Type.String({ minLength: 1, maxLength: 200 }),
  funderKind: FunderKind,
  funderOrganisationId: Type.Optional(Nullable(Id)),
  year: Year,
  amountOre: NonNegativeOre,
  status: Type.Optional(FundingStatus),
  decisionReference: Type.Optional(Text(300)),
}

export const FundingEntryCreate = Type.Object(fundingFields, { additionalProperties: false })
export const FundingEntryPatch = Type.Object(
  {
    version: Type.Optional(Version),
    funderName: Type.Optional(fundingFields.funderName),
    funderKind: Type.Optional(FunderKind),
    funderOrganisationId: fundingFields.funderOrganisationId,
    year: Type.Optional(Year),
    amountOre: Type.Optional(NonNegativeOre),
    status: Type.Optional(FundingStatus),
    decisionReference: fundingFields.decisionReference,
  },
  { additionalProperties: false },
)

export const FunderTotal = Type.Object({
  funderName: Type.String(),
  funderKind: FunderKind,
  totalOre: Ore,
  grantedOre: Ore,
  shareBp: BasisPoints,
  byYear: Type.Array(Type.Object({ year: Year, amountOre: Ore, shareBp: BasisPoints })),
})

export const BudgetLine = Type.Object({
  id: Id,
  year: Year,
  category: CategoryCode,
  subProject: Nullable(Ref),
  amountOre: Ore,
  comment: Type.String(),
})

export const BudgetLineInput = Type.Object(
  {
    year: Year,
    category: CategoryCode,
    subProjectId: Type.Optional(Nullable(Id)),
    amountOre: NonNegativeOre,
    comment: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
)

const Actor = Nullable(Ref)

export const BudgetVersionSummary = Type.Object({
  id: Id,
  number: Type.Integer({ description: 'Running number within the project' }),
  status: BudgetStatus,
  current: Type.Boolean({ description: 'The approved version in force' }),
  original: Type.Boolean({ description: 'The first approved version' }),
  superseded: Type.Boolean({ description: 'Approved, then replaced by a later approved version' }),
  basedOnId: Nullable(Id),
  note: Type.String(),
  totalOre: Ore,
  createdBy: Actor,
  createdAt: Timestamp,
  proposedBy: Actor,
  proposedAt: Nullable(Timestamp),
  decidedBy: Actor,
  decidedAt: Nullable(Timestamp),
  decisionId: Nullable(Id),
  version: Version,
})

export const BudgetVersion = Type.Object({
  ...BudgetVersionSummary.properties,
  lines: Type.Array(BudgetLine),
})

export const BudgetVersionCreate = Type.Object(
  {
    basedOnId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Text(2000)),
    lines: Type.Optional(Type.Array(BudgetLineInput, { maxItems: 2000 })),
    propose: Type.Optional(Type.Boolean({ description: 'Propose it for approval at once' })),
  },
  { additionalProperties: false },
)

export const BudgetVersionPut = Type.Object(
  {
    version: Type.Optional(Version),
    note: Type.Optional(Text(2000)),
    lines: Type.Array(BudgetLineInput, { maxItems: 2000 }),
  },
  { additionalProperties: false },
)

export const BudgetDecisionBody = Type.Object(
  { version: Type.Optional(Version), comment: Type.Optional(Text(2000)) },
  { additionalProperties: false },
)

export const BudgetVersionParams = Type.Object({ projectId: Id, budgetVersionId: Id })

export const InKindContribution = Type.Object({
  id: Id,
  contributor: Type.String(),
  description: Type.String(),
  year: Year,
  unit: InKindUnit,
  quantity: Type.Integer({ description: 'Hours, or basis points of a full-time position (2000 = 20 %)' }),
  months: Nullable(Type.Integer()),
  rateOre: Ore,
  valueOre: Ore,
  version: Version,
})

const inKindFields = {
  contributor: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Text(1000)),
  year: Year,
  unit: InKindUnit,
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  months: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
  rateOre: NonNegativeOre,
}

export const InKindCreate = Type.Object(inKindFields, { additionalProperties: false })
export const InKindPatch = Type.Object(
  {
    version: Type.Optional(Version),
    contributor: Type.Optional(inKindFields.contributor),
    description: inKindFields.description,
    year: Type.Optional(Year),
    unit: Type.Optional(InKindUnit),
    quantity: Type.Optional(inKindFields.quantity),
    months: inKindFields.months,
    rateOre: Type.Optional(NonNegativeOre),
  },
  { additionalProperties: false },
)

export const ActualCost = Type.Object({
  id: Id,
  project: Ref,
  date: IsoDate,
  amountOre: Ore,
  category: CategoryCode,
  account: Type.String(),
  costCentre: Type.String(),
  voucher: Type.String(),
  description: Type.String(),
  source: Type.Union([Type.Literal('manual'), Type.Literal('import')]),
  importId: Nullable(Id),
  createdAt: Timestamp,
})

export const ActualCostCreate = Type.Object(
  {
    date: IsoDate,
    amountOre: SignedOre,
    category: CategoryCode,
    account: Type.Optional(Type.String({ maxLength: 60 })),
    costCentre: Type.Optional(Type.String({ maxLength: 60 })),
    voucher: Type.Optional(Type.String({ maxLength: 60 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    subProjectId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

export const ActualListQuery = Type.Object(
  {
    year: Type.Optional(Year),
    category: Type.Optional(CategoryCode),
    importId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const FinanceCode = Type.Object({ id: Id, code: Type.String(), project: Ref, organisation: Ref })
export const FinanceCodeCreate = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }) },
  { additionalProperties: false },
)

export const ForecastEntry = Type.Object({ year: Year, category: CategoryCode, amountOre: NonNegativeOre })
export const ForecastPut = Type.Object(
  { version: Type.Optional(Version), entries: Type.Array(ForecastEntry, { maxItems: 500 }) },
  { additionalProperties: false },
)

export const FinanceSettingsPatch = Type.Object(
  { version: Type.Optional(Version), deviationThresholdBp: Type.Integer({ minimum: 0, maximum: 10_000 }) },
  { additionalProperties: false },
)

export const BurnStatus = Type.Object({
  asOf: IsoDate,
  state: BurnState,
  deviationBp: Nullable(BasisPoints),
  thresholdBp: BasisPoints,
  budgetTotalOre: Ore,
  plannedToDateOre: Ore,
  spentToDateOre: Ore,
  forecastOre: Ore,
  expectedUnspentOre: Ore,
})

export const ProjectFinance = Type.Object({
  project: Ref,
  organisation: Ref,
  period: Type.Object({ start: IsoDate, end: IsoDate }),
  categories: Type.Array(Category),
  funding: Type.Array(FundingEntry),
  funders: Type.Array(FunderTotal),
  fundingTotalOre: Ore,
  fundingByYear: Type.Array(Type.Object({ year: Year, amountOre: Ore })),
  currentBudget: Nullable(BudgetVersion),
  originalBudgetId: Nullable(Id),
  versions: Type.Array(BudgetVersionSummary),
  inKind: Type.Array(InKindContribution),
  inKindTotalOre: Ore,
  spentTotalOre: Ore,
  codes: Type.Array(FinanceCode),
  forecast: Type.Array(ForecastEntry),
  settings: Type.Object({ deviationThresholdBp: BasisPoints, version: Version }),
  burn: BurnStatus,
  permissions: Type.Object({ edit: Type.Boolean(), propose: Type.Boolean(), approve: Type.Boolean() }),
})

export const BurnQuery = Type.Object(
  {
    asOf: Type.Optional(IsoDate),
    compare: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('original')])),
  },
  { additionalProperties: false },
)

const Totals = Type.Object({ budgetOre: Ore, actualOre: Ore })

const OreOf = (description: string) => Type.Integer({ description: `${description}, in öre` })

const SeriesPoint = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  cumulativePlanOre: Ore,
  cumulativeActualOre: Ore,
})

export const BurnReport = Type.Object({
  status: BurnStatus,
  compare: Type.Union([Type.Literal('current'), Type.Literal('original')]),
  points: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      planOre: Ore,
      actualOre: Ore,
      cumulativePlanOre: Ore,
      cumulativeActualOre: Ore,
      /** Forecast path: actual to date, then the run rate. */
      cumulativeForecastOre: Nullable(Ore),
    }),
  ),
  byCategory: Type.Array(
    Type.Object({ category: CategoryCode, ...Totals.properties, plannedToDateOre: Ore }),
  ),
  byFunder: Type.Array(
    Type.Object({
      funderName: Type.String({ description: 'Empty for money no funder carries' }),
      budgetOre: OreOf("The funder's funding over the project"),
      actualOre: OreOf("The funder's share of the actual, year by year"),
      budgetShareOre: OreOf("The funder's share of the budget, year by year"),
      plannedToDateOre: OreOf("The funder's share of the budget to date"),
      forecastOre: OreOf("The funder's share of the run-rate forecast"),
      forecastManualOre: OreOf("The funder's share of the forecast per year and category"),
      expectedUnspentOre: OreOf('Funding less the run-rate forecast; negative is an overrun'),
      expectedUnspentManualOre: OreOf('Funding less the forecast per year and category'),
    }),
  ),
  /** Cumulative budget and actual by month per category and per funder; every month they add up to `points`. */
  breakdown: Type.Object({
    byCategory: Type.Array(Type.Object({ key: CategoryCode, points: Type.Array(SeriesPoint) })),
    byFunder: Type.Array(
      Type.Object({
        key: Type.String({ description: 'Funder name; empty for money no funder carries' }),
        points: Type.Array(SeriesPoint),
      }),
    ),
  }),
  forecast: Type.Object({
    runRateOre: Ore,
    manualOre: Ore,
    cells: Type.Array(
      Type.Object({
        year: Year,
        category: CategoryCode,
        amountOre: Ore,
        budgetOre: Ore,
        actualOre: Ore,
        source: Type.Union([Type.Literal('manual'), Type.Literal('actual'), Type.Literal('budget')]),
      }),
    ),
    expectedUnspentRunRateOre: Ore,
    expectedUnspentManualOre: Ore,
  }),
})

const SummaryRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  originalOre: Ore,
  budgetOre: Ore,
  actualOre: Ore,
  differenceOre: Ore,
})

export const BudgetSummary = Type.Object({
  title: Type.String({ description: '"Bilaga 1 Sammanställning projektbudget"' }),
  project: Ref,
  period: Type.Object({ start: IsoDate, end: IsoDate }),
  asOf: IsoDate,
  byCategory: Type.Array(SummaryRow),
  byFunder: Type.Array(SummaryRow),
  byYear: Type.Array(SummaryRow),
  total: SummaryRow,
  unspentOre: Ore,
  overrunOre: Ore,
  inKindTotalOre: Ore,
  note: Type.String({ description: 'How actuals are attributed to funders' }),
})

const tags = ['finance']
const P = ProjectParams
const EntryParams = Type.Object({ projectId: Id, entryId: Id })

const json = <T extends Record<number, unknown>>(ok: T) => ({ ...ok, ...problemResponses })

export const getProjectFinance = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance',
  schema: {
    summary: 'The money of a project: funding plan, current budget, versions, in-kind, burn status',
    tags,
    params: P,
    response: json({ 200: ProjectFinance }),
  },
})

export const createFundingEntry = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/funding',
  schema: {
    summary: 'Add a funder × year amount to the funding plan',
    tags,
    params: P,
    body: FundingEntryCreate,
    response: json({ 201: FundingEntry }),
  },
})

export const updateFundingEntry = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/finance/funding/:entryId',
  schema: {
    summary: 'Edit a funding plan entry',
    tags,
    params: EntryParams,
    headers: IfMatchHeaders,
    body: FundingEntryPatch,
    response: json({ 200: FundingEntry }),
  },
})

export const deleteFundingEntry = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/finance/funding/:entryId',
  schema: {
    summary: 'Remove a funding plan entry (send If-Match)',
    tags,
    params: EntryParams,
    headers: IfMatchHeaders,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const listBudgetVersions = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/budget-versions',
  schema: {
    summary: 'Budget versions, newest first',
    tags,
    params: P,
    response: json({ 200: Type.Object({ items: Type.Array(BudgetVersionSummary) }) }),
  },
})

export const getBudgetVersion = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId',
  schema: {
    summary: 'One budget version with its lines',
    tags,
    params: BudgetVersionParams,
    response: json({ 200: BudgetVersion }),
  },
})

export const createBudgetVersion = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/budget-versions',
  schema: {
    summary:
      'Start a budget version (a draft, or a proposal): finance, or the project leader proposing a change',
    tags,
    params: P,
    body: BudgetVersionCreate,
    response: json({ 201: BudgetVersion }),
  },
})

export const updateBudgetVersion = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId',
  schema: {
    summary: 'Replace the lines of a draft or proposed version',
    tags,
    params: BudgetVersionParams,
    headers: IfMatchHeaders,
    body: BudgetVersionPut,
    response: json({ 200: BudgetVersion }),
  },
})

export const deleteBudgetVersion = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId',
  schema: {
    summary: 'Discard a draft or proposal',
    tags,
    params: BudgetVersionParams,
    headers: IfMatchHeaders,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const proposeBudgetVersion = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId/propose',
  schema: {
    summary: 'Propose a draft for approval',
    tags,
    params: BudgetVersionParams,
    body: BudgetDecisionBody,
    response: json({ 200: BudgetVersion }),
  },
})

export const approveBudgetVersionDirect = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId/approve',
  schema: {
    summary: 'Approve a proposed version directly (finance), making it the current budget',
    description: 'Until steering-group approvals handle budget changes; recorded in the history.',
    tags,
    params: BudgetVersionParams,
    body: BudgetDecisionBody,
    response: json({ 200: BudgetVersion }),
  },
})

export const rejectBudgetVersion = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/budget-versions/:budgetVersionId/reject',
  schema: {
    summary: 'Reject a proposed version',
    tags,
    params: BudgetVersionParams,
    body: BudgetDecisionBody,
    response: json({ 200: BudgetVersion }),
  },
})

export const createInKind = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/in-kind',
  schema: {
    summary: 'Record an in-kind contribution (staff time)',
    tags,
    params: P,
    body: InKindCreate,
    response: json({ 201: InKindContribution }),
  },
})

export const updateInKind = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/finance/in-kind/:entryId',
  schema: {
    summary: 'Edit an in-kind contribution',
    tags,
    params: EntryParams,
    headers: IfMatchHeaders,
    body: InKindPatch,
    response: json({ 200: InKindContribution }),
  },
})

export const deleteInKind = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/finance/in-kind/:entryId',
  schema: {
    summary: 'Remove an in-kind contribution (send If-Match)',
    tags,
    params: EntryParams,
    headers: IfMatchHeaders,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const listActuals = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/actuals',
  schema: {
    summary: 'Actual costs of the project and its sub-projects, newest first',
    tags,
    params: P,
    querystring: ActualListQuery,
    response: json({ 200: Page(ActualCost) }),
  },
})

export const createActual = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/actuals',
  schema: {
    summary: 'Enter an actual cost by hand',
    tags,
    params: P,
    body: ActualCostCreate,
    response: json({ 201: ActualCost }),
  },
})

export const deleteActual = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/finance/actuals/:entryId',
  schema: {
    summary: 'Remove a hand-entered cost (imported ones go with their import)',
    tags,
    params: EntryParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const listFinanceCodes = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/codes',
  schema: {
    summary: 'Project codes and cost centres of the finance system that mean this project',
    tags,
    params: P,
    response: json({ 200: Type.Object({ items: Type.Array(FinanceCode) }) }),
  },
})

export const createFinanceCode = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/finance/codes',
  schema: {
    summary: 'Map a project code or cost centre to this project',
    tags,
    params: P,
    body: FinanceCodeCreate,
    response: json({ 201: FinanceCode }),
  },
})

export const deleteFinanceCode = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/finance/codes/:entryId',
  schema: {
    summary: 'Remove a code mapping',
    tags,
    params: EntryParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const putForecast = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/finance/forecast',
  schema: {
    summary: 'Replace the manual forecast per year and category',
    tags,
    params: P,
    headers: IfMatchHeaders,
    body: ForecastPut,
    response: json({ 200: Type.Object({ entries: Type.Array(ForecastEntry), version: Version }) }),
  },
})

export const patchFinanceSettings = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/finance/settings',
  schema: {
    summary: 'Set the burn deviation threshold',
    tags,
    params: P,
    headers: IfMatchHeaders,
    body: FinanceSettingsPatch,
    response: json({ 200: Type.Object({ deviationThresholdBp: BasisPoints, version: Version }) }),
  },
})

export const getBurn = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/burn',
  schema: {
    summary: 'Burn by month, per category and funder, and the forecast',
    tags,
    params: P,
    querystring: BurnQuery,
    response: json({ 200: BurnReport }),
  },
})

export const getBudgetSummary = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/summary',
  schema: {
    summary: '"Bilaga 1 Sammanställning projektbudget": budget vs actual per funder and category',
    tags,
    params: P,
    querystring: Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false }),
    response: json({ 200: BudgetSummary }),
  },
})

export const exportProjectFinance = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/finance/export',
  schema: {
    summary: 'Budget, actuals, summary and monthly burn per funder and per category as an XLSX workbook',
    tags,
    params: P,
    response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses },
  },
})
