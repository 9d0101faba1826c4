import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareActivityNumbers, isActivityNumber, renumber } from './activity-number.ts'

const number = fc
  .array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'))

describe('activity numbers', () => {
  it('orders 2.10 after 2.9 and unnumbered last', () => {
    const sorted = ['2.10', null, '1.2', '2.9', '4.8', '1.1'].sort(compareActivityNumbers)
    expect(sorted).toEqual(['1.1', '1.2', '2.9', '2.10', '4.8', null])
  })

  it('accepts the seeds’ numbers only', () => {
    expect(isActivityNumber('4.8')).toBe(true)
    expect(isActivityNumber('2.11')).toBe(true)
    expect(isActivityNumber('1.')).toBe(false)
    expect(isActivityNumber('a.1')).toBe(false)
  })

  it('is a total order', () => {
    fc.assert(
      fc.property(number, number, number, (a, b, c) => {
        expect(Math.sign(compareActivityNumbers(a, b)) + Math.sign(compareActivityNumbers(b, a))).toBe(0)
        if (compareActivityNumbers(a, b) <= 0 && compareActivityNumbers(b, c) <= 0) {
          expect(compareActivityNumbers(a, c)).toBeLessThanOrEqual(0)
        }
        expect(compareActivityNumbers(a, a)).toBe(0)
      }),
    )
  })

  it('moves a number to another sub-goal and back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        number,
        (from, to, rest) => {
          const n = `${from}.${rest}`
          expect(renumber(renumber(n, from, to), to, from)).toBe(n)
        },
      ),
    )
    expect(renumber('3.1', 2, 1)).toBe('3.1')
  })
})
