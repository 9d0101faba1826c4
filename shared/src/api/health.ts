import { Type } from 'typebox'
import { endpoint } from '../http/endpoint.ts'
import { Problem } from '../http/problem.ts'

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({
    reachable: Type.Boolean(),
    driver: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
    latencyMs: Type.Optional(Type.Number()),
  }),
  version: Type.String(),
})

export const getHealth = endpoint({
  method: 'GET',
  url: '/api/health',
  schema: {
    summary: 'Liveness and database reachability',
    tags: ['system'],
    // 503 is the health report, or a problem when the database failed already in the session check.
    response: { 200: Health, 503: Type.Union([Health, Problem]) },
  },
})
