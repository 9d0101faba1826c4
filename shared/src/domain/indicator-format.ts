import type { IndicatorUnit, ProgressStatus, Quantity } from './indicator-progress.ts'
import { formatMoney } from './money.ts'

const decimal = (language: 'sv' | 'en', digits = 2) =>
  new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits })

/** A share as people write it: "95 %" in Swedish, "95%" in English, one decimal when needed. */
export function formatShare(share: number, language: 'sv' | 'en'): string {
  const text = decimal(language, 1).format(share * 100)
  return language === 'sv' ? `${text} %` : `${text}%`
}

/** An amount in its unit: "137", "300,5 tim", "1 250 kr", "95 % (124 av 131)". */
export function formatQuantity(unit: IndicatorUnit, q: Quantity, language: 'sv' | 'en'): string {
  if (unit === 'percentage') {
    if (q.numerator === null || q.denominator === null || q.denominator <= 0) return '–'
    const of = language === 'sv' ? 'av' : 'of'
    return `${formatShare(q.numerator / q.denominator, language)} (${decimal(language).format(q.numerator)} ${of} ${decimal(language).format(q.denominator)})`
  }
  if (q.value === null) return '–'
  if (unit === 'kronor') return formatMoney(Math.round(q.value))
  const number = decimal(language).format(q.value)
  if (unit === 'hours') return language === 'sv' ? `${number} tim` : `${number} h`
  return number
}

export const progressLabels: Record<ProgressStatus, { sv: string; en: string }> = {
  on_track: { sv: 'I fas', en: 'On track' },
  at_risk: { sv: 'I riskzonen', en: 'At risk' },
  off_track: { sv: 'Ur fas', en: 'Off track' },
  no_data: { sv: 'Inga mätvärden', en: 'No values' },
  no_target: { sv: 'Inget målvärde', en: 'No target' },
}
