import { assertSafeOre, type Ore, sumOre } from './money.ts'

/** The default cost categories; an organisation may rename, add or retire them. */
export const defaultCategories = [
  { code: 'staff', nameSv: 'Personal', nameEn: 'Staff' },
  { code: 'premises', nameSv: 'Lokaler', nameEn: 'Premises' },
  { code: 'equipment', nameSv: 'Utrustning', nameEn: 'Equipment' },
  { code: 'training', nameSv: 'Utbildning', nameEn: 'Training' },
  { code: 'evaluation', nameSv: 'Utvärdering', nameEn: 'Evaluation' },
  { code: 'communication', nameSv: 'Kommunikation', nameEn: 'Communication' },
  { code: 'other', nameSv: 'Övrigt', nameEn: 'Other' },
] as const

export interface Category {
  code: string
  nameSv: string
  nameEn: string
  active: boolean
}

export const CATEGORY_CODE = /^[a-z][a-z0-9_]{0,39}$/

export const funderKinds = [
  'public_health_fund',
  'administration',
  'region',
  'external_grant',
  'other',
] as const
export type FunderKind = (typeof funderKinds)[number]

export const fundingStatuses = ['applied', 'granted', 'paid_out'] as const
export type FundingStatus = (typeof fundingStatuses)[number]

/** Funding that is promised or paid counts as granted; an application does not. */
export const isGranted = (status: FundingStatus) => status !== 'applied'

export const budgetStatuses = ['draft', 'proposed', 'approved', 'rejected'] as const
export type BudgetStatus = (typeof budgetStatuses)[number]

export const inKindUnits = ['hours', 'position_share'] as const
export type InKindUnit = (typeof inKindUnits)[number]

/** Integer division of bigints rounded half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero')
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = (n * 2n + d) / (d * 2n)
  return negative ? -q : q
}

function toOre(value: bigint): Ore {
  const n = Number(value)
  assertSafeOre(n)
  return n
}

/**
 * The value of staff time given in kind: hours × hourly rate, or a share of a position
 * (basis points) × months × monthly cost, rounded to the öre.
 */
export function inKindValueOre(input: {
  unit: InKindUnit
  quantity: number
  months: number | null
  rateOre: Ore
}): Ore {
  if (input.unit === 'hours') return toOre(BigInt(input.quantity) * BigInt(input.rateOre))
  return toOre(divRound(BigInt(input.rateOre) * BigInt(input.quantity) * BigInt(input.months ?? 0), 10_000n))
}

/** Splits an amount into `parts` integer pieces that differ by at most one öre and sum to it exactly. */
export function splitEvenly(total: Ore, parts: number): Ore[] {
  assertSafeOre(total)
  if (!Number.isInteger(parts) || parts <= 0) throw new RangeError(`Cannot split into ${parts} parts`)
  const sign = total < 0 ? -1 : 1
  const abs = Math.abs(total)
  const base = Math.floor(abs / parts)
  const extra = abs - base * parts
  return Array.from({ length: parts }, (_, index) => sign * (base + (index < extra ? 1 : 0)))
}

/**
 * Allocates an amount over weights (e.g. funders' shares) by the largest-remainder method:
 * every piece is an integer and the pieces sum to the amount to the öre.
 */
export function allocateByWeights(total: Ore, weights: readonly Ore[]): Ore[] {
  assertSafeOre(total)
  const weightSum = sumOre(weights)
  if (weights.some((w) => w < 0)) throw new RangeError('Weights cannot be negative')
  if (weightSum === 0) return weights.map(() => 0)
  const sign = total < 0 ? -1n : 1n
  const abs = BigInt(Math.abs(total))
  const bigSum = BigInt(weightSum)
  const scaled = weights.map((w) => abs * BigInt(w))
  const floors = scaled.map((s) => s / bigSum)
  let missing = abs - floors.reduce((a, b) => a + b, 0n)
  const order = scaled
    .map((s, index) => ({ index, rest: s % bigSum }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.index - b.index))
  const result = [...floors]
  for (const { index } of order) {
    if (missing <= 0n) break
    result[index] = (result[index] ?? 0n) + 1n
    missing -= 1n
  }
  return result.map((value) => toOre(value * sign))
}

/** Change in basis points from `base` to `value` ((value − base) / base), or null without a base. */
export function deviationBp(value: Ore, base: Ore): number | null {
  if (base === 0) return null
  return Number(divRound((BigInt(value) - BigInt(base)) * 10_000n, BigInt(base)))
}

/** Share of `part` in `whole` in basis points, or null without a whole. */
export function shareBp(part: Ore, whole: Ore): number | null {
  if (whole === 0) return null
  return Number(divRound(BigInt(part) * 10_000n, BigInt(whole)))
}

export interface BudgetLineKey {
  year: number
  category: string
  subProjectId: string | null
}

export interface AmountLine extends BudgetLineKey {
  amountOre: Ore
}

const lineKey = (l: BudgetLineKey) => `${l.year}|${l.category}|${l.subProjectId ?? ''}`

export interface BudgetComparisonRow extends BudgetLineKey {
  baseOre: Ore
  otherOre: Ore
  differenceOre: Ore
}

/** Line-by-line comparison of two budget versions (e.g. the original and the current one). */
export function compareBudgets(
  base: readonly AmountLine[],
  other: readonly AmountLine[],
): BudgetComparisonRow[] {
  const rows = new Map<string, BudgetComparisonRow>()
  const row = (l: BudgetLineKey) => {
    const key = lineKey(l)
    let existing = rows.get(key)
    if (!existing) {
      existing = {
        year: l.year,
        category: l.category,
        subProjectId: l.subProjectId,
        baseOre: 0,
        otherOre: 0,
        differenceOre: 0,
      }
      rows.set(key, existing)
    }
    return existing
  }
  for (const l of base) row(l).baseOre = sumOre([row(l).baseOre, l.amountOre])
  for (const l of other) row(l).otherOre = sumOre([row(l).otherOre, l.amountOre])
  return [...rows.values()]
    .map((r) => ({ ...r, differenceOre: r.otherOre - r.baseOre }))
    .sort(
      (a, b) =>
        a.year - b.year ||
        a.category.localeCompare(b.category) ||
        (a.subProjectId ?? '').localeCompare(b.subProjectId ?? ''),
    )
}

/** Sums amounts into a map keyed by what `keyOf` returns. */
export function sumBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  amountOf: (item: T) => Ore,
): Map<string, Ore> {
  const result = new Map<string, Ore>()
  for (const item of items) {
    const key = keyOf(item)
    result.set(key, sumOre([result.get(key) ?? 0, amountOf(item)]))
  }
  return result
}
