import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { monthsBetween, planByMonth } from './burn.ts'
import {
  burnByCategory,
  burnByFunder,
  funderWeights,
  perFunder,
  splitByYear,
  splitRunningTotal,
  UNALLOCATED,
} from './burn-breakdown.ts'
import { kronor, sumOre } from './money.ts'

describe('splitRunningTotal', () => {
  it('splits the running total of each year by that year, to the öre', () => {
    const months = monthsBetween('2017-11', '2018-02')
    const monthly = new Map([
      ['2017-11', 100],
      ['2017-12', 101],
      ['2018-01', 10],
      ['2018-02', 10],
    ])
    const weights = (year: number) => (year === 2017 ? [1, 2] : [1, 0])
    const [a, b] = splitRunningTotal({ months, monthly, count: 2, weightsOf: weights })
    // 2017: 100 → 33 | 67, then 201 → 67 | 134; 2018 goes to the first series alone.
    expect(a).toEqual([33, 67, 77, 87])
    expect(b).toEqual([67, 134, 134, 134])
  })

  it('refuses to lose money when no series has a weight', () => {
    expect(() =>
      splitRunningTotal({
        months: ['2017-01'],
        monthly: new Map([['2017-01', 5]]),
        count: 2,
        weightsOf: () => [0, 0],
      }),
    ).toThrow(RangeError)
    // Nothing to split needs no weight.
    expect(
      splitRunningTotal({ months: ['2017-01'], monthly: new Map(), count: 2, weightsOf: () => [0, 0] }),
    ).toEqual([[0], [0]])
  })

  it('adds up to the total every month, ends each year at the split of the year, stays within an öre', () => {
    const months = monthsBetween('2016-10', '2019-03')
    const amount = fc.integer({ min: -1e9, max: 1e11 })
    const weight = fc.integer({ min: 0, max: 1e9 })
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: months.length, maxLength: months.length }),
        fc.array(fc.array(weight, { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
        (amounts, yearWeights) => {
          const weightsOf = (year: number) => {
            const w = yearWeights[year - 2016] ?? [1, 1, 1]
            return w.some((x) => x > 0) ? w : [0, 0, 1]
          }
          const monthly = new Map(months.map((m, i) => [m, amounts[i] ?? 0]))
          const series = splitRunningTotal({ months, monthly, count: 3, weightsOf })
          let running = 0
          months.forEach((month, i) => {
            running = sumOre([running, monthly.get(month) ?? 0])
            expect(sumOre(series.map((s) => s[i] ?? 0))).toBe(running)
            // Within its year, each series is within one öre of its exact share of the year's running total.
            const yearStart = months.findIndex((m) => m.slice(0, 4) === month.slice(0, 4))
            const withinYear = months
              .slice(yearStart, i + 1)
              .reduce((a, m) => a + BigInt(monthly.get(m) ?? 0), 0n)
            const w = weightsOf(Number(month.slice(0, 4))).map(BigInt)
            const wSum = w.reduce((a, b) => a + b, 0n)
            series.forEach((s, k) => {
              const base = yearStart === 0 ? 0 : (s[yearStart - 1] ?? 0)
              const got = BigInt((s[i] ?? 0) - base) * wSum
              const exact = withinYear * (w[k] ?? 0n)
              expect(got > exact ? got - exact : exact - got).toBeLessThan(wSum)
            })
          })
          const perYear = new Map<number, number>()
          for (const [month, value] of monthly) {
            const year = Number(month.slice(0, 4))
            perYear.set(year, sumOre([perYear.get(year) ?? 0, value]))
          }
          expect(series.map((s) => s.at(-1))).toEqual(splitByYear(perYear, 3, weightsOf))
        },
      ),
    )
  })
})

describe('funderWeights', () => {
  const funding = [
    { funderName: 'Folkhälsomedel', year: 2017, amountOre: kronor(935_000) },
    { funderName: 'BUF', year: 2017, amountOre: kronor(333_000) },
    { funderName: 'Folkhälsomedel', year: 2018, amountOre: kronor(935_000) },
  ]

  it('weighs a year by its funding, a year nobody funds by the whole plan', () => {
    const { names, weightsOf } = funderWeights(funding)
    expect(names).toEqual(['Folkhälsomedel', 'BUF', UNALLOCATED])
    expect(weightsOf(2017)).toEqual([kronor(935_000), kronor(333_000), 0])
    expect(weightsOf(2018)).toEqual([kronor(935_000), 0, 0])
    expect(weightsOf(2020)).toEqual([kronor(1_870_000), kronor(333_000), 0])
  })

  it('leaves money to no funder without a funding plan', () => {
    expect(funderWeights([]).weightsOf(2017)).toEqual([1])
    expect(perFunder(new Map([[2017, 500]]), [])).toEqual(new Map([[UNALLOCATED, 500]]))
  })

  it('shares an amount per year the same way', () => {
    const shares = perFunder(
      new Map([
        [2017, kronor(100_000)],
        [2018, kronor(50_000)],
      ]),
      funding,
    )
    // 100 000 kr × 935/1 268 = 73 738,17 kr, the rest to BUF; 2018 goes to Folkhälsomedel alone.
    expect(shares.get('Folkhälsomedel')).toBe(kronor(123_738) + 17)
    expect(shares.get('BUF')).toBe(kronor(26_261) + 83)
    expect(shares.get(UNALLOCATED)).toBe(0)
  })
})

describe('burnByCategory and burnByFunder', () => {
  const period = { start: '2017-07-01', end: '2018-06-30' }
  const lines = [
    { year: 2017, category: 'staff', amountOre: kronor(600_000) + 1 },
    { year: 2017, category: 'premises', amountOre: kronor(60_000) + 2 },
    { year: 2018, category: 'staff', amountOre: kronor(300_000) },
    { year: 2018, category: 'other', amountOre: 5 },
  ]
  const plan = planByMonth(lines, period)
  const months = monthsBetween('2017-07', '2018-06')
  const actuals = [
    { month: '2017-07', category: 'staff', amountOre: kronor(90_000) },
    { month: '2017-08', category: 'premises', amountOre: kronor(10_000) },
    { month: '2018-01', category: 'other', amountOre: 3 },
  ]

  it('gives each category its budget by the end of each year and adds up to the total line', () => {
    const series = burnByCategory({
      months,
      plan,
      lines,
      actuals,
      categories: ['staff', 'premises', 'other'],
    })
    const [staff, premises, other] = series
    const at = (s: typeof staff, month: string) => s?.points.find((p) => p.month === month)
    expect(at(staff, '2017-07')).toEqual({
      month: '2017-07',
      // 110 000,03 kr planned in July, split 60 000,01 : 6 000,02 with the extra öre to staff.
      cumulativePlanOre: kronor(100_000) + 1,
      cumulativeActualOre: kronor(90_000),
    })
    expect(at(staff, '2017-12')?.cumulativePlanOre).toBe(kronor(600_000) + 1)
    expect(at(premises, '2017-12')?.cumulativePlanOre).toBe(kronor(60_000) + 2)
    expect(at(premises, '2018-06')).toMatchObject({
      cumulativePlanOre: kronor(60_000) + 2,
      cumulativeActualOre: kronor(10_000),
    })
    expect(at(staff, '2018-06')?.cumulativePlanOre).toBe(kronor(900_000) + 1)
    expect(at(other, '2018-06')).toMatchObject({ cumulativePlanOre: 5, cumulativeActualOre: 3 })
    let running = 0
    months.forEach((month, i) => {
      running += plan.get(month) ?? 0
      expect(sumOre(series.map((s) => s.points[i]?.cumulativePlanOre ?? 0))).toBe(running)
    })
  })

  it('shares plan and actual between funders and drops the unallocated series when it is empty', () => {
    const actual = new Map([
      ['2017-07', kronor(90_000)],
      ['2018-01', kronor(10_000)],
    ])
    const series = burnByFunder({
      months,
      plan,
      actual,
      funding: [
        { funderName: 'Folkhälsomedel', year: 2017, amountOre: kronor(300_000) },
        { funderName: 'SOC', year: 2017, amountOre: kronor(100_000) },
        { funderName: 'SOC', year: 2018, amountOre: kronor(100_000) },
      ],
    })
    expect(series.map((s) => s.key)).toEqual(['Folkhälsomedel', 'SOC'])
    const [fhm, soc] = series
    expect(fhm?.points[0]).toEqual({
      month: '2017-07',
      // Three quarters of 110 000,03 kr is 82 500,0075 kr; the largest remainder takes the extra öre.
      cumulativePlanOre: kronor(82_500) + 1,
      cumulativeActualOre: kronor(67_500),
    })
    expect(soc?.points.at(-1)).toEqual({
      month: '2018-06',
      // A quarter of 2017's 660 000,03 kr (with the extra öre), then all of 2018's 300 000,05 kr.
      cumulativePlanOre: kronor(165_000) + 1 + kronor(300_000) + 5,
      cumulativeActualOre: kronor(22_500 + 10_000),
    })
    expect(fhm?.points.at(-1)?.cumulativePlanOre).toBe(kronor(495_000) + 2)
    expect(burnByFunder({ months, plan, actual, funding: [] }).map((s) => s.key)).toEqual([UNALLOCATED])
  })
})
