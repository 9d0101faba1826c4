import type { Localized } from '../http/language.ts'

/** NIST SP 800-63B style: length over composition rules, and no known or guessable passwords. */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 200

export type PasswordIssue = 'too_short' | 'too_long' | 'equals_email' | 'common'

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export const passwordLength = (password: string) => [...password].length

/** A password that is one short unit repeated ("abcabcabcabc") or a run of neighbouring keys or digits. */
export function isRepetitive(password: string): boolean {
  const lower = password.toLowerCase()
  for (let size = 1; size <= lower.length / 2; size++) {
    if (lower.length % size === 0 && lower.slice(0, size).repeat(lower.length / size) === lower) return true
  }
  const codes = [...lower].map((c) => c.codePointAt(0) ?? 0)
  const steps = new Set(codes.slice(1).map((code, i) => code - (codes[i] ?? 0)))
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) === 1)
}

/**
 * The forms of a password to look up in a list of common passwords: the whole, and the
 * core once digits and symbols are stripped from its ends ("Sommar2024!" → "sommar"),
 * since appending a year or "!" to a common word is the usual way round a length rule.
 */
export function commonPasswordCandidates(password: string): string[] {
  const lower = password.toLowerCase()
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '')
  const candidates = new Set([lower])
  if (core.length >= 4) candidates.add(core)
  return [...candidates]
}

export interface PasswordContext {
  email: string
}

/** What is wrong with a new password; an empty list means it may be used. */
export function passwordIssues(
  password: string,
  context: PasswordContext,
  isCommon: (candidate: string) => boolean = () => false,
): PasswordIssue[] {
  const issues: PasswordIssue[] = []
  const length = passwordLength(password)
  if (length < PASSWORD_MIN_LENGTH) issues.push('too_short')
  if (length > PASSWORD_MAX_LENGTH) issues.push('too_long')
  const email = context.email.trim().toLowerCase()
  const localPart = email.split('@')[0] ?? ''
  const given = password.trim().toLowerCase()
  if (given === email || (localPart.length > 0 && given === localPart)) issues.push('equals_email')
  if (isRepetitive(password) || commonPasswordCandidates(password).some(isCommon)) issues.push('common')
  return issues
}

export const passwordIssueMessages: Record<PasswordIssue, Localized> = {
  too_short: {
    sv: `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken. En mening med några ord är lätt att minnas.`,
    en: `The password must have at least ${PASSWORD_MIN_LENGTH} characters. A sentence of a few words is easy to remember.`,
  },
  too_long: {
    sv: `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`,
    en: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
  },
  equals_email: {
    sv: 'Lösenordet får inte vara din e-postadress.',
    en: 'The password must not be your e-mail address.',
  },
  common: {
    sv: 'Lösenordet är för vanligt eller lätt att gissa. Välj ett annat.',
    en: 'The password is too common or easy to guess. Choose another.',
  },
}
