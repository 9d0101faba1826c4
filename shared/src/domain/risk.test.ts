import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { riskLevel, riskScale, riskScore } from './risk.ts'

describe('risk matrix', () => {
  it('places probability × consequence in three levels', () => {
    expect(riskLevel(1, 1)).toBe('low')
    expect(riskLevel(2, 2)).toBe('medium')
    expect(riskLevel(3, 3)).toBe('high')
    expect(riskScore(4, 4)).toBe(16)
  })

  it('never lowers the level when either grade rises', () => {
    const grade = fc.constantFrom(...riskScale)
    const rank = { low: 0, medium: 1, high: 2 }
    fc.assert(
      fc.property(grade, grade, (p, c) => {
        if (p < 4)
          expect(rank[riskLevel((p + 1) as 2 | 3 | 4, c)]).toBeGreaterThanOrEqual(rank[riskLevel(p, c)])
        expect(riskLevel(p, c)).toBe(riskLevel(c, p))
      }),
    )
  })
})
