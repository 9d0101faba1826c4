import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type LightFacts, lights, suggestLights, worstLight } from './traffic-light.ts'

const calm: LightFacts = {
  late: { count: 0, milestones: 0, maxDaysLate: 0 },
  burn: { state: 'on_track', deviationBp: 300, thresholdBp: 1000 },
  indicators: ['on_track'],
  risks: { high: 0, medium: 0, occurred: 0 },
}

describe('suggested lights', () => {
  it('are green when nothing is late, spending follows the plan and indicators are on track', () => {
    const s = suggestLights(calm)
    expect([s.schedule.light, s.budget.light, s.goals.light, s.risks.light, s.overall.light]).toEqual([
      'green',
      'green',
      'green',
      'green',
      'green',
    ])
  })

  it('make the schedule red for a late milestone and yellow for a few days late', () => {
    expect(suggestLights({ ...calm, late: { count: 1, milestones: 1, maxDaysLate: 3 } }).schedule.light).toBe(
      'red',
    )
    expect(
      suggestLights({ ...calm, late: { count: 2, milestones: 0, maxDaysLate: 20 } }).schedule.light,
    ).toBe('yellow')
  })

  it('judge the budget by the burn threshold, red beyond twice it', () => {
    const burn = (deviationBp: number) =>
      suggestLights({ ...calm, burn: { state: 'underspend', deviationBp, thresholdBp: 1000 } }).budget.light
    expect(burn(-1500)).toBe('yellow')
    expect(burn(-2500)).toBe('red')
    expect(suggestLights({ ...calm, burn: null }).budget.light).toBeNull()
  })

  it('take goals from indicator progress and risks from open high risks', () => {
    expect(suggestLights({ ...calm, indicators: ['on_track', 'at_risk'] }).goals.light).toBe('yellow')
    expect(suggestLights({ ...calm, indicators: ['no_data'] }).goals.light).toBeNull()
    expect(suggestLights({ ...calm, risks: { high: 1, medium: 0, occurred: 0 } }).risks.light).toBe('red')
  })

  it('overall is the worst of the others (property)', () => {
    const light = fc.constantFrom(...lights, null)
    fc.assert(
      fc.property(fc.array(light, { maxLength: 4 }), (values) => {
        const worst = worstLight(values)
        if (values.includes('red')) expect(worst).toBe('red')
        else if (values.includes('yellow')) expect(worst).toBe('yellow')
        else if (values.includes('green')) expect(worst).toBe('green')
        else expect(worst).toBeNull()
      }),
    )
  })
})
