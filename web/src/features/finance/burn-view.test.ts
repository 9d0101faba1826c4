import { describe, expect, it } from 'vitest'
import { breakdownTable, totalRow } from './burn-view'

const point = (month: string, plan: number, actual: number) => ({
  month,
  cumulativePlanOre: plan,
  cumulativeActualOre: actual,
})

const report = {
  status: { asOf: '2017-08-15' },
  breakdown: {
    byFunder: [
      {
        key: 'Folkhälsomedel',
        points: [point('2017-07', 3_750_001, 3_000_000), point('2017-08', 7_500_001, 3_750_000)],
      },
      { key: '', points: [point('2017-07', 1_250_000, 1_000_000), point('2017-08', 2_500_001, 1_250_000)] },
    ],
    byCategory: [
      {
        key: 'staff',
        points: [point('2017-07', 4_000_001, 4_000_000), point('2017-08', 8_000_001, 4_000_000)],
      },
      { key: 'premises', points: [point('2017-07', 1_000_000, 0), point('2017-08', 2_000_001, 1_000_000)] },
      { key: 'other', points: [point('2017-07', 0, 0), point('2017-08', 0, 0)] },
    ],
  },
}

describe('breakdownTable', () => {
  it('lays the funders out month by month with their names', () => {
    const table = breakdownTable(report, 'funder', (key) => key || 'Ej fördelat på finansiär')
    expect(table.series).toEqual([
      { key: 'Folkhälsomedel', label: 'Folkhälsomedel' },
      { key: '', label: 'Ej fördelat på finansiär' },
    ])
    expect(table.rows).toEqual([
      { month: '2017-07', plan: [3_750_001, 1_250_000], actual: [3_000_000, 1_000_000] },
      { month: '2017-08', plan: [7_500_001, 2_500_001], actual: [3_750_000, 1_250_000] },
    ])
  })

  it('orders categories as the organisation lists them and stops the actual at the as-of month', () => {
    const order = ['staff', 'premises', 'other']
    const table = breakdownTable(
      { ...report, status: { asOf: '2017-07-31' } },
      'category',
      (key) => key.toUpperCase(),
      (key) => order.indexOf(key),
    )
    expect(table.series.map((s) => s.label)).toEqual(['STAFF', 'PREMISES', 'OTHER'])
    expect(table.rows[1]).toEqual({
      month: '2017-08',
      plan: [8_000_001, 2_000_001, 0],
      actual: [null, null, null],
    })
  })
})

describe('totalRow', () => {
  it('sums the chosen columns to the öre and leaves the others out', () => {
    const rows = [
      { forecastOre: 6_750_001, expectedUnspentOre: 23_249_999, budgetOre: 1 },
      { forecastOre: 5_916_667, expectedUnspentOre: -8_250_000, budgetOre: 1 },
    ]
    expect(totalRow(rows, ['forecastOre', 'expectedUnspentOre'])).toEqual({
      forecastOre: 12_666_668,
      expectedUnspentOre: 14_999_999,
    })
  })
})
