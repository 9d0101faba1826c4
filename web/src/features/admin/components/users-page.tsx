import { userStatuses } from '@lagesbild/shared/api/users'
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
import { formatTimestamp } from '../../../lib/format'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { type UserStatus, type UserSummary, useUsers } from '../api/users'
import { AdminNav } from './admin-nav'
import { UserStatusBadge } from './user-status'
import './admin.css'

/** The administrator's list of users: search as you type, filter by status, keyset paging. */
export function UsersPage() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const search = useSearch({ from: '/authenticated/admin/users' })
  const navigate = useNavigate({ from: '/admin/users' })
  const [q, setQ] = useState(search.q ?? '')
  const debounced = useDebouncedValue(q)
  useEffect(() => {
    if ((search.q ?? '') !== debounced)
      void navigate({ search: (prev) => ({ ...prev, q: debounced || undefined }), replace: true })
  }, [debounced, search.q, navigate])
  const users = useUsers(search)
  const rows = users.data?.pages.flatMap((page) => page.items) ?? []

  const columns: Column<UserSummary>[] = [
    {
      key: 'name',
      header: t('users.name'),
      rowHeader: true,
      cell: (u) => (
        <Link to="/admin/users/$userId" params={{ userId: u.id }}>
          {u.name}
        </Link>
      ),
    },
    { key: 'email', header: t('users.email'), cell: (u) => u.email },
    { key: 'organisation', header: t('users.organisation'), cell: (u) => u.organisation.name },
    {
      key: 'roles',
      header: t('users.roles'),
      cell: (u) => [...new Set(u.roles.map((r) => tc(`role.${r.role}`)))].join(', ') || '–',
    },
    { key: 'status', header: t('users.status'), cell: (u) => <UserStatusBadge status={u.status} /> },
    {
      key: 'login',
      header: t('users.lastLogin'),
      cell: (u) =>
        (u.lastLoginAt ? formatTimestamp(u.lastLoginAt) : t('users.never')) +
        (u.sso ? ` · ${t('users.sso')}` : ''),
    },
  ]

  return (
    <>
      <AdminNav />
      <PageHeader
        title={t('users.title')}
        description={<p>{t('users.intro')}</p>}
        actions={
          <Link to="/admin/users/new" className={buttonClass('primary')}>
            {t('users.invite')}
          </Link>
        }
      />
      <form className="filters" aria-label={t('users.search')} onSubmit={(event) => event.preventDefault()}>
        <Field
          id="users-q"
          type="search"
          label={t('users.search')}
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <Select
          id="users-status"
          label={t('users.status')}
          width="medium"
          emptyOption={t('users.allStatuses')}
          options={userStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          value={search.status ?? ''}
          onChange={(event) =>
            void navigate({
              search: (prev) => ({
                ...prev,
                status: (event.target.value || undefined) as UserStatus | undefined,
              }),
              replace: true,
            })
          }
        />
      </form>
      {users.isError ? <ProblemAlert error={users.error} /> : null}
      {users.data && rows.length === 0 ? <EmptyState title={t('users.empty')} /> : null}
      {rows.length > 0 ? (
        <DataTable caption={t('users.caption')} columns={columns} rows={rows} rowKey={(u) => u.id} />
      ) : null}
      {users.data ? (
        <LoadMore
          hasMore={users.hasNextPage}
          loading={users.isFetchingNextPage}
          onLoadMore={() => void users.fetchNextPage()}
          shown={rows.length}
        />
      ) : null}
    </>
  )
}
