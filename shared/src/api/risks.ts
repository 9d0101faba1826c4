import { Type } from 'typebox'
import { riskStatuses } from '../domain/risk.ts'
import { Id, Name, ProjectParams, Text, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { VersionQuery } from './plans.ts'
import { IfMatchHeaders } from './projects.ts'

export const RiskStatus = Type.Enum(riskStatuses)
export const RiskGrade = Type.Integer({ minimum: 1, maximum: 4, description: '1 low … 4 high' })

export const Risk = Type.Object({
  id: Id,
  position: Type.Integer(),
  description: Type.String(),
  probability: RiskGrade,
  consequence: RiskGrade,
  score: Type.Integer({ description: 'probability × consequence' }),
  level: Type.Enum(['low', 'medium', 'high']),
  mitigation: Type.String(),
  owner: Type.String(),
  status: RiskStatus,
  version: Version,
})

const fields = {
  mitigation: Type.Optional(Text(5000)),
  owner: Type.Optional(Type.String({ maxLength: 300 })),
  status: Type.Optional(RiskStatus),
}

export const RiskCreate = Type.Object(
  { ...fields, description: Name(2000), probability: RiskGrade, consequence: RiskGrade },
  { additionalProperties: false },
)
export const RiskPatch = Type.Object(
  {
    ...fields,
    description: Type.Optional(Name(2000)),
    probability: Type.Optional(RiskGrade),
    consequence: Type.Optional(RiskGrade),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
)
export const RiskParams = Type.Object({ projectId: Id, riskId: Id })

const tags = ['risks']

export const listRisks = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/risks',
  schema: {
    summary: "The project's risks, for the probability × consequence matrix",
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(Risk) }), ...problemResponses },
  },
})

export const createRisk = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/risks',
  schema: {
    summary: 'Add a risk',
    tags,
    params: ProjectParams,
    body: RiskCreate,
    response: { 201: Risk, ...problemResponses },
  },
})

export const updateRisk = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/risks/:riskId',
  schema: {
    summary: 'Edit a risk',
    tags,
    params: RiskParams,
    headers: IfMatchHeaders,
    body: RiskPatch,
    response: { 200: Risk, ...problemResponses },
  },
})

export const deleteRisk = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/risks/:riskId',
  schema: {
    summary: 'Remove a risk',
    tags,
    params: RiskParams,
    headers: IfMatchHeaders,
    querystring: VersionQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})
