import type { PortfolioView, PortfolioViewCreate, PortfolioViewUpdate } from '@lagesbild/shared/api/portfolio'
import type { Kysely, Selectable } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import { registerConstraintMessages } from '../../db/errors.ts'
import type { Database, PortfolioViewTable } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'

registerConstraintMessages({
  portfolio_view_name_key: {
    sv: 'Du har redan en sparad vy med det namnet.',
    en: 'You already have a saved view with that name.',
  },
})

type View = Static<typeof PortfolioView>

function toView(row: Selectable<PortfolioViewTable>): View {
  return {
    id: row.id,
    name: row.name,
    query: row.query as View['query'],
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

const snapshot = (row: Selectable<PortfolioViewTable>) => ({ name: row.name, query: row.query })

/** A user's own views; another user's view does not exist for them (404, never 403). */
export async function listViews(db: Kysely<Database>, user: AuthUser) {
  const rows = await db
    .selectFrom('portfolio_view')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('name')
    .execute()
  return { items: rows.map(toView) }
}

export async function createView(
  db: Kysely<Database>,
  user: AuthUser,
  input: Static<typeof PortfolioViewCreate>,
): Promise<View> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('portfolio_view')
      .values({ id: uuid(), user_id: user.id, name: input.name.trim(), query: JSON.stringify(input.query) })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'portfolio_view',
      entityId: row.id,
      action: 'create',
      after: snapshot(row),
    })
    return toView(row)
  })
}

async function lockOwn(trx: Kysely<Database>, user: AuthUser, id: string, version: number) {
  const row = await trx
    .selectFrom('portfolio_view')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound()
  if (row.version !== version) throw staleVersion(toView(row))
  return row
}

export async function updateView(
  db: Kysely<Database>,
  user: AuthUser,
  id: string,
  version: number,
  patch: Omit<Static<typeof PortfolioViewUpdate>, 'version'>,
): Promise<View> {
  return db.transaction().execute(async (trx) => {
    const before = await lockOwn(trx, user, id, version)
    const after = await trx
      .updateTable('portfolio_view')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.query !== undefined ? { query: JSON.stringify(patch.query) } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'portfolio_view',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    })
    return toView(after)
  })
}

export async function deleteView(db: Kysely<Database>, user: AuthUser, id: string, version: number) {
  await db.transaction().execute(async (trx) => {
    const before = await lockOwn(trx, user, id, version)
    await trx.deleteFrom('portfolio_view').where('id', '=', id).execute()
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'portfolio_view',
      entityId: id,
      action: 'delete',
      before: snapshot(before),
    })
  })
}
