import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, isCalendarDate, todayInSweden } from './calendar-date.ts'

describe('calendar dates', () => {
  it('knows which dates exist', () => {
    expect(isCalendarDate('2014-04-30')).toBe(true)
    expect(isCalendarDate('2014-04-31')).toBe(false)
    expect(isCalendarDate('2016-02-29')).toBe(true)
    expect(isCalendarDate('2015-02-29')).toBe(false)
    expect(isCalendarDate('2014-6-1')).toBe(false)
  })

  it('counts days between dates', () => {
    expect(daysBetween('2014-06-01', '2014-09-22')).toBe(113)
    expect(daysBetween('2014-09-22', '2014-06-01')).toBe(-113)
  })

  it('adds days back to where it started', () => {
    const date = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(date, fc.integer({ min: -20_000, max: 20_000 }), (start, days) => {
        expect(daysBetween(start, addDays(start, days))).toBe(days)
      }),
    )
  })

  it("takes today's date from Sweden's calendar", () => {
    expect(todayInSweden(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26')
    expect(todayInSweden(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30')
  })
})
