import type { Localized } from '@lagesbild/shared/http/language'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** Whose data is asked for or erased: a staff record, the accounts linked to it, or both. */
export interface PrivacySubject {
  personId: string | null
  userIds: string[]
}

/**
 * A feature that keeps personal data of staff beyond the staff record and accounts
 * (steering-group memberships, staffing plans, attendance …) registers a source here, so
 * the register extract lists it and erasure handles it. Data that refers to the person by
 * id needs no `erase`: it then reads as the pseudonym. Only names copied as text do.
 */
export interface PersonalDataSource {
  key: string
  title: Localized
  collect(db: Kysely<Database>, subject: PrivacySubject): Promise<Record<string, unknown>[]>
  /** Runs in the erasure's transaction; replace copied names with `pseudonym`. */
  erase?(trx: Kysely<Database>, subject: PrivacySubject, pseudonym: string): Promise<void>
}

const sources = new Map<string, PersonalDataSource>()

export function registerPersonalDataSource(source: PersonalDataSource): void {
  sources.set(source.key, source)
}

export const personalDataSources = () => [...sources.values()]
