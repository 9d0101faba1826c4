import { formatQuantity } from '@lagesbild/shared/domain/indicator-format'
import { levelOf } from '@lagesbild/shared/domain/indicator-progress'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { currentLanguage } from '../../../lib/i18n'
import { type Rollup, useRollup } from '../api/indicators'
import { levelText } from './level-text'
import './indicators.css'
import { TableScroll } from '../../../components/table-scroll'

const IndicatorChart = lazy(() => import('./indicator-chart'))

type Shared = Rollup['indicators'][number]
type Point = Shared['total'][number]
type Level = Shared['target']

const keyOf = (indicator: Shared) => `${indicator.sharedKey}-${indicator.unit}`
const ALL = 'all'

/**
 * The indicators a programme's projects share, per period: the total over the projects and
 * each project's own value, drawn against baseline and target and kept as tables, which are
 * the accessible form of the chart. Shares are the summed numerators over the summed denominators.
 */
export function ProgrammeRollup({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('indicators')
  const rollup = useRollup(programmeId)
  const indicators = rollup.data?.indicators ?? []
  return (
    <section aria-labelledby="programme-rollup-title" className="panel">
      <h2 id="programme-rollup-title">{t('rollup.title')}</h2>
      <p className="muted">{t('rollup.intro')}</p>
      {rollup.isPending ? <Loading /> : null}
      <ProblemAlert error={rollup.error} />
      {rollup.data && indicators.length === 0 ? <EmptyState title={t('rollup.empty')} /> : null}
      {indicators.length > 0 ? <RollupChart indicators={indicators} /> : null}
      {indicators.map((indicator) => (
        <RollupTable key={keyOf(indicator)} indicator={indicator} />
      ))}
    </section>
  )
}

/** One shared indicator over time, summed over the projects or for one of them. */
function RollupChart({ indicators }: { indicators: readonly Shared[] }) {
  const { t } = useTranslation('indicators')
  const language = currentLanguage()
  const [chosen, setChosen] = useState(indicators[0] ? keyOf(indicators[0]) : '')
  const [scope, setScope] = useState(ALL)
  const indicator = indicators.find((i) => keyOf(i) === chosen) ?? indicators[0]
  if (!indicator) return null
  const project = scope === ALL ? null : (indicator.projects.find((p) => p.project.id === scope) ?? null)
  const series = project ? project.series : indicator.total
  // The total's periods hold every period any project reported, so one project's gaps show as gaps.
  const points = indicator.total.map(({ period }) => {
    const point = series.find((s) => s.period === period)
    return { period, level: point ? levelOf(indicator.unit, point) : null }
  })
  const level = (l: Level) => (l ? levelOf(indicator.unit, l) : null)
  const baseline = level(project ? project.baseline : indicator.baseline)
  const target = level(project ? project.target : indicator.target)
  const scopeName = project ? project.project.name : t('rollup.allProjects')
  return (
    <section aria-labelledby="rollup-chart-title" className="indicators__chart">
      <h3 id="rollup-chart-title">{t('rollup.chartTitle')}</h3>
      <div className="button-row">
        <Select
          id="rollup-chart-indicator"
          label={t('chart.choose')}
          width="medium"
          value={keyOf(indicator)}
          onChange={(e) => setChosen(e.target.value)}
          options={indicators.map((i) => ({ value: keyOf(i), label: i.name }))}
        />
        <Select
          id="rollup-chart-scope"
          label={t('rollup.scope')}
          width="medium"
          value={project ? project.project.id : ALL}
          onChange={(e) => setScope(e.target.value)}
          options={[
            { value: ALL, label: t('rollup.allProjects') },
            ...indicator.projects.map((p) => ({ value: p.project.id, label: p.project.name })),
          ]}
        />
      </div>
      {!project && indicator.baseline === null ? (
        <p className="muted">{t('rollup.partialBaseline')}</p>
      ) : null}
      {!project && indicator.target === null ? <p className="muted">{t('rollup.partialTarget')}</p> : null}
      {points.length === 0 ? (
        <p className="muted">{t('rollup.noValues')}</p>
      ) : (
        <Suspense fallback={<Loading label={t('chart.loading')} />}>
          <IndicatorChart
            points={points}
            baseline={baseline}
            target={target}
            format={(l) => levelText(indicator.unit, l, language)}
            labels={{
              value: t('chart.value'),
              baseline: t('chart.baseline'),
              target: t('chart.target'),
              description: t('rollup.chartDescription', { indicator: indicator.name, scope: scopeName }),
            }}
          />
        </Suspense>
      )}
      <p className="muted">{t('rollup.tableNote')}</p>
    </section>
  )
}

function RollupTable({ indicator }: { indicator: Shared }) {
  const { t } = useTranslation('indicators')
  const language = currentLanguage()
  const periods = indicator.total.map((p) => p.period)
  const text = (point: Point | Level | undefined) =>
    point ? formatQuantity(indicator.unit, point, language) : '–'
  return (
    <TableScroll>
      <table className="data-table data-table--compact">
        <caption className="data-table__caption">
          {t('rollup.caption', { indicator: indicator.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('grid.indicator')}</th>
            <th scope="col" className="numeric">
              {t('chart.baseline')}
            </th>
            <th scope="col" className="numeric">
              {t('chart.target')}
            </th>
            {periods.map((p) => (
              <th key={p} scope="col" className="numeric">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="rollup__total">
            <th scope="row">{t('rollup.total')}</th>
            <td className="numeric">{text(indicator.baseline ?? undefined)}</td>
            <td className="numeric">{text(indicator.target ?? undefined)}</td>
            {indicator.total.map((point) => (
              <td key={point.period} className="numeric">
                <strong>{text(point)}</strong>
              </td>
            ))}
          </tr>
          {indicator.projects.map((project) => (
            <tr key={project.project.id}>
              <th scope="row">{project.project.name}</th>
              <td className="numeric">{text(project.baseline ?? undefined)}</td>
              <td className="numeric">{text(project.target ?? undefined)}</td>
              {periods.map((period) => (
                <td key={period} className="numeric">
                  {text(project.series.find((s) => s.period === period))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
