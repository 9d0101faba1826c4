import { useQuery } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { LoadMore } from '../../../components/load-more'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { formatTimestamp } from '../../../lib/format'
import { type AuditEntry, type AuditSearch, auditExportHref, useAuditLog } from '../api/audit'
import { projectOptionsQueryOptions, userOptionsQueryOptions } from '../api/users'
import { AdminNav } from './admin-nav'
import './admin.css'
import { DownloadLink } from '../../../components/download-link'

const entities = [
  'project',
  'project_member',
  'organisation',
  'person',
  'programme',
  'user',
  'session',
  'privacy_setting',
] as const
const MAX_CHANGES = 4

const show = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '–'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

/** Who changed what, when: filterable by person, kind of record, project and period; exportable. */
export function AuditPage() {
  const { t } = useTranslation('admin')
  const search = useSearch({ from: '/authenticated/admin/audit' })
  const navigate = useNavigate({ from: '/admin/audit' })
  const [draft, setDraft] = useState<AuditSearch>(search)
  const log = useAuditLog(search)
  const users = useQuery(userOptionsQueryOptions())
  const projects = useQuery(projectOptionsQueryOptions())
  const rows = log.data?.pages.flatMap((page) => page.items) ?? []
  const entityLabel = (entity: string) =>
    (entities as readonly string[]).includes(entity)
      ? t(`entity.${entity as (typeof entities)[number]}`)
      : entity

  const set = (key: keyof AuditSearch) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value || undefined })

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void navigate({ search: Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) })
  }

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.time'), rowHeader: true, cell: (e) => formatTimestamp(e.at) },
    { key: 'actor', header: t('audit.actor'), cell: (e) => e.actor?.name ?? t('audit.system') },
    {
      key: 'what',
      header: t('audit.what'),
      cell: (e) => (
        <>
          {entityLabel(e.entity)}
          {e.entityLabel ? `: ${e.entityLabel}` : ''}
        </>
      ),
    },
    {
      key: 'project',
      header: t('audit.project'),
      cell: (e) => (e.project ? `${e.project.name}${e.project.code ? ` (${e.project.code})` : ''}` : '–'),
    },
    { key: 'action', header: t('audit.action'), cell: (e) => e.action },
    {
      key: 'changes',
      header: t('audit.changes'),
      cell: (e) =>
        e.changes.length === 0 ? (
          '–'
        ) : (
          <ul className="changes-list">
            {e.changes.slice(0, MAX_CHANGES).map((c) => (
              <li key={c.field}>
                {c.field}: {show(c.before)} → {show(c.after)}
              </li>
            ))}
            {e.changes.length > MAX_CHANGES ? (
              <li>{t('audit.more', { count: e.changes.length - MAX_CHANGES })}</li>
            ) : null}
          </ul>
        ),
    },
  ]

  return (
    <>
      <AdminNav />
      <PageHeader title={t('audit.title')} description={<p>{t('audit.intro')}</p>} />
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <Select
          id="audit-actor"
          label={t('audit.actor')}
          emptyOption={t('audit.anyone')}
          options={users.data ?? []}
          value={draft.actorId ?? ''}
          onChange={set('actorId')}
        />
        <Select
          id="audit-entity"
          label={t('audit.entity')}
          width="medium"
          emptyOption={t('audit.anything')}
          options={entities.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
          value={draft.entity ?? ''}
          onChange={set('entity')}
        />
        <Select
          id="audit-project"
          label={t('audit.project')}
          emptyOption={t('audit.anyProject')}
          options={projects.data ?? []}
          value={draft.projectId ?? ''}
          onChange={set('projectId')}
        />
        <Field
          id="audit-action"
          label={t('audit.action')}
          width="medium"
          value={draft.action ?? ''}
          onChange={set('action')}
          autoComplete="off"
        />
        <Field
          id="audit-from"
          type="date"
          label={t('audit.from')}
          width="medium"
          value={draft.from ?? ''}
          onChange={set('from')}
        />
        <Field
          id="audit-to"
          type="date"
          label={t('audit.to')}
          width="medium"
          value={draft.to ?? ''}
          onChange={set('to')}
        />
        <Button type="submit" variant="primary">
          {t('audit.apply')}
        </Button>
      </form>
      {log.isError ? <ProblemAlert error={log.error} /> : null}
      {log.data && rows.length === 0 ? <EmptyState title={t('audit.empty')} /> : null}
      {rows.length > 0 ? (
        <DataTable caption={t('audit.caption')} columns={columns} rows={rows} rowKey={(e) => e.id} />
      ) : null}
      {log.data ? (
        <LoadMore
          hasMore={log.hasNextPage}
          loading={log.isFetchingNextPage}
          onLoadMore={() => void log.fetchNextPage()}
          shown={rows.length}
        />
      ) : null}
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">{t('audit.exportTitle')}</h2>
        <p className="muted">{t('audit.exportHint')}</p>
        <p className="button-row">
          <DownloadLink className={buttonClass('secondary')} href={auditExportHref(search, 'csv')}>
            {t('audit.exportCsv')}
          </DownloadLink>
          <DownloadLink className={buttonClass('secondary')} href={auditExportHref(search, 'xlsx')}>
            {t('audit.exportXlsx')}
          </DownloadLink>
        </p>
      </section>
    </>
  )
}
