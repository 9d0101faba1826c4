import type { ErasureResult } from '@lagesbild/shared/api/privacy'
import type { AuditEntity } from '@lagesbild/shared/domain/audit-vocabulary'
import { formerMemberLabel } from '@lagesbild/shared/domain/personal-data'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { HttpProblem, invalidField } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import {
  administratorGrantsOf,
  assertAdministratorsRemain,
  lockAdministrators,
} from '../users/administrators.ts'
import { valueDigest } from './pseudonyms.ts'
import { personalDataSources } from './sources.ts'
import type { ResolvedSubject } from './subject.ts'

type Result = Static<typeof ErasureResult>

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

const projectTextFields = [
  ['name', 'name'],
  ['client', 'client'],
  ['purpose', 'purpose'],
  ['background', 'background'],
  ['target_group', 'targetGroup'],
] as const

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The erased names worth looking for in free text: shorter ones would match inside other words. */
export const namesToReplace = (names: readonly string[]) => [
  ...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 3)),
]

/** `text` with every one of `names` (as `namesToReplace` gives them) replaced by the pseudonym. */
export const replaceNames = (text: string, names: readonly string[], pseudonym: string) =>
  names.reduce((out, n) => out.replace(new RegExp(escapeRegex(n), 'giu'), pseudonym), text)

/**
 * Current project texts that name the person get the pseudonym instead, and the change is
 * recorded without the text itself (an audit row holding the name would undo the erasure).
 */
async function rewriteMentions(
  trx: Kysely<Database>,
  actor: AuthUser,
  names: string[],
  pseudonym: string,
): Promise<Result['mentions']> {
  const wanted = namesToReplace(names)
  if (wanted.length === 0) return []
  const patterns = wanted.map((n) => `%${escapeLike(n)}%`)
  const rows = await trx
    .selectFrom('project')
    .where((eb) =>
      eb.or(projectTextFields.flatMap(([column]) => patterns.map((p) => eb(column, 'ilike', p)))),
    )
    .select(['id', 'name', 'client', 'purpose', 'background', 'target_group', 'version'])
    .orderBy('name')
    .forUpdate()
    .execute()
  const mentions: Result['mentions'] = []
  for (const row of rows) {
    const fields = projectTextFields.filter(([column]) =>
      wanted.some((n) => row[column].toLowerCase().includes(n.toLowerCase())),
    )
    if (fields.length === 0) continue
    const replaced = Object.fromEntries(
      fields.map(([column]) => [column, replaceNames(row[column], wanted, pseudonym)]),
    )
    await trx
      .updateTable('project')
      .set({ ...replaced, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', row.id)
      .execute()
    const fieldNames = fields.map(([, field]) => field)
    await recordAudit(trx, {
      actorId: actor.id,
      entity: 'project',
      entityId: row.id,
      projectId: row.id,
      action: 'pseudonymise',
      after: { fields: fieldNames },
    })
    mentions.push({ project: { id: row.id, name: String(replaced.name ?? row.name) }, fields: fieldNames })
  }
  return mentions
}

/**
 * Erasure by pseudonymisation: the staff record and accounts keep their ids, so every
 * decision, leadership and history row that points at them stays whole and now reads
 * "Tidigare medarbetare N". Names, e-mail addresses, titles, sign-on links, sessions,
 * links and roles are removed; project texts naming the person get the pseudonym. Immutable audit rows are not touched: digests of the erased
 * values let every history view show the pseudonym instead (see pseudonyms.ts).
 */
export async function erase(
  db: Kysely<Database>,
  actor: AuthUser,
  subject: ResolvedSubject,
  confirmName: string,
): Promise<Result> {
  if (subject.erasureId) {
    throw new HttpProblem(409, 'already_erased', undefined, {
      detail: { sv: 'Personen är redan raderad.', en: 'The person has already been erased.' },
    })
  }
  if (subject.userIds.includes(actor.id)) {
    throw new HttpProblem(409, 'self', undefined, {
      detail: {
        sv: 'Du kan inte radera dig själv. Be en annan administratör.',
        en: 'You cannot erase yourself. Ask another administrator.',
      },
    })
  }
  if (confirmName.trim().toLowerCase() !== subject.name.trim().toLowerCase()) {
    throw invalidField('confirmName', 'mismatch', {
      sv: 'Skriv personens namn exakt som det står, för att bekräfta att radering inte kan ångras.',
      en: 'Type the person’s name exactly as shown, to confirm that erasure cannot be undone.',
    })
  }
  return db.transaction().execute(async (trx) => {
    await lockAdministrators(trx)
    const person = subject.personId
      ? await trx
          .selectFrom('person')
          .where('id', '=', subject.personId)
          .select(['id', 'name', 'email', 'title', 'version'])
          .forUpdate()
          .executeTakeFirstOrThrow()
      : undefined
    const users =
      subject.userIds.length > 0
        ? await trx
            .selectFrom('app_user')
            .where('id', 'in', subject.userIds)
            .select(['id', 'name', 'email', 'version', 'active'])
            .orderBy('id')
            .forUpdate()
            .execute()
        : []
    const values = [person?.name, person?.email, ...users.flatMap((u) => [u.name, u.email])].filter(
      (v): v is string => typeof v === 'string' && v.trim().length > 0,
    )

    const erasureId = uuid()
    const erasure = await trx
      .insertInto('erasure')
      .values({
        id: erasureId,
        erased_by: actor.id,
        value_digests: [...new Set(values.map(valueDigest))],
      })
      .returning(['number', 'erased_at'])
      .executeTakeFirstOrThrow()
    const pseudonym = formerMemberLabel(erasure.number, 'sv')

    if (person) {
      await trx
        .updateTable('person')
        .set({
          name: pseudonym,
          title: null,
          email: null,
          erasure_id: erasureId,
          version: person.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', person.id)
        .execute()
    }
    const adminGrants: string[] = []
    for (const [i, user] of users.entries()) {
      if (user.active) adminGrants.push(...(await administratorGrantsOf(trx, user.id)))
      await trx
        .updateTable('app_user')
        .set({
          name: pseudonym,
          email: `tidigare-medarbetare-${erasure.number}${users.length > 1 ? `-${i + 1}` : ''}@raderad.invalid`,
          password_hash: null,
          active: false,
          oidc_issuer: null,
          oidc_subject: null,
          last_login_at: null,
          erasure_id: erasureId,
          version: user.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', user.id)
        .execute()
      await trx.deleteFrom('session').where('user_id', '=', user.id).execute()
      await trx.deleteFrom('invitation').where('user_id', '=', user.id).execute()
      await trx.deleteFrom('role_grant').where('user_id', '=', user.id).execute()
      await trx.deleteFrom('project_member').where('user_id', '=', user.id).execute()
      await trx
        .deleteFrom('login_attempt')
        .where('key', '=', `account:${user.email.trim().toLowerCase()}`)
        .execute()
    }
    await assertAdministratorsRemain(trx, adminGrants)
    const names = [person?.name ?? '', ...users.map((u) => u.name)]
    for (const source of personalDataSources()) await source.erase?.(trx, subject, pseudonym, names)
    const mentions = await rewriteMentions(trx, actor, names, pseudonym)

    const target: { entity: AuditEntity; id: string } = person
      ? { entity: 'person', id: person.id }
      : { entity: 'user', id: users[0]?.id ?? '' }
    await recordAudit(trx, {
      actorId: actor.id,
      entity: target.entity,
      entityId: target.id,
      action: 'erase',
      after: { erasureNumber: erasure.number, accounts: users.length },
    })
    return {
      number: erasure.number,
      pseudonym,
      erasedAt: new Date(erasure.erased_at).toISOString(),
      personId: person?.id ?? null,
      userIds: users.map((u) => u.id),
      mentions,
    }
  })
}
