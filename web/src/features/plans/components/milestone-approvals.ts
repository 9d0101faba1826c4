import type { ProjectRequest } from '../../governance/api/governance'
import type { Activity } from '../api/get-activities'

export type MilestoneApprovalState =
  | { kind: 'pending' }
  | { kind: 'approved' | 'rejected'; date: string; paragraph: string | null }

/**
 * Where each milestone stands with the steering group, from the project's requests (one list for
 * the whole plan, no request per row) and the approvals the plan itself records. The latest
 * request decides, except that an approval on record stays visible after a later withdrawal.
 */
export function milestoneApprovalStates(
  activities: readonly Activity[],
  requests: readonly ProjectRequest[],
): Map<string, MilestoneApprovalState> {
  const latest = new Map<string, ProjectRequest>()
  const byDecision = new Map<string, ProjectRequest>()
  for (const request of requests) {
    if (request.kind !== 'milestone') continue
    const activityId = request.payload.activityId
    if (typeof activityId !== 'string') continue
    const seen = latest.get(activityId)
    if (!seen || request.requestedAt > seen.requestedAt) latest.set(activityId, request)
    if (request.decisionId) byDecision.set(request.decisionId, request)
  }
  const states = new Map<string, MilestoneApprovalState>()
  for (const activity of activities) {
    if (!activity.milestone) continue
    const request = latest.get(activity.id)
    const approval = activity.approvals.at(-1)
    if (request?.status === 'pending') {
      states.set(activity.id, { kind: 'pending' })
    } else if (approval) {
      const decision = byDecision.get(approval.decisionId)?.decision
      states.set(activity.id, {
        kind: 'approved',
        date: decision?.date ?? approval.recordedAt.slice(0, 10),
        paragraph: decision?.paragraph ?? null,
      })
    } else if (request?.status === 'rejected') {
      states.set(activity.id, {
        kind: 'rejected',
        date: request.decision?.date ?? (request.decidedAt ?? request.requestedAt).slice(0, 10),
        paragraph: request.decision?.paragraph ?? null,
      })
    }
  }
  return states
}

/**
 * The requests awaiting the steering group that concern this plan as a whole or come from elsewhere:
 * a plan revision (the project's own, or its main project's, which freezes this plan too) and the
 * main project's requests about this plan's milestones. Shown above the plan, so a sub-project's
 * leader sees what is pending where they work.
 */
export function pendingPlanRequests(
  projectId: string,
  requests: readonly ProjectRequest[],
): ProjectRequest[] {
  return requests.filter(
    (r) =>
      r.status === 'pending' &&
      (r.kind === 'plan_revision' ? true : r.kind === 'milestone' && r.project.id !== projectId),
  )
}
