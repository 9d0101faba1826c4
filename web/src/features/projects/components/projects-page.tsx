import { lifecycleStatuses } from '@lagesbild/shared/domain/lifecycle'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { ProjectTable } from '../../../components/project-table'
import { Select } from '../../../components/select'
import { canCreateProjects, useCurrentUser } from '../../../lib/current-user'
import { useSettledSearchText, yearOptions } from '../../../lib/list-filters'
import { useProgrammeOptions } from '../api/get-programme-options'
import { type ProjectListSearch, useProjects } from '../api/get-projects'
import './projects.css'

export function ProjectsPage() {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const me = useCurrentUser()
  const search = useSearch({ from: '/authenticated/projects' })
  const navigate = useNavigate({ from: '/projects' })
  const programmes = useProgrammeOptions()
  const projects = useProjects(search)

  const setFilters = (patch: Partial<ProjectListSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true })

  const [q, setQ] = useSettledSearchText('/projects', search.q, (next) => void setFilters({ q: next }))

  const rows = projects.data?.pages.flatMap((page) => page.items) ?? []
  const hasFilters = Object.keys(search).length > 0

  return (
    <div>
      <PageHeader
        title={t('list.title')}
        description={<p>{t('list.description')}</p>}
        actions={
          canCreateProjects(me) ? (
            <Link to="/projects/new" className={buttonClass('primary')}>
              {t('list.newProject')}
            </Link>
          ) : null
        }
      />

      <section className="filters" aria-labelledby="project-filters-title">
        <h2 id="project-filters-title" className="visually-hidden">
          {t('list.filtersTitle')}
        </h2>
        <search>
          <form className="filters__form" onSubmit={(event) => event.preventDefault()}>
            <Field
              id="project-search"
              type="search"
              label={t('list.search')}
              hint={t('list.searchHint')}
              value={q}
              onChange={(event) => setQ(event.target.value)}
              className="filters__search"
            />
            <Select
              id="project-programme"
              label={t('list.programme')}
              emptyOption={t('list.allProgrammes')}
              options={programmes.data ?? []}
              value={search.programmeId ?? ''}
              onChange={(event) => void setFilters({ programmeId: event.target.value || undefined })}
            />
            <Select
              id="project-status"
              label={t('list.status')}
              emptyOption={t('list.allStatuses')}
              options={lifecycleStatuses.map((status) => ({ value: status, label: tc(`status.${status}`) }))}
              value={search.status ?? ''}
              onChange={(event) => {
                const status = lifecycleStatuses.find((value) => value === event.target.value)
                void setFilters({ status })
              }}
            />
            <Select
              id="project-year"
              label={t('list.year')}
              emptyOption={t('list.allYears')}
              options={yearOptions()}
              value={search.year ? String(search.year) : ''}
              onChange={(event) =>
                void setFilters({ year: event.target.value ? Number(event.target.value) : undefined })
              }
              width="short"
            />
            <div className="filters__end">
              <Checkbox
                id="project-top-level"
                label={t('list.topLevel')}
                checked={search.topLevel === true}
                onChange={(event) => void setFilters({ topLevel: event.target.checked || undefined })}
              />
              {hasFilters ? (
                <Button
                  variant="quiet"
                  size="small"
                  onClick={() => {
                    setQ('')
                    void navigate({ search: {}, replace: true })
                  }}
                >
                  {tc('actions.clearFilters')}
                </Button>
              ) : null}
            </div>
          </form>
        </search>
      </section>

      <section aria-labelledby="project-results-title" className="results">
        <h2 id="project-results-title" className="visually-hidden">
          {t('list.tableCaption')}
        </h2>
        {projects.isError ? <ProblemAlert error={projects.error} /> : null}
        {projects.isPending ? (
          <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title={t('list.empty')}>
            <p>{t('list.emptyHint')}</p>
          </EmptyState>
        ) : (
          <div
            className={projects.isPlaceholderData ? 'results__table results__table--stale' : 'results__table'}
            aria-busy={projects.isPlaceholderData || undefined}
          >
            <ProjectTable projects={rows} caption={t('list.tableCaption')} />
            <LoadMore
              shown={rows.length}
              summary={
                search.q
                  ? projects.isPlaceholderData
                    ? t('list.searching')
                    : t('list.showingFor', { count: rows.length, q: search.q })
                  : undefined
              }
              hasMore={projects.hasNextPage}
              loading={projects.isFetchingNextPage}
              onLoadMore={() => void projects.fetchNextPage()}
            />
          </div>
        )}
      </section>
    </div>
  )
}
