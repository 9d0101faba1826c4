import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  commonPasswordCandidates,
  isRepetitive,
  PASSWORD_MIN_LENGTH,
  passwordIssues,
} from './password-policy.ts'

const email = 'elin.nordin@demo.example'
const common = new Set(['password', 'sommar', 'qwertyuiopas'])
const isCommon = (candidate: string) => common.has(candidate)

describe('passwordIssues', () => {
  it('accepts a long passphrase', () => {
    expect(passwordIssues('fyra hästar i Luleå', { email }, isCommon)).toEqual([])
  })

  it.each([
    ['kort', ['too_short']],
    ['ELIN.NORDIN@demo.example', ['equals_email']],
    ['elin.nordin', ['too_short', 'equals_email']],
    ['Sommar2024!!!', ['common']],
    ['password12345', ['common']],
    ['qwertyuiopas', ['common']],
    ['aaaaaaaaaaaaaa', ['common']],
    ['abcdefghijklmn', ['common']],
    ['x'.repeat(201), ['too_long', 'common']],
  ])('judges %j', (password, issues) => {
    expect(passwordIssues(password, { email }, isCommon)).toEqual(issues)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(passwordIssues('🙂🙃😀😁😂🤣😃😄😅😆😉', { email })).toEqual(['too_short'])
  })

  it(`accepts any ${PASSWORD_MIN_LENGTH}+ character password that is not the e-mail, common or repetitive`, () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: PASSWORD_MIN_LENGTH, maxLength: 100, unit: 'grapheme-ascii' }),
        (p) => {
          fc.pre(!isRepetitive(p) && p.trim().toLowerCase() !== email)
          expect(passwordIssues(p, { email })).toEqual([])
        },
      ),
    )
  })

  it('refuses every password shorter than the minimum', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1, unit: 'grapheme-ascii' }), (p) => {
        expect(passwordIssues(p, { email })).toContain('too_short')
      }),
    )
  })
})

describe('commonPasswordCandidates', () => {
  it('strips digits and symbols from both ends', () => {
    expect(commonPasswordCandidates('2024Sommar!')).toEqual(['2024sommar!', 'sommar'])
    expect(commonPasswordCandidates('ab12')).toEqual(['ab12'])
  })
})
