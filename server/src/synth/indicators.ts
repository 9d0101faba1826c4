import { periodRange, periodsBetween } from '@lagesbild/shared/domain/reporting-period'
import {
  addDays,
  daysBetween,
  Rng,
  type SynthContext,
  type SynthIndicator,
  type SynthProject,
  type SynthQuantity,
} from './context.ts'
import type { Cell } from './writer.ts'

/**
 * Indicators as the indicators module keeps them: two to four per project, always the share
 * of the target group reached (a numerator over a denominator) and a count, then perhaps hours
 * of absence or the cost per participant; measured per month mostly, some per quarter or term,
 * from the project's start until the last period that has ended. Most follow their plan to
 * the target, some lag and a few fall far behind, so progress shows every status. Projects of
 * a programme share keys, so the programme's roll-up sums them.
 */

interface Template {
  key: string
  name: string
  definition: string
  unit: SynthIndicator['unit']
  direction: SynthIndicator['direction']
  source: string
  /** Baseline and target for a target group of `size`, per period of a month. */
  levels: (size: number, rng: Rng) => { baseline: number; target: number }
}

const REACH: Template = {
  key: 'rackvidd',
  name: 'Räckvidd (andel av målgruppen som nåtts)',
  definition: 'Antal i målgruppen som deltagit i insatsen delat med målgruppens storlek.',
  unit: 'percentage',
  direction: 'increase',
  source: 'Projektets register över insatser (antal)',
  levels: (_size, rng) => ({ baseline: 0, target: rng.int(60, 90) / 100 }),
}
const MEETINGS: Template = {
  key: 'grupptraffar',
  name: 'Genomförda gruppträffar',
  definition: 'Antal gruppträffar som genomförts under perioden.',
  unit: 'count',
  direction: 'increase',
  source: 'Projektets närvarolistor',
  levels: (_size, rng) => ({ baseline: 0, target: rng.int(4, 12) }),
}
const OPTIONAL: Template[] = [
  {
    key: 'fullfoljt',
    name: 'Andel deltagare som fullföljt insatsen',
    definition: 'Deltagare som fullföljt delat med deltagare som börjat.',
    unit: 'percentage',
    direction: 'increase',
    source: 'Projektets register över insatser (antal)',
    levels: (_size, rng) => ({ baseline: rng.int(30, 50) / 100, target: rng.int(65, 85) / 100 }),
  },
  {
    key: 'vardnadshavare',
    name: 'Vårdnadshavare som deltagit',
    definition: 'Antal vårdnadshavare som deltagit i föräldraträffar under perioden.',
    unit: 'count',
    direction: 'increase',
    source: 'Projektets närvarolistor',
    levels: (size) => ({ baseline: 0, target: Math.max(2, Math.round(size * 0.3)) }),
  },
  {
    key: 'ogiltig-franvaro',
    name: 'Ogiltig frånvaro (timmar)',
    definition: 'Summa ogiltig frånvaro i timmar för eleverna i insatsen under perioden.',
    unit: 'hours',
    direction: 'decrease',
    source: 'Skolans frånvarosystem',
    levels: (size) => ({ baseline: size * 14, target: size * 7 }),
  },
  {
    key: 'kostnad-per-deltagare',
    name: 'Kostnad per deltagare',
    definition: 'Projektets kostnad under perioden delad med antalet deltagare.',
    unit: 'kronor',
    direction: 'decrease',
    source: 'Ekonomisystemet',
    levels: (_size, rng) => {
      const baseline = rng.int(2500, 6000) * 100
      return { baseline, target: Math.round(baseline * 0.7) }
    },
  },
]

/** Months per period of a frequency: counts and hours are per period, a quarter's are three months'. */
const MONTHS = { monthly: 1, quarterly: 3, term: 6 } as const

function quantity(unit: SynthIndicator['unit'], level: number, size: number): SynthQuantity {
  switch (unit) {
    case 'percentage':
      return {
        value: null,
        numerator: Math.min(size, Math.max(0, Math.round(level * size))),
        denominator: size,
      }
    case 'count':
      return { value: Math.max(0, Math.round(level)), numerator: null, denominator: null }
    case 'hours':
      return { value: Math.max(0, Math.round(level * 2) / 2), numerator: null, denominator: null }
    case 'kronor':
      return { value: Math.max(0, Math.round(level / 100) * 100), numerator: null, denominator: null }
  }
}

const levelOf = (q: SynthQuantity) =>
  q.numerator !== null && q.denominator ? q.numerator / q.denominator : (q.value ?? 0)

function indicatorsOf(ctx: SynthContext, rng: Rng, p: SynthProject): SynthIndicator[] {
  const size = rng.int(20, 240)
  const extra = rng.int(0, 2)
  const optional = [...OPTIONAL]
  const chosen = [REACH, MEETINGS]
  for (let i = 0; i < extra; i += 1)
    chosen.push(optional.splice(rng.int(0, optional.length - 1), 1)[0] ?? REACH)
  return chosen.map((t) => {
    const r = rng.next()
    const frequency = r < 0.75 ? 'monthly' : r < 0.9 ? 'quarterly' : 'term'
    const scale = t.unit === 'count' || t.unit === 'hours' ? MONTHS[frequency] : 1
    const { baseline, target } = t.levels(size, rng)
    const health = rng.next()
    const pace =
      health < 0.6
        ? 0.95 + rng.next() * 0.25
        : health < 0.85
          ? 0.7 + rng.next() * 0.2
          : 0.25 + rng.next() * 0.4
    return {
      id: ctx.id(),
      project: p,
      name: t.name,
      unit: t.unit,
      direction: t.direction,
      frequency,
      baseline: quantity(t.unit, baseline * scale, size),
      target: quantity(t.unit, target * scale, size),
      pace,
      seed: rng.int(1, 2 ** 31),
    }
  })
}

const TEMPLATES = new Map([REACH, MEETINGS, ...OPTIONAL].map((t) => [t.name, t]))

export interface SynthMeasurement extends SynthQuantity {
  period: string
  start: string
  end: string
  /** The day it was entered. */
  entered: string
}

/**
 * The measurements of an indicator, oldest first: one per period that ended before today,
 * on the way from baseline to target at the indicator's pace, with noise; now and then a
 * period is missing, and the latest is often not entered yet. The same every call.
 */
export function measurementsOf(indicator: SynthIndicator, today: string): SynthMeasurement[] {
  const rng = new Rng(indicator.seed)
  const p = indicator.project
  const last = p.end < today ? p.end : today
  const length = Math.max(1, daysBetween(p.start, p.end))
  const from = levelOf(indicator.baseline)
  const to = levelOf(indicator.target)
  const size = indicator.target.denominator ?? 0
  const out: SynthMeasurement[] = []
  for (const period of periodsBetween(indicator.frequency, p.start, last)) {
    const { start, end } = periodRange(period)
    if (end >= today) break
    const entered = addDays(end, rng.int(3, 25))
    if (entered >= today || rng.chance(0.03)) continue
    const way = Math.min(1.05, (daysBetween(p.start, end) / length) * indicator.pace)
    const noise = (rng.next() - 0.5) * 0.1 * Math.abs(to - from)
    const q = quantity(indicator.unit, from + (to - from) * way + noise, size)
    out.push({ ...q, period, start, end, entered })
  }
  return out
}

async function projectGoals(ctx: SynthContext): Promise<Map<string, string[]>> {
  const rows = await ctx.db
    .selectFrom('goal')
    .where('kind', '=', 'project')
    .select(['id', 'project_id', 'position'])
    .execute()
  rows.sort((a, b) => a.position - b.position)
  const goals = new Map<string, string[]>()
  for (const r of rows) goals.set(r.project_id, [...(goals.get(r.project_id) ?? []), r.id])
  return goals
}

function* indicatorRows(ctx: SynthContext, goals: Map<string, string[]>): Generator<Cell[]> {
  for (const list of ctx.indicators.values())
    for (const [i, ind] of list.entries()) {
      const t = TEMPLATES.get(ind.name)
      const projectGoals = goals.get(ind.project.id) ?? []
      yield [
        ind.id,
        ind.project.id,
        projectGoals[i % Math.max(1, projectGoals.length)] ?? null,
        t?.key ?? null,
        i + 1,
        ind.name,
        t?.definition ?? '',
        ind.unit,
        ind.direction,
        ind.frequency,
        t?.source ?? '',
        ind.baseline.value,
        ind.baseline.numerator,
        ind.baseline.denominator,
        ind.project.start,
        ind.target.value,
        ind.target.numerator,
        ind.target.denominator,
        ind.project.end,
      ]
    }
}

function* measurementRows(ctx: SynthContext): Generator<Cell[]> {
  for (const list of ctx.indicators.values())
    for (const ind of list) {
      const source = TEMPLATES.get(ind.name)?.source ?? ''
      const by = ind.project.leader.userId
      for (const m of measurementsOf(ind, ctx.today)) {
        const at = `${m.entered}T10:00:00+01:00`
        yield [
          ctx.id(),
          ind.id,
          m.period,
          m.start,
          m.end,
          m.value,
          m.numerator,
          m.denominator,
          source,
          '',
          by,
          at,
          at,
        ]
      }
    }
}

export async function synthIndicators(ctx: SynthContext): Promise<void> {
  const rng = new Rng(0x1d1ca70)
  for (const p of ctx.projects) ctx.indicators.set(p.id, indicatorsOf(ctx, rng, p))
  await ctx.copy(
    'indicator',
    [
      'id',
      'project_id',
      'goal_id',
      'shared_key',
      'position',
      'name',
      'definition',
      'unit',
      'direction',
      'frequency',
      'source',
      'baseline_value',
      'baseline_numerator',
      'baseline_denominator',
      'baseline_date',
      'target_value',
      'target_numerator',
      'target_denominator',
      'target_date',
    ],
    indicatorRows(ctx, await projectGoals(ctx)),
  )
  await ctx.copy(
    'indicator_measurement',
    [
      'id',
      'indicator_id',
      'period',
      'period_start',
      'period_end',
      'value',
      'numerator',
      'denominator',
      'source',
      'comment',
      'entered_by',
      'created_at',
      'updated_at',
    ],
    measurementRows(ctx),
  )
}
