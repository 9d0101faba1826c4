import type { AuditLogEntry, AuditLogQuery } from '@lagesbild/shared/api/audit'
import type { AuditEvent, HistoryQuery } from '@lagesbild/shared/api/history'
import { changedFields } from '@lagesbild/shared/domain/changes'
import type { Language } from '@lagesbild/shared/http/language'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import { decodeCursor, toPage } from '../../db/cursor.ts'
import type { Database } from '../../db/schema.ts'
import { displayName, loadPseudonyms, type Pseudonyms, redact } from '../privacy/pseudonyms.ts'

type AuditEventT = Static<typeof AuditEvent>
type Entry = Static<typeof AuditLogEntry>
type Filters = Omit<Static<typeof AuditLogQuery>, 'cursor' | 'limit'>

function labelOf(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null
  const record = snapshot as Record<string, unknown>
  for (const key of ['name', 'title', 'label']) {
    if (typeof record[key] === 'string') return record[key]
  }
  return null
}

function eventQuery(db: Kysely<Database>) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .leftJoin('erasure as ue', 'ue.id', 'u.erasure_id')
    .leftJoin('project as p', 'p.id', 'e.project_id')
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
      'ue.number as actor_erasure',
      'p.id as project_id',
      'p.name as project_name',
      'p.code as project_code',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof eventQuery>['execute']>>[number]

/** One audit row as history shows it: erased people by pseudonym, in the reader's language. */
function toEvent(row: Row, pseudonyms: Pseudonyms, language: Language): AuditEventT {
  const before = redact(row.before, pseudonyms, language)
  const after = redact(row.after, pseudonyms, language)
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor:
      row.actor_id && row.actor_name
        ? { id: row.actor_id, name: displayName(row.actor_name, row.actor_erasure, language) }
        : null,
    entity: row.entity,
    entityId: row.entity_id,
    entityLabel: labelOf(after) ?? labelOf(before),
    action: row.action,
    changes: changedFields(before, after),
  }
}

function toEntry(row: Row, pseudonyms: Pseudonyms, language: Language): Entry {
  return {
    ...toEvent(row, pseudonyms, language),
    project:
      row.project_id && row.project_name
        ? { id: row.project_id, name: row.project_name, code: row.project_code }
        : null,
    before: redact(row.before, pseudonyms, language) ?? null,
    after: redact(row.after, pseudonyms, language) ?? null,
  }
}

export async function listProjectHistory(
  db: Kysely<Database>,
  projectId: string,
  query: Static<typeof HistoryQuery>,
  language: Language = 'sv',
): Promise<{ items: AuditEventT[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50
  const after = decodeCursor(query.cursor, 1)
  let q = eventQuery(db).where('e.project_id', '=', projectId)
  if (query.entity) q = q.where('e.entity', '=', query.entity)
  if (after) q = q.where('e.id', '<', Number(after[0]))
  const [rows, pseudonyms] = await Promise.all([
    q
      .orderBy('e.id', 'desc')
      .limit(limit + 1)
      .execute(),
    loadPseudonyms(db),
  ])
  const page = toPage(rows, limit, (row) => [row.id])
  return { items: page.items.map((row) => toEvent(row, pseudonyms, language)), nextCursor: page.nextCursor }
}

/**
 * The organisation an event belongs to, for deciding which administrators see it: the
 * project's owner; else the changed organisation, staff record, account or programme's;
 * else the organisation of whoever made the change.
 */
const eventOrganisation = sql<string>`coalesce(
  p.owner_organisation_id,
  case e.entity
    when 'organisation' then e.entity_id
    when 'privacy_setting' then e.entity_id
    when 'person' then (select organisation_id from person where id = e.entity_id)
    when 'user' then (select organisation_id from app_user where id = e.entity_id)
    when 'programme' then (select owner_organisation_id from programme where id = e.entity_id)
  end,
  u.organisation_id)`

/** Calendar days in Swedish time, whatever the server's zone. */
const dayStart = (date: string) => sql<Date>`(${date}::date)::timestamp at time zone 'Europe/Stockholm'`
const dayEnd = (date: string) => sql<Date>`(${date}::date + 1)::timestamp at time zone 'Europe/Stockholm'`

function filtered(db: Kysely<Database>, administered: string[], filters: Filters) {
  let q = eventQuery(db).where(
    sql<boolean>`${eventOrganisation} in (select descendant_id from organisation_closure
      where ancestor_id = any(${administered}::uuid[]))`,
  )
  if (filters.actorId) q = q.where('e.actor_id', '=', filters.actorId)
  if (filters.entity) q = q.where('e.entity', '=', filters.entity)
  if (filters.entityId) q = q.where('e.entity_id', '=', filters.entityId)
  if (filters.projectId) q = q.where('e.project_id', '=', filters.projectId)
  if (filters.action) q = q.where('e.action', '=', filters.action)
  if (filters.from) q = q.where('e.at', '>=', dayStart(filters.from))
  if (filters.to) q = q.where('e.at', '<', dayEnd(filters.to))
  return q
}

/** The change log of the organisations an administrator administers, newest first. */
export async function listAuditLog(
  db: Kysely<Database>,
  administered: string[],
  query: Static<typeof AuditLogQuery>,
  language: Language,
) {
  const { cursor, limit: asked, ...filters } = query
  const limit = asked ?? 50
  const after = decodeCursor(cursor, 1)
  let q = filtered(db, administered, filters)
  if (after) q = q.where('e.id', '<', Number(after[0]))
  const [rows, pseudonyms] = await Promise.all([
    q
      .orderBy('e.id', 'desc')
      .limit(limit + 1)
      .execute(),
    loadPseudonyms(db),
  ])
  const page = toPage(rows, limit, (row) => [row.id])
  return { items: page.items.map((row) => toEntry(row, pseudonyms, language)), nextCursor: page.nextCursor }
}

/** Every matching event for an export, in batches, stopping one past `max` so the caller can refuse. */
export async function collectAuditLog(
  db: Kysely<Database>,
  administered: string[],
  filters: Filters,
  language: Language,
  max: number,
): Promise<Entry[]> {
  const pseudonyms = await loadPseudonyms(db)
  const entries: Entry[] = []
  let lastId: number | null = null
  while (entries.length <= max) {
    let q = filtered(db, administered, filters)
    if (lastId !== null) q = q.where('e.id', '<', lastId)
    const rows = await q.orderBy('e.id', 'desc').limit(1000).execute()
    for (const row of rows) entries.push(toEntry(row, pseudonyms, language))
    const last = rows.at(-1)
    if (!last || rows.length < 1000) break
    lastId = Number(last.id)
  }
  return entries
}
