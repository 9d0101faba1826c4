import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { burnSeries, judgeBurn, monthsBetween, planByMonth, pointAt } from './burn.ts'
import { kronor, sumOre } from './money.ts'

const period = { start: '2017-01-01', end: '2019-12-31' }

describe('planByMonth', () => {
  it('spreads each year over its months inside the period, to the öre', () => {
    const plan = planByMonth(
      [
        { year: 2013, category: 'staff', amountOre: kronor(400_000) },
        { year: 2014, category: 'staff', amountOre: kronor(1_200_000) },
      ],
      { start: '2013-09-01', end: '2016-06-30' },
    )
    expect(plan.get('2013-08')).toBeUndefined()
    expect(plan.get('2013-09')).toBe(kronor(100_000))
    expect(plan.get('2014-01')).toBe(kronor(100_000))
    expect(sumOre(plan.values())).toBe(kronor(1_600_000))
  })

  it('never loses or invents an öre', () => {
    const line = fc.record({
      year: fc.integer({ min: 2010, max: 2025 }),
      category: fc.constantFrom('staff', 'premises', 'other'),
      amountOre: fc.integer({ min: 0, max: 1e12 }),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const plan = planByMonth(lines, { start: '2014-03-15', end: '2018-10-01' })
        expect(sumOre(plan.values())).toBe(sumOre(lines.map((l) => l.amountOre)))
      }),
    )
  })
})

describe('burnSeries', () => {
  it('runs cumulative plan and actual month by month', () => {
    const series = burnSeries({
      lines: [{ year: 2017, category: 'staff', amountOre: kronor(1_200_000) }],
      actuals: [
        { date: '2017-01-31', category: 'staff', amountOre: kronor(90_000) },
        { date: '2017-02-28', category: 'staff', amountOre: kronor(110_000) },
        { date: '2017-02-28', category: 'staff', amountOre: -kronor(5_000) },
      ],
      period,
    })
    expect(series).toHaveLength(36)
    expect(series[1]).toEqual({
      month: '2017-02',
      planOre: kronor(100_000),
      actualOre: kronor(105_000),
      cumulativePlanOre: kronor(200_000),
      cumulativeActualOre: kronor(195_000),
    })
    expect(pointAt(series, '2017-06')).toEqual({
      cumulativePlanOre: kronor(600_000),
      cumulativeActualOre: kronor(195_000),
    })
  })

  it('ends at exactly the budget total and the actual total', () => {
    const entry = fc.record({
      date: fc.constantFrom('2016-12-31', '2017-03-01', '2018-07-15', '2019-12-31', '2020-02-29'),
      category: fc.constant('staff'),
      amountOre: fc.integer({ min: -1e9, max: 1e11 }),
    })
    const line = fc.record({
      year: fc.integer({ min: 2017, max: 2019 }),
      category: fc.constant('staff'),
      amountOre: fc.integer({ min: 0, max: 1e12 }),
    })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.array(entry, { maxLength: 40 }), (lines, actuals) => {
        const series = burnSeries({ lines, actuals, period })
        const last = series.at(-1)
        expect(last?.cumulativePlanOre).toBe(sumOre(lines.map((l) => l.amountOre)))
        expect(last?.cumulativeActualOre).toBe(sumOre(actuals.map((a) => a.amountOre)))
        expect(series.map((p) => p.month)).toEqual(monthsBetween(series[0]?.month ?? '', last?.month ?? ''))
      }),
    )
  })
})

describe('judgeBurn', () => {
  it('warns beyond the threshold either way', () => {
    expect(judgeBurn(1000, 1050, 1000)).toEqual({ state: 'on_track', deviationBp: 500, thresholdBp: 1000 })
    expect(judgeBurn(1000, 1101, 1000).state).toBe('overspend')
    expect(judgeBurn(1000, 600, 1000)).toEqual({ state: 'underspend', deviationBp: -4000, thresholdBp: 1000 })
    expect(judgeBurn(0, 0, 1000).state).toBe('no_plan')
    expect(judgeBurn(0, 10, 1000).state).toBe('overspend')
  })
})
