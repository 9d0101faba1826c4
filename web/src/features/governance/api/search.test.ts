import { describe, expect, it } from 'vitest'
import { parseDecisionSearch } from './search'

describe('the register address', () => {
  it('keeps kind, period and a project or group to narrow to; drops what is no filter', () => {
    const projectId = '0190f5a4-1c2b-7d3e-8f4a-5b6c7d8e9f01'
    expect(
      parseDecisionSearch({
        kind: 'terminate_early',
        from: '2018-01-01',
        to: 'igår',
        projectId,
        steeringGroupId: 'not-an-id',
        extra: 'x',
      }),
    ).toEqual({ kind: 'terminate_early', from: '2018-01-01', projectId })
    expect(parseDecisionSearch({ kind: 'coffee' })).toEqual({})
  })
})
