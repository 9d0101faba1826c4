import { burnSeries, judgeBurn, monthOf, pointAt } from '@lagesbild/shared/domain/burn'
import { levelOf } from '@lagesbild/shared/domain/indicator-progress'
import { periodRange, periodsBetween } from '@lagesbild/shared/domain/reporting-period'
import type { Light } from '@lagesbild/shared/domain/traffic-light'
import { type SqlBool, sql } from 'kysely'
import { progressOf } from '../modules/indicators/values.ts'
import { type Facts, suggestionsFor } from '../modules/status-reports/facts.ts'
import { addDays, daysBetween, Rng, type SynthContext, type SynthProject } from './context.ts'
import { measurementsOf, type SynthMeasurement } from './indicators.ts'
import type { Cell } from './writer.ts'

/**
 * Status reports as the status-report module writes them: a schedule per project (monthly or
 * quarterly), and per period that has ended a report submitted a few days later with all five
 * lights and the facts of its day frozen into the snapshot, with the module's own suggestions.
 * The facts are worked out from what earlier parts wrote, as `collectFacts` reads them as of
 * the period's end: late activities (from the activities' planned and actual ends), burn against
 * the approved budget (the shared burn functions over the cost entries), indicator progress
 * (the indicators' own measurements) and risks (none are synthesized). The lights are the
 * leader's choice, which mostly follows how the project goes rather than the suggestion; about
 * two in three reports are acknowledged by the chair, one in a hundred is corrected by a later
 * one, a few periods are left undone (due), and running projects have a draft of the current one.
 */

const CHUNK = 500
const THRESHOLD_BP = 1000

const TEXTS: Record<Light, { progress: string; problems: string; next: string; decisions: string }[]> = {
  green: [
    {
      progress:
        'Aktiviteterna genomförs enligt plan. Gruppträffarna har bra uppslutning och samverkan med skolorna fungerar.',
      problems: 'Inga större problem under perioden.',
      next: 'Fortsätta gruppverksamheten och förbereda halvtidsuppföljningen.',
      decisions: 'Inga beslut behövs.',
    },
    {
      progress:
        'Personalen har gått utbildningen i samtalsmetodik och arbetssättet används nu i alla enheter.',
      problems: '',
      next: 'Sprida arbetssättet till fler förskolor under nästa termin.',
      decisions: '',
    },
  ],
  yellow: [
    {
      progress: 'Arbetet har kommit igång men några aktiviteter ligger efter plan.',
      problems:
        'Rekryteringen av en medarbetare har dragit ut på tiden, vilket försenar uppsökande verksamhet.',
      next: 'Slutföra rekryteringen och se över tidplanen för hösten.',
      decisions: 'Styrgruppen behöver ta ställning till en justerad tidplan.',
    },
    {
      progress: 'Verksamheten når målgruppen, men färre vårdnadshavare än väntat deltar.',
      problems: 'Låg närvaro på föräldraträffarna under perioden.',
      next: 'Pröva träffar på kvällstid och bjuda in via skolornas kanaler.',
      decisions: '',
    },
  ],
  red: [
    {
      progress: 'Stora delar av planen har inte kunnat genomföras under perioden.',
      problems:
        'Projektledaren har varit sjukskriven och lokalen har inte kunnat användas. Kostnaderna ligger över budget.',
      next: 'Ta fram en reviderad projektplan och budget till nästa styrgruppsmöte.',
      decisions: 'Styrgruppen behöver besluta om projektet ska fortsätta, pausas eller avslutas i förtid.',
    },
  ],
}

interface Activity {
  id: string
  number: string | null
  title: string
  milestone: boolean
  plannedEnd: string
  /** The day it was done; null while it is not (or never was). */
  doneOn: string | null
}

interface ProjectData {
  activities: Activity[]
  lines: { year: number; category: string; amountOre: number }[]
  actuals: { date: string; category: string; amountOre: number }[]
}

/**
 * What the facts are read from, for a slice of the projects: activities that were ever late
 * (planned end before today, neither cancelled nor done on time), the approved budget per year
 * and the cost entries per month.
 */
async function loadChunk(ctx: SynthContext, projects: SynthProject[]): Promise<Map<string, ProjectData>> {
  const ids = projects.map((p) => p.id)
  const data = new Map<string, ProjectData>(ids.map((id) => [id, { activities: [], lines: [], actuals: [] }]))
  const [activities, lines, actuals] = await Promise.all([
    ctx.db
      .selectFrom('activity')
      .where('project_id', 'in', ids)
      .where('status', '<>', 'cancelled')
      .where('planned_end_to', '<', ctx.today)
      .where(sql<SqlBool>`not (status = 'done' and actual_end_to <= planned_end_to)`)
      .select([
        'project_id',
        'id',
        'number',
        'title',
        'milestone',
        'status',
        'planned_end_to',
        'actual_end_to',
        'position',
      ])
      .execute(),
    ctx.db
      .selectFrom('budget_line as l')
      .innerJoin('budget_version as v', 'v.id', 'l.budget_version_id')
      .where('v.project_id', 'in', ids)
      .where('v.status', '=', 'approved')
      .select(['v.project_id', 'l.year', sql<string>`sum(l.amount_ore)::text`.as('amount')])
      .groupBy(['v.project_id', 'l.year'])
      .execute(),
    ctx.db
      .selectFrom('actual_cost')
      .where('project_id', 'in', ids)
      .select([
        'project_id',
        sql<string>`to_char(entry_date, 'YYYY-MM')`.as('month'),
        sql<string>`sum(amount_ore)::text`.as('amount'),
      ])
      .groupBy(['project_id', sql`to_char(entry_date, 'YYYY-MM')`])
      .execute(),
  ])
  activities.sort((a, b) => a.position - b.position)
  for (const a of activities) {
    if (!a.planned_end_to) continue
    data.get(a.project_id)?.activities.push({
      id: a.id,
      number: a.number,
      title: a.title,
      milestone: a.milestone,
      plannedEnd: a.planned_end_to,
      doneOn: a.status === 'done' ? a.actual_end_to : null,
    })
  }
  for (const l of lines)
    data.get(l.project_id)?.lines.push({ year: l.year, category: 'all', amountOre: Number(l.amount) })
  // Costs are entered per day; the burn works per month, as the finance module's query does.
  for (const a of actuals)
    data
      .get(a.project_id)
      ?.actuals.push({ date: `${a.month}-28`, category: 'all', amountOre: Number(a.amount) })
  return data
}

type Burn = Facts['burn']

function factsOf(
  p: SynthProject,
  asOf: string,
  data: ProjectData,
  series: ReturnType<typeof burnSeries>,
  indicators: {
    ind: NonNullable<ReturnType<SynthContext['indicators']['get']>>[number]
    ms: SynthMeasurement[]
  }[],
): Facts {
  const lateActivities = data.activities
    .filter((a) => a.plannedEnd < asOf && !(a.doneOn !== null && a.doneOn <= asOf))
    .map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      plannedEnd: a.plannedEnd,
      overdueDays: daysBetween(a.plannedEnd, asOf),
      milestone: a.milestone,
    }))
  const { cumulativePlanOre, cumulativeActualOre } = pointAt(series, monthOf(asOf))
  const budgetTotalOre = data.lines.reduce((sum, l) => sum + l.amountOre, 0)
  const verdict = judgeBurn(cumulativePlanOre, cumulativeActualOre, THRESHOLD_BP)
  const burn: Burn =
    budgetTotalOre === 0 && cumulativeActualOre === 0
      ? null
      : {
          state: verdict.state,
          deviationBp: verdict.deviationBp,
          thresholdBp: verdict.thresholdBp,
          budgetTotalOre,
          plannedToDateOre: cumulativePlanOre,
          spentToDateOre: cumulativeActualOre,
        }
  return {
    schemaVersion: 1,
    asOf,
    lateActivities,
    burn,
    indicators: indicators.map(({ ind, ms }) => {
      const known = ms.filter((m) => m.end <= asOf)
      const latest = known.at(-1)
      const progress = progressOf(
        {
          unit: ind.unit,
          direction: ind.direction,
          baseline: { ...ind.baseline, date: p.start },
          target: { ...ind.target, date: p.end },
        },
        known,
      )
      return {
        id: ind.id,
        name: ind.name,
        unit: ind.unit,
        latestPeriod: latest?.period ?? null,
        latest: latest ? levelOf(ind.unit, latest) : null,
        target: levelOf(ind.unit, ind.target),
        status: progress.status,
        reason: progress.reason,
      }
    }),
    risks: { open: 0, high: 0, medium: 0, occurred: 0 },
  }
}

/** How the project goes, report by report: it mostly stays, sometimes slides or recovers. */
function nextHealth(rng: Rng, now: Light): Light {
  const r = rng.next()
  if (now === 'green') return r < 0.85 ? 'green' : r < 0.97 ? 'yellow' : 'red'
  if (now === 'yellow') return r < 0.3 ? 'green' : r < 0.85 ? 'yellow' : 'red'
  return r < 0.1 ? 'green' : r < 0.45 ? 'yellow' : 'red'
}

const better = (light: Light): Light => (light === 'red' ? 'yellow' : 'green')

/** The leader's lights: the whole as the project goes, each aspect that or better, one of them as bad. */
function lightsFor(
  rng: Rng,
  overall: Light,
): Record<'schedule' | 'budget' | 'goals' | 'risks' | 'overall', Light> {
  const aspects = [0, 1, 2, 3].map(() => (overall !== 'green' && rng.chance(0.5) ? better(overall) : overall))
  if (!aspects.includes(overall)) aspects[rng.int(0, 3)] = overall
  const [schedule, budget, goals, risks] = aspects as [Light, Light, Light, Light]
  return { schedule, budget, goals, risks, overall }
}

interface Report {
  id: string
  period: string
  start: string
  end: string
  status: 'draft' | 'submitted'
  supersedesId: string | null
  lights: Record<'schedule' | 'budget' | 'goals' | 'risks' | 'overall', Light> | null
  texts: (typeof TEXTS)['green'][number]
  snapshot: string | null
  submittedOn: string | null
  createdOn: string
}

export async function synthStatusReports(ctx: SynthContext): Promise<void> {
  const rng = new Rng(0x57a7e5)
  const schedules = new Map(
    ctx.projects.map((p) => [p.id, rng.chance(0.3) ? 'monthly' : 'quarterly'] as const),
  )
  await ctx.copy(
    'status_report_schedule',
    ['project_id', 'frequency', 'starts'],
    ctx.projects.map((p) => [p.id, schedules.get(p.id) ?? 'quarterly', p.start]),
  )
  const slice = (from: number) => ctx.projects.slice(from, from + CHUNK)
  // The next slice's facts load while this one's reports are built and written.
  let loading = loadChunk(ctx, slice(0))
  for (let from = 0; from < ctx.projects.length; from += CHUNK) {
    const projects = slice(from)
    const data = await loading
    if (from + CHUNK < ctx.projects.length) {
      loading = loadChunk(ctx, slice(from + CHUNK))
      // Awaited at the next turn; until then a failure must not count as unhandled.
      loading.catch(() => {})
    }
    const reports: Cell[][] = []
    const acknowledgements: Cell[][] = []
    for (const p of projects) {
      const d = data.get(p.id)
      if (!d) continue
      const written = reportsOf(ctx, rng, p, schedules.get(p.id) ?? 'quarterly', d)
      const chair = ctx.groupOfProject.get(p.id)
      for (const r of written) {
        reports.push(reportRow(p, r))
        if (r.status !== 'submitted' || !r.submittedOn || !chair || !rng.chance(0.65)) continue
        const on = addDays(r.submittedOn, rng.int(3, 30))
        const member = chair.members.find(
          (m) => m.role === 'chair' && m.from <= on && (m.to === null || m.to >= on),
        )
        if (on >= ctx.today || !member) continue
        acknowledgements.push([
          ctx.id(),
          r.id,
          member.userId,
          rng.chance(0.3) ? 'Styrgruppen har tagit del av rapporten.' : '',
          `${on}T15:00:00+01:00`,
        ])
      }
    }
    await ctx.copy(
      'status_report',
      [
        'id',
        'project_id',
        'period',
        'period_start',
        'period_end',
        'status',
        'supersedes_id',
        'schedule_light',
        'budget_light',
        'goals_light',
        'risks_light',
        'overall_light',
        'progress',
        'problems',
        'next_steps',
        'decisions_needed',
        'snapshot',
        'submitted_at',
        'submitted_by',
        'version',
        'created_by',
        'created_at',
        'updated_at',
      ],
      reports,
    )
    await ctx.copy(
      'status_report_acknowledgement',
      ['id', 'report_id', 'user_id', 'comment', 'created_at'],
      acknowledgements,
    )
  }
}

function reportsOf(
  ctx: SynthContext,
  rng: Rng,
  p: SynthProject,
  frequency: 'monthly' | 'quarterly',
  data: ProjectData,
): Report[] {
  const last = earlierOf(p.end, ctx.today)
  const series = burnSeries({
    lines: data.lines,
    actuals: data.actuals,
    period: { start: p.start, end: p.end },
  })
  const indicators = (ctx.indicators.get(p.id) ?? []).map((ind) => ({
    ind,
    ms: measurementsOf(ind, ctx.today),
  }))
  const reports: Report[] = []
  let health: Light = rng.chance(0.8) ? 'green' : 'yellow'
  for (const period of periodsBetween(frequency, p.start, last)) {
    const { start, end } = periodRange(period)
    health = nextHealth(rng, health)
    const texts = rng.pick(TEXTS[health])
    const submittedOn = addDays(end, rng.int(2, 15))
    if (end >= ctx.today || submittedOn >= ctx.today) {
      // The period running now (or just ended): a draft for some, with the lights not all chosen.
      if (rng.chance(0.3))
        reports.push({
          id: ctx.id(),
          period,
          start,
          end,
          status: 'draft',
          supersedesId: null,
          lights: null,
          texts,
          snapshot: null,
          submittedOn: null,
          createdOn: earlierOf(addDays(start, rng.int(0, 20)), ctx.today),
        })
      continue
    }
    // Now and then a period is never reported: it stays due.
    if (rng.chance(0.03)) continue
    const facts = factsOf(p, end, data, series, indicators)
    const snapshot = JSON.stringify({ facts, suggestions: suggestionsFor(facts) })
    const lights = lightsFor(rng, health)
    const report: Report = {
      id: ctx.id(),
      period,
      start,
      end,
      status: 'submitted',
      supersedesId: null,
      lights,
      texts,
      snapshot,
      submittedOn,
      createdOn: addDays(end, -rng.int(0, 5)),
    }
    reports.push(report)
    const corrected = addDays(submittedOn, rng.int(3, 20))
    if (rng.chance(0.01) && corrected < ctx.today) {
      const worse = health === 'red' ? 'red' : health === 'green' ? 'yellow' : 'red'
      reports.push({
        ...report,
        id: ctx.id(),
        supersedesId: report.id,
        lights: { ...lights, budget: worse, overall: worse },
        texts: {
          ...texts,
          problems: `Rättelse: kostnaderna var underskattade i förra rapporten. ${texts.problems}`,
        },
        submittedOn: corrected,
        createdOn: corrected,
      })
    }
  }
  return reports
}

const earlierOf = (a: string, b: string) => (a <= b ? a : b)

function reportRow(p: SynthProject, r: Report): Cell[] {
  const submitted = r.status === 'submitted'
  const created = `${r.createdOn}T09:00:00+01:00`
  const updated = submitted ? `${r.submittedOn}T14:00:00+01:00` : created
  return [
    r.id,
    p.id,
    r.period,
    r.start,
    r.end,
    r.status,
    r.supersedesId,
    r.lights?.schedule ?? null,
    r.lights?.budget ?? null,
    r.lights?.goals ?? null,
    r.lights?.risks ?? null,
    r.lights?.overall ?? null,
    r.texts.progress,
    submitted ? r.texts.problems : '',
    submitted ? r.texts.next : '',
    submitted ? r.texts.decisions : '',
    r.snapshot,
    submitted ? updated : null,
    submitted ? p.leader.userId : null,
    submitted ? 3 : 1,
    p.leader.userId,
    created,
    updated,
  ]
}
