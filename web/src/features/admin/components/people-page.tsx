import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { LoadMore } from '../../../components/load-more'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { useAdministeredOrganisations } from '../api/organisations'
import { type Person, usePeople } from '../api/people'
import { AdminNav } from './admin-nav'
import './admin.css'

/** The staff register: search as you type, filter by organisation (with its units), keyset paging. */
export function PeoplePage() {
  const { t } = useTranslation('admin')
  const search = useSearch({ from: '/authenticated/admin/people' })
  const navigate = useNavigate({ from: '/admin/people' })
  const organisations = useAdministeredOrganisations()
  const [q, setQ] = useState(search.q ?? '')
  const debounced = useDebouncedValue(q)
  useEffect(() => {
    if ((search.q ?? '') !== debounced)
      void navigate({ search: (prev) => ({ ...prev, q: debounced || undefined }), replace: true })
  }, [debounced, search.q, navigate])
  const people = usePeople(search)
  const rows = people.data?.pages.flatMap((page) => page.items) ?? []

  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: t('people.name'),
      rowHeader: true,
      cell: (p) => (
        <Link to="/admin/people/$personId" params={{ personId: p.id }}>
          {p.name}
        </Link>
      ),
    },
    { key: 'title', header: t('people.personTitle'), cell: (p) => p.title ?? '–' },
    { key: 'email', header: t('people.email'), cell: (p) => p.email ?? '–' },
    { key: 'organisation', header: t('people.organisation'), cell: (p) => p.organisation.name },
    {
      key: 'account',
      header: t('people.account'),
      cell: (p) =>
        p.erased ? (
          <span className="status-badge status-badge--erased">{t('people.erased')}</span>
        ) : p.accounts.length > 0 ? (
          t('people.hasAccount')
        ) : (
          <span className="muted">{t('people.noAccount')}</span>
        ),
    },
  ]

  return (
    <>
      <AdminNav />
      <PageHeader
        title={t('people.title')}
        description={<p>{t('people.intro')}</p>}
        actions={
          <Link to="/admin/people/new" className={buttonClass('primary')}>
            {t('people.add')}
          </Link>
        }
      />
      <form className="filters" aria-label={t('people.search')} onSubmit={(event) => event.preventDefault()}>
        <Field
          id="people-q"
          type="search"
          label={t('people.search')}
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <Select
          id="people-organisation"
          label={t('people.organisation')}
          emptyOption={t('people.allOrganisations')}
          options={organisations.options}
          value={search.organisationId ?? ''}
          onChange={(event) =>
            void navigate({
              search: (prev) => ({ ...prev, organisationId: event.target.value || undefined }),
              replace: true,
            })
          }
        />
      </form>
      {people.isError ? <ProblemAlert error={people.error} /> : null}
      {organisations.isError ? <ProblemAlert error={organisations.error} /> : null}
      {people.data && rows.length === 0 ? <EmptyState title={t('people.empty')} /> : null}
      {rows.length > 0 ? (
        <DataTable caption={t('people.caption')} columns={columns} rows={rows} rowKey={(p) => p.id} />
      ) : null}
      {people.data ? (
        <LoadMore
          hasMore={people.hasNextPage}
          loading={people.isFetchingNextPage}
          onLoadMore={() => void people.fetchNextPage()}
          shown={rows.length}
        />
      ) : null}
    </>
  )
}
