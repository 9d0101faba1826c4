import type { IndicatorDirection, IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import { type PeriodFrequency, periodRange, periodsBetween } from '@lagesbild/shared/domain/reporting-period'
import type { Light } from '@lagesbild/shared/domain/traffic-light'
import { collectFacts, suggestionsFor } from '../modules/status-reports/facts.ts'
import type { DemoContext } from './context.ts'
import { FORALDRASUPPORTEN, stockholmPilotName, TABB_OREBRO } from './foundation.ts'

interface IndicatorSpec {
  key: string
  name: string
  definition?: string
  unit: IndicatorUnit
  direction: IndicatorDirection
  frequency: PeriodFrequency
  source?: string
  goalId?: string | null
  sharedKey?: string | null
  baseline?: { value?: number; numerator?: number; denominator?: number; date: string }
  target?: { value?: number; numerator?: number; denominator?: number; date: string | null }
}

interface MeasurementSpec {
  period: string
  value?: number
  numerator?: number
  denominator?: number
  comment?: string
  source?: string
}

async function insertIndicator(ctx: DemoContext, projectId: string, position: number, spec: IndicatorSpec) {
  const id = ctx.newId('indicator', `${projectId}/${spec.key}`)
  await ctx.db
    .insertInto('indicator')
    .values({
      id,
      project_id: projectId,
      goal_id: spec.goalId ?? null,
      shared_key: spec.sharedKey ?? null,
      position,
      name: spec.name,
      definition: spec.definition ?? '',
      unit: spec.unit,
      direction: spec.direction,
      frequency: spec.frequency,
      source: spec.source ?? '',
      baseline_value: spec.baseline?.value ?? null,
      baseline_numerator: spec.baseline?.numerator ?? null,
      baseline_denominator: spec.baseline?.denominator ?? null,
      baseline_date: spec.baseline?.date ?? null,
      target_value: spec.target?.value ?? null,
      target_numerator: spec.target?.numerator ?? null,
      target_denominator: spec.target?.denominator ?? null,
      target_date: spec.target?.date ?? null,
    })
    .execute()
  return id
}

async function insertMeasurements(
  ctx: DemoContext,
  indicatorId: string,
  rows: MeasurementSpec[],
  by: string,
) {
  if (rows.length === 0) return
  await ctx.db
    .insertInto('indicator_measurement')
    .values(
      rows.map((m) => ({
        id: ctx.newId('measurement', `${indicatorId}/${m.period}`),
        indicator_id: indicatorId,
        period: m.period,
        period_start: periodRange(m.period).start,
        period_end: periodRange(m.period).end,
        value: m.value ?? null,
        numerator: m.numerator ?? null,
        denominator: m.denominator ?? null,
        comment: m.comment ?? '',
        source: m.source ?? '',
        entered_by: by,
      })),
    )
    .execute()
}

/**
 * FöräldraSupporten: the measurable goal of the project plan (parents of 70 children in a
 * year, 60 % successful) and the outcome the final report gives for 2014-09 – 2016-06.
 * The final report gives shares without the number of respondents, so they are entered per 100.
 */
async function loadForaldraSupporten(ctx: DemoContext, by: string) {
  const fs = ctx.project(FORALDRASUPPORTEN)
  const goalId = ctx.id(
    'goal',
    `${fs}/project/Mottagningen når föräldrar till 70 barn under ett år, varav 60 procent är framgångsrika.`,
  )
  const source = 'Slutrapport Tidiga insatser i samverkan, 2016'
  const reached = await insertIndicator(ctx, fs, 1, {
    key: 'barn',
    name: 'Barn vars föräldrar fått stöd',
    definition:
      'Antal barn vars föräldrar fått stöd av mottagningen under perioden. Inga uppgifter om enskilda.',
    unit: 'count',
    direction: 'increase',
    frequency: 'yearly',
    source,
    goalId,
    baseline: { value: 0, date: '2014-09-22' },
    target: { value: 70, date: '2015-09-21' },
  })
  await insertMeasurements(
    ctx,
    reached,
    [
      {
        period: '2016',
        value: 137,
        source,
        comment: 'Sammanlagt 2014-09 – 2016-06: 131 föräldrar till 137 barn, enligt slutrapporten.',
      },
    ],
    by,
  )
  const shares: [key: string, name: string, percent: number, target?: number][] = [
    ['stodda', 'Föräldrar som känt sig stödda', 95],
    ['kunskap', 'Föräldrar som fått mer kunskap', 85],
    ['konflikter', 'Föräldrar som hanterar konflikter bättre (framgångsrika)', 80, 60],
  ]
  for (const [index, [key, name, percent, target]] of shares.entries()) {
    const id = await insertIndicator(ctx, fs, index + 2, {
      key,
      name,
      definition: 'Andel av de föräldrar som svarat på uppföljningen.',
      unit: 'percentage',
      direction: 'increase',
      frequency: 'yearly',
      source,
      goalId,
      ...(target ? { target: { numerator: target, denominator: 100, date: '2016-06-30' } } : {}),
    })
    await insertMeasurements(
      ctx,
      id,
      [
        {
          period: '2016',
          numerator: percent,
          denominator: 100,
          source,
          comment: 'Slutrapporten anger andelen men inte antalet svarande; registrerat per 100 svarande.',
        },
      ],
      by,
    )
  }
}

/** A small deterministic generator, so the invented values are the same on every load. */
function generator(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

const INVENTED = 'Påhittat demovärde – inte ur källmaterialet.'

/**
 * Stockholm's programme: four of the sixteen pilots with the five indicators the programme
 * follows monthly. The values are invented for the demo and say so in their comment.
 */
async function loadStockholm(ctx: DemoContext, by: string) {
  const schools: [school: string, targetGroup: number, seed: number][] = [
    ['Rinkebyskolan', 38, 11],
    ['Husbygårdsskolan', 30, 23],
    ['Bagarmossens skola', 24, 37],
    ['Sätraskolan', 27, 41],
  ]
  const months = periodsBetween('monthly', '2014-01-01', '2014-06-30')
  for (const [school, group, seed] of schools) {
    const project = ctx.project(stockholmPilotName(school))
    const random = generator(seed)
    const specs: IndicatorSpec[] = [
      {
        key: 'franvaro',
        name: 'Ogiltig frånvaro (timmar)',
        definition: 'Summa ogiltig frånvaro i timmar för eleverna i insatsen under månaden.',
        unit: 'hours',
        direction: 'decrease',
        frequency: 'monthly',
        source: 'Skolans frånvarosystem',
        sharedKey: 'ogiltig-franvaro',
        baseline: { value: group * 14, date: '2013-09-01' },
        target: { value: group * 7, date: '2014-12-31' },
      },
      {
        key: 'maluppfyllelse',
        name: 'Måluppfyllelse (godkänt i alla ämnen)',
        unit: 'percentage',
        direction: 'increase',
        frequency: 'monthly',
        source: 'Skolans betygsuppföljning',
        sharedKey: 'maluppfyllelse',
        target: { numerator: Math.round(group * 0.6), denominator: group, date: '2014-12-31' },
      },
      {
        key: 'rackvidd',
        name: 'Räckvidd (elever i insatsen / målgruppens storlek)',
        unit: 'percentage',
        direction: 'increase',
        frequency: 'monthly',
        source: 'Teamets register över insatser (antal)',
        sharedKey: 'rackvidd',
        target: { numerator: Math.round(group * 0.8), denominator: group, date: '2014-12-31' },
      },
      {
        key: 'avbrott',
        name: 'Oplanerade avbrott',
        unit: 'count',
        direction: 'decrease',
        frequency: 'monthly',
        source: 'Teamets register över insatser (antal)',
        sharedKey: 'oplanerade-avbrott',
        target: { value: 0, date: '2014-12-31' },
      },
      {
        key: 'kostnad',
        name: 'Kostnad per individ',
        definition: 'Teamets kostnad under månaden delad med antalet elever i insatsen.',
        unit: 'kronor',
        direction: 'decrease',
        frequency: 'monthly',
        source: 'Stadsdelsförvaltningens ekonomisystem',
      },
    ]
    for (const [index, spec] of specs.entries()) {
      const id = await insertIndicator(ctx, project, index + 1, spec)
      const rows = months.map((period, m): MeasurementSpec => {
        const reached = Math.min(group, Math.round(group * (0.35 + m * 0.08 + random() * 0.1)))
        const base = { period, comment: INVENTED }
        switch (spec.key) {
          case 'franvaro':
            return { ...base, value: Math.round(group * (13 - m * 0.9 + random() * 2) * 2) / 2 }
          case 'maluppfyllelse':
            return {
              ...base,
              numerator: Math.round(reached * (0.35 + m * 0.04 + random() * 0.1)),
              denominator: group,
            }
          case 'rackvidd':
            return { ...base, numerator: reached, denominator: group }
          case 'avbrott':
            return { ...base, value: Math.floor(random() * 3) }
          default:
            return {
              ...base,
              value: Math.round((2_000_000 + random() * 800_000) / Math.max(1, reached)) * 100,
            }
        }
      })
      await insertMeasurements(ctx, id, rows, by)
    }
  }
}

interface ReportSpec {
  period: string
  lights: Record<'schedule' | 'budget' | 'goals' | 'risks' | 'overall', Light>
  progress: string
  problems: string
  nextSteps: string
  decisionsNeeded: string
  acknowledged?: string
}

/**
 * TABB Örebro reports per term from the revised plan (2022-02-01): two submitted reports
 * with the facts of their day frozen, and the spring term 2023 left due for the inbox.
 */
async function loadTabbReports(ctx: DemoContext, leader: string, steering: string) {
  const project = ctx.project(TABB_OREBRO)
  await ctx.db
    .insertInto('status_report_schedule')
    .values({ project_id: project, frequency: 'term', starts: '2022-01-01' })
    .execute()
  const reports: ReportSpec[] = [
    {
      period: '2022-VT',
      lights: { schedule: 'yellow', budget: 'green', goals: 'yellow', risks: 'yellow', overall: 'yellow' },
      progress:
        'Den reviderade projektplanen är antagen. Arbetsgruppen har kommit igång igen efter pandemin och träffas varannan vecka.',
      problems: 'Flera aktiviteter från 2020–2021 blev inte av under pandemin och ligger efter plan.',
      nextSteps:
        'Planera ABC-utbildningen för vårdnadshavare till hösten och informera personalen på skolan.',
      decisionsNeeded: 'Inga beslut behövs nu.',
      acknowledged: 'Styrgruppen har tagit del av rapporten och ställer sig bakom den reviderade planen.',
    },
    {
      period: '2022-HT',
      lights: { schedule: 'yellow', budget: 'green', goals: 'green', risks: 'yellow', overall: 'yellow' },
      progress: 'Personalen på skolan har fått information om myndighetsverksamheternas uppdrag.',
      problems: 'Sekretessfrågorna tar längre tid än planerat; samtyckesblanketten är inte klar.',
      nextSteps: 'Träffa SAMBA om hur samtycket kan användas, och förbereda slutrapporten.',
      decisionsNeeded: 'Styrgruppen behöver ta ställning till hur arbetet ska fortsätta efter juni 2023.',
    },
  ]
  for (const spec of reports) {
    const id = ctx.newId('status_report', `${project}/${spec.period}`)
    const { start, end } = periodRange(spec.period)
    const facts = await collectFacts(ctx.db, project, end)
    await ctx.db
      .insertInto('status_report')
      .values({
        id,
        project_id: project,
        period: spec.period,
        period_start: start,
        period_end: end,
        status: 'submitted',
        schedule_light: spec.lights.schedule,
        budget_light: spec.lights.budget,
        goals_light: spec.lights.goals,
        risks_light: spec.lights.risks,
        overall_light: spec.lights.overall,
        progress: spec.progress,
        problems: spec.problems,
        next_steps: spec.nextSteps,
        decisions_needed: spec.decisionsNeeded,
        snapshot: JSON.stringify({ facts, suggestions: suggestionsFor(facts) }),
        submitted_at: `${end}T14:00:00+02:00`,
        submitted_by: leader,
        created_by: leader,
      })
      .execute()
    if (spec.acknowledged) {
      await ctx.db
        .insertInto('status_report_acknowledgement')
        .values({
          id: ctx.newId('status_report_acknowledgement', id),
          report_id: id,
          user_id: steering,
          comment: spec.acknowledged,
        })
        .execute()
    }
  }
}

export async function loadIndicatorsDemo(ctx: DemoContext): Promise<void> {
  const leader = ctx.user('projektledare@demo.example')
  await loadForaldraSupporten(ctx, leader)
  await loadStockholm(ctx, ctx.user('portfolj@demo.example'))
  await loadTabbReports(ctx, leader, ctx.user('styrgrupp@demo.example'))
}
