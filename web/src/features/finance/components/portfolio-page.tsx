import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import type { TFunction } from 'i18next'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'
import { formatAmount } from '../../../lib/format'
import { type PortfolioFinance, portfolioExportUrl, usePortfolio } from '../api/portfolio'
import './finance.css'
import { DownloadLink } from '../../../components/download-link'

const FunderChart = lazy(() => import('./funder-chart'))

const money = (ore: number) => <span className="money">{formatAmount(ore)}</span>

interface Amounts {
  grantedOre: number
  budgetedOre: number
  spentOre: number
  forecastOre: number
  unspentOre: number
}

function amountColumns<Row extends Amounts>(t: TFunction<'finance'>): Column<Row>[] {
  return [
    {
      key: 'granted',
      header: t('portfolio.granted'),
      className: 'numeric',
      cell: (r) => money(r.grantedOre),
    },
    {
      key: 'budgeted',
      header: t('portfolio.budgeted'),
      className: 'numeric',
      cell: (r) => money(r.budgetedOre),
    },
    { key: 'spent', header: t('portfolio.spent'), className: 'numeric', cell: (r) => money(r.spentOre) },
    {
      key: 'forecast',
      header: t('portfolio.forecast'),
      className: 'numeric',
      cell: (r) => money(r.forecastOre),
    },
    {
      key: 'unspent',
      header: t('portfolio.unspent'),
      className: 'numeric',
      cell: (r) => money(r.unspentOre),
    },
  ]
}

export function PortfolioPage() {
  const { t } = useTranslation('finance')
  const search = useSearch({ from: '/authenticated/finance/portfolio' })
  const navigate = useNavigate({ from: '/finance/portfolio' })
  const user = useCurrentUser()
  const portfolio = usePortfolio(search)
  const data = portfolio.data
  const programmes = data?.programmes
    .filter((p) => p.programme)
    .map((p) => ({ value: p.programme?.id ?? '', label: p.programme?.name ?? '' }))
  const years = data?.years.map((y) => ({ value: String(y.year), label: String(y.year) })) ?? []

  type ProjectRow = PortfolioFinance['projects'][number]
  const projectColumns: Column<ProjectRow>[] = [
    {
      key: 'project',
      header: t('portfolio.project'),
      rowHeader: true,
      cell: (r) => (
        <Link to="/projects/$projectId/finance" params={{ projectId: r.project.id }}>
          {r.project.name}
        </Link>
      ),
    },
    {
      key: 'programme',
      header: t('portfolio.programme'),
      cell: (r) => r.programme?.name ?? t('portfolio.noProgramme'),
    },
    ...amountColumns<ProjectRow>(t),
    { key: 'inKind', header: t('portfolio.inKind'), className: 'numeric', cell: (r) => money(r.inKindOre) },
  ]
  type ProgrammeRow = PortfolioFinance['programmes'][number]
  const programmeColumns: Column<ProgrammeRow>[] = [
    {
      key: 'programme',
      header: t('portfolio.programme'),
      rowHeader: true,
      cell: (r) => r.programme?.name ?? t('portfolio.noProgramme'),
    },
    ...amountColumns<ProgrammeRow>(t),
  ]

  return (
    <div className="finance">
      <PageHeader
        title={t('portfolio.title')}
        description={<p>{t('portfolio.intro')}</p>}
        actions={
          <>
            <DownloadLink className={buttonClass('secondary')} href={portfolioExportUrl(search)}>
              {t('portfolio.export')}
            </DownloadLink>
            {hasOrganisationRole(user, ['finance', 'administrator']) ? (
              <>
                <Link to="/finance/imports" className={buttonClass('secondary')}>
                  {t('portfolio.importLink')}
                </Link>
                <Link to="/finance/settings" className={buttonClass('secondary')}>
                  {t('settings.link')}
                </Link>
              </>
            ) : null}
          </>
        }
      />
      <div className="inline-form__row">
        <Select
          id="portfolio-programme"
          label={t('portfolio.programme')}
          width="medium"
          emptyOption={t('portfolio.allProgrammes')}
          value={search.programmeId ?? ''}
          options={programmes ?? []}
          onChange={(e) => void navigate({ search: { ...search, programmeId: e.target.value || undefined } })}
        />
        <Select
          id="portfolio-year"
          label={t('portfolio.year')}
          width="short"
          emptyOption={t('portfolio.allYears')}
          value={search.year ? String(search.year) : ''}
          options={years}
          onChange={(e) =>
            void navigate({
              search: { ...search, year: e.target.value ? Number(e.target.value) : undefined },
            })
          }
        />
      </div>
      {portfolio.isError ? <ProblemAlert error={portfolio.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <>
          <section className="panel" aria-labelledby="portfolio-projects-title">
            <h2 id="portfolio-projects-title">{t('portfolio.projectsCaption')}</h2>
            <DataTable
              caption={t('portfolio.projectsCaption')}
              columns={projectColumns}
              rows={[
                ...data.projects.filter((p) => p.budgetedOre || p.spentOre || p.grantedOre || p.inKindOre),
              ]}
              rowKey={(r) => r.project.id}
            />
            <p className="summary__result">
              {t('portfolio.total')}: {t('portfolio.granted')} {formatAmount(data.totals.grantedOre)} ·{' '}
              {t('portfolio.budgeted')} {formatAmount(data.totals.budgetedOre)} · {t('portfolio.spent')}{' '}
              {formatAmount(data.totals.spentOre)} · {t('portfolio.unspent')}{' '}
              {formatAmount(data.totals.unspentOre)}
            </p>
          </section>
          <section className="panel" aria-labelledby="portfolio-programmes-title">
            <h2 id="portfolio-programmes-title">{t('portfolio.programmesCaption')}</h2>
            <DataTable
              caption={t('portfolio.programmesCaption')}
              columns={programmeColumns}
              rows={data.programmes}
              rowKey={(r) => r.programme?.id ?? 'none'}
            />
          </section>
          <section className="panel" aria-labelledby="portfolio-funders-title">
            <h2 id="portfolio-funders-title">{t('portfolio.chartTitle')}</h2>
            <Suspense fallback={<Loading />}>
              <FunderChart
                funders={data.funders}
                labels={{
                  granted: t('portfolio.granted'),
                  spent: t('portfolio.spent'),
                  description: t('portfolio.chartDescription'),
                }}
              />
            </Suspense>
            <DataTable
              caption={t('portfolio.fundersCaption')}
              rows={data.funders}
              rowKey={(r) => r.funderName}
              columns={[
                { key: 'funder', header: t('portfolio.funder'), rowHeader: true, cell: (r) => r.funderName },
                {
                  key: 'granted',
                  header: t('portfolio.granted'),
                  className: 'numeric',
                  cell: (r) => money(r.grantedOre),
                },
                {
                  key: 'spent',
                  header: t('portfolio.spent'),
                  className: 'numeric',
                  cell: (r) => money(r.spentOre),
                },
              ]}
            />
          </section>
          <section className="panel" aria-labelledby="portfolio-years-title">
            <h2 id="portfolio-years-title">{t('portfolio.yearsCaption')}</h2>
            <DataTable
              caption={t('portfolio.yearsCaption')}
              rows={data.years}
              rowKey={(r) => String(r.year)}
              columns={[
                { key: 'year', header: t('portfolio.year'), rowHeader: true, cell: (r) => r.year },
                {
                  key: 'granted',
                  header: t('portfolio.granted'),
                  className: 'numeric',
                  cell: (r) => money(r.grantedOre),
                },
                {
                  key: 'budgeted',
                  header: t('portfolio.budgeted'),
                  className: 'numeric',
                  cell: (r) => money(r.budgetedOre),
                },
                {
                  key: 'spent',
                  header: t('portfolio.spent'),
                  className: 'numeric',
                  cell: (r) => money(r.spentOre),
                },
                {
                  key: 'forecast',
                  header: t('portfolio.forecast'),
                  className: 'numeric',
                  cell: (r) => money(r.forecastOre),
                },
                {
                  key: 'unspent',
                  header: t('portfolio.unspent'),
                  className: 'numeric',
                  cell: (r) => money(r.unspentOre),
                },
              ]}
            />
          </section>
        </>
      )}
    </div>
  )
}
