import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { HttpProblem, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { findOutcome, lockReportById } from './queries.ts'

/**
 * The steering group's side of a final report. Governance records the decision and calls
 * these inside the transaction that writes it (its `registerApprovalKind('final_report', …)`
 * handler), so the decision and the report's outcome commit together or not at all.
 */

export interface FinalReportSubmitted {
  reportId: string
  projectId: string
  kind: 'report' | 'addendum'
  actorId: string | null
}

export type SubmittedListener = (trx: Kysely<Database>, event: FinalReportSubmitted) => Promise<void>

const submittedListeners: SubmittedListener[] = []

/**
 * Runs inside the submitting transaction; governance uses it to open the approval request
 * to the steering group. Returns a function that removes the listener again.
 */
export function onFinalReportSubmitted(listener: SubmittedListener): () => void {
  submittedListeners.push(listener)
  return () => {
    const at = submittedListeners.indexOf(listener)
    if (at >= 0) submittedListeners.splice(at, 1)
  }
}

export async function notifySubmitted(trx: Kysely<Database>, event: FinalReportSubmitted): Promise<void> {
  for (const listener of submittedListeners) await listener(trx, event)
}

interface OutcomeInput {
  reportId: string
  decisionId: string
  /** Who recorded the decision, for the history; null when the system did. */
  actorId?: string | null
}

async function recordOutcome(
  trx: Kysely<Database>,
  input: OutcomeInput & { outcome: 'approved' | 'returned'; comment: string },
): Promise<void> {
  const report = await lockReportById(trx, input.reportId)
  if (!report) throw notFound()
  if (report.status !== 'submitted' || (await findOutcome(trx, input.reportId))) {
    throw new HttpProblem(409, 'not_awaiting_decision', undefined, {
      detail: {
        sv: 'Rapporten väntar inte på något beslut: den är inte inlämnad eller redan beslutad.',
        en: 'The report is not awaiting a decision: it is not submitted or already decided.',
      },
    })
  }
  await trx
    .insertInto('final_report_outcome')
    .values({
      report_id: input.reportId,
      outcome: input.outcome,
      decision_id: input.decisionId,
      comment: input.comment,
      recorded_by: input.actorId ?? null,
    })
    .execute()
  await recordAudit(trx, {
    actorId: input.actorId ?? null,
    entity: 'final_report',
    entityId: input.reportId,
    projectId: report.project_id,
    action: input.outcome === 'approved' ? 'approve' : 'return',
    before: { status: 'submitted' },
    after: { status: input.outcome, decisionId: input.decisionId, comment: input.comment },
  })
}

/** The steering group approved the submitted report by decision `decisionId`. */
export async function markFinalReportApproved(
  trx: Kysely<Database>,
  input: OutcomeInput & { comment?: string },
): Promise<void> {
  await recordOutcome(trx, { ...input, outcome: 'approved', comment: input.comment?.trim() ?? '' })
}

/** The steering group returned the report with comments; the leader continues in a new draft. */
export async function returnFinalReport(
  trx: Kysely<Database>,
  input: OutcomeInput & { comment: string },
): Promise<void> {
  await recordOutcome(trx, { ...input, outcome: 'returned', comment: input.comment.trim() })
}
