import { Type } from 'typebox'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { IsoDate, Nullable } from './common.ts'
import { pickLanguage } from './language.ts'
import { toFieldErrors } from './validation-messages.ts'

const Body = Type.Object(
  { name: Type.String({ minLength: 1 }), plannedEnd: Nullable(IsoDate), count: Type.Integer() },
  { additionalProperties: false },
)
const check = Compile(Body)

describe('toFieldErrors', () => {
  it('gives one message per field, in Swedish', () => {
    const errors = toFieldErrors(
      check.Errors({ name: '', plannedEnd: '2014-04-31', count: 'x', extra: 1 }),
      'sv',
    )
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/name', field: 'name', code: 'minLength', message: 'Fältet får inte vara tomt.' },
        {
          pointer: '/plannedEnd',
          field: 'plannedEnd',
          code: 'date',
          message: 'Ange ett datum som finns, som ÅÅÅÅ-MM-DD.',
        },
        { pointer: '/count', field: 'count', code: 'type', message: 'Ange ett heltal.' },
        { pointer: '/extra', field: 'extra', code: 'additionalProperties', message: 'Okänt fält.' },
      ]),
    )
    expect(errors).toHaveLength(4)
  })

  it('names each missing field, in English when asked', () => {
    const errors = toFieldErrors(check.Errors({}), 'en', '/query')
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['query.name', 'This field is required.'],
      ['query.plannedEnd', 'This field is required.'],
      ['query.count', 'This field is required.'],
    ])
  })
})

describe('pickLanguage', () => {
  it('prefers Swedish unless English ranks first', () => {
    expect(pickLanguage(undefined)).toBe('sv')
    expect(pickLanguage('en-GB,en;q=0.9,sv;q=0.8')).toBe('en')
    expect(pickLanguage('sv-SE,en;q=0.5')).toBe('sv')
    expect(pickLanguage('de-DE')).toBe('sv')
    expect(pickLanguage('de;q=1, en;q=0.3, sv;q=0.7')).toBe('sv')
  })
})
