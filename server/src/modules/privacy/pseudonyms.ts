import { createHash } from 'node:crypto'
import { formerMemberLabel } from '@lagesbild/shared/domain/personal-data'
import type { Language } from '@lagesbild/shared/http/language'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** How an erased value is recognised without keeping it: a digest of its normalised form. */
export const valueDigest = (value: string) =>
  createHash('sha256')
    .update(value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' '))
    .digest('base64url')

/** Digest → erasure number, for every erasure on record. */
export type Pseudonyms = Map<string, number>

export async function loadPseudonyms(db: Kysely<Database>): Promise<Pseudonyms> {
  const rows = await db.selectFrom('erasure').select(['number', 'value_digests']).execute()
  const map: Pseudonyms = new Map()
  for (const row of rows) for (const digest of row.value_digests) map.set(digest, row.number)
  return map
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}._@'’-]*[\p{L}\p{N}])?/gu
/** Names have at most this many words; longer runs are not looked up. */
const MAX_WORDS = 4

/** Replaces each run of words that is an erased name or address, e.g. inside a sentence. */
function redactText(text: string, pseudonyms: Pseudonyms, language: Language): string {
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0],
  }))
  let out = ''
  let at = 0
  for (let i = 0; i < words.length; i++) {
    for (let size = Math.min(MAX_WORDS, words.length - i); size >= 1; size--) {
      const run = words.slice(i, i + size)
      const number = pseudonyms.get(valueDigest(run.map((w) => w.word).join(' ')))
      const first = run[0]
      const last = run.at(-1)
      if (number === undefined || !first || !last) continue
      out += text.slice(at, first.start) + formerMemberLabel(number, language)
      at = last.end
      i += size - 1
      break
    }
  }
  return out + text.slice(at)
}

/**
 * A snapshot as history should show it: any string that is, or contains, an erased
 * person's name or e-mail becomes their pseudonym. Audit rows are immutable and keep what was recorded;
 * this is applied whenever they are read.
 */
export function redact(value: unknown, pseudonyms: Pseudonyms, language: Language): unknown {
  if (pseudonyms.size === 0 || value === null || value === undefined) return value
  if (typeof value === 'string') {
    const number = value.length <= 320 ? pseudonyms.get(valueDigest(value)) : undefined
    return number === undefined
      ? redactText(value, pseudonyms, language)
      : formerMemberLabel(number, language)
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, pseudonyms, language))
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, pseudonyms, language)]),
    )
  }
  return value
}

/** A name read from a person or user row: erased ones shown in the reader's language. */
export const displayName = (name: string, erasureNumber: number | null | undefined, language: Language) =>
  erasureNumber ? formerMemberLabel(erasureNumber, language) : name
