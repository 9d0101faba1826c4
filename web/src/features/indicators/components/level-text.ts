import { formatQuantity, formatShare } from '@lagesbild/shared/domain/indicator-format'
import type { IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'

/** A level on a chart's axis: a share for a percentage, else the amount in its unit. */
export function levelText(unit: IndicatorUnit, level: number, language: 'sv' | 'en') {
  if (unit === 'percentage') return formatShare(level, language)
  return formatQuantity(unit, { value: level, numerator: null, denominator: null }, language)
}
