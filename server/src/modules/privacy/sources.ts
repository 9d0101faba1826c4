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
  /**
   * Every column (`table.column`) referring to a person or account that this source lists;
   * the completeness test fails on a reference no source, nor the extract itself, declares.
   */
  columns: readonly string[]
  collect(db: Kysely<Database>, subject: PrivacySubject): Promise<Record<string, unknown>[]>
  /**
   * Runs in the erasure's transaction, after the staff record and accounts read as the pseudonym;
   * replace copied names with `pseudonym`. `names` are the names erased (staff record and accounts),
   * for text that copies one without an id beside it.
   */
  erase?(
    trx: Kysely<Database>,
    subject: PrivacySubject,
    pseudonym: string,
    names: readonly string[],
  ): Promise<void>
}

const sources = new Map<string, PersonalDataSource>()

export function registerPersonalDataSource(source: PersonalDataSource): void {
  sources.set(source.key, source)
}

export const personalDataSources = () => [...sources.values()]

/** References the extract lists itself (extract.ts: staff record, accounts, leaderships, changes). */
export const extractColumns: readonly string[] = [
  'app_user.person_id',
  'role_grant.user_id',
  'session.user_id',
  'invitation.user_id',
  'project_member.user_id',
  'project_leader.person_id',
  'audit_event.actor_id',
]

/** References to a person or account that hold nothing of theirs to list, and why. */
export const unlistedColumns: Readonly<Record<string, string>> = {
  'erasure.erased_by':
    'Every erasure is also an audit event with the administrator as actor, listed under changes made.',
  'decision.decided_by':
    'Names the deciding body (the steering group) as text, not a person; who recorded it is decision.recorded_by.',
  'invitation.created_by':
    'Issuing an invitation or reset link is an audit event with the issuer as actor, listed under changes made.',
}
