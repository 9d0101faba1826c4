import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { explainProgress, indicatorProgress, type ProgressInput, sumRatios } from './indicator-progress.ts'

const input = (over: Partial<ProgressInput>): ProgressInput => ({
  unit: 'count',
  direction: 'increase',
  baseline: { level: 0, date: '2014-01-01' },
  target: { level: 100, date: '2015-01-01' },
  first: null,
  latest: null,
  ...over,
})

describe('indicator progress', () => {
  it('is on track when the way covered keeps up with the time elapsed', () => {
    const p = indicatorProgress(input({ latest: { level: 45, date: '2014-07-02' } }))
    expect(p.status).toBe('on_track')
    expect(p.reason).toBe('on_plan')
    expect(p.expected).toBeCloseTo(0.5, 2)
  })

  it('is at risk more than 10 % behind and off track more than 25 % behind', () => {
    expect(indicatorProgress(input({ latest: { level: 35, date: '2014-07-02' } })).status).toBe('at_risk')
    expect(indicatorProgress(input({ latest: { level: 20, date: '2014-07-02' } })).status).toBe('off_track')
  })

  it('respects direction: a decrease toward a lower target is progress', () => {
    const decrease = input({
      direction: 'decrease',
      baseline: { level: 400, date: '2013-09-01' },
      target: { level: 200, date: '2014-12-31' },
    })
    expect(indicatorProgress({ ...decrease, latest: { level: 190, date: '2014-06-30' } }).reason).toBe(
      'target_reached',
    )
    expect(indicatorProgress({ ...decrease, latest: { level: 420, date: '2014-06-30' } }).reason).toBe(
      'moving_away',
    )
  })

  it('keeps a level within 5 % (or 5 percentage points for a share)', () => {
    const keep = input({ direction: 'keep', target: { level: 0.9, date: null }, unit: 'percentage' })
    expect(indicatorProgress({ ...keep, latest: { level: 0.87, date: '2014-06-30' } }).status).toBe(
      'on_track',
    )
    expect(indicatorProgress({ ...keep, latest: { level: 0.82, date: '2014-06-30' } }).status).toBe('at_risk')
    expect(indicatorProgress({ ...keep, latest: { level: 0.7, date: '2014-06-30' } }).status).toBe(
      'off_track',
    )
  })

  it('says when there is no target or no measurement', () => {
    expect(indicatorProgress(input({ target: null })).status).toBe('no_target')
    expect(indicatorProgress(input({})).status).toBe('no_data')
  })

  it('explains the numbers behind the status', () => {
    const p = indicatorProgress(input({ latest: { level: 20, date: '2014-07-02' } }))
    expect(explainProgress(p, 'sv')).toContain('20 %')
    expect(explainProgress(p, 'sv')).toContain('25 %')
  })

  it('reaching the target is always on track, in either direction (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom('increase' as const, 'decrease' as const),
        (baseline, target, beyond, direction) => {
          const sign = direction === 'increase' ? 1 : -1
          const p = indicatorProgress(
            input({
              direction,
              baseline: { level: baseline, date: '2014-01-01' },
              target: { level: target, date: '2015-01-01' },
              latest: { level: target + sign * beyond, date: '2014-03-01' },
            }),
          )
          expect(p.status).toBe('on_track')
        },
      ),
    )
  })

  it('a later value closer to the target never gets a worse status (property)', () => {
    const rank = { on_track: 0, at_risk: 1, off_track: 2, no_data: 3, no_target: 3 }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const at = (level: number) =>
          indicatorProgress(input({ latest: { level, date: '2014-09-01' } })).status
        expect(rank[at(high)]).toBeLessThanOrEqual(rank[at(low)])
      }),
    )
  })
})

describe('sums of shares', () => {
  it('adds numerators and denominators rather than averaging shares', () => {
    const total = sumRatios([
      { numerator: 3, denominator: 4 },
      { numerator: 1, denominator: 100 },
    ])
    expect(total).toEqual({ numerator: 4, denominator: 104, share: 4 / 104 })
  })

  it('the total share lies between the smallest and largest share (property)', () => {
    const ratio = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([d, n]) => ({ numerator: n % (d + 1), denominator: d }))
    fc.assert(
      fc.property(fc.array(ratio, { minLength: 1, maxLength: 20 }), (ratios) => {
        const shares = ratios.map((r) => r.numerator / r.denominator)
        const share = sumRatios(ratios).share ?? 0
        expect(share).toBeGreaterThanOrEqual(Math.min(...shares) - 1e-12)
        expect(share).toBeLessThanOrEqual(Math.max(...shares) + 1e-12)
      }),
    )
  })
})

describe('formatting', () => {
  it('writes shares with their counts and kronor from öre', async () => {
    const { formatQuantity } = await import('./indicator-format.ts')
    expect(formatQuantity('percentage', { value: null, numerator: 19, denominator: 20 }, 'sv')).toBe(
      '95 % (19 av 20)',
    )
    expect(formatQuantity('kronor', { value: 125_000, numerator: null, denominator: null }, 'sv')).toBe(
      '1\u00a0250\u00a0kr',
    )
    expect(formatQuantity('hours', { value: 300.5, numerator: null, denominator: null }, 'en')).toBe(
      '300.5 h',
    )
  })
})
