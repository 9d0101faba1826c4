import fc from 'fast-check'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import {
  addendumSection,
  municipalTemplate,
  sectionKeyFrom,
  TemplateSection,
  templateLimits,
  templateProblems,
} from './report-template.ts'

describe('the municipal template', () => {
  it('is valid, sections 1–11 with unique keys and guidance in both languages', () => {
    expect(templateProblems(municipalTemplate)).toBeNull()
    expect(municipalTemplate).toHaveLength(11)
    for (const section of [...municipalTemplate, addendumSection]) {
      expect(Value.Check(TemplateSection, section)).toBe(true)
      expect(section.guidance.sv).not.toBe('')
      expect(section.guidance.en).not.toBe('')
    }
  })
})

describe('templateProblems', () => {
  const [bakgrund, sammanfattning] = municipalTemplate as [TemplateSection, TemplateSection]

  it('names the field of each broken rule', () => {
    expect(templateProblems([])).toMatchObject({ field: 'sections' })
    expect(templateProblems([bakgrund, bakgrund])).toMatchObject({
      field: 'sections.1.key',
      code: 'duplicate_key',
    })
    expect(templateProblems([{ ...bakgrund, heading: { sv: '  ', en: '' } }])).toMatchObject({
      field: 'sections.0.heading.sv',
    })
    expect(templateProblems([{ ...sammanfattning, generators: ['funding'] }])).toMatchObject({
      field: 'sections.0.generators',
      code: 'generators_on_narrative',
    })
    expect(templateProblems([{ ...bakgrund, generators: [] }])).toMatchObject({ code: 'generators_required' })
    expect(templateProblems([{ ...bakgrund, generators: ['funding', 'funding'] }])).toMatchObject({
      code: 'duplicate_generator',
    })
    expect(
      templateProblems(
        Array.from({ length: templateLimits.sections + 1 }, (_, i) => ({ ...sammanfattning, key: `s${i}` })),
      ),
    ).toMatchObject({ field: 'sections' })
  })

  it('accepts any reordering or removal of the valid sections', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(municipalTemplate, { minLength: 1 }), (sections) => {
        expect(templateProblems(sections)).toBeNull()
      }),
    )
  })
})

describe('sectionKeyFrom', () => {
  it('makes a key from a Swedish heading, unique among those taken', () => {
    expect(sectionKeyFrom('Lärdomar och råd')).toBe('lardomar_och_rad')
    expect(sectionKeyFrom('Lärdomar och råd', ['lardomar_och_rad'])).toBe('lardomar_och_rad_2')
    expect(sectionKeyFrom('2020 – åter')).toBe('ater')
    expect(sectionKeyFrom('!!!')).toBe('avsnitt')
  })

  it('always makes a valid key', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 10 })), (heading, taken) => {
        expect(sectionKeyFrom(heading, taken)).toMatch(/^[a-z][a-z0-9_]{0,39}$/)
      }),
    )
  })
})
