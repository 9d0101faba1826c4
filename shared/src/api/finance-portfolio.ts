import { Type } from 'typebox'
import { Id, Nullable, Ref } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { Ore, Year } from './finance.ts'

const Amounts = {
  grantedOre: Ore,
  budgetedOre: Ore,
  spentOre: Ore,
  forecastOre: Ore,
  unspentOre: Ore,
}

export const PortfolioQuery = Type.Object(
  {
    programmeId: Type.Optional(Id),
    year: Type.Optional(Year),
    asOf: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
)

export const PortfolioFinance = Type.Object({
  asOf: Type.String({ format: 'date' }),
  year: Nullable(Year),
  totals: Type.Object(Amounts),
  projects: Type.Array(Type.Object({ project: Ref, programme: Nullable(Ref), inKindOre: Ore, ...Amounts })),
  programmes: Type.Array(Type.Object({ programme: Nullable(Ref), ...Amounts })),
  funders: Type.Array(Type.Object({ funderName: Type.String(), grantedOre: Ore, spentOre: Ore })),
  years: Type.Array(Type.Object({ year: Year, ...Amounts })),
})

const tags = ['finance']

export const getPortfolioFinance = endpoint({
  method: 'GET',
  url: '/api/finance/portfolio',
  schema: {
    summary:
      'Granted, budgeted, spent, forecast and unspent over the projects you can see, per programme, funder and year',
    tags,
    querystring: PortfolioQuery,
    response: { 200: PortfolioFinance, ...problemResponses },
  },
})

export const exportPortfolioFinance = endpoint({
  method: 'GET',
  url: '/api/finance/portfolio/export',
  schema: {
    summary: 'The portfolio finance view as an XLSX workbook with number cells',
    tags,
    querystring: PortfolioQuery,
    response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses },
  },
})
