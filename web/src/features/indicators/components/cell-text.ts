import type { IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import { parseAmount } from '@lagesbild/shared/domain/money'

export interface Amount {
  value: number | null
  numerator: number | null
  denominator: number | null
}

/** What a cell shows for editing: "12/40" for a share, kronor for money, decimals with a comma. */
export function amountText(unit: IndicatorUnit, amount: Amount | null | undefined): string {
  if (!amount) return ''
  if (unit === 'percentage')
    return amount.numerator === null || amount.denominator === null
      ? ''
      : `${amount.numerator}/${amount.denominator}`
  if (amount.value === null) return ''
  const value = unit === 'kronor' ? amount.value / 100 : amount.value
  return String(value).replace('.', ',')
}

/** The amount a person typed; null when it cannot be read, undefined for an empty cell. */
export function parseAmountText(unit: IndicatorUnit, text: string): Amount | null | undefined {
  const t = text.trim()
  if (t === '') return undefined
  if (unit === 'percentage') {
    const match = /^(\d+)\s*\/\s*(\d+)$/.exec(t)
    if (!match) return null
    return { value: null, numerator: Number(match[1]), denominator: Number(match[2]) }
  }
  if (unit === 'kronor') {
    const ore = parseAmount(t)
    return ore === null ? null : { value: ore, numerator: null, denominator: null }
  }
  const cleaned = t.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null
  return { value: Number(cleaned), numerator: null, denominator: null }
}
