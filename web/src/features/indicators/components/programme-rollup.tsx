import { formatQuantity } from '@lagesbild/shared/domain/indicator-format'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { currentLanguage } from '../../../lib/i18n'
import { type Rollup, useRollup } from '../api/indicators'

type Shared = Rollup['indicators'][number]
type Point = Shared['total'][number]

/**
 * The indicators a programme's projects share, per period: the total over the projects and
 * each project's own value. Shares are the summed numerators over the summed denominators.
 */
export function ProgrammeRollup({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('indicators')
  const rollup = useRollup(programmeId)
  return (
    <section aria-labelledby="programme-rollup-title" className="panel">
      <h2 id="programme-rollup-title">{t('rollup.title')}</h2>
      <p className="muted">{t('rollup.intro')}</p>
      {rollup.isPending ? <Loading /> : null}
      <ProblemAlert error={rollup.error} />
      {rollup.data && rollup.data.indicators.length === 0 ? <EmptyState title={t('rollup.empty')} /> : null}
      {rollup.data?.indicators.map((indicator) => (
        <RollupTable key={`${indicator.sharedKey}-${indicator.unit}`} indicator={indicator} />
      ))}
    </section>
  )
}

function RollupTable({ indicator }: { indicator: Shared }) {
  const { t } = useTranslation('indicators')
  const language = currentLanguage()
  const periods = indicator.total.map((p) => p.period)
  const text = (point: Point | undefined) => (point ? formatQuantity(indicator.unit, point, language) : '–')
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption className="data-table__caption">
          {t('rollup.caption', { indicator: indicator.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('grid.indicator')}</th>
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
            {indicator.total.map((point) => (
              <td key={point.period} className="numeric">
                <strong>{text(point)}</strong>
              </td>
            ))}
          </tr>
          {indicator.projects.map((project) => (
            <tr key={project.project.id}>
              <th scope="row">{project.project.name}</th>
              {periods.map((period) => (
                <td key={period} className="numeric">
                  {text(project.series.find((s) => s.period === period))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
