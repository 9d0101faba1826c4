import { Type } from 'typebox'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'

/**
 * The benchmark's yardstick: a signed-in request that does one `select 1` through the same
 * pool as every other route. Registered only with BENCH_ROUTES=true.
 */
export const getBenchBaseline = endpoint({
  method: 'GET',
  url: '/api/bench/baseline',
  schema: {
    summary: 'Benchmark baseline: session check and select 1 (only with BENCH_ROUTES=true)',
    tags: ['system'],
    response: { 200: Type.Object({ one: Type.Integer() }), ...problemResponses },
  },
})
