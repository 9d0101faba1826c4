import type * as portfolioApi from '@lagesbild/shared/api/portfolio'
import { isClosed } from '@lagesbild/shared/domain/lifecycle'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { useTranslation } from 'react-i18next'

type Row = EndpointOutput<typeof portfolioApi.getPortfolio>['items'][number]

/*
 * The portfolio's figures as text first (a colour is never the only signal), shared by the
 * portfolio table, the home pages and the programme page. Texts live in the portfolio namespace.
 */

export function HealthCell({ health }: { health: Row['health'] }) {
  const { t } = useTranslation('portfolio')
  if (!health?.overall) return <span className="muted">{t('health.none')}</span>
  return (
    <span className={`light light--${health.overall}`}>
      <span className="light__dot" aria-hidden="true" />
      {t('health.overall', { light: t(`health.${health.overall}`) })}
    </span>
  )
}

/** Late only while the project runs; what an ended project left undone is "Återstår". */
export function SlipCell({
  row,
}: {
  row: Pick<Row, 'status' | 'slip' | 'lateActivityCount' | 'remainingActivityCount'>
}) {
  const { t } = useTranslation('portfolio')
  if (isClosed(row.status)) {
    return (
      <span className="slip">
        <span className="muted">
          {row.remainingActivityCount > 0
            ? t('slip.remainingActivities', { count: row.remainingActivityCount })
            : t('slip.nothingRemaining')}
        </span>
      </span>
    )
  }
  return (
    <span className="slip">
      {row.slip ? (
        <span className="slip__late">{t('slip.days', { count: row.slip.days })}</span>
      ) : (
        <span className="muted">{t('slip.none')}</span>
      )}
      {row.lateActivityCount > 0 ? (
        <span className="slip__count">{t('slip.lateActivities', { count: row.lateActivityCount })}</span>
      ) : null}
      {row.remainingActivityCount > 0 ? (
        <span className="slip__count muted">
          {t('slip.remainingActivities', { count: row.remainingActivityCount })}
        </span>
      ) : null}
    </span>
  )
}

/**
 * Spent share of the budget against the share of time passed, as two short bars and their
 * numbers. Once a project has ended the pace no longer matters, only what was left or overrun.
 */
export function BurnCell({ burn, status }: Pick<Row, 'burn' | 'status'>) {
  const { t } = useTranslation('portfolio')
  if (burn.spentPercent === null) return <span className="muted">{t('burn.noBudget')}</span>
  const time = burn.timePercent ?? 0
  const gap = burn.spentPercent - time
  return (
    <span className="burn">
      <span className="burn__bars" aria-hidden="true">
        <span
          className="burn__bar burn__bar--spent"
          style={{ width: `${Math.min(100, burn.spentPercent)}%` }}
        />
        <span className="burn__bar burn__bar--time" style={{ width: `${Math.min(100, time)}%` }} />
      </span>
      <span>{t('burn.spent', { spent: burn.spentPercent.toLocaleString('sv-SE') })}</span>
      <span className="muted">{t('burn.time', { time: time.toLocaleString('sv-SE') })}</span>
      {isClosed(status) ? (
        <ClosedBurnNote spentPercent={burn.spentPercent} />
      ) : (
        <>
          {gap > 10 ? <span className="burn__note">{t('burn.over')}</span> : null}
          {gap < -25 ? <span className="burn__note">{t('burn.under')}</span> : null}
        </>
      )}
    </span>
  )
}

function ClosedBurnNote({ spentPercent }: { spentPercent: number }) {
  const { t } = useTranslation('portfolio')
  if (spentPercent > 100) return <span className="burn__note">{t('burn.overBudget')}</span>
  if (spentPercent < 75) {
    const left = Math.round((100 - spentPercent) * 10) / 10
    return <span className="burn__note">{t('burn.unspent', { left: left.toLocaleString('sv-SE') })}</span>
  }
  return null
}
