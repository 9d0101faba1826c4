import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatPeriod } from '../../../lib/format'
import { type Programme, useProgrammes } from '../api/get-programmes'
import { CreateProgrammeForm } from './create-programme-form'

export function ProgrammesPage() {
  const { t } = useTranslation('programmes')
  const programmes = useProgrammes()
  const rows = programmes.data?.pages.flatMap((page) => page.items) ?? []
  const columns: Column<Programme>[] = [
    {
      key: 'name',
      header: t('list.name'),
      rowHeader: true,
      cell: (programme) => (
        <Link to="/programmes/$programmeId" params={{ programmeId: programme.id }}>
          {programme.name}
        </Link>
      ),
    },
    {
      key: 'owner',
      header: t('list.owner'),
      cell: (programme) => (
        <Link to="/organisations/$organisationId" params={{ organisationId: programme.ownerOrganisation.id }}>
          {programme.ownerOrganisation.name}
        </Link>
      ),
    },
    {
      key: 'period',
      header: t('list.period'),
      className: 'nowrap',
      cell: (programme) => formatPeriod(programme.periodStart, programme.periodEnd),
    },
    {
      key: 'count',
      header: t('list.projectCount'),
      className: 'numeric',
      cell: (programme) => programme.projectCount,
    },
  ]

  return (
    <div>
      <PageHeader title={t('list.title')} description={<p>{t('list.description')}</p>} />
      <section className="panel" aria-label={t('list.tableCaption')}>
        {programmes.isError ? <ProblemAlert error={programmes.error} /> : null}
        {programmes.isPending ? (
          <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title={t('list.empty')} />
        ) : (
          <>
            <DataTable
              caption={t('list.tableCaption')}
              columns={columns}
              rows={rows}
              rowKey={(programme) => programme.id}
            />
            <LoadMore
              shown={rows.length}
              hasMore={programmes.hasNextPage}
              loading={programmes.isFetchingNextPage}
              onLoadMore={() => void programmes.fetchNextPage()}
            />
          </>
        )}
      </section>
      <CreateProgrammeForm />
    </div>
  )
}
