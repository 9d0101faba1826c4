import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  frequencyOfKey,
  nextPeriod,
  periodContaining,
  periodFrequencies,
  periodRange,
  periodsBetween,
} from './reporting-period.ts'

describe('reporting periods', () => {
  it('knows the first and last day of each kind of period', () => {
    expect(periodRange('2016-02')).toEqual({ start: '2016-02-01', end: '2016-02-29' })
    expect(periodRange('2014-Q3')).toEqual({ start: '2014-07-01', end: '2014-09-30' })
    expect(periodRange('2015-VT')).toEqual({ start: '2015-01-01', end: '2015-06-30' })
    expect(periodRange('2014-HT')).toEqual({ start: '2014-07-01', end: '2014-12-31' })
    expect(periodRange('2015')).toEqual({ start: '2015-01-01', end: '2015-12-31' })
  })

  it('refuses what is not a period', () => {
    expect(frequencyOfKey('2014-13')).toBeNull()
    expect(frequencyOfKey('2014-Q5')).toBeNull()
    expect(() => periodRange('sommar')).toThrow(RangeError)
  })

  it('lists the periods that touch a stretch of days', () => {
    expect(periodsBetween('monthly', '2014-09-15', '2014-12-01')).toEqual([
      '2014-09',
      '2014-10',
      '2014-11',
      '2014-12',
    ])
    expect(periodsBetween('term', '2014-09-01', '2016-06-30')).toEqual([
      '2014-HT',
      '2015-VT',
      '2015-HT',
      '2016-VT',
    ])
  })

  it('each period contains its own days and is followed by the one after its last day', () => {
    const day = fc
      .record({
        y: fc.integer({ min: 1990, max: 2090 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
    fc.assert(
      fc.property(day, fc.constantFrom(...periodFrequencies), (date, frequency) => {
        const key = periodContaining(frequency, date)
        const range = periodRange(key)
        expect(range.start <= date && date <= range.end).toBe(true)
        expect(periodRange(nextPeriod(key)).start > range.end).toBe(true)
      }),
    )
  })
})
