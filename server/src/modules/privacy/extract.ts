import type { RegisterExtract } from '@lagesbild/shared/api/privacy'
import type { OrganisationRole, ProjectRole } from '@lagesbild/shared/domain/access'
import { changedFields } from '@lagesbild/shared/domain/changes'
import type { Language } from '@lagesbild/shared/http/language'
import { type Kysely, sql } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { displayName, loadPseudonyms, redact } from './pseudonyms.ts'
import { personalDataSources } from './sources.ts'
import type { ResolvedSubject } from './subject.ts'

type Extract = Static<typeof RegisterExtract>
type Account = Extract['accounts'][number]

const iso = (value: Date | string) => new Date(value).toISOString()
const isoOrNull = (value: Date | string | null) => (value ? iso(value) : null)

/** What the README's data-protection section says, repeated in every extract. */
export const retention: Extract['retention'] = [
  {
    what: { sv: 'Personuppgifter i personregistret och användarkontot', en: 'Staff record and user account' },
    kept: {
      sv: 'Så länge personen arbetar i projekten; raderas (pseudonymiseras) på begäran av en administratör.',
      en: 'While the person works in the projects; erased (pseudonymised) on request by an administrator.',
    },
  },
  {
    what: { sv: 'Inloggningssessioner (webbläsare, tider)', en: 'Login sessions (browser, times)' },
    kept: {
      sv: 'Tills utloggning eller utgång (högst SESSION_MAX_HOURS, standard 24 timmar); rensas därefter.',
      en: 'Until logout or expiry (at most SESSION_MAX_HOURS, 24 hours by default); purged after.',
    },
  },
  {
    what: { sv: 'Misslyckade inloggningsförsök', en: 'Failed login attempts' },
    kept: { sv: 'Ett dygn.', en: 'One day.' },
  },
  {
    what: { sv: 'Inbjudnings- och återställningslänkar', en: 'Invitation and password-reset links' },
    kept: {
      sv: 'Tills de används eller går ut, och 30 dagar därefter.',
      en: 'Until used or expired, and 30 days after.',
    },
  },
  {
    what: { sv: 'Ändringshistorik (vem ändrade vad och när)', en: 'Change history (who changed what, when)' },
    kept: {
      sv: 'Bevaras som allmän handling enligt arkivlagen; efter radering visas pseudonymen i stället för namnet.',
      en: 'Kept as a public record under the Archives Act; after erasure the pseudonym is shown instead of the name.',
    },
  },
]

async function accountsOf(db: Kysely<Database>, userIds: string[]): Promise<Account[]> {
  if (userIds.length === 0) return []
  const users = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where('u.id', 'in', userIds)
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.active',
      'u.erasure_id',
      'u.created_at',
      'u.last_login_at',
      'u.oidc_issuer',
      'u.oidc_subject',
      'o.id as organisation_id',
      'o.name as organisation_name',
      sql<boolean>`exists (select 1 from invitation i where i.user_id = u.id and i.purpose = 'invite'
        and i.used_at is null and i.revoked_at is null)`.as('invited'),
    ])
    .orderBy('u.created_at')
    .execute()
  return Promise.all(
    users.map(async (u) => {
      const [roles, projects, sessions, links] = await Promise.all([
        db
          .selectFrom('role_grant as g')
          .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
          .where('g.user_id', '=', u.id)
          .select(['g.role', 'o.id', 'o.name'])
          .orderBy('o.name')
          .execute(),
        db
          .selectFrom('project_member as m')
          .innerJoin('project as p', 'p.id', 'm.project_id')
          .where('m.user_id', '=', u.id)
          .select(['p.id', 'p.name', 'p.code', 'm.role'])
          .orderBy('p.name')
          .execute(),
        db
          .selectFrom('session')
          .where('user_id', '=', u.id)
          .select(['created_at', 'last_seen_at', 'expires_at', 'auth_method', 'user_agent'])
          .orderBy('created_at', 'desc')
          .execute(),
        db
          .selectFrom('invitation')
          .where('user_id', '=', u.id)
          .select(['purpose', 'created_at', 'expires_at', 'used_at', 'revoked_at'])
          .orderBy('created_at', 'desc')
          .execute(),
      ])
      const status: Account['status'] = u.erasure_id
        ? 'erased'
        : u.active
          ? 'active'
          : u.invited
            ? 'invited'
            : 'deactivated'
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        organisation: { id: u.organisation_id, name: u.organisation_name },
        status,
        createdAt: iso(u.created_at),
        lastLoginAt: isoOrNull(u.last_login_at),
        sso: u.oidc_issuer && u.oidc_subject ? { issuer: u.oidc_issuer, subject: u.oidc_subject } : null,
        roles: roles.map((r) => ({
          role: r.role as OrganisationRole,
          organisation: { id: r.id, name: r.name },
        })),
        projectRoles: projects.map((p) => ({
          project: { id: p.id, name: p.name },
          code: p.code,
          role: p.role as ProjectRole,
        })),
        sessions: sessions.map((s) => ({
          createdAt: iso(s.created_at),
          lastSeenAt: iso(s.last_seen_at),
          expiresAt: iso(s.expires_at),
          method: s.auth_method as Account['sessions'][number]['method'],
          userAgent: s.user_agent,
        })),
        links: links.map((l) => ({
          purpose: l.purpose as 'invite' | 'password_reset',
          createdAt: iso(l.created_at),
          expiresAt: iso(l.expires_at),
          usedAt: isoOrNull(l.used_at),
          revokedAt: isoOrNull(l.revoked_at),
        })),
      }
    }),
  )
}

function eventQuery(db: Kysely<Database>) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('project as p', 'p.id', 'e.project_id')
    .leftJoin('app_user as a', 'a.id', 'e.actor_id')
    .leftJoin('erasure as ae', 'ae.id', 'a.erasure_id')
    .select([
      'e.id',
      'e.at',
      'e.entity',
      'e.entity_id',
      'e.action',
      'e.before',
      'e.after',
      'p.id as project_id',
      'p.name as project_name',
      'a.id as actor_id',
      'a.name as actor_name',
      'ae.number as actor_erasure',
    ])
}

/** The register extract: every record of the subject, as the API and the readable page show it. */
export async function buildExtract(
  db: Kysely<Database>,
  subject: ResolvedSubject,
  language: Language,
): Promise<Extract> {
  const pseudonyms = await loadPseudonyms(db)
  const ids = subject.userIds
  const aboutIds = [...ids, ...(subject.personId ? [subject.personId] : [])]
  const [person, accounts, leaderships, total, latest, about, other] = await Promise.all([
    subject.personId
      ? db
          .selectFrom('person as p')
          .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
          .where('p.id', '=', subject.personId)
          .select([
            'p.id',
            'p.name',
            'p.title',
            'p.email',
            'p.created_at',
            'p.updated_at',
            'o.id as oid',
            'o.name as oname',
          ])
          .executeTakeFirst()
      : undefined,
    accountsOf(db, ids),
    subject.personId
      ? db
          .selectFrom('project_leader as l')
          .innerJoin('project as p', 'p.id', 'l.project_id')
          .where('l.person_id', '=', subject.personId)
          .select(['p.id', 'p.name', 'p.code', 'l.from_date', 'l.to_date'])
          .orderBy('l.from_date')
          .execute()
      : [],
    ids.length > 0
      ? db
          .selectFrom('audit_event')
          .where('actor_id', 'in', ids)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      : { n: 0 },
    ids.length > 0
      ? eventQuery(db).where('e.actor_id', 'in', ids).orderBy('e.id', 'desc').limit(200).execute()
      : [],
    eventQuery(db)
      .where('e.entity', 'in', ['person', 'user'])
      .where('e.entity_id', 'in', aboutIds)
      .orderBy('e.id')
      .execute(),
    Promise.all(
      personalDataSources().map(async (source) => ({
        source: source.key,
        title: source.title,
        items: await source.collect(db, subject),
      })),
    ),
  ])
  const toEvent = (row: (typeof about)[number]) => ({
    at: iso(row.at),
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    project: row.project_id && row.project_name ? { id: row.project_id, name: row.project_name } : null,
    actor:
      row.actor_id && row.actor_name
        ? { id: row.actor_id, name: displayName(row.actor_name, row.actor_erasure, language) }
        : null,
    changes: changedFields(redact(row.before, pseudonyms, language), redact(row.after, pseudonyms, language)),
  })
  return {
    generatedAt: new Date().toISOString(),
    subject: { name: subject.name, personId: subject.personId, userIds: ids },
    person: person
      ? {
          id: person.id,
          name: person.name,
          title: person.title,
          email: person.email,
          organisation: { id: person.oid, name: person.oname },
          createdAt: iso(person.created_at),
          updatedAt: iso(person.updated_at),
        }
      : null,
    accounts,
    projectLeaderships: leaderships.map((l) => ({
      project: { id: l.id, name: l.name },
      code: l.code,
      from: l.from_date,
      to: l.to_date,
    })),
    changesMade: { total: Number(total.n), latest: latest.map(toEvent) },
    recordsAbout: about.map(toEvent),
    other,
    retention,
  }
}
