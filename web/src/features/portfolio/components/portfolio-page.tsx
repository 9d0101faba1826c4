import { lifecycleStatuses } from '@lagesbild/shared/domain/lifecycle'
import { defaultOrder, type PortfolioSort } from '@lagesbild/shared/domain/portfolio'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { BurnCell, HealthCell, SlipCell } from '../../../components/portfolio-cells'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { StatusBadge } from '../../../components/status-badge'
import { formatDate } from '../../../lib/format'
import { useSettledSearchText, yearOptions } from '../../../lib/list-filters'
import {
  type PortfolioRow,
  type PortfolioSearch,
  portfolioExportUrl,
  useOrganisationOptions,
  usePortfolio,
  useProgrammeOptions,
  useSteeringGroupOptions,
} from '../api/portfolio'
import { SavedViews } from './saved-views'
import './portfolio.css'
import { DownloadLink } from '../../../components/download-link'

export function PortfolioPage() {
  const { t } = useTranslation('portfolio')
  const { t: tc } = useTranslation('common')
  const search = useSearch({ from: '/authenticated/portfolio' })
  const navigate = useNavigate({ from: '/portfolio' })
  const programmes = useProgrammeOptions()
  const organisations = useOrganisationOptions()
  const steeringGroups = useSteeringGroupOptions()
  const portfolio = usePortfolio(search)

  const setFilters = (patch: Partial<PortfolioSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true })

  const [q, setQ] = useSettledSearchText('/portfolio', search.q, (next) => void setFilters({ q: next }))

  const rows = portfolio.data?.pages.flatMap((page) => page.items) ?? []
  const filterKeys = Object.keys(search).filter((key) => key !== 'sort' && key !== 'order')

  return (
    <div className="portfolio">
      <PageHeader
        title={t('title')}
        description={<p>{t('intro')}</p>}
        actions={
          <DownloadLink className={buttonClass('secondary')} href={portfolioExportUrl(search)}>
            {t('export')}
          </DownloadLink>
        }
      />
      <SavedViews
        search={search}
        onApply={(query) => {
          setQ(query.q ?? '')
          void navigate({ search: query, replace: true })
        }}
      />
      <section className="panel portfolio-filters" aria-labelledby="portfolio-filters-title">
        <h2 id="portfolio-filters-title" className="visually-hidden">
          {t('filtersTitle')}
        </h2>
        <search>
          <form className="portfolio-filters__form" onSubmit={(event) => event.preventDefault()}>
            <Field
              id="portfolio-search"
              type="search"
              label={t('search')}
              hint={t('searchHint')}
              value={q}
              onChange={(event) => setQ(event.target.value)}
            />
            <Select
              id="portfolio-programme"
              label={t('programme')}
              emptyOption={t('allProgrammes')}
              options={programmes.data ?? []}
              value={search.programmeId ?? ''}
              onChange={(event) => void setFilters({ programmeId: event.target.value || undefined })}
            />
            <Select
              id="portfolio-owner"
              label={t('owner')}
              emptyOption={t('allOwners')}
              options={organisations.data ?? []}
              value={search.ownerOrganisationId ?? ''}
              onChange={(event) => void setFilters({ ownerOrganisationId: event.target.value || undefined })}
            />
            <Select
              id="portfolio-steering-group"
              label={t('steeringGroup')}
              emptyOption={t('allSteeringGroups')}
              options={steeringGroups.data ?? []}
              value={search.steeringGroupId ?? ''}
              onChange={(event) => void setFilters({ steeringGroupId: event.target.value || undefined })}
            />
            <Select
              id="portfolio-status"
              label={t('status')}
              emptyOption={t('allStatuses')}
              options={lifecycleStatuses.map((status) => ({ value: status, label: tc(`status.${status}`) }))}
              value={search.status ?? ''}
              onChange={(event) =>
                void setFilters({ status: lifecycleStatuses.find((s) => s === event.target.value) })
              }
            />
            <Select
              id="portfolio-year"
              label={t('year')}
              emptyOption={t('allYears')}
              options={yearOptions()}
              value={search.year ? String(search.year) : ''}
              onChange={(event) =>
                void setFilters({ year: event.target.value ? Number(event.target.value) : undefined })
              }
              width="short"
            />
            <div className="portfolio-filters__end">
              <Checkbox
                id="portfolio-top-level"
                label={t('topLevel')}
                checked={search.topLevel === true}
                onChange={(event) => void setFilters({ topLevel: event.target.checked || undefined })}
              />
              <Checkbox
                id="portfolio-mine"
                label={t('mine')}
                checked={search.mine === true}
                onChange={(event) => void setFilters({ mine: event.target.checked || undefined })}
              />
              {filterKeys.length > 0 ? (
                <Button
                  variant="quiet"
                  size="small"
                  onClick={() => {
                    setQ('')
                    void navigate({ search: { sort: search.sort, order: search.order }, replace: true })
                  }}
                >
                  {t('clear')}
                </Button>
              ) : null}
            </div>
          </form>
        </search>
      </section>
      {portfolio.isError ? <ProblemAlert error={portfolio.error} /> : null}
      {portfolio.isPending ? (
        <Loading />
      ) : rows.length === 0 && !portfolio.isError ? (
        <EmptyState title={t('empty')}>
          <p>{t('emptyHint')}</p>
        </EmptyState>
      ) : (
        <section
          className={portfolio.isPlaceholderData ? 'panel results results--stale' : 'panel results'}
          aria-labelledby="portfolio-results-title"
          aria-busy={portfolio.isFetching}
        >
          <h2 id="portfolio-results-title" className="visually-hidden">
            {t('caption')}
          </h2>
          <PortfolioTable
            rows={rows}
            sort={search.sort ?? 'name'}
            order={search.order ?? defaultOrder(search.sort ?? 'name')}
            onSort={(sort, order) => void setFilters({ sort, order })}
          />
          <p className="muted portfolio__export-hint">{t('exportHint')}</p>
          <LoadMore
            hasMore={portfolio.hasNextPage}
            loading={portfolio.isFetchingNextPage}
            onLoadMore={() => void portfolio.fetchNextPage()}
            shown={rows.length}
          />
        </section>
      )}
    </div>
  )
}

interface TableProps {
  rows: PortfolioRow[]
  sort: PortfolioSort
  order: 'asc' | 'desc'
  onSort: (sort: PortfolioSort, order: 'asc' | 'desc') => void
}

function PortfolioTable({ rows, sort, order, onSort }: TableProps) {
  const { t } = useTranslation('portfolio')
  const sortable = (column: PortfolioSort, label: string) => {
    const active = sort === column
    const next = active ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(column)
    return (
      <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" onClick={() => onSort(column, next)}>
          {label}
          <span className="sort-button__icon" aria-hidden="true">
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
          <span className="visually-hidden">
            {active ? ` (${order === 'asc' ? t('sortedAscending') : t('sortedDescending')})` : ''}
          </span>
        </button>
      </th>
    )
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table portfolio-table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            {sortable('name', t('columns.name'))}
            {sortable('status', t('columns.status'))}
            {sortable('plannedEnd', t('columns.plannedEnd'))}
            <th scope="col">{t('columns.health')}</th>
            {sortable('slip', t('columns.slip'))}
            {sortable('burn', t('columns.burn'))}
            {sortable('nextMilestone', t('columns.nextMilestone'))}
            <th scope="col">{t('columns.lastReport')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to="/projects/$projectId" params={{ projectId: row.id }}>
                  {row.name}
                </Link>
                <span className="portfolio-table__meta">
                  {row.parent
                    ? t('subProjectOf', { name: row.parent.name })
                    : (row.programme?.name ?? t('noProgramme'))}
                  {' · '}
                  {row.ownerOrganisation.name}
                  {' · '}
                  {row.leader?.name ?? t('noLeader')}
                </span>
              </th>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td className="nowrap">{formatDate(row.actualEnd ?? row.plannedEnd)}</td>
              <td>
                <HealthCell health={row.health} />
              </td>
              <td>
                <SlipCell row={row} />
              </td>
              <td>
                <BurnCell burn={row.burn} status={row.status} />
              </td>
              <td>
                {row.nextMilestone ? (
                  <span className="milestone">
                    <span className="nowrap">{formatDate(row.nextMilestone.date)}</span>{' '}
                    {row.nextMilestone.title}
                  </span>
                ) : (
                  <span className="muted">{t('noMilestone')}</span>
                )}
              </td>
              <td className="nowrap">
                {row.lastStatusReport ? (
                  formatDate(row.lastStatusReport)
                ) : (
                  <span className="muted">{t('noReport')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
