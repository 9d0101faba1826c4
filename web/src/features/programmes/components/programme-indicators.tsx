import { useTranslation } from 'react-i18next'
import { DataTable } from '../../../components/data-table'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { type IndicatorRollup, useProgrammeIndicators } from '../api/get-programme-indicators'

type Point = IndicatorRollup['indicators'][number]['total'][number]

const number = (value: number) => value.toLocaleString('sv-SE', { maximumFractionDigits: 1 })

/** The programme's shared indicators rolled up per period: counts summed, shares from summed parts. */
export function ProgrammeIndicators({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('programmes')
  const rollup = useProgrammeIndicators(programmeId)
  const value = (p: Point) =>
    p.share !== null && p.numerator !== null && p.denominator !== null
      ? t('indicators.share', {
          share: number(p.share * 100),
          numerator: p.numerator,
          denominator: p.denominator,
        })
      : p.value !== null
        ? number(p.value)
        : '–'
  return (
    <section className="panel" aria-labelledby="programme-indicators-title">
      <h2 id="programme-indicators-title">{t('indicators.title')}</h2>
      {rollup.isError ? <ProblemAlert error={rollup.error} /> : null}
      {rollup.isPending ? (
        <Loading />
      ) : (rollup.data?.indicators.length ?? 0) === 0 ? (
        <p className="muted">{t('indicators.none')}</p>
      ) : (
        rollup.data?.indicators.map((indicator) => (
          <DataTable
            key={indicator.sharedKey}
            caption={indicator.name}
            captionHidden={false}
            rows={indicator.total}
            rowKey={(p) => p.period}
            columns={[
              { key: 'period', header: t('indicators.period'), rowHeader: true, cell: (p) => p.period },
              { key: 'value', header: t('indicators.value'), className: 'numeric', cell: value },
              {
                key: 'projects',
                header: t('indicators.projects'),
                className: 'numeric',
                cell: (p) => p.projects,
              },
            ]}
          />
        ))
      )}
    </section>
  )
}
