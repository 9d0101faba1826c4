import type { IndicatorRollup, RollupPoint } from '@lagesbild/shared/api/indicators'
import type { IndicatorDirection, IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { projectVisibleTo } from '../projects/access.ts'

type Point = Static<typeof RollupPoint>

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
 * the whole is the share of the summed counts, never a mean of the pilots' shares.
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
    .select(['i.shared_key', 'i.unit', 'i.name', 'i.direction'])
    .orderBy('i.shared_key')
    .orderBy('i.name')
    .execute()

  const groups = new Map<string, Static<typeof IndicatorRollup>['indicators'][number]>()
  for (const n of names) {
    const key = `${n.shared_key}:${n.unit}`
    if (groups.has(key) || !n.shared_key) continue
    groups.set(key, {
      sharedKey: n.shared_key,
      name: n.name,
      unit: n.unit as IndicatorUnit,
      direction: n.direction as IndicatorDirection,
      total: [],
      projects: [],
    })
  }
  for (const row of rows) {
    const group = groups.get(`${row.shared_key}:${row.unit}`)
    if (!group) continue
    if (Number(row.per_project) === 1 || !row.project_id) {
      group.total.push(toPoint(row))
      continue
    }
    let project = group.projects.find((p) => p.project.id === row.project_id)
    if (!project) {
      project = { project: { id: row.project_id, name: row.project_name ?? '' }, series: [] }
      group.projects.push(project)
    }
    project.series.push(toPoint(row))
  }
  for (const group of groups.values())
    group.projects.sort((a, b) => a.project.name.localeCompare(b.project.name, 'sv'))
  return { programmeId, indicators: [...groups.values()] }
}
