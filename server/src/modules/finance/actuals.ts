import type {
  ActualCost,
  ActualCostCreate,
  ActualListQuery,
  FinanceCode,
} from '@lagesbild/shared/api/finance'
import type { Kysely, RawBuilder } from 'kysely'
import { sql } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { HttpProblem, invalidField, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { addToRollup, costsOf, removeFromRollup } from './cost-rollup.ts'
import { categoriesFor, idArray, liveActuals, type ProjectContext, projectContext } from './queries.ts'

registerConstraintMessages({
  finance_code_code_key: {
    sv: 'Koden används redan för ett projekt i organisationen.',
    en: 'The code is already used for a project in the organisation.',
  },
})

type Actual = Static<typeof ActualCost>

function actualQuery(db: Kysely<Database>) {
  return liveActuals(db)
    .innerJoin('project as p', 'p.id', 'a.project_id')
    .select([
      'a.id',
      'a.project_id',
      'p.name as project_name',
      'a.entry_date',
      'a.amount_ore',
      'a.category',
      'a.account',
      'a.cost_centre',
      'a.voucher',
      'a.description',
      'a.source',
      'a.import_id',
      'a.created_at',
    ])
}

type ActualRow = Awaited<ReturnType<ReturnType<typeof actualQuery>['executeTakeFirstOrThrow']>>

const toActual = (r: ActualRow): Actual => ({
  id: r.id,
  project: { id: r.project_id, name: r.project_name },
  date: r.entry_date,
  amountOre: r.amount_ore,
  category: r.category,
  account: r.account,
  costCentre: r.cost_centre,
  voucher: r.voucher,
  description: r.description,
  source: r.source === 'import' ? 'import' : 'manual',
  importId: r.import_id,
  createdAt: new Date(r.created_at).toISOString(),
})

export async function listActuals(
  db: Kysely<Database>,
  projectId: string,
  query: Static<typeof ActualListQuery>,
) {
  const ctx = await projectContext(db, projectId)
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 2)
  let q = actualQuery(db).where('a.project_id', 'in', ctx.projectIds)
  if (query.year)
    q = q
      .where('a.entry_date', '>=', `${query.year}-01-01`)
      .where('a.entry_date', '<=', `${query.year}-12-31`)
  if (query.category) q = q.where('a.category', '=', query.category)
  if (query.importId) q = q.where('a.import_id', '=', query.importId)
  if (after) {
    const [date, id] = after as [string, string]
    q = q.where(sql<boolean>`(a.entry_date, a.id) < (${date}::date, ${id}::uuid)`)
  }
  const rows = await q
    .orderBy('a.entry_date', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (r) => [r.entry_date, r.id])
  return { items: page.items.map(toActual), nextCursor: page.nextCursor }
}

async function targetProject(ctx: ProjectContext, subProjectId: string | null | undefined) {
  if (!subProjectId) return ctx.id
  if (!ctx.subProjects.some((s) => s.id === subProjectId)) {
    throw invalidField('subProjectId', 'not_a_sub_project', {
      sv: 'Delprojektet hör inte till projektet.',
      en: 'The sub-project does not belong to this project.',
    })
  }
  return subProjectId
}

export async function createActual(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  input: Static<typeof ActualCostCreate>,
): Promise<Actual> {
  const ctx = await projectContext(db, projectId)
  const categories = await categoriesFor(db, ctx.organisationId)
  if (!categories.some((c) => c.code === input.category)) {
    throw invalidField('category', 'unknown_category', {
      sv: 'Kostnadskategorin finns inte i organisationens lista.',
      en: "The cost category is not in the organisation's list.",
    })
  }
  const target = await targetProject(ctx, input.subProjectId)
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('actual_cost')
      .values({
        id,
        project_id: target,
        organisation_id: ctx.organisationId,
        entry_date: input.date,
        amount_ore: input.amountOre,
        category: input.category,
        account: input.account?.trim() ?? '',
        cost_centre: input.costCentre?.trim() ?? '',
        voucher: input.voucher?.trim() ?? '',
        description: input.description?.trim() ?? '',
        source: 'manual',
        created_by: user.id,
      })
      .execute()
    await addToRollup(trx, costsOf.entry(id))
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'actual_cost',
      entityId: id,
      projectId: target,
      action: 'create',
      after: { ...input, subProjectId: input.subProjectId ?? null },
    })
  })
  const row = await actualQuery(db).where('a.id', '=', id).executeTakeFirstOrThrow()
  return toActual(row)
}

export async function deleteActual(db: Kysely<Database>, user: AuthUser, projectId: string, entryId: string) {
  const ctx = await projectContext(db, projectId)
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('actual_cost')
      .where('id', '=', entryId)
      .where('project_id', 'in', ctx.projectIds)
      .selectAll()
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw notFound()
    if (row.source !== 'manual') {
      throw new HttpProblem(409, 'imported_row', undefined, {
        detail: {
          sv: 'Importerade rader tas bort genom att hela importen backas.',
          en: 'Imported rows are removed by rolling back their whole import.',
        },
      })
    }
    await removeFromRollup(trx, costsOf.entry(entryId))
    await trx.deleteFrom('actual_cost').where('id', '=', entryId).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'actual_cost',
      entityId: entryId,
      projectId: row.project_id,
      action: 'delete',
      before: {
        date: row.entry_date,
        amountOre: row.amount_ore,
        category: row.category,
        voucher: row.voucher,
      },
    })
  })
}

type Code = Static<typeof FinanceCode>

export const normaliseCode = (code: string) => code.trim().toUpperCase()

/** The finance-system codes of the projects (an SQL array of ids). */
export function codesQuery(db: Kysely<Database>, projectIds: RawBuilder<string[]>) {
  return db
    .selectFrom('finance_code as c')
    .innerJoin('project as p', 'p.id', 'c.project_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .where(sql<boolean>`c.project_id = any(${projectIds})`)
    .select([
      'c.id',
      'c.code',
      'p.id as project_id',
      'p.name as project_name',
      'o.id as org_id',
      'o.name as org_name',
    ])
    .orderBy('c.code')
}

export const toCode = (r: {
  id: string
  code: string
  project_id: string
  project_name: string
  org_id: string
  org_name: string
}): Code => ({
  id: r.id,
  code: r.code,
  project: { id: r.project_id, name: r.project_name },
  organisation: { id: r.org_id, name: r.org_name },
})

export async function listCodes(db: Kysely<Database>, projectIds: string[]): Promise<Code[]> {
  if (projectIds.length === 0) return []
  return (await codesQuery(db, idArray(projectIds)).execute()).map(toCode)
}

export async function createCode(
  db: Kysely<Database>,
  user: AuthUser,
  projectId: string,
  code: string,
): Promise<Code> {
  const ctx = await projectContext(db, projectId)
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('finance_code')
      .values({ id, organisation_id: ctx.organisationId, code: normaliseCode(code), project_id: projectId })
      .execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_code',
      entityId: id,
      projectId,
      action: 'create',
      after: { code: normaliseCode(code), organisationId: ctx.organisationId },
    })
  })
  const [created] = (await listCodes(db, [projectId])).filter((c) => c.id === id)
  if (!created) throw notFound()
  return created
}

export async function deleteCode(db: Kysely<Database>, user: AuthUser, projectId: string, codeId: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('finance_code')
      .where('id', '=', codeId)
      .where('project_id', '=', projectId)
      .returningAll()
      .executeTakeFirst()
    if (!row) throw notFound()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'finance_code',
      entityId: codeId,
      projectId,
      action: 'delete',
      before: { code: row.code, organisationId: row.organisation_id },
    })
  })
}

/** Code → project id of an organisation, for matching imported rows. */
export async function codeMap(db: Kysely<Database>, organisationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('finance_code')
    .where('organisation_id', '=', organisationId)
    .select(['code', 'project_id'])
    .execute()
  return new Map(rows.map((r) => [r.code, r.project_id]))
}
