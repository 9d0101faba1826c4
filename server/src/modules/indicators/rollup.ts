import type { IndicatorRollup, RollupLevel, RollupPoint } from '@lagesbild/shared/api/indicators'
import type { IndicatorDirection, IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'

type Point = Static<typeof RollupPoint>
type Level = Static<typeof RollupLevel>
type Group = Static<typeof IndicatorRollup>['indicators'][number]

interface RollupRow {
  shared_key: string
  unit: string
  project_id: string | null
  project_name: string | null
  period: string
  period_start: string
  value: string | null
  numerator: string | number | null
  denominator: string | number | null
  projects: string | number
  per_project: number
}

const num = (x: string | number | null) => (x === null ? null : Number(x))

/** One project's baseline or target as stored: an amount, or a part of a whole for a percentage. */
function levelOf(
  unit: string,
  value: string | number | null,
  numerator: string | number | null,
  denominator: string | number | null,
): Level | null {
  if (unit === 'percentage') {
    const n = num(numerator)
    const d = num(denominator)
    return n === null || !d ? null : { value: null, numerator: n, denominator: d, share: n / d }
  }
  const v = num(value)
  return v === null ? null : { value: v, numerator: null, denominator: null, share: null }
}

/**
 * The programme's baseline or target as the values are summed: amounts added, and for a
 * percentage parts and wholes added with the share of the sums. Null unless every project has
 * one, since a sum over some projects set against the values of all would mislead.
 */
export function sumLevels(unit: string, levels: readonly (Level | null)[]): Level | null {
  if (levels.length === 0 || levels.some((l) => l === null)) return null
  const present = levels.filter((l): l is Level => l !== null)
  if (unit === 'percentage') {
    const numerator = present.reduce((sum, l) => sum + (l.numerator ?? 0), 0)
    const denominator = present.reduce((sum, l) => sum + (l.denominator ?? 0), 0)
    return { value: null, numerator, denominator, share: denominator ? numerator / denominator : null }
  }
  // Hours carry two decimals; adding them as binary fractions must not show 0.30000000000000004.
  const value = Math.round(present.reduce((sum, l) => sum + (l.value ?? 0), 0) * 100) / 100
  return { value, numerator: null, denominator: null, share: null }
}

function toPoint(row: RollupRow): Point {
  const numerator = num(row.numerator)
  const denominator = num(row.denominator)
  return {
    period: row.period,
    value: num(row.value),
    numerator,
    denominator,
    share: numerator !== null && denominator ? numerator / denominator : null,
    projects: Number(row.projects),
  }
}

/**
 * The indicators a programme's projects share (same key and unit), summed in SQL per project
 * and over all of them, per period: sums of numerators and of denominators, so the share of
 * the whole is the share of the summed counts, never a mean of the pilots' shares. Baselines
 * and targets are summed the same way, so the roll-up can be drawn against them.
 * Only the projects the user can see count.
 */
export async function indicatorRollup(
  db: Kysely<Database>,
  user: AuthUser,
  programmeId: string,
): Promise<Static<typeof IndicatorRollup>> {
  const rows = (await db
    .selectFrom('indicator as i')
    .innerJoin('project', 'project.id', 'i.project_id')
    .innerJoin('indicator_measurement as m', 'm.indicator_id', 'i.id')
    .where('project.programme_id', '=', programmeId)
    .where('i.shared_key', 'is not', null)
    .where(projectVisibleTo(user))
    .select([
      'i.shared_key',
      'i.unit',
      'project.id as project_id',
      'project.name as project_name',
      'm.period',
      sql<string>`min(m.period_start)`.as('period_start'),
      sql<string | null>`sum(m.value)`.as('value'),
      sql<string | null>`sum(m.numerator)`.as('numerator'),
      sql<string | null>`sum(m.denominator)`.as('denominator'),
      sql<number>`count(distinct project.id)`.as('projects'),
      sql<number>`grouping(project.id)`.as('per_project'),
    ])
    .groupBy(
      sql`grouping sets ((i.shared_key, i.unit, m.period, project.id, project.name), (i.shared_key, i.unit, m.period))`,
    )
    .orderBy('i.shared_key')
    .orderBy(sql`min(m.period_start)`)
    .execute()) as RollupRow[]

  const names = await db
    .selectFrom('indicator as i')
    .innerJoin('project', 'project.id', 'i.project_id')
    .where('project.programme_id', '=', programmeId)
    .where('i.shared_key', 'is not', null)
    .where(projectVisibleTo(user))
    .select([
      'i.shared_key',
      'i.unit',
      'i.name',
      'i.direction',
      'project.id as project_id',
      'project.name as project_name',
      'i.baseline_value',
      'i.baseline_numerator',
      'i.baseline_denominator',
      'i.target_value',
      'i.target_numerator',
      'i.target_denominator',
    ])
    .orderBy('i.shared_key')
    .orderBy('i.name')
    .orderBy('project.id')
    .execute()

  const groups = new Map<string, Group>()
  for (const n of names) {
    if (!n.shared_key) continue
    const key = `${n.shared_key}:${n.unit}`
    let group = groups.get(key)
    if (!group) {
      group = {
        sharedKey: n.shared_key,
        name: n.name,
        unit: n.unit as IndicatorUnit,
        direction: n.direction as IndicatorDirection,
        baseline: null,
        target: null,
        total: [],
        projects: [],
      }
      groups.set(key, group)
    }
    const baseline = levelOf(n.unit, n.baseline_value, n.baseline_numerator, n.baseline_denominator)
    const target = levelOf(n.unit, n.target_value, n.target_numerator, n.target_denominator)
    const project = group.projects.find((p) => p.project.id === n.project_id)
    if (project) {
      // Two indicators of one project under the same key: both count, as their values do.
      project.baseline = sumLevels(n.unit, [project.baseline, baseline])
      project.target = sumLevels(n.unit, [project.target, target])
    } else {
      group.projects.push({
        project: { id: n.project_id, name: n.project_name },
        baseline,
        target,
        series: [],
      })
    }
  }
  for (const row of rows) {
    const group = groups.get(`${row.shared_key}:${row.unit}`)
    if (!group) continue
    if (Number(row.per_project) === 1 || !row.project_id) {
      group.total.push(toPoint(row))
      continue
    }
    group.projects.find((p) => p.project.id === row.project_id)?.series.push(toPoint(row))
  }
  for (const group of groups.values()) {
    group.projects.sort((a, b) => a.project.name.localeCompare(b.project.name, 'sv'))
    group.baseline = sumLevels(
      group.unit,
      group.projects.map((p) => p.baseline),
    )
    group.target = sumLevels(
      group.unit,
      group.projects.map((p) => p.target),
    )
  }
  return { programmeId, indicators: [...groups.values()] }
}
