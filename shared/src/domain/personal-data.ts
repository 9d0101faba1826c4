/**
 * Recognises text that looks like personal data about individuals: Swedish personal
 * identity numbers (personnummer), coordination numbers (samordningsnummer) and lists of
 * names. Projects must keep no personal data about the children and families they serve,
 * so free-text fields are checked with this before (web) and on (server) saving.
 * A heuristic: it warns, it does not prove.
 */

export type PersonalDataKind = 'personal_identity_number' | 'coordination_number' | 'name_list'

export interface PersonalDataFinding {
  kind: PersonalDataKind
  /** Offsets into the text, end exclusive, to highlight what was found. */
  start: number
  end: number
}

/** The Luhn (mod 10) check over a string of digits, as on personnummer (YYMMDDNNNN). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** The check digit that completes nine digits (YYMMDDNNN) to a valid personnummer. */
export function luhnCheckDigit(nineDigits: string): number {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(`${nineDigits}${digit}`)) return digit
  }
  throw new RangeError(`not digits: ${nineDigits}`)
}

const daysInMonth = (month: number, leap: boolean) =>
  [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Whether the date part names a real day. Without the century, 29 February counts when
 * some century makes the year a leap year. Coordination numbers add 60 to the day.
 */
function dayKind(
  century: number | null,
  yy: number,
  month: number,
  day: number,
): 'personal_identity_number' | 'coordination_number' | null {
  if (month < 1 || month > 12) return null
  const leap = century === null ? yy % 4 === 0 : isLeap(century * 100 + yy)
  const last = daysInMonth(month, leap)
  if (day >= 1 && day <= last) return 'personal_identity_number'
  if (day >= 61 && day <= 60 + last) return 'coordination_number'
  return null
}

// YYMMDD-NNNN or YYMMDD+NNNN (the plus marks someone aged 100 or more), and YYYYMMDDNNNN
// or YYYYMMDD-NNNN. Ten digits without a separator are left alone: phone numbers look so.
const identityNumber =
  /(?<![\d-])(?:(\d{2})(\d{2})(\d{2})(\d{2})-?(\d{4})|(\d{2})(\d{2})(\d{2})[-+](\d{4}))(?![\d])/g

export function findIdentityNumbers(text: string): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = []
  for (const match of text.matchAll(identityNumber)) {
    const [whole, cc, yy, mm, dd, serial, yy2, mm2, dd2, serial2] = match
    const century = cc !== undefined ? Number(cc) : null
    const year = yy ?? yy2 ?? ''
    const month = mm ?? mm2 ?? ''
    const day = dd ?? dd2 ?? ''
    const last = serial ?? serial2 ?? ''
    if (century !== null && (century < 18 || century > 20)) continue
    const kind = dayKind(century, Number(year), Number(month), Number(day))
    if (!kind || !luhnValid(`${year}${month}${day}${last}`)) continue
    findings.push({ kind, start: match.index, end: match.index + whole.length })
  }
  return findings
}

/**
 * Common given names in Sweden (Statistics Sweden's most frequent, and frequent ones of
 * other origins), lower case. A list item counts as a name when it starts with one.
 */
const givenNames = new Set(
  `
  adam agnes ahmad ahmed albin alexander alfred ali alice alicia alma alva amanda amelia amir
  andreas anders anna anneli annika anton arvid astrid august axel bengt birgitta björn bo
  carl caroline cecilia charlie christer christina daniel david ebba edvin elias elin elis
  elisabeth ella ellen elliot elsa emil emilia emma erik eva fatima felicia felix filip frank
  freja fredrik gabriel gunnar gustav hanna hannes hans hassan hedvig helena henrik hugo ibrahim
  ida ines ingrid isabelle isak jakob jan jenny jesper joel johan johanna john jonas jonathan
  josefin julia karin karl kerstin kevin kristina lars lea leo leon leila liam lilly linn linnea
  linus lisa liv love lovisa lucas ludvig lukas maja malin malte marcus maria marie martin
  matilda mats max maximilian mikael milo moa mohamed mohammad mohammed moltas nils nina noah
  noel noor nora olivia olle omar oscar otto per peter petra ronja rut sam samuel sara selma
  signe simon siri sofia sofie stella stefan susanne svea sven theo thomas tilda tove ulla vera
  viggo viktor vilgot wilhelm william wilma yasmin yusuf zainab zara ebbe sixten melvin
  `
    .split(/\s+/)
    .filter(Boolean),
)

const word = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?$/u
const initial = /^\p{Lu}\.?$/u

/** One list item that reads as a person's name: a known given name, then up to two more names. */
function isNameItem(item: string): boolean {
  const cleaned = item
    .replace(/^\s*(?:[-*•·]|\d{1,3}[.)])\s*/u, '')
    .replace(/\s*\([^)]*\)\s*$/u, '')
    .replace(/\s*,?\s*\d{1,2}\s*år\s*$/iu, '')
    .trim()
  const words = cleaned.split(/\s+/)
  if (words.length < 1 || words.length > 3) return false
  const [first, ...rest] = words
  if (!first || !word.test(first) || !givenNames.has(first.toLowerCase())) return false
  return rest.every((w, i) => word.test(w) || (i === rest.length - 1 && initial.test(w)))
}

const separator = /\s*(?:[,;\n\r|]+|\s(?:och|and|samt|&)\s)\s*/giu

/** At least this many names in a row make a list of names. */
export const NAME_LIST_MIN = 3

export function findNameLists(text: string): PersonalDataFinding[] {
  const items: { start: number; end: number; name: boolean }[] = []
  let from = 0
  for (const match of text.matchAll(separator)) {
    items.push({ start: from, end: match.index, name: isNameItem(text.slice(from, match.index)) })
    from = match.index + match[0].length
  }
  items.push({ start: from, end: text.length, name: isNameItem(text.slice(from)) })

  const findings: PersonalDataFinding[] = []
  let run: typeof items = []
  const close = () => {
    const first = run[0]
    const last = run.at(-1)
    if (run.length >= NAME_LIST_MIN && first && last) {
      findings.push({ kind: 'name_list', start: first.start, end: last.end })
    }
    run = []
  }
  for (const item of items) {
    if (item.name) run.push(item)
    else if (item.end > item.start || run.length === 0) close()
  }
  close()
  return findings
}

/** Everything in the text that looks like personal data, in order of appearance. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  return [...findIdentityNumbers(text), ...findNameLists(text)].sort((a, b) => a.start - b.start)
}

export const personalDataMessages: Record<PersonalDataKind, { sv: string; en: string }> = {
  personal_identity_number: {
    sv: 'Texten ser ut att innehålla ett personnummer. Skriv inga personuppgifter om barn eller familjer – använd antal och andelar.',
    en: 'The text seems to contain a personal identity number. Do not enter personal data about children or families – use counts and shares.',
  },
  coordination_number: {
    sv: 'Texten ser ut att innehålla ett samordningsnummer. Skriv inga personuppgifter om barn eller familjer – använd antal och andelar.',
    en: 'The text seems to contain a coordination number. Do not enter personal data about children or families – use counts and shares.',
  },
  name_list: {
    sv: 'Texten ser ut att innehålla en lista med namn. Skriv inga personuppgifter om barn eller familjer – använd antal och andelar.',
    en: 'The text seems to contain a list of names. Do not enter personal data about children or families – use counts and shares.',
  },
}

/** How an organisation wants suspected personal data in free text handled. */
export const personalDataChecks = ['off', 'warn', 'refuse'] as const
export type PersonalDataCheck = (typeof personalDataChecks)[number]

/** The name an erased person goes by in history, in the reader's language. */
export const formerMemberLabel = (number: number, language: 'sv' | 'en') =>
  language === 'sv' ? `Tidigare medarbetare ${number}` : `Former member ${number}`
