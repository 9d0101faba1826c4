/** Project lifecycle: draft → approved → active ⇄ paused → completed | terminated, then made permanent or handed over. */
export const lifecycleStatuses = [
  'draft',
  'approved',
  'active',
  'paused',
  'completed',
  'terminated',
  'made_permanent',
  'handed_over',
] as const

export type LifecycleStatus = (typeof lifecycleStatuses)[number]

const transitions: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  draft: ['approved'],
  approved: ['active'],
  active: ['paused', 'completed', 'terminated'],
  paused: ['active', 'completed', 'terminated'],
  completed: ['made_permanent', 'handed_over'],
  terminated: ['made_permanent', 'handed_over'],
  made_permanent: [],
  handed_over: [],
}

export function allowedTransitions(from: LifecycleStatus): readonly LifecycleStatus[] {
  return transitions[from]
}

export function canTransition(from: LifecycleStatus, to: LifecycleStatus): boolean {
  return transitions[from].includes(to)
}

export function isClosed(status: LifecycleStatus): boolean {
  return transitions[status].every((next) => next === 'made_permanent' || next === 'handed_over')
}

/** Approved, active or paused: the phases in which an activity past its planned end is late. */
export const runningStatuses = ['approved', 'active', 'paused'] as const satisfies readonly LifecycleStatus[]

export function isRunning(status: LifecycleStatus): boolean {
  return (runningStatuses as readonly LifecycleStatus[]).includes(status)
}
