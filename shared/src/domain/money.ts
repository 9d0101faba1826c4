/**
 * Money is an integer number of öre everywhere (database bigint, API integer).
 * No float ever touches an amount: parsing, sums and shares are integer arithmetic.
 */
export type Ore = number

export const ORE_PER_KRONA = 100

export function kronor(whole: number): Ore {
  assertSafeOre(whole * ORE_PER_KRONA)
  return whole * ORE_PER_KRONA
}

export function assertSafeOre(value: number): asserts value is Ore {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount of öre: ${value}`)
}

export function sumOre(values: Iterable<Ore>): Ore {
  let total = 0
  for (const value of values) {
    assertSafeOre(value)
    total += value
    assertSafeOre(total)
  }
  return total
}

const groupFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 })

/** "2 806 000 kr", or "1 234,50 kr" when there are öre. Grouping uses a no-break space as sv-SE does. */
export function formatMoney(ore: Ore, options: { unit?: boolean; alwaysOre?: boolean } = {}): string {
  assertSafeOre(ore)
  const sign = ore < 0 ? '−' : ''
  const abs = Math.abs(ore)
  const whole = Math.trunc(abs / ORE_PER_KRONA)
  const rest = abs % ORE_PER_KRONA
  const decimals = rest !== 0 || options.alwaysOre ? `,${String(rest).padStart(2, '0')}` : ''
  const unit = options.unit === false ? '' : '\u00a0kr'
  return `${sign}${groupFormat.format(whole)}${decimals}${unit}`
}

/**
 * Parses an amount as Swedish finance systems write it: "1 234,50", "-12 000,00",
 * "1234.5", "1 234 kr". Returns öre, or null when the text is not an amount.
 */
export function parseAmount(text: string): Ore | null {
  const cleaned = text
    .trim()
    .replace(/\s*(kr|sek)\.?$/i, '')
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/^\u2212/, '-')
  const match = /^([+-]?)(\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned)
  if (!match) return null
  const [, sign, whole = '0', fraction = ''] = match
  const ore = Number(whole) * ORE_PER_KRONA + Number(fraction.padEnd(2, '0'))
  if (!Number.isSafeInteger(ore)) return null
  return sign === '-' ? -ore : ore
}

/**
 * Splits 10 000 basis points (100,00 %) over the parts by the largest-remainder method,
 * so shares shown to a person always add up to exactly 100 %.
 */
export function sharesInBasisPoints(parts: readonly Ore[]): number[] {
  const total = sumOre(parts)
  if (total === 0) return parts.map(() => 0)
  const scaled = parts.map((part) => BigInt(part) * 10_000n)
  const bigTotal = BigInt(total)
  const floors = scaled.map((value) => value / bigTotal)
  const remainders = scaled.map((value, index) => ({ index, rest: value % bigTotal }))
  let missing = 10_000 - Number(floors.reduce((a, b) => a + b, 0n))
  const result = floors.map(Number)
  remainders.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.index - b.index))
  for (const { index } of remainders) {
    if (missing <= 0) break
    result[index] = (result[index] ?? 0) + 1
    missing -= 1
  }
  return result
}

/** "58,46 %" from basis points. */
export function formatBasisPoints(basisPoints: number): string {
  const sign = basisPoints < 0 ? '−' : ''
  const abs = Math.abs(basisPoints)
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')} %`
}
