import { Type } from 'typebox'
import {
  indicatorDirections,
  indicatorUnits,
  progressReasons,
  progressStatuses,
} from '../domain/indicator-progress.ts'
import { periodFrequencies } from '../domain/reporting-period.ts'
import { Id, IsoDate, Name, Nullable, ProjectParams, Ref, Text, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { VersionQuery } from './plans.ts'
import { IfMatchHeaders } from './projects.ts'

export const IndicatorUnit = Type.Enum(indicatorUnits)
export const IndicatorDirection = Type.Enum(indicatorDirections)
export const IndicatorFrequency = Type.Enum(periodFrequencies)

export const PeriodKey = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|VT|HT))?$',
  description: "A period: '2014-09' (month), '2014-Q3', '2014-HT' / '2015-VT' (term) or '2015' (year)",
  examples: ['2014-09'],
})

/** A count or hours (two decimals at most), kronor as integer öre, or a percentage as a ratio. */
const QuantityFields = {
  value: Nullable(
    Type.Number({ description: 'Count or hours; kronor as integer öre; null for a percentage' }),
  ),
  numerator: Nullable(
    Type.Integer({ minimum: 0, description: 'Percentage: the part (e.g. pupils reached)' }),
  ),
  denominator: Nullable(
    Type.Integer({ minimum: 1, description: 'Percentage: the whole (e.g. target group)' }),
  ),
}
export const Quantity = Type.Object(QuantityFields)

const QuantityInput = Type.Object(
  {
    value: Type.Optional(Nullable(Type.Number({ minimum: -1e15, maximum: 1e15 }))),
    numerator: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1e12 }))),
    denominator: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1e12 }))),
  },
  { additionalProperties: false },
)

export const Progress = Type.Object({
  status: Type.Enum(progressStatuses),
  reason: Type.Enum(progressReasons),
  achieved: Nullable(Type.Number()),
  expected: Nullable(Type.Number()),
  deviation: Nullable(Type.Number()),
  explanation: Type.String({ description: 'Why, in the request language, naming numbers and thresholds' }),
})

export const Indicator = Type.Object({
  id: Id,
  goal: Nullable(Type.Object({ id: Id, title: Type.String(), kind: Type.String() })),
  sharedKey: Nullable(Type.String()),
  position: Type.Integer(),
  name: Type.String(),
  definition: Type.String(),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  frequency: IndicatorFrequency,
  source: Type.String(),
  baseline: Nullable(Type.Object({ ...QuantityFields, date: Nullable(IsoDate) })),
  target: Nullable(Type.Object({ ...QuantityFields, date: Nullable(IsoDate) })),
  latest: Nullable(Type.Object({ period: PeriodKey, ...QuantityFields })),
  progress: Progress,
  version: Version,
})

const AmountWithDate = Type.Object(
  {
    value: Type.Optional(Nullable(Type.Number({ minimum: -1e15, maximum: 1e15 }))),
    numerator: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1e12 }))),
    denominator: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1e12 }))),
    date: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)

const indicatorFields = {
  goalId: Type.Optional(Nullable(Id)),
  sharedKey: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }))),
  definition: Type.Optional(Text(5000)),
  source: Type.Optional(Type.String({ maxLength: 500 })),
  direction: Type.Optional(IndicatorDirection),
  baseline: Type.Optional(Nullable(AmountWithDate)),
  target: Type.Optional(Nullable(AmountWithDate)),
}

export const IndicatorCreate = Type.Object(
  { ...indicatorFields, name: Name(300), unit: IndicatorUnit, frequency: IndicatorFrequency },
  { additionalProperties: false },
)

export const IndicatorPatch = Type.Object(
  {
    ...indicatorFields,
    name: Type.Optional(Name(300)),
    frequency: Type.Optional(IndicatorFrequency),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
)

export const IndicatorParams = Type.Object({ projectId: Id, indicatorId: Id })
export const MeasurementParams = Type.Object({ projectId: Id, indicatorId: Id, period: PeriodKey })

export const Measurement = Type.Object({
  id: Id,
  period: PeriodKey,
  ...QuantityFields,
  share: Nullable(Type.Number({ description: 'numerator / denominator, computed' })),
  source: Type.String(),
  comment: Type.String(),
  enteredBy: Nullable(Type.String({ description: 'Name of who entered it' })),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Version,
})

export const MeasurementPut = Type.Object(
  {
    ...QuantityInput.properties,
    version: Type.Optional(Version),
    source: Type.Optional(Type.String({ maxLength: 500 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const GridRow = Type.Object({
  indicator: Indicator,
  periods: Type.Array(PeriodKey),
  cells: Type.Array(Measurement, { description: 'The measurements there are, by period' }),
})

export const IndicatorGrid = Type.Object({
  projectId: Id,
  from: IsoDate,
  to: IsoDate,
  rows: Type.Array(GridRow),
})

export const GridQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
)

export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
})

export const RollupPoint = Type.Object({
  period: PeriodKey,
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Integer()),
  denominator: Nullable(Type.Integer()),
  share: Nullable(Type.Number()),
  projects: Type.Integer({ description: 'How many projects reported in the period' }),
})

/**
 * A baseline or target summed over projects like the values are: amounts added, and for a
 * percentage the numerators and denominators added, the share computed from the sums.
 */
export const RollupLevel = Type.Object({
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Integer()),
  denominator: Nullable(Type.Integer()),
  share: Nullable(Type.Number()),
})

export const IndicatorRollup = Type.Object({
  programmeId: Id,
  indicators: Type.Array(
    Type.Object({
      sharedKey: Type.String(),
      name: Type.String(),
      unit: IndicatorUnit,
      direction: IndicatorDirection,
      /** Sums over the projects; null unless every project holding the indicator has one. */
      baseline: Nullable(RollupLevel),
      target: Nullable(RollupLevel),
      total: Type.Array(RollupPoint),
      projects: Type.Array(
        Type.Object({
          project: Ref,
          baseline: Nullable(RollupLevel),
          target: Nullable(RollupLevel),
          series: Type.Array(RollupPoint, { description: 'Empty when the project has not reported yet' }),
        }),
      ),
    }),
  ),
})

const tags = ['indicators']

export const listIndicators = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/indicators',
  schema: {
    summary: "The project's indicators with baseline, target, latest value and progress",
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(Indicator) }), ...problemResponses },
  },
})

export const createIndicator = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/indicators',
  schema: {
    summary: 'Add an indicator to a goal',
    tags,
    params: ProjectParams,
    body: IndicatorCreate,
    response: { 201: Indicator, ...problemResponses },
  },
})

export const updateIndicator = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/indicators/:indicatorId',
  schema: {
    summary: 'Edit an indicator',
    tags,
    params: IndicatorParams,
    headers: IfMatchHeaders,
    body: IndicatorPatch,
    response: { 200: Indicator, ...problemResponses },
  },
})

export const deleteIndicator = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/indicators/:indicatorId',
  schema: {
    summary: 'Remove an indicator and its measurements',
    tags,
    params: IndicatorParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const getIndicatorGrid = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/indicators/grid',
  schema: {
    summary:
      'Indicators × periods: every period of each indicator between from and to, with the values entered',
    tags,
    params: ProjectParams,
    querystring: GridQuery,
    response: { 200: IndicatorGrid, ...problemResponses },
  },
})

export const putMeasurement = endpoint({
  method: 'PUT',
  url: '/api/projects/:projectId/indicators/:indicatorId/measurements/:period',
  schema: {
    summary:
      'Enter or change the value of one period; a new cell needs no version, a changed one the version read (409 if stale)',
    tags,
    params: MeasurementParams,
    headers: IfMatchHeaders,
    body: MeasurementPut,
    response: { 200: Measurement, ...problemResponses },
  },
})

export const deleteMeasurement = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/indicators/:indicatorId/measurements/:period',
  schema: {
    summary: 'Clear the value of one period',
    tags,
    params: MeasurementParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})

export const importMeasurements = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/indicators/import',
  schema: {
    summary:
      'Import measurements from CSV or XLSX (multipart field "file"; columns Indikator, Period, Värde, Täljare, Nämnare, Källa, Kommentar). All rows or none.',
    tags,
    params: ProjectParams,
    response: { 200: ImportResult, ...problemResponses },
  },
})

export const getIndicatorRollup = endpoint({
  method: 'GET',
  url: '/api/programmes/:programmeId/indicators',
  schema: {
    summary:
      "Indicators the programme's projects share, summed per period over the projects you can see: numerators and denominators, never averaged shares",
    tags,
    params: Type.Object({ programmeId: Id }),
    response: { 200: IndicatorRollup, ...problemResponses },
  },
})
