import { addDays, daysBetween, type SynthContext, type SynthProject } from './context.ts'
import type { Cell } from './writer.ts'

const ACTIVITIES = [
  'Rekrytering av föräldrastödjare',
  'Utbildning i samtalsmetodik för personalen',
  'Workshop med skolornas representanter',
  'Kartläggning av befintliga insatser',
  'Uppföljning i styrgruppen',
  'Informationsträff för vårdnadshavare',
  'Gruppverksamhet på fritidsgården',
  'Utvärdering av första terminen',
]
const RESPONSIBLE = ['Projektledaren', 'Samverkansteamet', 'Enhetschef', 'Rektor', 'Folkhälsostrategen']
const SUB_GOALS_PER_GOAL = 2
const PROJECT_GOALS = 2

/** Goal ids per project: the sub-goals activities hang on. Kept only while this part runs. */
type GoalIds = Map<string, string[]>

function* goalRows(ctx: SynthContext, goals: GoalIds): Generator<Cell[]> {
  for (const p of ctx.projects) {
    yield [
      ctx.id(),
      p.id,
      'overall',
      null,
      1,
      'Fler barn och unga växer upp med goda förutsättningar för hälsa.',
    ]
    const subs: string[] = []
    for (let g = 1; g <= PROJECT_GOALS; g += 1) {
      const goalId = ctx.id()
      yield [goalId, p.id, 'project', null, g, `Projektmål ${g}: insatserna når målgruppen tidigt.`]
      for (let s = 1; s <= SUB_GOALS_PER_GOAL; s += 1) {
        const subId = ctx.id()
        subs.push(subId)
        const position = (g - 1) * SUB_GOALS_PER_GOAL + s
        yield [subId, p.id, 'sub', goalId, position, `Delmål ${g}.${s}: minst ${50 + s * 10} % deltar.`]
      }
    }
    goals.set(p.id, subs)
  }
}

const STATUSES_PAST = ['done', 'done', 'done', 'cancelled', 'remaining'] as const
const STATUSES_NOW = ['done', 'in_progress', 'upcoming', 'planned'] as const

/** Activities spread over the project's period; those before today mostly done, with actual dates. */
function* activitiesOf(ctx: SynthContext, p: SynthProject, subGoals: string[]): Generator<Cell[]> {
  const { rng } = ctx
  const count = ctx.share(ctx.scale.activities, p)
  const length = Math.max(1, daysBetween(p.start, p.end))
  for (let i = 0; i < count; i += 1) {
    const start = addDays(p.start, Math.floor((i / count) * length))
    const end = addDays(start, rng.int(0, 60))
    const past = end < ctx.today
    const status = past ? rng.pick(STATUSES_PAST) : start < ctx.today ? rng.pick(STATUSES_NOW) : 'planned'
    const done = status === 'done'
    const slip = done ? rng.int(0, 30) : 0
    const actualEnd = done ? addDays(end, slip) : null
    yield [
      ctx.id(),
      p.id,
      rng.pick(subGoals),
      `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
      i + 1,
      rng.pick(ACTIVITIES),
      rng.pick(RESPONSIBLE),
      status,
      i % 20 === 19,
      slip > 14 ? 'Försenad i väntan på lokal; arbetet återupptogs när en ersättare anställts.' : '',
      start,
      start,
      'day',
      end,
      end,
      'day',
      done ? start : null,
      done ? start : null,
      done ? 'day' : null,
      actualEnd,
      actualEnd,
      done ? 'day' : null,
    ]
  }
}

function* activityRows(ctx: SynthContext, goals: GoalIds): Generator<Cell[]> {
  for (const p of ctx.projects) yield* activitiesOf(ctx, p, goals.get(p.id) ?? [])
}

export async function synthPlans(ctx: SynthContext): Promise<void> {
  const goals: GoalIds = new Map()
  await ctx.copy('goal', ['id', 'project_id', 'kind', 'parent_id', 'position', 'title'], goalRows(ctx, goals))
  await ctx.copy(
    'activity',
    [
      'id',
      'project_id',
      'goal_id',
      'number',
      'position',
      'title',
      'responsible',
      'status',
      'milestone',
      'deviation_explanation',
      'planned_start_from',
      'planned_start_to',
      'planned_start_precision',
      'planned_end_from',
      'planned_end_to',
      'planned_end_precision',
      'actual_start_from',
      'actual_start_to',
      'actual_start_precision',
      'actual_end_from',
      'actual_end_to',
      'actual_end_precision',
    ],
    activityRows(ctx, goals),
  )
}
