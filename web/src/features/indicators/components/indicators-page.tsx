import {
  type IndicatorDirection,
  type IndicatorUnit,
  indicatorDirections,
  indicatorUnits,
  levelOf,
} from '@lagesbild/shared/domain/indicator-progress'
import { type PeriodFrequency, periodFrequencies } from '@lagesbild/shared/domain/reporting-period'
import { useParams } from '@tanstack/react-router'
import { type FormEvent, lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { isApiProblem } from '../../../lib/api-client'
import { currentLanguage } from '../../../lib/i18n'
import { useGoals } from '../../plans/api/get-goals'
import { can, useProject } from '../../projects/api/get-project'
import {
  type GridRow,
  type IndicatorCreate,
  useCreateIndicator,
  useImportMeasurements,
  useIndicatorGrid,
} from '../api/indicators'
import { parseAmountText } from './cell-text'
import { IndicatorGrid } from './indicator-grid'
import { ManageIndicators } from './indicator-manage'
import { levelText } from './level-text'
import './indicators.css'

const IndicatorChart = lazy(() => import('./indicator-chart'))

export function IndicatorsPage() {
  const { t } = useTranslation('indicators')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/indicators' })
  const { data: project } = useProject(projectId)
  const grid = useIndicatorGrid(projectId)
  const rows = grid.data?.rows ?? []
  const groups = periodFrequencies
    .map((frequency) => ({ frequency, rows: rows.filter((r) => r.indicator.frequency === frequency) }))
    .filter((g) => g.rows.length > 0)

  return (
    <section aria-labelledby="indicators-title" className="panel indicators">
      <h2 id="indicators-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <p className="muted">{t('aggregatesOnly')}</p>
      {grid.isPending ? <Loading /> : null}
      <ProblemAlert error={grid.error} />
      {grid.data && rows.length === 0 ? <EmptyState title={t('empty')} /> : null}
      {groups.map((group) => (
        <IndicatorGrid
          key={group.frequency}
          projectId={projectId}
          rows={group.rows}
          caption={t('grid.caption', { frequency: t(`frequencies.${group.frequency}`).toLowerCase() })}
          editable={can(project, 'project:plan')}
        />
      ))}
      {rows.length > 0 ? <ChartPanel rows={rows} /> : null}
      {can(project, 'project:plan') ? <ImportPanel projectId={projectId} /> : null}
      {can(project, 'project:edit') && rows.length > 0 ? (
        <ManageIndicators projectId={projectId} indicators={rows.map((r) => r.indicator)} />
      ) : null}
      {can(project, 'project:edit') ? <AddIndicator projectId={projectId} /> : null}
    </section>
  )
}

function ChartPanel({ rows }: { rows: GridRow[] }) {
  const { t } = useTranslation('indicators')
  const language = currentLanguage()
  const [chosen, setChosen] = useState(rows[0]?.indicator.id ?? '')
  const [showTable, setShowTable] = useState(false)
  const row = rows.find((r) => r.indicator.id === chosen) ?? rows[0]
  if (!row) return null
  const { indicator } = row
  const points = row.periods.map((period) => {
    const cell = row.cells.find((c) => c.period === period)
    return { period, level: cell ? levelOf(indicator.unit, cell) : null }
  })
  const baseline = indicator.baseline ? levelOf(indicator.unit, indicator.baseline) : null
  const target = indicator.target ? levelOf(indicator.unit, indicator.target) : null
  const format = (level: number) => levelText(indicator.unit, level, language)
  return (
    <section aria-labelledby="indicator-chart-title" className="indicators__chart">
      <h3 id="indicator-chart-title">{t('chart.title')}</h3>
      <Select
        id="indicator-chart-choice"
        label={t('chart.choose')}
        width="medium"
        value={indicator.id}
        onChange={(e) => setChosen(e.target.value)}
        options={rows.map((r) => ({ value: r.indicator.id, label: r.indicator.name }))}
      />
      <p className="muted">{indicator.progress.explanation}</p>
      <Suspense fallback={<Loading label={t('chart.loading')} />}>
        <IndicatorChart
          points={points}
          baseline={baseline}
          target={target}
          format={format}
          labels={{
            value: t('chart.value'),
            baseline: t('chart.baseline'),
            target: t('chart.target'),
            description: t('chart.description', { indicator: indicator.name }),
          }}
        />
      </Suspense>
      <Button size="small" aria-expanded={showTable} onClick={() => setShowTable((s) => !s)}>
        {showTable ? t('chart.hideTable') : t('chart.showTable')}
      </Button>
      {showTable ? (
        <DataTable
          caption={t('chart.tableCaption', { indicator: indicator.name })}
          captionHidden={false}
          rows={points}
          rowKey={(p) => p.period}
          columns={[
            { key: 'period', header: t('chart.period'), rowHeader: true, cell: (p) => p.period },
            {
              key: 'value',
              header: t('chart.value'),
              className: 'numeric',
              cell: (p) => (p.level === null ? '–' : format(p.level)),
            },
            {
              key: 'baseline',
              header: t('chart.baseline'),
              className: 'numeric',
              cell: () => (baseline === null ? '–' : format(baseline)),
            },
            {
              key: 'target',
              header: t('chart.target'),
              className: 'numeric',
              cell: () => (target === null ? '–' : format(target)),
            },
          ]}
        />
      ) : null}
    </section>
  )
}

function ImportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation('indicators')
  const upload = useImportMeasurements(projectId)
  const [file, setFile] = useState<File | null>(null)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (file) upload.mutate(file)
  }
  const fieldErrors = isApiProblem(upload.error) ? upload.error.fieldErrors : []
  return (
    <section aria-labelledby="indicator-import-title" className="indicators__import">
      <h3 id="indicator-import-title">{t('import.title')}</h3>
      <p className="muted">{t('import.intro')}</p>
      <form onSubmit={onSubmit} className="button-row">
        <Field
          id="indicator-import-file"
          label={t('import.file')}
          type="file"
          accept=".csv,.txt,.xlsx"
          width="medium"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button type="submit" disabled={!file || upload.isPending}>
          {t('import.submit')}
        </Button>
      </form>
      {upload.data ? (
        <p className="alert alert--info" role="status">
          {t('import.done', upload.data)}
        </p>
      ) : null}
      <ProblemAlert error={upload.error}>
        {fieldErrors.length > 0 ? (
          <ul>
            {fieldErrors.map((e) => (
              <li key={`${e.field}-${e.code}`}>{e.message}</li>
            ))}
          </ul>
        ) : null}
      </ProblemAlert>
    </section>
  )
}

function amountInput(unit: IndicatorUnit, text: string, date: string) {
  const amount = parseAmountText(unit, text)
  if (!amount) return null
  return { ...amount, date: date || null }
}

function AddIndicator({ projectId }: { projectId: string }) {
  const { t } = useTranslation('indicators')
  const create = useCreateIndicator(projectId)
  const goals = useGoals(projectId)
  const [name, setName] = useState('')
  const [unit, setUnit] = useState<IndicatorUnit>('count')
  const [frequency, setFrequency] = useState<PeriodFrequency>('monthly')
  const [direction, setDirection] = useState<IndicatorDirection>('increase')
  const [goalId, setGoalId] = useState('')
  const [baseline, setBaseline] = useState('')
  const [baselineDate, setBaselineDate] = useState('')
  const [target, setTarget] = useState('')
  const [targetDate, setTargetDate] = useState('')
  const [sharedKey, setSharedKey] = useState('')
  const [source, setSource] = useState('')
  const tree = goals.data
  const goalOptions = tree
    ? [...tree.overall, ...tree.project, ...tree.sub].map((g) => ({ value: g.id, label: g.title }))
    : []
  const errorOf = (field: string) =>
    isApiProblem(create.error)
      ? create.error.fieldErrors.find((e) => e.field.startsWith(field))?.message
      : undefined

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const body: IndicatorCreate = {
      name,
      unit,
      frequency,
      direction,
      goalId: goalId || null,
      sharedKey: sharedKey.trim() || null,
      source,
      baseline: amountInput(unit, baseline, baselineDate),
      target: amountInput(unit, target, targetDate),
    }
    create.mutate(body, {
      onSuccess: () => {
        setName('')
        setBaseline('')
        setTarget('')
      },
    })
  }

  return (
    <section aria-labelledby="indicator-add-title" className="indicators__add">
      <h3 id="indicator-add-title">{t('add.title')}</h3>
      <form onSubmit={onSubmit} className="form-grid">
        <Field
          id="indicator-name"
          label={t('add.name')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorOf('name')}
        />
        <Select
          id="indicator-unit"
          label={t('add.unit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value as IndicatorUnit)}
          options={indicatorUnits.map((u) => ({ value: u, label: t(`units.${u}`) }))}
        />
        <Select
          id="indicator-frequency"
          label={t('add.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as PeriodFrequency)}
          options={periodFrequencies.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))}
        />
        <Select
          id="indicator-direction"
          label={t('add.direction')}
          value={direction}
          onChange={(e) => setDirection(e.target.value as IndicatorDirection)}
          options={indicatorDirections.map((d) => ({ value: d, label: t(`directions.${d}`) }))}
        />
        <Select
          id="indicator-goal"
          label={t('add.goal')}
          emptyOption={t('add.noGoal')}
          value={goalId}
          onChange={(e) => setGoalId(e.target.value)}
          options={goalOptions}
        />
        <Field
          id="indicator-baseline"
          label={t('add.baseline')}
          hint={t('add.valueHint')}
          value={baseline}
          onChange={(e) => setBaseline(e.target.value)}
          error={errorOf('baseline')}
        />
        <Field
          id="indicator-baseline-date"
          label={t('add.baselineDate')}
          type="date"
          value={baselineDate}
          onChange={(e) => setBaselineDate(e.target.value)}
        />
        <Field
          id="indicator-target"
          label={t('add.target')}
          hint={t('add.valueHint')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          error={errorOf('target')}
        />
        <Field
          id="indicator-target-date"
          label={t('add.targetDate')}
          type="date"
          value={targetDate}
          onChange={(e) => setTargetDate(e.target.value)}
        />
        <Field
          id="indicator-shared-key"
          label={t('add.sharedKey')}
          hint={t('add.sharedKeyHint')}
          value={sharedKey}
          onChange={(e) => setSharedKey(e.target.value)}
          error={errorOf('sharedKey')}
        />
        <Field
          id="indicator-source"
          label={t('add.source')}
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <div>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {t('add.submit')}
          </Button>
        </div>
      </form>
      <ProblemAlert error={create.error} />
    </section>
  )
}
