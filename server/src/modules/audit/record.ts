import type { AuditAction, AuditEntity } from '@lagesbild/shared/domain/audit-vocabulary'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export interface AuditInput {
  actorId: string | null
  entity: AuditEntity
  entityId: string
  projectId?: string | null
  action: AuditAction
  before?: unknown
  after?: unknown
}

/** Writes the audit event of a mutation; call it with the mutation's own transaction. */
export async function recordAudit(trx: Kysely<Database>, event: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      actor_id: event.actorId,
      entity: event.entity,
      entity_id: event.entityId,
      project_id: event.projectId ?? null,
      action: event.action,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute()
}
