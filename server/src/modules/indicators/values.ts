import {
  type IndicatorUnit,
  indicatorProgress,
  levelOf,
  type Progress,
  type Quantity,
} from '@lagesbild/shared/domain/indicator-progress'
import { type PeriodFrequency, periodRange } from '@lagesbild/shared/domain/reporting-period'
import type { FieldIssue } from '../../plugins/problem.ts'

/** What a client sent for an amount; missing parts are absent. */
export interface QuantityInput {
  value?: number | null | undefined
  numerator?: number | null | undefined
  denominator?: number | null | undefined
}

const message = (sv: string, en: string) => ({ sv, en })

/**
 * An amount checked against the indicator's unit: a ratio for a percentage, a whole
 * non-negative number for a count, hours to two decimals, kronor as integer öre.
 * Every problem names the field (prefixed, e.g. `target.numerator` or `rows.3.Värde`).
 */
export function readQuantity(
  unit: IndicatorUnit,
  input: QuantityInput,
  prefix: string,
  issues: FieldIssue[],
  names: { value: string; numerator: string; denominator: string } = {
    value: 'value',
    numerator: 'numerator',
    denominator: 'denominator',
  },
): Quantity | null {
  const field = (name: string) => `${prefix}${name}`
  const fail = (name: string, code: string, sv: string, en: string) =>
    issues.push({ field: field(name), code, message: message(sv, en) })
  const before = issues.length
  if (unit === 'percentage') {
    const { numerator, denominator } = input
    if (input.value !== undefined && input.value !== null)
      fail(
        names.value,
        'percentage_as_ratio',
        'Ange en andel som täljare och nämnare.',
        'Give a share as numerator and denominator.',
      )
    if (numerator === undefined || numerator === null || !Number.isInteger(numerator) || numerator < 0)
      fail(
        names.numerator,
        'required',
        'Ange täljaren som ett heltal (t.ex. antal elever som nåtts).',
        'Give the numerator as a whole number (e.g. pupils reached).',
      )
    if (
      denominator === undefined ||
      denominator === null ||
      !Number.isInteger(denominator) ||
      denominator < 1
    )
      fail(
        names.denominator,
        'required',
        'Ange nämnaren som ett heltal större än noll (t.ex. målgruppens storlek).',
        'Give the denominator as a whole number above zero (e.g. the target group size).',
      )
    if (issues.length === before && (numerator ?? 0) > (denominator ?? 0))
      fail(
        names.numerator,
        'numerator_above_denominator',
        'Täljaren kan inte vara större än nämnaren.',
        'The numerator cannot exceed the denominator.',
      )
    if (issues.length > before) return null
    return { value: null, numerator: numerator ?? null, denominator: denominator ?? null }
  }
  if ((input.numerator ?? null) !== null || (input.denominator ?? null) !== null)
    fail(
      names.value,
      'not_a_percentage',
      'Bara en andel har täljare och nämnare; ange ett värde.',
      'Only a share has a numerator and denominator; give a value.',
    )
  const value = input.value
  if (value === undefined || value === null || !Number.isFinite(value)) {
    fail(names.value, 'required', 'Ange ett värde.', 'Give a value.')
  } else if (unit === 'count' && (!Number.isInteger(value) || value < 0)) {
    fail(
      names.value,
      'whole_number',
      'Ett antal är ett heltal, noll eller mer.',
      'A count is a whole number, zero or more.',
    )
  } else if (unit === 'kronor' && !Number.isSafeInteger(value)) {
    fail(names.value, 'whole_ore', 'Belopp anges i hela öre.', 'Amounts are given in whole öre.')
  } else if (unit === 'hours' && (value < 0 || Math.round(value * 100) !== value * 100)) {
    fail(
      names.value,
      'hours',
      'Timmar anges som noll eller mer, med högst två decimaler.',
      'Hours are zero or more, with at most two decimals.',
    )
  }
  if (issues.length > before) return null
  return { value: value ?? null, numerator: null, denominator: null }
}

export const numberOrNull = (text: string | number | null): number | null =>
  text === null ? null : Number(text)

export interface StoredQuantity {
  value: string | null
  numerator: number | null
  denominator: number | null
}

export const quantityOf = (row: StoredQuantity): Quantity => ({
  value: numberOrNull(row.value),
  numerator: row.numerator,
  denominator: row.denominator,
})

export const shareOf = (q: Quantity) =>
  q.numerator !== null && q.denominator !== null && q.denominator > 0 ? q.numerator / q.denominator : null

export interface ProgressRow {
  unit: IndicatorUnit
  direction: 'increase' | 'decrease' | 'keep'
  baseline: (Quantity & { date: string | null }) | null
  target: (Quantity & { date: string | null }) | null
}

/** Progress from an indicator and its measurements (oldest first), each dated at its period's end. */
export function progressOf(
  indicator: ProgressRow,
  measurements: readonly (Quantity & { period: string })[],
): Progress {
  const point = (m: Quantity & { period: string }) => {
    const level = levelOf(indicator.unit, m)
    return level === null ? null : { level, date: periodRange(m.period).end }
  }
  const baselineLevel = indicator.baseline ? levelOf(indicator.unit, indicator.baseline) : null
  const targetLevel = indicator.target ? levelOf(indicator.unit, indicator.target) : null
  const first = measurements[0]
  const latest = measurements.at(-1)
  const firstPoint = first ? point(first) : null
  return indicatorProgress({
    unit: indicator.unit,
    direction: indicator.direction,
    baseline:
      baselineLevel === null
        ? null
        : { level: baselineLevel, date: indicator.baseline?.date ?? firstPoint?.date ?? '1900-01-01' },
    target: targetLevel === null ? null : { level: targetLevel, date: indicator.target?.date ?? null },
    first: firstPoint,
    latest: latest ? point(latest) : null,
  })
}

export type { PeriodFrequency }
