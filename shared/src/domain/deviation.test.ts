import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from './calendar-date.ts'
import { datePrecisions, periodOf, preciseDate } from './date-precision.ts'
import { activityStatuses, deviation, formatDeviation, humanDuration, outsidePeriod } from './deviation.ts'

const day = (d: string) => ({ from: d, to: d })
const calendarDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe('deviation', () => {
  it('gives the seed’s Differens for Öppna mottagningen: ca 4 månader', () => {
    const d = deviation({
      status: 'done',
      plannedEnd: day('2014-06-01'),
      actualEnd: day('2014-09-22'),
      asOf: '2016-09-23',
    })
    expect(d).toEqual({ kind: 'late', days: { min: 113, max: 113 }, late: false, overdueDays: null })
    expect(formatDeviation(d, 'sv')).toBe('ca 4 månader')
    expect(formatDeviation(d, 'en')).toBe('about 4 months')
  })

  it('uses the range of "Våren 2016" against a planned 2014-08-31', () => {
    const d = deviation({
      status: 'done',
      plannedEnd: day('2014-08-31'),
      actualEnd: preciseDate('term', '2016-01-01'),
      asOf: '2016-09-23',
    })
    expect(d.days).toEqual({ min: 488, max: 669 })
    expect(formatDeviation(d, 'sv')).toBe('ca 16–22 månader')
  })

  it('says Återstår for what is not done, and flags it late once the planned end has passed', () => {
    const d = deviation({
      status: 'remaining',
      plannedEnd: day('2016-08-31'),
      actualEnd: null,
      asOf: '2016-09-21',
    })
    expect(d).toEqual({ kind: 'remaining', days: null, late: true, overdueDays: 21 })
    expect(formatDeviation(d, 'sv')).toBe('Återstår')
    expect(formatDeviation(d, 'en')).toBe('Remaining')
    const notYet = deviation({
      status: 'planned',
      plannedEnd: day('2016-08-31'),
      actualEnd: null,
      asOf: '2016-08-31',
    })
    expect(notYet.late).toBe(false)
  })

  it('says Återstår but never late for what was not done when the project ended', () => {
    // Tidiga insatser ended 2016-06-30 with the follow-up (planned 2016-08-31) not done.
    const input = {
      status: 'remaining',
      plannedEnd: day('2016-08-31'),
      actualEnd: null,
      asOf: '2026-11-26',
    } as const
    const ended = deviation({ ...input, projectRunning: false })
    expect(ended).toEqual({ kind: 'remaining', days: null, late: false, overdueDays: null })
    expect(formatDeviation(ended, 'sv')).toBe('Återstår')
    expect(deviation({ ...input, projectRunning: true }).late).toBe(true)
  })

  it('counts from the start when the plan gives only a start (fr.o.m.)', () => {
    const d = deviation({
      status: 'done',
      plannedEnd: null,
      actualEnd: null,
      plannedStart: day('2014-01-01'),
      actualStart: day('2014-01-01'),
      asOf: '2016-09-23',
    })
    expect(formatDeviation(d, 'sv')).toBe('i tid')
  })

  it('words durations as people do', () => {
    expect(formatDeviation({ kind: 'on_time', days: { min: 0, max: 0 } }, 'sv')).toBe('i tid')
    expect(humanDuration(21, 'sv')).toBe('3 veckor')
    expect(humanDuration(20, 'sv')).toBe('ca 3 veckor')
    expect(humanDuration(1, 'sv')).toBe('1 dag')
    expect(humanDuration(5, 'en')).toBe('5 days')
    expect(humanDuration(7, 'sv')).toBe('1 vecka')
    expect(humanDuration(800, 'sv')).toBe('ca 2 år')
    expect(formatDeviation({ kind: 'early', days: { min: -14, max: -14 } }, 'sv')).toBe('2 veckor tidigare')
    expect(formatDeviation({ kind: 'cancelled', days: null }, 'sv')).toBe('Inställd')
  })

  it('counts exact days when both dates are days', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -2000, max: 2000 }), (planned, shift) => {
        const actual = addDays(planned, shift)
        const d = deviation({
          status: 'done',
          plannedEnd: day(planned),
          actualEnd: day(actual),
          asOf: actual,
        })
        expect(d.days).toEqual({ min: shift, max: shift })
        expect(d.kind).toBe(shift > 0 ? 'late' : shift < 0 ? 'early' : 'on_time')
        expect(formatDeviation(d, 'sv').length).toBeGreaterThan(0)
      }),
    )
  })

  it('keeps any precise day inside an imprecise range within the range’s deviation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...datePrecisions),
        calendarDate,
        calendarDate,
        fc.integer({ min: 0, max: 400 }),
        (precision, planned, anchor, offset) => {
          const actual = periodOf(precision, anchor)
          const inside = addDays(actual.from, Math.min(offset, daysBetween(actual.from, actual.to)))
          const d = deviation({ status: 'done', plannedEnd: day(planned), actualEnd: actual, asOf: anchor })
          const exact = daysBetween(planned, inside)
          expect(d.days!.min).toBeLessThanOrEqual(exact)
          expect(d.days!.max).toBeGreaterThanOrEqual(exact)
        },
      ),
    )
  })

  it('is late exactly when the planned end has passed, the activity is not finished and the project runs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...activityStatuses),
        calendarDate,
        calendarDate,
        fc.boolean(),
        (status, planned, asOf, projectRunning) => {
          const d = deviation({ status, plannedEnd: day(planned), actualEnd: null, asOf, projectRunning })
          const finished = status === 'done' || status === 'cancelled'
          expect(d.late).toBe(projectRunning && !finished && asOf > planned)
          if (d.late) expect(d.overdueDays).toBe(daysBetween(planned, asOf))
        },
      ),
    )
  })

  it('warns about activities planned outside the project period', () => {
    const period = { start: '2013-09-01', end: '2016-06-30' }
    expect(outsidePeriod({ start: null, end: day('2016-08-31') }, period)).toBe(true)
    expect(outsidePeriod({ start: day('2014-01-01'), end: day('2014-12-31') }, period)).toBe(false)
    expect(outsidePeriod({ start: null, end: null }, period)).toBe(false)
  })
})
