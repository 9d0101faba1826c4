import { funderKinds, fundingStatuses } from '@lagesbild/shared/domain/finance'
import { formatBasisPoints, parseAmount } from '@lagesbild/shared/domain/money'
import type { Language } from '@lagesbild/shared/http/language'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, lazy, Suspense, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { FactList } from '../../../components/fact-list'
import { Field } from '../../../components/field'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { formatAmount, formatDate } from '../../../lib/format'
import {
  type BudgetLineInput,
  type BudgetVersion,
  type BurnReport,
  type ProjectFinance,
  projectExportUrl,
  useActuals,
  useBudgetSummary,
  useBudgetVersion,
  useBudgetVersionAction,
  useBurn,
  useCreateActual,
  useCreateBudgetVersion,
  useCreateCode,
  useCreateFunding,
  useCreateInKind,
  useProjectFinance,
  useUpdateBudgetVersion,
} from '../api/project-finance'
import './finance.css'
import { DownloadLink } from '../../../components/download-link'
import { RequestDecisionLink } from '../../governance/components/request-decision-link'
import { type BreakdownTable, type BurnView, breakdownTable, burnViews, totalRow } from '../burn-view'

const BurnChart = lazy(() => import('./burn-chart'))
const BreakdownChart = lazy(() => import('./breakdown-chart'))

type Categories = ProjectFinance['categories']

function useCategoryName(categories: Categories) {
  const { i18n } = useTranslation()
  const language = (i18n.language === 'en' ? 'en' : 'sv') as Language
  return (code: string) => {
    const found = categories.find((c) => c.code === code)
    return found ? (language === 'en' ? found.nameEn : found.nameSv) : code
  }
}

const money = (ore: number) => <span className="money">{formatAmount(ore)}</span>

export function FinanceTab() {
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/finance' })
  const { data: finance } = useProjectFinance(projectId)
  return (
    <div className="finance">
      <BurnStatusPanel finance={finance} />
      <FundingSection finance={finance} />
      <BudgetSection finance={finance} projectId={projectId} />
      <BurnSection finance={finance} projectId={projectId} />
      <SummarySection projectId={projectId} />
      <InKindSection finance={finance} />
      <ActualsSection finance={finance} projectId={projectId} />
      <CodesSection finance={finance} projectId={projectId} />
    </div>
  )
}

function BurnStatusPanel({ finance }: { finance: ProjectFinance }) {
  const { t } = useTranslation('finance')
  const burn = finance.burn
  const warning = burn.state === 'underspend' || burn.state === 'overspend'
  const facts = [
    { key: 'budget', term: t('facts.budget'), value: money(burn.budgetTotalOre) },
    { key: 'funding', term: t('facts.funding'), value: money(finance.fundingTotalOre) },
    { key: 'spent', term: t('facts.spent'), value: money(finance.spentTotalOre) },
    { key: 'forecast', term: t('facts.forecast'), value: money(burn.forecastOre) },
    burn.expectedUnspentOre >= 0
      ? { key: 'unspent', term: t('facts.unspent'), value: money(burn.expectedUnspentOre) }
      : { key: 'overrun', term: t('facts.overrun'), value: money(-burn.expectedUnspentOre) },
    { key: 'inKind', term: t('facts.inKind'), value: money(finance.inKindTotalOre) },
  ]
  return (
    <section className="panel" aria-labelledby="finance-status-title">
      <h2 id="finance-status-title">{t('status.title')}</h2>
      <div
        className={`alert ${warning ? 'alert--warning' : 'alert--info'}`}
        role={warning ? 'status' : undefined}
      >
        <p className="alert__title">
          {t(`status.${burn.state}`, {
            deviation: burn.deviationBp === null ? '–' : formatBasisPoints(burn.deviationBp),
            threshold: formatBasisPoints(burn.thresholdBp),
          })}{' '}
          <span className="muted">{t('status.asOf', { date: burn.asOf })}</span>
        </p>
      </div>
      <FactList facts={facts} />
    </section>
  )
}

function FundingSection({ finance }: { finance: ProjectFinance }) {
  const { t } = useTranslation('finance')
  const years = [...new Set(finance.funding.map((f) => f.year))].sort()
  const gap = finance.fundingTotalOre - (finance.currentBudget?.totalOre ?? finance.fundingTotalOre)
  type Row = ProjectFinance['funders'][number]
  const columns: Column<Row>[] = [
    {
      key: 'funder',
      header: t('funding.funder'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.funderName} <span className="muted small">({t(`funding.kind.${r.funderKind}`)})</span>
        </>
      ),
    },
    ...years.map((year) => ({
      key: String(year),
      header: String(year),
      className: 'numeric',
      cell: (r: Row) => {
        const cell = r.byYear.find((y) => y.year === year)
        return cell ? (
          <>
            {money(cell.amountOre)}
            <br />
            <span className="muted small">{formatBasisPoints(cell.shareBp)}</span>
          </>
        ) : (
          '–'
        )
      },
    })),
    { key: 'total', header: t('funding.total'), className: 'numeric', cell: (r) => money(r.totalOre) },
    {
      key: 'share',
      header: t('funding.share'),
      className: 'numeric',
      cell: (r) => formatBasisPoints(r.shareBp),
    },
  ]
  return (
    <section className="panel" aria-labelledby="funding-title">
      <h2 id="funding-title">{t('funding.title')}</h2>
      {finance.permissions.edit ? <FundingForm finance={finance} /> : null}
      {finance.funders.length === 0 ? (
        <EmptyState title={t('funding.empty')} />
      ) : (
        <>
          <DataTable
            caption={t('funding.caption')}
            columns={columns}
            rows={finance.funders}
            rowKey={(r) => r.funderName}
          />
          {gap !== 0 && finance.currentBudget ? (
            <p className="muted">
              {gap > 0
                ? t('funding.gap', { amount: formatAmount(gap) })
                : t('funding.gapNegative', { amount: formatAmount(-gap) })}
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

/** Lines of a version as a category × year grid with totals. */
function BudgetGrid({
  version,
  categories,
  caption,
}: {
  version: BudgetVersion
  categories: Categories
  caption: string
}) {
  const { t } = useTranslation('finance')
  const name = useCategoryName(categories)
  const years = [...new Set(version.lines.map((l) => l.year))].sort()
  const codes = [...new Set(version.lines.map((l) => l.category))]
  const order = (code: string) => categories.findIndex((c) => c.code === code)
  codes.sort((a, b) => order(a) - order(b))
  const sum = (pick: (l: BudgetVersion['lines'][number]) => boolean) =>
    version.lines.filter(pick).reduce((total, l) => total + l.amountOre, 0)
  const rows = [...codes.map((code) => ({ code, label: name(code) })), { code: '', label: t('budget.total') }]
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'category', header: t('budget.category'), rowHeader: true, cell: (r) => r.label },
    ...years.map((year) => ({
      key: String(year),
      header: String(year),
      className: 'numeric',
      cell: (r: (typeof rows)[number]) =>
        money(sum((l) => l.year === year && (r.code === '' || l.category === r.code))),
    })),
    {
      key: 'total',
      header: t('budget.total'),
      className: 'numeric',
      cell: (r) => money(sum((l) => r.code === '' || l.category === r.code)),
    },
  ]
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.code || 'total'} />
}

function BudgetSection({ finance, projectId }: { finance: ProjectFinance; projectId: string }) {
  const { t } = useTranslation('finance')
  const current = finance.currentBudget
  const compareWithOriginal = finance.originalBudgetId !== null && finance.originalBudgetId !== current?.id
  const original = useBudgetVersion(projectId, compareWithOriginal ? finance.originalBudgetId : null)
  const [editing, setEditing] = useState<string | null>(null)
  const action = useBudgetVersionAction(projectId)
  const create = useCreateBudgetVersion(projectId)

  type Version = ProjectFinance['versions'][number]
  const columns: Column<Version>[] = [
    { key: 'number', header: t('budget.number'), rowHeader: true, cell: (v) => `#${v.number}` },
    {
      key: 'status',
      header: t('budget.statusLabel'),
      cell: (v) =>
        [
          t(`budget.versionStatus.${v.status}`),
          v.current ? t('budget.current') : null,
          v.original ? t('budget.original') : null,
          v.superseded ? t('budget.superseded') : null,
        ]
          .filter(Boolean)
          .join(', '),
    },
    { key: 'total', header: t('budget.total'), className: 'numeric', cell: (v) => money(v.totalOre) },
    { key: 'note', header: t('budget.note'), cell: (v) => v.note },
    {
      key: 'decided',
      header: t('budget.decided'),
      cell: (v) => (v.decidedAt ? `${v.decidedAt.slice(0, 10)} ${v.decidedBy?.name ?? ''}` : '–'),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('budget.statusLabel')}</span>,
      cell: (v) =>
        v.id === editing ? null : (
          <div className="button-row">
            {v.status === 'draft' && finance.permissions.propose ? (
              <>
                <Button size="small" onClick={() => setEditing(v.id)}>
                  {t('budget.editDraft')}
                </Button>
                <Button size="small" onClick={() => action.mutate({ action: 'propose', version: v })}>
                  {t('budget.propose')}
                </Button>
              </>
            ) : null}
            {v.status === 'proposed' ? (
              <RequestDecisionLink projectId={projectId} kind="budget_change" subjectId={v.id} />
            ) : null}
            {v.status === 'proposed' && finance.permissions.approve ? (
              <>
                <Button
                  size="small"
                  variant="primary"
                  onClick={() => action.mutate({ action: 'approve', version: v })}
                >
                  {t('budget.approve')}
                </Button>
                <Button size="small" onClick={() => action.mutate({ action: 'reject', version: v })}>
                  {t('budget.reject')}
                </Button>
              </>
            ) : null}
            {(v.status === 'draft' || v.status === 'proposed') && finance.permissions.propose ? (
              <Button
                size="small"
                variant="quiet"
                onClick={() => action.mutate({ action: 'discard', version: v })}
              >
                {t('budget.discard')}
              </Button>
            ) : null}
          </div>
        ),
    },
  ]

  return (
    <section className="panel" aria-labelledby="budget-title">
      <div className="panel__header">
        <h2 id="budget-title">{t('budget.title')}</h2>
        {finance.permissions.propose ? (
          <Button
            onClick={() => create.mutate(undefined, { onSuccess: (created) => setEditing(created.id) })}
            busy={create.isPending}
          >
            {t('budget.newDraft')}
          </Button>
        ) : null}
      </div>
      <ProblemAlert error={create.error ?? action.error} />
      {current ? (
        <BudgetGrid version={current} categories={finance.categories} caption={t('budget.caption')} />
      ) : (
        <EmptyState title={t('budget.none')} />
      )}
      {editing ? (
        <BudgetEditor
          projectId={projectId}
          budgetVersionId={editing}
          finance={finance}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {compareWithOriginal && original.data && current ? (
        <BudgetComparison original={original.data} current={current} categories={finance.categories} />
      ) : current ? (
        <p className="muted">{t('budget.noChanges')}</p>
      ) : null}
      {finance.versions.length > 0 ? (
        <>
          <h3>{t('budget.versions')}</h3>
          <DataTable
            caption={t('budget.versionsCaption')}
            columns={columns}
            rows={finance.versions}
            rowKey={(v) => v.id}
          />
          {finance.permissions.approve ? <p className="muted small">{t('budget.approveNote')}</p> : null}
        </>
      ) : null}
    </section>
  )
}

function BudgetComparison({
  original,
  current,
  categories,
}: {
  original: BudgetVersion
  current: BudgetVersion
  categories: Categories
}) {
  const { t } = useTranslation('finance')
  const name = useCategoryName(categories)
  const keys = new Map<string, { year: number; category: string }>()
  for (const l of [...original.lines, ...current.lines])
    keys.set(`${l.year}|${l.category}`, { year: l.year, category: l.category })
  const amount = (v: BudgetVersion, k: { year: number; category: string }) =>
    v.lines.filter((l) => l.year === k.year && l.category === k.category).reduce((a, l) => a + l.amountOre, 0)
  const rows = [...keys.values()]
    .map((k) => ({ ...k, before: amount(original, k), after: amount(current, k) }))
    .filter((r) => r.before !== r.after)
    .sort((a, b) => a.year - b.year || a.category.localeCompare(b.category))
  if (rows.length === 0) return <p className="muted">{t('budget.noChanges')}</p>
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'year', header: t('budget.year'), cell: (r) => r.year },
    { key: 'category', header: t('budget.category'), rowHeader: true, cell: (r) => name(r.category) },
    {
      key: 'before',
      header: t('budget.compareOriginal'),
      className: 'numeric',
      cell: (r) => money(r.before),
    },
    { key: 'after', header: t('budget.compareCurrent'), className: 'numeric', cell: (r) => money(r.after) },
    {
      key: 'diff',
      header: t('budget.difference'),
      className: 'numeric',
      cell: (r) => money(r.after - r.before),
    },
  ]
  return (
    <>
      <h3>{t('budget.compareCaption')}</h3>
      <DataTable
        caption={t('budget.compareCaption')}
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.year}|${r.category}`}
      />
    </>
  )
}

const toKronorText = (ore: number) =>
  ore === 0 ? '' : (ore / 100).toFixed(2).replace('.', ',').replace(/,00$/, '')

function BudgetEditor({
  projectId,
  budgetVersionId,
  finance,
  onDone,
}: {
  projectId: string
  budgetVersionId: string
  finance: ProjectFinance
  onDone: () => void
}) {
  const { t } = useTranslation('finance')
  const { t: tc } = useTranslation('common')
  const name = useCategoryName(finance.categories)
  const version = useBudgetVersion(projectId, budgetVersionId)
  const update = useUpdateBudgetVersion(projectId)
  const [values, setValues] = useState<Record<string, string>>({})
  const [invalid, setInvalid] = useState<string[]>([])
  const idPrefix = useId()
  const firstYear = Number(finance.period.start.slice(0, 4))
  const lastYear = Number(finance.period.end.slice(0, 4))
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i)
  const categories = finance.categories.filter((c) => c.active)

  if (!version.data) return <Loading />
  const loaded = version.data
  const key = (year: number, category: string) => `${year}|${category}`
  const cellText = (year: number, category: string) => {
    const typed = values[key(year, category)]
    if (typed !== undefined) return typed
    const line = loaded.lines.find((l) => l.year === year && l.category === category && !l.subProject)
    return line ? toKronorText(line.amountOre) : ''
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const bad: string[] = []
    const lines: BudgetLineInput[] = loaded.lines
      .filter((l) => l.subProject)
      .map((l) => ({
        year: l.year,
        category: l.category,
        subProjectId: l.subProject?.id ?? null,
        amountOre: l.amountOre,
        comment: l.comment,
      }))
    for (const year of years) {
      for (const category of categories) {
        const text = cellText(year, category.code).trim()
        if (text === '') continue
        const ore = parseAmount(text)
        if (ore === null || ore < 0) {
          bad.push(key(year, category.code))
          continue
        }
        lines.push({ year, category: category.code, amountOre: ore })
      }
    }
    setInvalid(bad)
    if (bad.length > 0) return
    update.mutate({ id: loaded.id, version: loaded.version, lines }, { onSuccess: onDone })
  }

  return (
    <form className="form budget-editor" onSubmit={submit} noValidate>
      <fieldset className="form-section">
        <legend>{t('budget.editorTitle', { number: loaded.number })}</legend>
        <p className="form-section__note">{t('budget.editorHint')}</p>
        <p className="small">{t('budget.projectLevel')}</p>
        <ProblemAlert error={update.error} />
        <div className="table-scroll">
          <table className="data-table budget-editor__grid">
            <caption className="visually-hidden">{t('budget.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budget.category')}</th>
                {years.map((y) => (
                  <th scope="col" key={y} className="numeric">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{name(c.code)}</th>
                  {years.map((y) => {
                    const id = `${idPrefix}-${c.code}-${y}`
                    const wrong = invalid.includes(key(y, c.code))
                    return (
                      <td key={y}>
                        <label className="visually-hidden" htmlFor={id}>
                          {t('budget.amountLabel', { category: name(c.code), year: y })}
                        </label>
                        <input
                          id={id}
                          className="input input--amount"
                          inputMode="decimal"
                          value={cellText(y, c.code)}
                          aria-invalid={wrong || undefined}
                          onChange={(e) => setValues((v) => ({ ...v, [key(y, c.code)]: e.target.value }))}
                        />
                        {wrong ? (
                          <span className="field__error small">{t('actuals.amountInvalid')}</span>
                        ) : null}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {loaded.lines.some((l) => l.subProject) ? (
          <>
            <p className="form-section__note">{t('budget.subProjectLines')}</p>
            <ul className="small">
              {loaded.lines
                .filter((l) => l.subProject)
                .map((l) => (
                  <li key={l.id}>
                    {l.subProject?.name} · {name(l.category)} {l.year}: {formatAmount(l.amountOre)}
                  </li>
                ))}
            </ul>
          </>
        ) : null}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={update.isPending}>
            {tc('actions.save')}
          </Button>
          <Button onClick={onDone}>{tc('actions.cancel')}</Button>
        </div>
      </fieldset>
    </form>
  )
}

function BurnSection({ finance, projectId }: { finance: ProjectFinance; projectId: string }) {
  const { t } = useTranslation('finance')
  const name = useCategoryName(finance.categories)
  const [compare, setCompare] = useState<'current' | 'original'>('current')
  const [asOf, setAsOf] = useState('')
  const [showTable, setShowTable] = useState(false)
  const [view, setView] = useState<BurnView>('total')
  const viewName = useId()
  const burn = useBurn(projectId, { compare, ...(asOf ? { asOf } : {}) })
  const report = burn.data
  const asOfMonth = (report?.status.asOf ?? '').slice(0, 7)
  const points = useMemo(
    () =>
      (report?.points ?? []).map((p) => ({
        month: p.month,
        plan: p.cumulativePlanOre,
        actual: p.month <= asOfMonth ? p.cumulativeActualOre : null,
        forecast: p.cumulativeForecastOre,
      })),
    [report, asOfMonth],
  )
  const labels = {
    plan: t('burn.plan'),
    actual: t('burn.actual'),
    forecast: t('burn.forecast'),
    description: t('burn.chartDescription'),
  }
  const categoryOrder = (code: string) => finance.categories.findIndex((c) => c.code === code)
  const funderName = (key: string) => key || t('burn.unallocated')
  const breakdown =
    report && view !== 'total'
      ? breakdownTable(
          report,
          view,
          view === 'funder' ? funderName : name,
          view === 'category' ? categoryOrder : undefined,
        )
      : null

  return (
    <section className="panel" aria-labelledby="burn-title">
      <h2 id="burn-title">{t('burn.title')}</h2>
      <div className="inline-form__row">
        <Select
          id="burn-compare"
          label={t('burn.compareWith')}
          width="medium"
          value={compare}
          onChange={(e) => setCompare(e.target.value === 'original' ? 'original' : 'current')}
          options={[
            { value: 'current', label: t('burn.compareCurrent') },
            { value: 'original', label: t('burn.compareOriginal') },
          ]}
        />
        <Field
          id="burn-as-of"
          type="date"
          label={t('burn.asOf')}
          width="medium"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
        />
      </div>
      {burn.isError ? <ProblemAlert error={burn.error} /> : null}
      {!report ? (
        <Loading />
      ) : (
        <>
          <fieldset className="burn-view">
            <legend>{t('burn.view.legend')}</legend>
            {burnViews.map((v) => (
              <label key={v} className="burn-view__option">
                <input
                  type="radio"
                  name={viewName}
                  value={v}
                  checked={view === v}
                  onChange={() => setView(v)}
                />
                {t(`burn.view.${v}`)}
              </label>
            ))}
          </fieldset>
          {breakdown === null ? (
            <>
              <h3>{t('burn.chartTitle')}</h3>
              <Suspense fallback={<Loading label={t('burn.chartLoading')} />}>
                <BurnChart points={points} labels={labels} />
              </Suspense>
              <Button size="small" aria-expanded={showTable} onClick={() => setShowTable((s) => !s)}>
                {showTable ? t('burn.hideTable') : t('burn.showTable')}
              </Button>
              {showTable ? (
                <DataTable
                  caption={t('burn.tableCaption')}
                  captionHidden={false}
                  rows={points}
                  rowKey={(p) => p.month}
                  columns={[
                    { key: 'month', header: t('burn.month'), rowHeader: true, cell: (p) => p.month },
                    { key: 'plan', header: labels.plan, className: 'numeric', cell: (p) => money(p.plan) },
                    {
                      key: 'actual',
                      header: labels.actual,
                      className: 'numeric',
                      cell: (p) => (p.actual === null ? '–' : money(p.actual)),
                    },
                    {
                      key: 'forecast',
                      header: labels.forecast,
                      className: 'numeric',
                      cell: (p) => (p.forecast === null ? '–' : money(p.forecast)),
                    },
                  ]}
                />
              ) : null}
            </>
          ) : (
            <BreakdownView table={breakdown} view={view === 'funder' ? 'funder' : 'category'} />
          )}
          <h3>{t('burn.byCategory')}</h3>
          <DataTable
            caption={t('burn.byCategoryCaption')}
            rows={[...report.byCategory].sort(
              (a, b) => categoryOrder(a.category) - categoryOrder(b.category),
            )}
            rowKey={(r) => r.category}
            columns={[
              {
                key: 'category',
                header: t('budget.category'),
                rowHeader: true,
                cell: (r) => name(r.category),
              },
              {
                key: 'budget',
                header: t('burn.budget'),
                className: 'numeric',
                cell: (r) => money(r.budgetOre),
              },
              {
                key: 'planned',
                header: t('burn.plannedToDate'),
                className: 'numeric',
                cell: (r) => money(r.plannedToDateOre),
              },
              {
                key: 'actual',
                header: t('burn.spent'),
                className: 'numeric',
                cell: (r) => money(r.actualOre),
              },
            ]}
          />
          <FunderTable rows={report.byFunder} />
          <h3>{t('forecast.title')}</h3>
          <p>
            {t('forecast.runRate', { amount: formatAmount(report.forecast.runRateOre) })}
            <br />
            {t('forecast.manual', { amount: formatAmount(report.forecast.manualOre) })}
          </p>
          <DataTable
            caption={t('forecast.caption')}
            rows={report.forecast.cells}
            rowKey={(c) => `${c.year}|${c.category}`}
            columns={[
              { key: 'year', header: t('budget.year'), cell: (c) => c.year },
              {
                key: 'category',
                header: t('budget.category'),
                rowHeader: true,
                cell: (c) => name(c.category),
              },
              {
                key: 'budget',
                header: t('burn.budget'),
                className: 'numeric',
                cell: (c) => money(c.budgetOre),
              },
              {
                key: 'actual',
                header: t('burn.spent'),
                className: 'numeric',
                cell: (c) => money(c.actualOre),
              },
              {
                key: 'forecast',
                header: t('burn.forecast'),
                className: 'numeric',
                cell: (c) => money(c.amountOre),
              },
              {
                key: 'source',
                header: t('forecast.sourceLabel'),
                cell: (c) => t(`forecast.source.${c.source}`),
              },
            ]}
          />
        </>
      )}
    </section>
  )
}

/** The burn per funder or category: the chart, and the same figures as a table. */
function BreakdownView({ table, view }: { table: BreakdownTable; view: 'funder' | 'category' }) {
  const { t } = useTranslation('finance')
  const [showTable, setShowTable] = useState(false)
  const title = t(view === 'funder' ? 'burn.breakdown.titleFunder' : 'burn.breakdown.titleCategory')
  const labels = {
    plan: (name: string) => t('burn.breakdown.plan', { name }),
    actual: (name: string) => t('burn.breakdown.actual', { name }),
    description: t(
      view === 'funder' ? 'burn.breakdown.descriptionFunder' : 'burn.breakdown.descriptionCategory',
    ),
  }
  type Row = BreakdownTable['rows'][number]
  const columns: Column<Row>[] = [
    { key: 'month', header: t('burn.month'), rowHeader: true, cell: (r) => r.month },
    ...table.series.flatMap((series, i): Column<Row>[] => [
      {
        key: `plan-${series.key}`,
        header: labels.plan(series.label),
        className: 'numeric',
        cell: (r) => money(r.plan[i] ?? 0),
      },
      {
        key: `actual-${series.key}`,
        header: labels.actual(series.label),
        className: 'numeric',
        cell: (r) => {
          const value = r.actual[i]
          return value === null || value === undefined ? '–' : money(value)
        },
      },
    ]),
  ]
  return (
    <>
      <h3>{title}</h3>
      {table.series.length === 0 ? (
        <p>{t('burn.breakdown.empty')}</p>
      ) : (
        <>
          <Suspense fallback={<Loading label={t('burn.chartLoading')} />}>
            <BreakdownChart table={table} labels={labels} />
          </Suspense>
          <Button size="small" aria-expanded={showTable} onClick={() => setShowTable((s) => !s)}>
            {showTable ? t('burn.hideTable') : t('burn.showTable')}
          </Button>
          {showTable ? (
            <DataTable
              caption={title}
              captionHidden={false}
              rows={table.rows}
              rowKey={(r) => r.month}
              columns={columns}
            />
          ) : null}
        </>
      )}
    </>
  )
}

const funderSums = [
  'budgetOre',
  'actualOre',
  'forecastOre',
  'expectedUnspentOre',
  'forecastManualOre',
  'expectedUnspentManualOre',
] as const

/** Funding, actual and both forecasts per funder, with what each is expected to leave unspent, and their sum. */
function FunderTable({ rows }: { rows: BurnReport['byFunder'] }) {
  const { t } = useTranslation('finance')
  type Row = Pick<BurnReport['byFunder'][number], (typeof funderSums)[number]> & { key: string; name: string }
  const all: Row[] = [
    ...rows.map((r) => ({
      ...r,
      key: `funder:${r.funderName}`,
      name: r.funderName || t('burn.unallocated'),
    })),
    ...(rows.length > 1 ? [{ ...totalRow(rows, funderSums), key: 'total', name: t('budget.total') }] : []),
  ]
  const amount = (key: (typeof funderSums)[number], header: string): Column<Row> => ({
    key,
    header,
    className: 'numeric',
    cell: (r) => money(r[key]),
  })
  return (
    <>
      <h3>{t('burn.byFunder')}</h3>
      <DataTable
        caption={t('burn.byFunderCaption')}
        rows={all}
        rowKey={(r) => r.key}
        columns={[
          { key: 'funder', header: t('funding.funder'), rowHeader: true, cell: (r) => r.name },
          amount('budgetOre', t('facts.funding')),
          amount('actualOre', t('burn.spent')),
          amount('forecastOre', t('burn.funder.forecastRunRate')),
          amount('expectedUnspentOre', t('burn.funder.unspentRunRate')),
          amount('forecastManualOre', t('burn.funder.forecastManual')),
          amount('expectedUnspentManualOre', t('burn.funder.unspentManual')),
        ]}
      />
      <p className="form-section__note">{t('burn.funder.note')}</p>
    </>
  )
}

function SummarySection({ projectId }: { projectId: string }) {
  const { t } = useTranslation('finance')
  const summary = useBudgetSummary(projectId)
  type Row = NonNullable<typeof summary.data>['byCategory'][number]
  const columns: Column<Row>[] = [
    { key: 'label', header: t('summary.row'), rowHeader: true, cell: (r) => r.label },
    {
      key: 'original',
      header: t('summary.original'),
      className: 'numeric',
      cell: (r) => money(r.originalOre),
    },
    { key: 'budget', header: t('summary.budget'), className: 'numeric', cell: (r) => money(r.budgetOre) },
    { key: 'actual', header: t('summary.actual'), className: 'numeric', cell: (r) => money(r.actualOre) },
    {
      key: 'difference',
      header: t('summary.difference'),
      className: 'numeric',
      cell: (r) => money(r.differenceOre),
    },
  ]
  return (
    <section className="panel" aria-labelledby="summary-title">
      <div className="panel__header">
        <h2 id="summary-title">{t('summary.title')}</h2>
        <DownloadLink className={buttonClass('secondary', 'small')} href={projectExportUrl(projectId)}>
          {t('summary.export')}
        </DownloadLink>
      </div>
      {!summary.data ? (
        <Loading />
      ) : (
        <>
          <h3>{t('summary.byCategory')}</h3>
          <DataTable
            caption={`${t('summary.title')}: ${t('summary.byCategory')}`}
            columns={columns}
            rows={[...summary.data.byCategory, summary.data.total]}
            rowKey={(r) => r.key}
          />
          <h3>{t('summary.byFunder')}</h3>
          <DataTable
            caption={`${t('summary.title')}: ${t('summary.byFunder')}`}
            columns={columns}
            rows={summary.data.byFunder}
            rowKey={(r) => r.key}
          />
          <p className="summary__result">
            {summary.data.overrunOre > 0
              ? t('summary.overrun', { amount: formatAmount(summary.data.overrunOre) })
              : t('summary.unspent', { amount: formatAmount(summary.data.unspentOre) })}
          </p>
          <p className="muted small">{summary.data.note}</p>
        </>
      )}
    </section>
  )
}

function InKindSection({ finance }: { finance: ProjectFinance }) {
  const { t } = useTranslation('finance')
  type Row = ProjectFinance['inKind'][number]
  const columns: Column<Row>[] = [
    { key: 'year', header: t('budget.year'), cell: (r) => r.year },
    { key: 'contributor', header: t('inKind.contributor'), rowHeader: true, cell: (r) => r.contributor },
    { key: 'description', header: t('inKind.description'), cell: (r) => r.description },
    {
      key: 'quantity',
      header: t('inKind.quantity'),
      cell: (r) =>
        r.unit === 'hours'
          ? t('inKind.hours', { count: r.quantity })
          : t('inKind.share', { share: formatBasisPoints(r.quantity), months: r.months ?? 0 }),
    },
    { key: 'rate', header: t('inKind.rate'), className: 'numeric', cell: (r) => money(r.rateOre) },
    { key: 'value', header: t('inKind.value'), className: 'numeric', cell: (r) => money(r.valueOre) },
  ]
  return (
    <section className="panel" aria-labelledby="in-kind-title">
      <h2 id="in-kind-title">{t('inKind.title')}</h2>
      {finance.permissions.edit ? <InKindForm finance={finance} /> : null}
      {finance.inKind.length === 0 ? (
        <EmptyState title={t('inKind.empty')} />
      ) : (
        <DataTable
          caption={t('inKind.caption')}
          columns={columns}
          rows={finance.inKind}
          rowKey={(r) => r.id}
        />
      )}
    </section>
  )
}

function ActualsSection({ finance, projectId }: { finance: ProjectFinance; projectId: string }) {
  const { t } = useTranslation('finance')
  const name = useCategoryName(finance.categories)
  const actuals = useActuals(projectId)
  const items = actuals.data?.pages.flatMap((p) => p.items) ?? []
  type Row = (typeof items)[number]
  const columns: Column<Row>[] = [
    {
      key: 'date',
      header: t('actuals.date'),
      cell: (r) => <span className="nowrap">{formatDate(r.date)}</span>,
    },
    { key: 'amount', header: t('actuals.amount'), className: 'numeric', cell: (r) => money(r.amountOre) },
    { key: 'category', header: t('actuals.category'), cell: (r) => name(r.category) },
    { key: 'voucher', header: t('actuals.voucher'), cell: (r) => r.voucher },
    {
      key: 'description',
      header: t('actuals.description'),
      rowHeader: true,
      cell: (r) => r.description || '–',
    },
    { key: 'project', header: t('actuals.project'), cell: (r) => r.project.name },
    {
      key: 'source',
      header: t('actuals.source'),
      cell: (r) => (r.source === 'import' ? t('actuals.sourceImport') : t('actuals.sourceManual')),
    },
  ]
  return (
    <section className="panel" aria-labelledby="actuals-title">
      <div className="panel__header">
        <h2 id="actuals-title">{t('actuals.title')}</h2>
        {finance.permissions.edit ? (
          <Link to="/finance/imports" className={buttonClass('secondary', 'small')}>
            {t('actuals.importLink')}
          </Link>
        ) : null}
      </div>
      {finance.permissions.edit ? <ActualForm finance={finance} projectId={projectId} /> : null}
      {actuals.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('actuals.empty')} />
      ) : (
        <>
          <DataTable caption={t('actuals.caption')} columns={columns} rows={items} rowKey={(r) => r.id} />
          <LoadMore
            hasMore={actuals.hasNextPage}
            loading={actuals.isFetchingNextPage}
            onLoadMore={() => void actuals.fetchNextPage()}
            shown={items.length}
          />
        </>
      )}
    </section>
  )
}

function ActualForm({ finance, projectId }: { finance: ProjectFinance; projectId: string }) {
  const { t } = useTranslation('finance')
  const name = useCategoryName(finance.categories)
  const create = useCreateActual(projectId)
  const [date, setDate] = useState('')
  const [amount, setAmount] = useState('')
  const [category, setCategory] = useState(finance.categories[0]?.code ?? 'other')
  const [voucher, setVoucher] = useState('')
  const [description, setDescription] = useState('')
  const [amountError, setAmountError] = useState<string | undefined>()
  const fieldError = (field: string) => create.error?.fieldError(field)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const ore = parseAmount(amount)
    setAmountError(ore === null ? t('actuals.amountInvalid') : undefined)
    if (ore === null) return
    create.mutate(
      { date, amountOre: ore, category, voucher, description },
      {
        onSuccess: () => {
          setAmount('')
          setVoucher('')
          setDescription('')
        },
      },
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="actual-form-title">
      <h3 id="actual-form-title">{t('actuals.addTitle')}</h3>
      {create.error && !create.error.fieldErrors.length ? <ProblemAlert error={create.error} /> : null}
      <div className="inline-form__row">
        <Field
          id="actual-date"
          type="date"
          label={t('actuals.date')}
          required
          width="medium"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={fieldError('date')}
        />
        <Field
          id="actual-amount"
          label={t('actuals.amount')}
          hint={t('actuals.amountHint')}
          required
          width="medium"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountError ?? fieldError('amountOre')}
        />
        <Select
          id="actual-category"
          label={t('actuals.category')}
          width="medium"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          options={finance.categories
            .filter((c) => c.active)
            .map((c) => ({ value: c.code, label: name(c.code) }))}
          error={fieldError('category')}
        />
        <Field
          id="actual-voucher"
          label={t('actuals.voucher')}
          width="short"
          value={voucher}
          onChange={(e) => setVoucher(e.target.value)}
        />
        <Field
          id="actual-description"
          label={t('actuals.description')}
          width="medium"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="inline-form__submit">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('actuals.add')}
          </Button>
        </div>
      </div>
    </form>
  )
}

function CodesSection({ finance, projectId }: { finance: ProjectFinance; projectId: string }) {
  const { t } = useTranslation('finance')
  const create = useCreateCode(projectId)
  const [code, setCode] = useState('')
  return (
    <section className="panel" aria-labelledby="codes-title">
      <h2 id="codes-title">{t('codes.title')}</h2>
      <p className="muted">{t('codes.intro')}</p>
      {finance.codes.length === 0 ? (
        <p>{t('codes.none')}</p>
      ) : (
        <ul className="finance__codes">
          {finance.codes.map((c) => (
            <li key={c.id}>
              <code>{c.code}</code> – {c.project.name}
            </li>
          ))}
        </ul>
      )}
      {finance.permissions.edit ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate(code, { onSuccess: () => setCode('') })
          }}
        >
          <div className="inline-form__row">
            <Field
              id="finance-code"
              label={t('codes.code')}
              width="medium"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={
                create.error?.fieldErrors[0]?.message ??
                (create.error ? create.error.problem.detail : undefined)
              }
            />
            <div className="inline-form__submit">
              <Button type="submit" busy={create.isPending}>
                {t('codes.add')}
              </Button>
            </div>
          </div>
        </form>
      ) : null}
    </section>
  )
}

const yearsOf = (finance: ProjectFinance) => {
  const first = Number(finance.period.start.slice(0, 4))
  const last = Number(finance.period.end.slice(0, 4))
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i))
}

function FundingForm({ finance }: { finance: ProjectFinance }) {
  const { t } = useTranslation('finance')
  const create = useCreateFunding(finance.project.id)
  const years = yearsOf(finance)
  const [funderName, setFunderName] = useState('')
  const [funderKind, setFunderKind] = useState<(typeof funderKinds)[number]>('public_health_fund')
  const [year, setYear] = useState(years[0] ?? '')
  const [amount, setAmount] = useState('')
  const [status, setStatus] = useState<(typeof fundingStatuses)[number]>('granted')
  const [amountError, setAmountError] = useState<string | undefined>()
  const fieldError = (field: string) => create.error?.fieldError(field)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const ore = parseAmount(amount)
    setAmountError(ore === null || ore < 0 ? t('actuals.amountInvalid') : undefined)
    if (ore === null || ore < 0) return
    create.mutate(
      { funderName, funderKind, year: Number(year), amountOre: ore, status },
      { onSuccess: () => setAmount('') },
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="funding-form-title">
      <h3 id="funding-form-title">{t('funding.addTitle')}</h3>
      {create.error && !create.error.fieldErrors.length ? <ProblemAlert error={create.error} /> : null}
      <div className="inline-form__row">
        <Field
          id="funding-funder"
          label={t('funding.funder')}
          required
          width="medium"
          value={funderName}
          onChange={(e) => setFunderName(e.target.value)}
          error={fieldError('funderName')}
        />
        <Select
          id="funding-kind"
          label={t('funding.kindLabel')}
          width="medium"
          value={funderKind}
          onChange={(e) => setFunderKind(funderKinds.find((k) => k === e.target.value) ?? 'other')}
          options={funderKinds.map((k) => ({ value: k, label: t(`funding.kind.${k}`) }))}
        />
        <Select
          id="funding-year"
          label={t('budget.year')}
          width="short"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <Field
          id="funding-amount"
          label={t('actuals.amount')}
          hint={t('funding.amountHint')}
          required
          width="medium"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountError ?? fieldError('amountOre')}
        />
        <Select
          id="funding-status"
          label={t('funding.statusLabel')}
          width="medium"
          value={status}
          onChange={(e) => setStatus(fundingStatuses.find((k) => k === e.target.value) ?? 'applied')}
          options={fundingStatuses.map((k) => ({ value: k, label: t(`funding.status.${k}`) }))}
        />
        <div className="inline-form__submit">
          <Button type="submit" busy={create.isPending}>
            {t('funding.add')}
          </Button>
        </div>
      </div>
    </form>
  )
}

function InKindForm({ finance }: { finance: ProjectFinance }) {
  const { t } = useTranslation('finance')
  const create = useCreateInKind(finance.project.id)
  const years = yearsOf(finance)
  const [contributor, setContributor] = useState('')
  const [description, setDescription] = useState('')
  const [year, setYear] = useState(years[0] ?? '')
  const [unit, setUnit] = useState<'hours' | 'position_share'>('hours')
  const [quantity, setQuantity] = useState('')
  const [months, setMonths] = useState('12')
  const [rate, setRate] = useState('')
  const [localError, setLocalError] = useState<string | undefined>()
  const fieldError = (field: string) => create.error?.fieldError(field)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const rateOre = parseAmount(rate)
    const amount = Number(quantity.replace(',', '.'))
    // A share is typed in per cent and sent in basis points.
    const units = unit === 'hours' ? Math.round(amount) : Math.round(amount * 100)
    const bad = rateOre === null || rateOre < 0 || !Number.isFinite(amount) || units < 1
    setLocalError(bad ? t('inKind.invalid') : undefined)
    if (bad || rateOre === null) return
    create.mutate(
      {
        contributor,
        description,
        year: Number(year),
        unit,
        quantity: units,
        ...(unit === 'position_share' ? { months: Number(months) } : {}),
        rateOre,
      },
      { onSuccess: () => setQuantity('') },
    )
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="in-kind-form-title">
      <h3 id="in-kind-form-title">{t('inKind.addTitle')}</h3>
      {localError ? <p className="alert alert--error">{localError}</p> : null}
      {create.error && !create.error.fieldErrors.length ? <ProblemAlert error={create.error} /> : null}
      <div className="inline-form__row">
        <Field
          id="in-kind-contributor"
          label={t('inKind.contributor')}
          required
          width="medium"
          value={contributor}
          onChange={(e) => setContributor(e.target.value)}
          error={fieldError('contributor')}
        />
        <Field
          id="in-kind-description"
          label={t('inKind.description')}
          width="medium"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <Select
          id="in-kind-year"
          label={t('budget.year')}
          width="short"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <Select
          id="in-kind-unit"
          label={t('inKind.unit')}
          width="medium"
          value={unit}
          onChange={(e) => setUnit(e.target.value === 'position_share' ? 'position_share' : 'hours')}
          options={[
            { value: 'hours', label: t('inKind.unitHours') },
            { value: 'position_share', label: t('inKind.unitShare') },
          ]}
        />
        <Field
          id="in-kind-quantity"
          label={unit === 'hours' ? t('inKind.hoursLabel') : t('inKind.shareLabel')}
          required
          width="short"
          inputMode="decimal"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          error={fieldError('quantity')}
        />
        {unit === 'position_share' ? (
          <Field
            id="in-kind-months"
            type="number"
            min={1}
            max={12}
            label={t('inKind.months')}
            width="short"
            value={months}
            onChange={(e) => setMonths(e.target.value)}
            error={fieldError('months')}
          />
        ) : null}
        <Field
          id="in-kind-rate"
          label={unit === 'hours' ? t('inKind.rateHour') : t('inKind.rateMonth')}
          required
          width="medium"
          inputMode="decimal"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          error={fieldError('rateOre')}
        />
        <div className="inline-form__submit">
          <Button type="submit" busy={create.isPending}>
            {t('funding.add')}
          </Button>
        </div>
      </div>
    </form>
  )
}
