import { Type } from 'typebox'
import { endpoint } from '../http/endpoint.ts'

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
    response: { 200: Health, 503: Health },
  },
})
