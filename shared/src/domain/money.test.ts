import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatBasisPoints, formatMoney, kronor, parseAmount, sharesInBasisPoints, sumOre } from './money.ts'

const nbsp = (text: string) => text.replace(/ /g, '\u00a0')

describe('formatMoney', () => {
  it('writes whole kronor the Swedish way', () => {
    expect(formatMoney(kronor(2_806_000))).toBe(nbsp('2 806 000 kr'))
    expect(formatMoney(0)).toBe(nbsp('0 kr'))
  })

  it('shows öre only when there are any', () => {
    expect(formatMoney(123_450)).toBe(nbsp('1 234,50 kr'))
    expect(formatMoney(kronor(5), { alwaysOre: true })).toBe(nbsp('5,00 kr'))
    expect(formatMoney(-1_200_000)).toBe(nbsp('−12 000 kr'))
  })

  it('refuses a non-integer amount', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError)
  })
})

describe('parseAmount', () => {
  it.each([
    ['1 234,50', 123_450],
    ['-12 000,00', -1_200_000],
    ['1234.5', 123_450],
    ['1\u00a0234 kr', 123_400],
    ['−7,05', -705],
    ['0', 0],
  ])('reads %s', (text, ore) => {
    expect(parseAmount(text)).toBe(ore)
  })

  it.each(['', 'abc', '1,234,5', '12,345', '1.2.3'])('refuses %s', (text) => {
    expect(parseAmount(text)).toBeNull()
  })

  it('round-trips every formatted amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ore) => {
        expect(parseAmount(formatMoney(ore, { alwaysOre: true }))).toBe(ore)
      }),
    )
  })
})

describe('sums and shares', () => {
  it('adds integers exactly', () => {
    expect(sumOre([kronor(2_806_000), kronor(1_000_000), kronor(1_000_000)])).toBe(kronor(4_806_000))
  })

  it('gives the seed funders shares that add up to 100 %', () => {
    const shares = sharesInBasisPoints([kronor(2_806_000), kronor(1_000_000), kronor(1_000_000)])
    expect(shares).toEqual([5838, 2081, 2081])
    expect(shares.map(formatBasisPoints)).toEqual(['58,38 %', '20,81 %', '20,81 %'])
  })

  it('always sums shares to exactly 10 000 basis points', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e11 }), { minLength: 1, maxLength: 20 }), (parts) => {
        const shares = sharesInBasisPoints(parts)
        const total = shares.reduce((a, b) => a + b, 0)
        expect(total).toBe(parts.some((p) => p > 0) ? 10_000 : 0)
        for (const share of shares) expect(Number.isInteger(share)).toBe(true)
      }),
    )
  })
})
