import type { CalendarDate } from './calendar-date.ts'
import type { LifecycleStatus } from './lifecycle.ts'

/** Roles in a steering group (styrgrupp / ledningsgrupp). */
export const memberRoles = ['chair', 'member', 'secretary', 'co_opted'] as const
export type MemberRole = (typeof memberRoles)[number]

/** Styrgrupp or ledningsgrupp: the same records, a different name on the door. */
export const groupKinds = ['steering_group', 'management_group'] as const
export type GroupKind = (typeof groupKinds)[number]

/** What a decision is about, as the register lists it. */
export const decisionKinds = [
  'approve_milestone',
  'approve_plan_revision',
  'approve_budget_change',
  'change_lifecycle',
  'change_owner',
  'change_project_leader',
  'terminate_early',
  'make_permanent',
  'approve_final_report',
  'other',
] as const
export type DecisionKind = (typeof decisionKinds)[number]

export const decisionOutcomes = ['approved', 'rejected'] as const
export type DecisionOutcome = (typeof decisionOutcomes)[number]

/** What a project leader can ask the steering group to approve. */
export const requestKinds = [
  'milestone',
  'plan_revision',
  'budget_change',
  'final_report',
  'lifecycle',
  'change_owner',
  'change_leader',
] as const
export type RequestKind = (typeof requestKinds)[number]

export const requestStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type RequestStatus = (typeof requestStatuses)[number]

/** The decision kind a request becomes; lifecycle requests split by where they lead. */
export function decisionKindFor(kind: RequestKind, lifecycleTarget?: LifecycleStatus): DecisionKind {
  switch (kind) {
    case 'milestone':
      return 'approve_milestone'
    case 'plan_revision':
      return 'approve_plan_revision'
    case 'budget_change':
      return 'approve_budget_change'
    case 'final_report':
      return 'approve_final_report'
    case 'change_owner':
      return 'change_owner'
    case 'change_leader':
      return 'change_project_leader'
    case 'lifecycle':
      if (lifecycleTarget === 'terminated') return 'terminate_early'
      if (lifecycleTarget === 'made_permanent' || lifecycleTarget === 'handed_over') return 'make_permanent'
      return 'change_lifecycle'
  }
}

export interface Period {
  from: CalendarDate
  to: CalendarDate | null
}

/** Whether a period (both ends inclusive, open end = still running) covers a date. */
export function coversDate(period: Period, date: CalendarDate): boolean {
  return period.from <= date && (period.to === null || period.to >= date)
}

/** The memberships that were in force on a date: "who was in the group on D". */
export function membersOn<T extends Period>(members: readonly T[], date: CalendarDate): T[] {
  return members.filter((m) => coversDate(m, date))
}

/**
 * A protocol paragraph as written in the register: "§ 12" and "12" are the same paragraph, so the
 * sign and spaces are dropped. A paragraph is a number, optionally with a letter (12 a) or a
 * series (2018:45, 4.1); anything else is refused (null). Empty stays empty: no paragraph.
 */
export function normaliseParagraph(text: string): string | null {
  const bare = text
    .replace(/^\s*§\s*/, '')
    .trim()
    .replace(/\s+/g, ' ')
  if (bare === '') return ''
  return /^\d{1,6}(?:[.:/-]\d{1,6})*(?: ?[a-zA-Z])?$/.test(bare) ? bare : null
}

/** The paragraph after the highest plain number already used at a meeting ("1" at a new one). */
export function nextParagraph(used: readonly string[]): string {
  const numbers = used
    .map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN))
    .filter((n) => Number.isFinite(n))
  return String(numbers.length > 0 ? Math.max(...numbers) + 1 : 1)
}
