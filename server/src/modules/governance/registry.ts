import type { ApprovalRequestCreate } from '@lagesbild/shared/api/governance'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import type { DecisionKind, RequestKind } from '@lagesbild/shared/domain/governance'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'

type Db = Kysely<Database>

export type RequestPayload = Record<string, unknown> & { change: string }

export interface EffectContext {
  requestId: string
  projectId: string
  payload: RequestPayload
  decisionId: string
  actorId: string
  comment: string
  date: CalendarDate
}

export interface DecisionSubject {
  kind: 'project' | 'activity' | 'baseline' | 'budget_version' | 'final_report'
  id: string
}

/**
 * What one kind of approval does. `prepare` checks a new request and returns the payload to
 * store (with `change`, what would change, in words); `approve` and `reject` run inside the
 * transaction that writes the decision, so the effect and the decision commit together.
 */
export interface ApprovalKindHandler {
  prepare(trx: Db, projectId: string, input: Static<typeof ApprovalRequestCreate>): Promise<RequestPayload>
  decisionKind(payload: RequestPayload): DecisionKind
  subject(projectId: string, payload: RequestPayload): DecisionSubject
  approve(trx: Db, context: EffectContext): Promise<void>
  reject?(trx: Db, context: EffectContext): Promise<void>
}

const handlers = new Map<RequestKind, ApprovalKindHandler>()

/** Plugs a kind of approval into the mechanism; a module calls it once when it loads. */
export function registerApprovalKind(kind: RequestKind, handler: ApprovalKindHandler): () => void {
  const previous = handlers.get(kind)
  handlers.set(kind, handler)
  return () => {
    if (previous) handlers.set(kind, previous)
    else handlers.delete(kind)
  }
}

export function approvalHandler(kind: RequestKind): ApprovalKindHandler {
  const handler = handlers.get(kind)
  if (!handler) throw new Error(`no approval handler registered for ${kind}`)
  return handler
}
