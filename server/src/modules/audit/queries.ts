import type { AuditEvent, HistoryQuery } from '@lagesbild/shared/api/history'
import { changedFields } from '@lagesbild/shared/domain/changes'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'

type AuditEventT = Static<typeof AuditEvent>

function labelOf(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null
  const record = snapshot as Record<string, unknown>
  for (const key of ['name', 'title', 'label']) {
    if (typeof record[key] === 'string') return record[key]
  }
  return null
}

export async function listProjectHistory(
  db: Kysely<Database>,
  projectId: string,
  query: Static<typeof HistoryQuery>,
): Promise<{ items: AuditEventT[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 1)
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .where('e.project_id', '=', projectId)
    .select([
      'e.id',
      'e.at',
      'e.entity',
      'e.entity_id',
      'e.action',
      'e.before',
      'e.after',
      'u.id as actor_id',
      'u.name as actor_name',
    ])
  if (query.entity) q = q.where('e.entity', '=', query.entity)
  if (after) q = q.where('e.id', '<', Number(after[0]))
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = toPage(rows, limit, (row) => [row.id])
  return {
    items: page.items.map((row) => ({
      id: String(row.id),
      at: new Date(row.at).toISOString(),
      actor: row.actor_id && row.actor_name ? { id: row.actor_id, name: row.actor_name } : null,
      entity: row.entity,
      entityId: row.entity_id,
      entityLabel: labelOf(row.after) ?? labelOf(row.before),
      action: row.action,
      changes: changedFields(row.before, row.after),
    })),
    nextCursor: page.nextCursor,
  }
}
