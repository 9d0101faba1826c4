import { describe, expect, it } from 'vitest'
import type { ProjectRequest } from '../../governance/api/governance'
import type { Activity } from '../api/get-activities'
import { milestoneApprovalStates, pendingPlanRequests } from './milestone-approvals'

const activity = (id: string, approvals: Activity['approvals'] = [], milestone = true) =>
  ({ id, milestone, approvals }) as unknown as Activity

const request = (
  activityId: string,
  status: ProjectRequest['status'],
  requestedAt: string,
  decision: ProjectRequest['decision'] = null,
): ProjectRequest =>
  ({
    id: `${activityId}-${requestedAt}`,
    kind: 'milestone',
    payload: { activityId },
    status,
    requestedAt,
    decidedAt: decision ? `${decision.date}T10:00:00.000Z` : null,
    decisionId: decision?.id ?? null,
    decision,
  }) as unknown as ProjectRequest

describe('milestone approval states in the plan', () => {
  it('shows pending, approved with its decision §, and rejected; nothing for a plain activity', () => {
    const approvedDecision = { id: 'd1', date: '2025-03-01', paragraph: '4' }
    const states = milestoneApprovalStates(
      [
        activity('a'),
        activity('b', [{ decisionId: 'd1', recordedAt: '2025-03-01T10:00:00.000Z' }]),
        activity('c'),
        activity('d', [], false),
        activity('e'),
      ],
      [
        request('a', 'pending', '2025-02-01T10:00:00.000Z'),
        request('b', 'approved', '2025-02-01T10:00:00.000Z', approvedDecision),
        request('c', 'rejected', '2025-02-01T10:00:00.000Z', {
          id: 'd2',
          date: '2025-02-10',
          paragraph: null,
        }),
        request('d', 'pending', '2025-02-01T10:00:00.000Z'),
        request('e', 'withdrawn', '2025-02-01T10:00:00.000Z'),
      ],
    )
    expect(states.get('a')).toEqual({ kind: 'pending' })
    expect(states.get('b')).toEqual({ kind: 'approved', date: '2025-03-01', paragraph: '4' })
    expect(states.get('c')).toEqual({ kind: 'rejected', date: '2025-02-10', paragraph: null })
    expect(states.has('d')).toBe(false)
    expect(states.has('e')).toBe(false)
  })

  it('lets the latest request decide: asked again after a rejection is pending', () => {
    const states = milestoneApprovalStates(
      [activity('a')],
      [
        request('a', 'pending', '2025-04-01T10:00:00.000Z'),
        request('a', 'rejected', '2025-02-01T10:00:00.000Z', {
          id: 'd2',
          date: '2025-02-10',
          paragraph: '2',
        }),
      ],
    )
    expect(states.get('a')).toEqual({ kind: 'pending' })
  })

  it('shows an approval recorded without a request by the day it was recorded', () => {
    const states = milestoneApprovalStates(
      [activity('a', [{ decisionId: 'd9', recordedAt: '2016-04-01T08:00:00.000Z' }])],
      [],
    )
    expect(states.get('a')).toEqual({ kind: 'approved', date: '2016-04-01', paragraph: null })
  })
})

describe('pending requests shown above the plan', () => {
  const of = (id: string, projectId: string, kind: string, status: string) =>
    ({
      id,
      project: { id: projectId, name: projectId },
      kind,
      status,
      payload: {},
    }) as unknown as ProjectRequest

  it('shows plan revisions, own and the main project’s, and the main project’s milestones; not the rest', () => {
    const shown = pendingPlanRequests('sub', [
      of('own-revision', 'sub', 'plan_revision', 'pending'),
      of('main-revision', 'main', 'plan_revision', 'pending'),
      of('main-milestone', 'main', 'milestone', 'pending'),
      of('own-milestone', 'sub', 'milestone', 'pending'),
      of('decided-revision', 'main', 'plan_revision', 'approved'),
      of('main-lifecycle', 'main', 'lifecycle', 'pending'),
    ])
    expect(shown.map((r) => r.id)).toEqual(['own-revision', 'main-revision', 'main-milestone'])
  })

  it('marks a sub-project activity pending on the main project’s milestone request', () => {
    const states = milestoneApprovalStates(
      [activity('sub-activity')],
      [
        {
          ...request('sub-activity', 'pending', '2025-02-01T10:00:00.000Z'),
          project: { id: 'main', name: 'Huvudprojekt' },
        },
      ],
    )
    expect(states.get('sub-activity')).toEqual({ kind: 'pending' })
  })
})
