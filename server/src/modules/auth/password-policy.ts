import {
  type PasswordIssue,
  passwordIssueMessages,
  passwordIssues,
} from '@lagesbild/shared/domain/password-policy'
import { HttpProblem } from '../../plugins/problem.ts'

/**
 * Words Swedish staff reach for that the international list lacks. Lower case; the
 * policy strips digits and symbols from the ends before looking a password up.
 */
const swedish = `
  lösenord losenord hemligt hemlighet välkommen valkommen sommar sommaren vinter vintern
  hösten hosten våren varen januari februari mars april maj juni juli augusti september
  oktober november december måndag tisdag onsdag torsdag fredag lördag söndag kommunen
  kommun regionen region sverige stockholm göteborg malmö luleå örebro norrbotten
  lagesbild lägesbild folkhälsa folkhalsa projektet projekt qwertyuiopå asdfghjklöä
  mittlösenord mittlosenord byttlösenord bytmig123 glömtlösenord
`
  .split(/\s+/)
  .filter(Boolean)

let common: Promise<Set<string>> | undefined

/**
 * The bundled list (zxcvbn's ~50 000 most common passwords, plus Swedish ones), imported on first
 * use: the dictionary module is some 18 MB of memory that a process setting no password never needs.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set([...dictionary['passwords-common'], ...swedish]),
  )
  return common
}

export interface PasswordPolicyOptions {
  breachCheck: boolean
}

/** 422 naming the `password` field, with every reason, when a new password breaks the policy. */
export async function assertPasswordAllowed(
  password: string,
  email: string,
  options: PasswordPolicyOptions,
  field = 'password',
): Promise<void> {
  const common = options.breachCheck ? await commonPasswords() : undefined
  const issues = passwordIssues(
    password,
    { email },
    common ? (candidate) => common.has(candidate) : undefined,
  )
  if (issues.length === 0) return
  const first = issues[0] as PasswordIssue
  throw new HttpProblem(422, 'password_policy', undefined, {
    detail: passwordIssueMessages[first],
    errors: issues.map((issue) => ({ field, code: issue, message: passwordIssueMessages[issue] })),
  })
}
