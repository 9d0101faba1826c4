import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  expectedUnspent,
  forecastTotal,
  runRateForecast,
  splitPeriod,
  yearCategoryForecast,
} from './forecast.ts'
import { kronor } from './money.ts'

describe('runRateForecast', () => {
  it('continues the monthly rate over the months left', () => {
    // 12 months spent 1 200 000 kr, 24 months left → 3 600 000 kr.
    expect(
      runRateForecast({
        spentOre: kronor(1_200_000),
        elapsedMonths: 12,
        remainingMonths: 24,
        remainingPlanOre: 0,
      }),
    ).toBe(kronor(3_600_000))
    expect(
      runRateForecast({ spentOre: 100, elapsedMonths: 3, remainingMonths: 1, remainingPlanOre: 0 }),
    ).toBe(133)
    expect(
      runRateForecast({ spentOre: 0, elapsedMonths: 0, remainingMonths: 12, remainingPlanOre: 500 }),
    ).toBe(500)
    expect(
      runRateForecast({ spentOre: 700, elapsedMonths: 36, remainingMonths: 0, remainingPlanOre: 500 }),
    ).toBe(700)
  })

  it('is an integer within half an öre of the exact rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        (spent, elapsed, remaining) => {
          const result = runRateForecast({
            spentOre: spent,
            elapsedMonths: elapsed,
            remainingMonths: remaining,
            remainingPlanOre: 0,
          })
          expect(Number.isSafeInteger(result)).toBe(true)
          const twice = 2n * BigInt(result - spent) * BigInt(elapsed) - 2n * BigInt(spent) * BigInt(remaining)
          expect(twice <= BigInt(elapsed) && twice >= -BigInt(elapsed)).toBe(true)
        },
      ),
    )
  })
})

describe('splitPeriod', () => {
  it('counts months behind and ahead', () => {
    expect(splitPeriod('2017-01', '2019-12', '2017-12')).toEqual({ elapsed: 12, remaining: 24 })
    expect(splitPeriod('2017-01', '2019-12', '2016-05')).toEqual({ elapsed: 0, remaining: 36 })
    expect(splitPeriod('2017-01', '2019-12', '2025-01')).toEqual({ elapsed: 36, remaining: 0 })
  })
})

describe('yearCategoryForecast', () => {
  it('prefers a manual forecast, then past actuals, then the budget', () => {
    const cells = yearCategoryForecast({
      budget: [
        { year: 2014, category: 'staff', amountOre: 1000 },
        { year: 2015, category: 'staff', amountOre: 1000 },
        { year: 2015, category: 'premises', amountOre: 300 },
        { year: 2016, category: 'staff', amountOre: 1000 },
      ],
      actual: [
        { year: 2014, category: 'staff', amountOre: 800 },
        { year: 2015, category: 'staff', amountOre: 200 },
        { year: 2015, category: 'premises', amountOre: 400 },
      ],
      manual: [{ year: 2016, category: 'staff', amountOre: 600 }],
      asOfYear: 2015,
    })
    expect(cells.map((c) => [c.year, c.category, c.amountOre, c.source])).toEqual([
      [2014, 'staff', 800, 'actual'],
      [2015, 'premises', 400, 'actual'],
      [2015, 'staff', 1000, 'budget'],
      [2016, 'staff', 600, 'manual'],
    ])
    expect(forecastTotal(cells)).toBe(2800)
    expect(expectedUnspent(3300, forecastTotal(cells))).toBe(500)
  })

  it('sums its cells exactly', () => {
    const cell = fc.record({
      year: fc.integer({ min: 2013, max: 2016 }),
      category: fc.constantFrom('staff', 'other'),
      amountOre: fc.integer({ min: 0, max: 1e11 }),
    })
    fc.assert(
      fc.property(fc.array(cell), fc.array(cell), fc.array(cell), (budget, actual, manual) => {
        const cells = yearCategoryForecast({ budget, actual, manual, asOfYear: 2015 })
        const keys = new Set(cells.map((c) => `${c.year}|${c.category}`))
        expect(keys.size).toBe(cells.length)
        expect(forecastTotal(cells)).toBe(cells.reduce((a, c) => a + c.amountOre, 0))
      }),
    )
  })
})
