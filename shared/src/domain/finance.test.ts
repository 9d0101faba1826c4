import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allocateByWeights,
  compareBudgets,
  deviationBp,
  divRound,
  inKindValueOre,
  shareBp,
  splitEvenly,
} from './finance.ts'
import { kronor, sumOre } from './money.ts'

const amount = fc.integer({ min: -1e13, max: 1e13 })

describe('splitEvenly', () => {
  it('splits 2 806 000 kr over 36 months to the öre', () => {
    const parts = splitEvenly(kronor(2_806_000), 36)
    expect(sumOre(parts)).toBe(kronor(2_806_000))
    expect(parts[0]).toBe(7_794_445)
    expect(parts.at(-1)).toBe(7_794_444)
  })

  it('always sums to the amount, with parts one öre apart at most', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 600 }), (total, n) => {
        const parts = splitEvenly(total, n)
        expect(parts).toHaveLength(n)
        expect(sumOre(parts)).toBe(total)
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
        for (const p of parts) expect(Number.isSafeInteger(p)).toBe(true)
      }),
    )
  })
})

describe('allocateByWeights', () => {
  it('allocates the seed actuals over the funders exactly', () => {
    const parts = allocateByWeights(100_001, [kronor(2_806_000), kronor(1_000_000), kronor(1_000_000)])
    expect(sumOre(parts)).toBe(100_001)
    expect(parts).toEqual([58_386, 20_808, 20_807])
  })

  it('always sums to the amount and never strays more than one öre from the exact share', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.integer({ min: 0, max: 1e11 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocateByWeights(total, weights)
          const weightSum = weights.reduce((a, b) => a + b, 0)
          if (weightSum === 0) {
            expect(parts.every((p) => p === 0)).toBe(true)
            return
          }
          expect(sumOre(parts)).toBe(total)
          parts.forEach((part, i) => {
            const exact = (BigInt(total) * BigInt(weights[i] ?? 0)) / BigInt(weightSum)
            const diff = BigInt(part) - exact
            expect(diff <= 1n && diff >= -1n).toBe(true)
          })
        },
      ),
    )
  })
})

describe('in-kind value', () => {
  it('values hours and shares of a position to the öre', () => {
    expect(inKindValueOre({ unit: 'hours', quantity: 120, months: null, rateOre: 45_050 })).toBe(5_406_000)
    // 20 % of a 42 000 kr/month position for 10 months = 84 000 kr.
    expect(
      inKindValueOre({ unit: 'position_share', quantity: 2000, months: 10, rateOre: kronor(42_000) }),
    ).toBe(kronor(84_000))
    // 33,33 % of 1 öre for one month rounds half away from zero.
    expect(inKindValueOre({ unit: 'position_share', quantity: 5000, months: 1, rateOre: 1 })).toBe(1)
  })
})

describe('ratios in basis points', () => {
  it('rounds half away from zero with integers only', () => {
    expect(divRound(5n, 2n)).toBe(3n)
    expect(divRound(-5n, 2n)).toBe(-3n)
    expect(divRound(4n, 3n)).toBe(1n)
    expect(deviationBp(110, 100)).toBe(1000)
    expect(deviationBp(80, 100)).toBe(-2000)
    expect(deviationBp(5, 0)).toBeNull()
    expect(shareBp(kronor(2_806_000), kronor(4_806_000))).toBe(5839)
  })

  it('matches exact rational rounding for any integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divRound(n, d)
          // |n/d − q| ≤ 1/2  ⇔  |2n − 2qd| ≤ d
          const twice = 2n * n - 2n * q * d
          expect(twice <= d && twice >= -d).toBe(true)
        },
      ),
    )
  })
})

describe('compareBudgets', () => {
  it('pairs lines by year, category and sub-project and gives the difference', () => {
    const rows = compareBudgets(
      [
        { year: 2017, category: 'staff', subProjectId: null, amountOre: 100 },
        { year: 2017, category: 'premises', subProjectId: null, amountOre: 50 },
      ],
      [
        { year: 2017, category: 'staff', subProjectId: null, amountOre: 80 },
        { year: 2018, category: 'staff', subProjectId: null, amountOre: 30 },
      ],
    )
    expect(rows).toEqual([
      { year: 2017, category: 'premises', subProjectId: null, baseOre: 50, otherOre: 0, differenceOre: -50 },
      { year: 2017, category: 'staff', subProjectId: null, baseOre: 100, otherOre: 80, differenceOre: -20 },
      { year: 2018, category: 'staff', subProjectId: null, baseOre: 0, otherOre: 30, differenceOre: 30 },
    ])
  })
})
