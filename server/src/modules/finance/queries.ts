import { type Category, defaultCategories } from '@lagesbild/shared/domain/finance'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { notFound } from '../../plugins/problem.ts'

/** The organisation at the top of the tree (municipality, region): finance settings live there. */
export async function rootOrganisationOf(db: Kysely<Database>, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organisation_closure as c')
    .innerJoin('organisation as o', 'o.id', 'c.ancestor_id')
    .where('c.descendant_id', '=', organisationId)
    .where('o.parent_id', 'is', null)
    .select('o.id')
    .executeTakeFirst()
  return row?.id ?? organisationId
}

export interface ProjectContext {
  id: string
  name: string
  parentId: string | null
  plannedStart: string
  plannedEnd: string
  actualEnd: string | null
  organisationId: string
  organisationName: string
  /** The project and its sub-projects: their costs are the project's costs. */
  projectIds: string[]
  subProjects: { id: string; name: string }[]
}

export async function projectContext(db: Kysely<Database>, projectId: string): Promise<ProjectContext> {
  const project = await db
    .selectFrom('project')
    .where('id', '=', projectId)
    .select([
      'id',
      'name',
      'parent_id',
      'planned_start',
      'planned_end',
      'actual_end',
      'owner_organisation_id',
    ])
    .executeTakeFirst()
  if (!project) throw notFound()
  const rootId = await rootOrganisationOf(db, project.owner_organisation_id)
  const [root, subProjects] = await Promise.all([
    db.selectFrom('organisation').where('id', '=', rootId).select(['id', 'name']).executeTakeFirstOrThrow(),
    db
      .selectFrom('project')
      .where('parent_id', '=', projectId)
      .select(['id', 'name'])
      .orderBy(sql`sort_key collate "C"`)
      .execute(),
  ])
  return {
    id: project.id,
    name: project.name,
    parentId: project.parent_id,
    plannedStart: project.planned_start,
    plannedEnd: project.planned_end,
    actualEnd: project.actual_end,
    organisationId: root.id,
    organisationName: root.name,
    projectIds: [project.id, ...subProjects.map((s) => s.id)],
    subProjects,
  }
}

/** The period burn is followed over: planned start to the later of planned and actual end. */
export function followUpPeriod(ctx: Pick<ProjectContext, 'plannedStart' | 'plannedEnd' | 'actualEnd'>) {
  const end = ctx.actualEnd && ctx.actualEnd > ctx.plannedEnd ? ctx.actualEnd : ctx.plannedEnd
  return { start: ctx.plannedStart, end }
}

export async function categoriesFor(db: Kysely<Database>, organisationId: string): Promise<Category[]> {
  const row = await db
    .selectFrom('finance_settings')
    .where('organisation_id', '=', organisationId)
    .select('categories')
    .executeTakeFirst()
  if (row) return row.categories as Category[]
  return defaultCategories.map((c) => ({ ...c, active: true }))
}

/**
 * Actual costs that count: entered by hand, or from an import whose final transaction
 * committed it. Rows of an import still being written (or whose process died) do not.
 */
export function liveActuals(db: Kysely<Database>) {
  return db
    .selectFrom('actual_cost as a')
    .where((eb) =>
      eb.or([
        eb('a.import_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('finance_import as i')
            .whereRef('i.id', '=', 'a.import_id')
            .where('i.status', '=', 'committed')
            .select(sql`1`.as('one')),
        ),
      ]),
    )
}

export async function actualsByMonthCategory(db: Kysely<Database>, projectIds: string[], until?: string) {
  if (projectIds.length === 0) return []
  let q = liveActuals(db).where('a.project_id', 'in', projectIds)
  if (until) q = q.where('a.entry_date', '<=', until)
  const rows = await q
    .select([
      sql<string>`to_char(a.entry_date, 'YYYY-MM')`.as('month'),
      'a.category',
      sql<string>`sum(a.amount_ore)::text`.as('amount'),
    ])
    .groupBy([sql`to_char(a.entry_date, 'YYYY-MM')`, 'a.category'])
    .execute()
  // Sums come back as text so no driver turns a large sum into a float.
  return rows.map((r) => ({ month: r.month, category: r.category, amountOre: toOre(r.amount) }))
}

export function toOre(text: string | number | null): number {
  const value = Number(text ?? 0)
  if (!Number.isSafeInteger(value)) throw new RangeError(`Sum out of range: ${text}`)
  return value
}
