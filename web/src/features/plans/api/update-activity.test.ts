import { describe, expect, it } from 'vitest'
import type { Activity } from './get-activities'
import { optimistic } from './update-activity'

const overdue: Activity = {
  id: 'a1',
  project: { id: 'p1', name: 'Tidiga insatser' },
  goal: null,
  number: '2.4',
  title: 'Uppföljning',
  description: '',
  responsible: 'Arbetsgrupp',
  status: 'remaining',
  milestone: false,
  deviationExplanation: '',
  plannedStart: null,
  plannedEnd: { from: '2016-08-31', to: '2016-08-31', precision: 'day', note: null },
  actualStart: null,
  actualEnd: null,
  deviation: { kind: 'remaining', days: null, late: false, overdueDays: null },
  outsideProjectPeriod: true,
  approvals: [],
  version: 1,
  updatedAt: '2016-09-01T08:00:00.000Z',
}

describe('the row shown before the server answers', () => {
  it('keeps an ended project’s undone activity as Återstår, not late, while the explanation is saved', () => {
    const row = optimistic(overdue, { version: 1, deviationExplanation: 'Projektet avslutades' }, false)
    expect(row.deviationExplanation).toBe('Projektet avslutades')
    expect(row.deviation).toEqual({ kind: 'remaining', days: null, late: false, overdueDays: null })
  })

  it('flags the same activity late in a running project', () => {
    expect(optimistic(overdue, { version: 1, title: 'Uppföljning av insatsen' }).deviation.late).toBe(true)
  })
})
