import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from './calendar-date.ts'
import {
  datePrecisions,
  formatDateSpan,
  formatPreciseDate,
  isConsistent,
  parsePreciseDate,
  periodOf,
  preciseDate,
} from './date-precision.ts'

const calendarDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const precision = fc.constantFrom(...datePrecisions)
const language = fc.constantFrom('sv' as const, 'en' as const)

describe('dates with a precision', () => {
  it('reads the seeds’ ways of writing dates', () => {
    expect(parsePreciseDate('Våren 2016')).toEqual({
      ok: true,
      value: { from: '2016-01-01', to: '2016-06-30', precision: 'term', note: null },
    })
    expect(parsePreciseDate('Ht -19')).toMatchObject({
      ok: true,
      value: { from: '2019-07-01', to: '2019-12-31' },
    })
    expect(parsePreciseDate('VT 2022')).toMatchObject({
      ok: true,
      value: { precision: 'term', from: '2022-01-01' },
    })
    expect(parsePreciseDate('Juni 2021')).toMatchObject({
      ok: true,
      value: { precision: 'month', from: '2021-06-01', to: '2021-06-30' },
    })
    expect(parsePreciseDate('2016-02')).toMatchObject({ ok: true, value: { to: '2016-02-29' } })
    expect(parsePreciseDate('2016')).toMatchObject({
      ok: true,
      value: { precision: 'year', to: '2016-12-31' },
    })
    expect(parsePreciseDate(' 2014-09-22 ')).toMatchObject({
      ok: true,
      value: { precision: 'day', from: '2014-09-22' },
    })
  })

  it('refuses an impossible day instead of moving it', () => {
    expect(parsePreciseDate('2014-04-31')).toEqual({ ok: false, reason: 'impossible' })
    expect(parsePreciseDate('2015-02-29')).toEqual({ ok: false, reason: 'impossible' })
    expect(parsePreciseDate('2014-13')).toEqual({ ok: false, reason: 'impossible' })
    expect(parsePreciseDate('')).toEqual({ ok: false, reason: 'empty' })
    expect(parsePreciseDate('2014-08-12 & 14')).toEqual({ ok: false, reason: 'unrecognised' })
  })

  it('shows each precision as the seeds write it, in Swedish and English', () => {
    expect(formatPreciseDate(preciseDate('term', '2016-03-01'), 'sv')).toBe('Våren 2016')
    expect(formatPreciseDate(preciseDate('term', '2019-09-01'), 'sv')).toBe('Hösten 2019')
    expect(formatPreciseDate(preciseDate('term', '2016-03-01'), 'en')).toBe('Spring 2016')
    expect(formatPreciseDate(preciseDate('month', '2021-08-15'), 'sv')).toBe('Augusti 2021')
    expect(formatPreciseDate(preciseDate('month', '2021-08-15'), 'en')).toBe('August 2021')
    expect(formatPreciseDate(preciseDate('year', '2016-05-05'), 'sv')).toBe('2016')
    expect(formatPreciseDate(preciseDate('day', '2014-09-22'), 'sv')).toBe('2014-09-22')
  })

  it('gives a period that holds its anchor and is the same from any day inside it', () => {
    fc.assert(
      fc.property(precision, calendarDate, (p, anchor) => {
        const period = periodOf(p, anchor)
        expect(period.from <= anchor && anchor <= period.to).toBe(true)
        expect(periodOf(p, period.from)).toEqual(period)
        expect(periodOf(p, period.to)).toEqual(period)
        expect(isConsistent({ ...period, precision: p })).toBe(true)
      }),
    )
  })

  it('reads back what it shows', () => {
    fc.assert(
      fc.property(precision, calendarDate, language, (p, anchor, lang) => {
        const date = preciseDate(p, anchor)
        const parsed = parsePreciseDate(formatPreciseDate(date, lang))
        expect(parsed).toEqual({ ok: true, value: date })
      }),
    )
  })

  it('calls a range inconsistent when it is not its precision’s period', () => {
    fc.assert(
      fc.property(fc.constantFrom('month', 'term', 'year' as const), calendarDate, (p, anchor) => {
        const period = periodOf(p, anchor)
        expect(isConsistent({ ...period, to: addDays(period.to, 1), precision: p })).toBe(false)
      }),
    )
  })
})

describe('formatDateSpan', () => {
  const day = (from: string) => ({ from, precision: 'day' as const })
  it('writes a period with both ends, a deadline as its one date, nothing as empty', () => {
    expect(formatDateSpan(day('2015-01-01'), day('2016-06-01'), 'sv')).toBe('2015-01-01 – 2016-06-01')
    expect(formatDateSpan(null, day('2016-08-31'), 'sv')).toBe('2016-08-31')
    expect(formatDateSpan(day('2014-01-01'), undefined, 'sv')).toBe('2014-01-01')
    expect(formatDateSpan(day('2014-08-12'), day('2014-08-12'), 'sv')).toBe('2014-08-12')
    expect(formatDateSpan(null, null, 'sv')).toBe('')
  })

  it('names terms and months in the language asked for, and tells same dates of other precision apart', () => {
    const spring = { from: '2016-01-01', precision: 'term' as const }
    expect(formatDateSpan(null, spring, 'sv')).toBe('Våren 2016')
    expect(formatDateSpan(null, spring, 'en')).toBe(formatPreciseDate(spring, 'en'))
    expect(formatDateSpan(day('2016-01-01'), spring, 'sv')).toBe('2016-01-01 – Våren 2016')
  })
})
