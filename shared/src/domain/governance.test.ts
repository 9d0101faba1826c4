import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coversDate, decisionKindFor, membersOn, nextParagraph, normaliseParagraph } from './governance.ts'

const day = fc
  .date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe('membership on a date', () => {
  it('includes both ends and an open end', () => {
    const m = { from: '2018-01-01', to: '2018-06-10' }
    expect(coversDate(m, '2017-12-31')).toBe(false)
    expect(coversDate(m, '2018-01-01')).toBe(true)
    expect(coversDate(m, '2018-06-10')).toBe(true)
    expect(coversDate(m, '2018-06-11')).toBe(false)
    expect(coversDate({ from: '2018-06-11', to: null }, '2030-01-01')).toBe(true)
  })

  it('a member handing over on a date leaves exactly one of the two in the group on any day', () => {
    fc.assert(
      fc.property(day, day, (handover, probe) => {
        const previous = new Date(`${handover}T00:00:00Z`)
        previous.setUTCDate(previous.getUTCDate() - 1)
        const members = [
          { name: 'A', from: '2000-01-01', to: previous.toISOString().slice(0, 10) },
          { name: 'B', from: handover, to: null },
        ]
        expect(membersOn(members, probe).length).toBe(probe >= '2000-01-01' ? 1 : 0)
      }),
    )
  })
})

describe('decision kinds', () => {
  it('splits lifecycle requests by their target', () => {
    expect(decisionKindFor('lifecycle', 'terminated')).toBe('terminate_early')
    expect(decisionKindFor('lifecycle', 'handed_over')).toBe('make_permanent')
    expect(decisionKindFor('lifecycle', 'made_permanent')).toBe('make_permanent')
    expect(decisionKindFor('lifecycle', 'paused')).toBe('change_lifecycle')
    expect(decisionKindFor('milestone')).toBe('approve_milestone')
    expect(decisionKindFor('change_leader')).toBe('change_project_leader')
  })
})

describe('protocol paragraphs', () => {
  it('reads "§ 12" and "12" as the same paragraph and refuses what is no paragraph', () => {
    expect(normaliseParagraph('§ 12')).toBe('12')
    expect(normaliseParagraph(' §4 ')).toBe('4')
    expect(normaliseParagraph('12  a')).toBe('12 a')
    expect(normaliseParagraph('2018:45')).toBe('2018:45')
    expect(normaliseParagraph('')).toBe('')
    expect(normaliseParagraph('  ')).toBe('')
    expect(normaliseParagraph('tolv')).toBeNull()
    expect(normaliseParagraph('§')).toBe('')
    expect(normaliseParagraph('12; drop')).toBeNull()
  })

  it('suggests the paragraph after the highest number used at the meeting', () => {
    expect(nextParagraph([])).toBe('1')
    expect(nextParagraph(['1', '2', '12 a'])).toBe('3')
    expect(nextParagraph(['9', '10'])).toBe('11')
  })
})
