import { Type } from 'typebox'
import { portfolioSorts } from '../domain/portfolio.ts'
import {
  Id,
  IdParams,
  IsoDate,
  Name,
  Nullable,
  Page,
  PageQuery,
  ProjectParams,
  Ref,
  Timestamp,
  Version,
} from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { Ore } from './finance.ts'
import { LifecycleStatus } from './projects.ts'

export const PortfolioSort = Type.Enum(portfolioSorts)
export const SortOrder = Type.Enum(['asc', 'desc'])

/** The filters and sort of the portfolio table; a saved view stores exactly this. */
export const PortfolioFilters = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Search in name and diarienummer' })),
  programmeId: Type.Optional(Id),
  ownerOrganisationId: Type.Optional(Id),
  status: Type.Optional(LifecycleStatus),
  year: Type.Optional(
    Type.Integer({ minimum: 1990, maximum: 2100, description: 'Running during this year' }),
  ),
  leaderPersonId: Type.Optional(Id),
  steeringGroupId: Type.Optional(Id),
  topLevel: Type.Optional(Type.Boolean({ description: 'Only projects that are not sub-projects' })),
  mine: Type.Optional(Type.Boolean({ description: 'Only projects where you have a project role' })),
  sort: Type.Optional(PortfolioSort),
  order: Type.Optional(SortOrder),
}

export const PortfolioViewQuery = Type.Object(PortfolioFilters, { additionalProperties: false })

export const PortfolioQuery = Type.Object(
  { ...PortfolioFilters, ...PageQuery },
  { additionalProperties: false },
)

export const PortfolioExportQuery = PortfolioViewQuery

export const Light = Type.Enum(['green', 'yellow', 'red'])

export const Health = Type.Object({
  schedule: Nullable(Light),
  budget: Nullable(Light),
  goals: Nullable(Light),
  risks: Nullable(Light),
  overall: Nullable(Light),
  reportedOn: IsoDate,
})

export const Burn = Type.Object({
  budgetOre: Ore,
  spentOre: Ore,
  spentPercent: Nullable(Type.Number({ description: 'Spent as a share of the current approved budget' })),
  timePercent: Nullable(Type.Number({ description: 'Share of the project period that has passed' })),
})

export const PortfolioRow = Type.Object({
  id: Id,
  name: Type.String(),
  code: Nullable(Type.String()),
  status: LifecycleStatus,
  parent: Nullable(Ref),
  programme: Nullable(Ref),
  ownerOrganisation: Ref,
  leader: Nullable(Ref),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
  actualEnd: Nullable(IsoDate),
  /** The latest status report’s traffic lights; null until the project has one. */
  health: Nullable(Health),
  slip: Nullable(
    Type.Object({
      days: Type.Integer({ description: 'Days past the planned end of the worst late milestone' }),
      activity: Type.Object({ id: Id, title: Type.String() }),
    }),
  ),
  lateActivityCount: Type.Integer({
    description: 'Activities past their planned end and not done; only while the project runs',
  }),
  remainingActivityCount: Type.Integer({
    description: 'Activities not done when the project ended ("Återstår"); 0 while it runs',
  }),
  burn: Burn,
  nextMilestone: Nullable(Type.Object({ id: Id, title: Type.String(), date: IsoDate })),
  lastStatusReport: Nullable(IsoDate),
})

export const PortfolioPage = Type.Object({
  ...Page(PortfolioRow).properties,
  asOf: IsoDate,
})

export const PortfolioView = Type.Object({
  id: Id,
  name: Type.String(),
  query: PortfolioViewQuery,
  version: Version,
  updatedAt: Timestamp,
})

export const PortfolioViewCreate = Type.Object(
  { name: Name(100), query: PortfolioViewQuery },
  { additionalProperties: false },
)

export const PortfolioViewUpdate = Type.Object(
  {
    version: Type.Optional(Version),
    name: Type.Optional(Name(100)),
    query: Type.Optional(PortfolioViewQuery),
  },
  { additionalProperties: false },
)

export const ProgrammeOverview = Type.Object({
  programme: Type.Object({
    id: Id,
    name: Type.String(),
    description: Type.String(),
    ownerOrganisation: Ref,
    periodStart: Nullable(IsoDate),
    periodEnd: Nullable(IsoDate),
  }),
  asOf: IsoDate,
  /** The span that holds every project period, for drawing them on one timeline. */
  timeline: Nullable(Type.Object({ start: IsoDate, end: IsoDate })),
  projects: Type.Array(PortfolioRow),
  funding: Type.Object({
    grantedOre: Ore,
    budgetedOre: Ore,
    spentOre: Ore,
    funders: Type.Array(Type.Object({ funderName: Type.String(), grantedOre: Ore })),
  }),
})

const tags = ['portfolio']

export const getPortfolio = endpoint({
  method: 'GET',
  url: '/api/portfolio',
  schema: {
    summary: 'Every project you can see with health, schedule slip, burn and next milestone; keyset paged',
    tags,
    querystring: PortfolioQuery,
    response: { 200: PortfolioPage, ...problemResponses },
  },
})

export const getProjectSituation = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/situation',
  schema: {
    summary: "One project's situation as the portfolio shows it: lights, slip, burn, next milestone",
    tags,
    params: ProjectParams,
    response: { 200: PortfolioRow, ...problemResponses },
  },
})

export const exportPortfolio = endpoint({
  method: 'GET',
  url: '/api/portfolio/export',
  schema: {
    summary: 'The filtered, sorted portfolio as an XLSX workbook',
    tags,
    querystring: PortfolioExportQuery,
    response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses },
  },
})

export const listPortfolioViews = endpoint({
  method: 'GET',
  url: '/api/portfolio/views',
  schema: {
    summary: 'Your saved portfolio views',
    tags,
    response: { 200: Type.Object({ items: Type.Array(PortfolioView) }), ...problemResponses },
  },
})

export const createPortfolioView = endpoint({
  method: 'POST',
  url: '/api/portfolio/views',
  schema: {
    summary: 'Save the current filters and sort as a named view',
    tags,
    body: PortfolioViewCreate,
    response: { 201: PortfolioView, ...problemResponses },
  },
})

export const updatePortfolioView = endpoint({
  method: 'PATCH',
  url: '/api/portfolio/views/:id',
  schema: {
    summary: 'Rename a saved view or replace its query; send the version you read (409 when stale)',
    tags,
    params: IdParams,
    body: PortfolioViewUpdate,
    response: { 200: PortfolioView, ...problemResponses },
  },
})

export const deletePortfolioView = endpoint({
  method: 'DELETE',
  url: '/api/portfolio/views/:id',
  schema: {
    summary: 'Delete a saved view; send its version in If-Match',
    tags,
    params: IdParams,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const getProgrammeOverview = endpoint({
  method: 'GET',
  url: '/api/programmes/:id/overview',
  schema: {
    summary: 'A programme’s projects you can see, their periods on one timeline, and funding totals',
    tags,
    params: IdParams,
    response: { 200: ProgrammeOverview, ...problemResponses },
  },
})
