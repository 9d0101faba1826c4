import { type CalendarDate, daysBetween } from './calendar-date.ts'

/**
 * Indicators and how far they have come. Every amount is exact: counts and hours as
 * decimals of at most two places, kronor as integer öre, percentages as a numerator over
 * a denominator (never a stored share), so that shares add up across periods and projects.
 */
export const indicatorUnits = ['count', 'percentage', 'hours', 'kronor'] as const
export type IndicatorUnit = (typeof indicatorUnits)[number]

export const indicatorDirections = ['increase', 'decrease', 'keep'] as const
export type IndicatorDirection = (typeof indicatorDirections)[number]

/** One amount of an indicator: `value` for count, hours and kronor (öre); the ratio for percentage. */
export interface Quantity {
  value: number | null
  numerator: number | null
  denominator: number | null
}

/** The number progress compares: the value, or the share (0–1) for a percentage. */
export function levelOf(unit: IndicatorUnit, q: Quantity): number | null {
  if (unit === 'percentage') {
    if (q.numerator === null || q.denominator === null || q.denominator <= 0) return null
    return q.numerator / q.denominator
  }
  return q.value
}

export interface Ratio {
  numerator: number
  denominator: number
}

/**
 * Shares over several periods or projects: the sum of numerators over the sum of
 * denominators, never the mean of the shares (3/4 and 1/100 are 4/104, not 38 %).
 */
export function sumRatios(ratios: readonly Ratio[]): Ratio & { share: number | null } {
  let numerator = 0
  let denominator = 0
  for (const r of ratios) {
    numerator += r.numerator
    denominator += r.denominator
  }
  return { numerator, denominator, share: denominator > 0 ? numerator / denominator : null }
}

/**
 * The thresholds, as shares of the way from baseline to target. On track while the
 * way covered lags the way expected by now by at most `atRisk`; off track beyond `offTrack`.
 * An indicator to keep is on track within `keepOnTrack` of its target (relative, or in
 * percentage points for a percentage), at risk within `keepAtRisk`.
 */
export const progressThresholds = {
  atRisk: 0.1,
  offTrack: 0.25,
  keepOnTrack: 0.05,
  keepAtRisk: 0.1,
} as const

export const progressStatuses = ['on_track', 'at_risk', 'off_track', 'no_data', 'no_target'] as const
export type ProgressStatus = (typeof progressStatuses)[number]

export const progressReasons = [
  'target_reached',
  'on_plan',
  'behind_plan',
  'far_behind_plan',
  'moving_away',
  'within_tolerance',
  'near_tolerance',
  'outside_tolerance',
  'no_measurement',
  'no_target',
] as const
export type ProgressReason = (typeof progressReasons)[number]

export interface Point {
  level: number
  date: CalendarDate
}

export interface ProgressInput {
  unit: IndicatorUnit
  direction: IndicatorDirection
  /** The level at the start; without one, the first measurement is the start. */
  baseline: Point | null
  target: { level: number; date: CalendarDate | null } | null
  first: Point | null
  /** The latest measurement, dated at the end of its period. */
  latest: Point | null
}

export interface Progress {
  status: ProgressStatus
  reason: ProgressReason
  /** Share of the way from start to target covered (1 = reached); null for keep or no data. */
  achieved: number | null
  /** Share of the way expected by the latest measurement's date, from the time elapsed to the target date. */
  expected: number | null
  /** For keep: distance from the target, relative (or percentage points as a share). */
  deviation: number | null
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))

function expectedShare(start: CalendarDate | null, latest: CalendarDate, target: CalendarDate | null) {
  if (!target || !start) return 1
  const total = daysBetween(start, target)
  if (total <= 0) return 1
  return clamp01(daysBetween(start, latest) / total)
}

function keepProgress(input: ProgressInput, target: number, latest: number): Progress {
  const deviation =
    input.unit === 'percentage' || target === 0
      ? Math.abs(latest - target)
      : Math.abs(latest - target) / Math.abs(target)
  const base = { achieved: null, expected: null, deviation }
  if (deviation <= progressThresholds.keepOnTrack)
    return { ...base, status: 'on_track', reason: 'within_tolerance' }
  if (deviation <= progressThresholds.keepAtRisk)
    return { ...base, status: 'at_risk', reason: 'near_tolerance' }
  return { ...base, status: 'off_track', reason: 'outside_tolerance' }
}

/** How an indicator stands against its target, with the reason in words people can check. */
export function indicatorProgress(input: ProgressInput): Progress {
  const none = { achieved: null, expected: null, deviation: null }
  if (!input.target) return { ...none, status: 'no_target', reason: 'no_target' }
  if (!input.latest) return { ...none, status: 'no_data', reason: 'no_measurement' }
  const target = input.target.level
  const latest = input.latest.level
  if (input.direction === 'keep') return keepProgress(input, target, latest)

  const sign = input.direction === 'increase' ? 1 : -1
  const start = input.baseline ?? input.first ?? input.latest
  const expected = expectedShare(start.date, input.latest.date, input.target.date)
  const distance = sign * (target - start.level)
  if (sign * (latest - target) >= 0) {
    return { status: 'on_track', reason: 'target_reached', achieved: 1, expected, deviation: null }
  }
  // A target at or behind the start is one the indicator has slipped back from.
  const achieved = distance > 0 ? (sign * (latest - start.level)) / distance : 0
  const result = { achieved, expected, deviation: null }
  if (achieved < 0) return { ...result, status: 'off_track', reason: 'moving_away' }
  const lag = expected - achieved
  if (lag <= progressThresholds.atRisk) return { ...result, status: 'on_track', reason: 'on_plan' }
  if (lag <= progressThresholds.offTrack) return { ...result, status: 'at_risk', reason: 'behind_plan' }
  return { ...result, status: 'off_track', reason: 'far_behind_plan' }
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`)

/** The reason as a sentence, naming the numbers and thresholds behind the status. */
export function explainProgress(progress: Progress, language: 'sv' | 'en'): string {
  const t = progressThresholds
  const a = pct(progress.achieved)
  const e = pct(progress.expected)
  const d = pct(progress.deviation)
  const sv: Record<ProgressReason, string> = {
    target_reached: 'Målvärdet är nått.',
    on_plan: `${a} av vägen från utgångsläget till målvärdet är gjord; ${e} väntades vid det här laget (högst ${pct(t.atRisk)} efter räknas som i fas).`,
    behind_plan: `${a} av vägen är gjord men ${e} väntades: mer än ${pct(t.atRisk)} efter.`,
    far_behind_plan: `${a} av vägen är gjord men ${e} väntades: mer än ${pct(t.offTrack)} efter.`,
    moving_away: 'Senaste värdet har rört sig bort från målvärdet sedan utgångsläget.',
    within_tolerance: `Avviker ${d} från målvärdet, inom ${pct(t.keepOnTrack)}.`,
    near_tolerance: `Avviker ${d} från målvärdet, mer än ${pct(t.keepOnTrack)}.`,
    outside_tolerance: `Avviker ${d} från målvärdet, mer än ${pct(t.keepAtRisk)}.`,
    no_measurement: 'Inga mätvärden ännu.',
    no_target: 'Inget målvärde satt.',
  }
  const en: Record<ProgressReason, string> = {
    target_reached: 'The target is reached.',
    on_plan: `${a} of the way from baseline to target is done; ${e} was expected by now (up to ${pct(t.atRisk)} behind counts as on track).`,
    behind_plan: `${a} of the way is done but ${e} was expected: more than ${pct(t.atRisk)} behind.`,
    far_behind_plan: `${a} of the way is done but ${e} was expected: more than ${pct(t.offTrack)} behind.`,
    moving_away: 'The latest value has moved away from the target since the baseline.',
    within_tolerance: `Deviates ${d} from the target, within ${pct(t.keepOnTrack)}.`,
    near_tolerance: `Deviates ${d} from the target, more than ${pct(t.keepOnTrack)}.`,
    outside_tolerance: `Deviates ${d} from the target, more than ${pct(t.keepAtRisk)}.`,
    no_measurement: 'No measurements yet.',
    no_target: 'No target set.',
  }
  return (language === 'sv' ? sv : en)[progress.reason]
}
