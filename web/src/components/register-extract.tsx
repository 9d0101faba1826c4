import type { RegisterExtract as Extract } from '@lagesbild/shared/api/privacy'
import { useTranslation } from 'react-i18next'
import type { Static } from 'typebox'
import { formatTimestamp } from '../lib/format'
import { currentLanguage } from '../lib/i18n'
import { buttonClass } from './button'
import { type Column, DataTable } from './data-table'
import { FactList } from './fact-list'

type RegisterExtract = Static<typeof Extract>
type Event = RegisterExtract['recordsAbout'][number]

const show = (value: unknown) =>
  value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value)

function Events({ events, caption }: { events: readonly Event[]; caption: string }) {
  const { t } = useTranslation('common')
  const columns: Column<Event>[] = [
    { key: 'at', header: t('extract.when'), rowHeader: true, cell: (e) => formatTimestamp(e.at) },
    { key: 'what', header: t('extract.what'), cell: (e) => `${e.entity} · ${e.action}` },
    { key: 'project', header: t('extract.project'), cell: (e) => e.project?.name ?? '–' },
    {
      key: 'changes',
      header: t('extract.changes'),
      cell: (e) => e.changes.map((c) => `${c.field}: ${show(c.before)} → ${show(c.after)}`).join('; ') || '–',
    },
  ]
  if (events.length === 0) return <p className="muted">{t('extract.none')}</p>
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={events}
      rowKey={(e) => `${e.at}-${e.entityId}-${e.action}`}
    />
  )
}

/** A register extract as a readable, printable page; the same data as the JSON download. */
export function RegisterExtractView({
  extract,
  downloadHref,
}: {
  extract: RegisterExtract
  downloadHref: string
}) {
  const { t } = useTranslation('common')
  const language = currentLanguage()
  // Every feature's source answers; only those holding something of the person's are shown.
  const others = extract.other.filter((source) => source.items.length > 0)
  return (
    <div className="extract">
      <p className="muted">{t('extract.generated', { time: formatTimestamp(extract.generatedAt) })}</p>
      <p className="button-row extract__actions">
        <button type="button" className={buttonClass('secondary')} onClick={() => window.print()}>
          {t('extract.print')}
        </button>
        <a className={buttonClass('secondary')} href={downloadHref} download="registerutdrag.json">
          {t('extract.download')}
        </a>
      </p>

      <section className="panel" aria-labelledby="extract-person">
        <h2 id="extract-person">{t('extract.person')}</h2>
        {extract.person ? (
          <FactList
            facts={[
              { key: 'name', term: t('extract.name'), value: extract.person.name },
              { key: 'title', term: t('extract.title'), value: extract.person.title ?? '–' },
              { key: 'email', term: t('extract.email'), value: extract.person.email ?? '–' },
              { key: 'org', term: t('extract.organisation'), value: extract.person.organisation.name },
            ]}
          />
        ) : (
          <p className="muted">{t('extract.none')}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="extract-accounts">
        <h2 id="extract-accounts">{t('extract.accounts')}</h2>
        {extract.accounts.length === 0 ? <p className="muted">{t('extract.none')}</p> : null}
        {extract.accounts.map((account) => (
          <div key={account.id} className="extract__account">
            <FactList
              facts={[
                { key: 'email', term: t('extract.email'), value: account.email },
                { key: 'name', term: t('extract.name'), value: account.name },
                { key: 'org', term: t('extract.organisation'), value: account.organisation.name },
                { key: 'status', term: t('extract.status'), value: t(`extract.statuses.${account.status}`) },
                { key: 'created', term: t('extract.created'), value: formatTimestamp(account.createdAt) },
                {
                  key: 'login',
                  term: t('extract.lastLogin'),
                  value: account.lastLoginAt ? formatTimestamp(account.lastLoginAt) : '–',
                },
                {
                  key: 'sso',
                  term: t('extract.sso'),
                  value: account.sso ? `${account.sso.issuer} · ${account.sso.subject}` : '–',
                },
                {
                  key: 'roles',
                  term: t('extract.roles'),
                  value:
                    account.roles.map((r) => `${t(`role.${r.role}`)} – ${r.organisation.name}`).join(', ') ||
                    '–',
                },
                {
                  key: 'projects',
                  term: t('extract.projectRoles'),
                  value:
                    account.projectRoles
                      .map((p) => `${t(`role.${p.role}`)} – ${p.project.name}`)
                      .join(', ') || '–',
                },
                { key: 'sessions', term: t('extract.sessions'), value: String(account.sessions.length) },
                { key: 'links', term: t('extract.links'), value: String(account.links.length) },
              ]}
            />
          </div>
        ))}
      </section>

      <section className="panel" aria-labelledby="extract-leaderships">
        <h2 id="extract-leaderships">{t('extract.leaderships')}</h2>
        {extract.projectLeaderships.length === 0 ? (
          <p className="muted">{t('extract.none')}</p>
        ) : (
          <ul className="link-list">
            {extract.projectLeaderships.map((l) => (
              <li key={`${l.project.id}-${l.from}`}>
                {l.project.name}
                {l.code ? ` (${l.code})` : ''}: {l.from} – {l.to ?? ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="extract-changes">
        <h2 id="extract-changes">{t('extract.changesMade')}</h2>
        <p className="muted">{t('extract.changesTotal', { count: extract.changesMade.total })}</p>
        <Events events={extract.changesMade.latest} caption={t('extract.changesMade')} />
      </section>

      <section className="panel" aria-labelledby="extract-about">
        <h2 id="extract-about">{t('extract.recordsAbout')}</h2>
        <Events events={extract.recordsAbout} caption={t('extract.recordsAbout')} />
      </section>

      {others.length > 0 ? (
        <section className="panel" aria-labelledby="extract-other">
          <h2 id="extract-other">{t('extract.other')}</h2>
          {others.map((source) => (
            <div key={source.source}>
              <h3>{source.title[language]}</h3>
              <pre className="extract__json">{JSON.stringify(source.items, null, 2)}</pre>
            </div>
          ))}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="extract-retention">
        <h2 id="extract-retention">{t('extract.retention')}</h2>
        <dl className="fact-list">
          {extract.retention.map((r) => (
            <div className="fact-list__item" key={r.what.sv}>
              <dt>{r.what[language]}</dt>
              <dd>{r.kept[language]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  )
}
