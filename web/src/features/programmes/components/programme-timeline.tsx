import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { BurnCell, HealthCell, SlipCell } from '../../../components/portfolio-cells'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatAmount, formatPeriod } from '../../../lib/format'
import { type ProgrammeOverview, useProgrammeOverview } from '../api/get-programme-overview'

type Row = ProgrammeOverview['projects'][number]

const DAY = 86_400_000
const time = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** Year marks along the span, for the timeline's scale. */
function years(start: string, end: string): number[] {
  const first = Number(start.slice(0, 4)) + 1
  const last = Number(end.slice(0, 4))
  const marks: number[] = []
  for (let year = first; year <= last; year += 1) marks.push(year)
  return marks
}

/**
 * The programme's projects on one timeline, with the same facts as a table beside it (the
 * picture is decorative for screen readers; the table carries the information).
 */
export function ProgrammeTimeline({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation('programmes')
  const overview = useProgrammeOverview(programmeId)
  const data = overview.data
  if (overview.isError) return <ProblemAlert error={overview.error} />
  if (!data) return <Loading />
  const span = data.timeline
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('overview.project'),
      rowHeader: true,
      cell: (r) => (
        <Link to="/projects/$projectId" params={{ projectId: r.id }}>
          {r.name}
        </Link>
      ),
    },
    {
      key: 'period',
      header: t('overview.period'),
      cell: (r) => formatPeriod(r.plannedStart, r.actualEnd ?? r.plannedEnd),
    },
    { key: 'health', header: t('overview.health'), cell: (r) => <HealthCell health={r.health} /> },
    { key: 'slip', header: t('overview.slip'), cell: (r) => <SlipCell row={r} /> },
    { key: 'burn', header: t('overview.burn'), cell: (r) => <BurnCell burn={r.burn} status={r.status} /> },
  ]
  return (
    <>
      <section className="panel" aria-labelledby="programme-timeline-title">
        <h2 id="programme-timeline-title">{t('overview.timelineTitle')}</h2>
        {!span || data.projects.length === 0 ? (
          <EmptyState title={t('overview.noProjects')} />
        ) : (
          <>
            <div className="programme-timeline" aria-hidden="true">
              <div className="programme-timeline__scale">
                {years(span.start, span.end).map((year) => (
                  <span
                    key={year}
                    className="programme-timeline__year"
                    style={{
                      left: `${((time(`${year}-01-01`) - time(span.start)) / (time(span.end) - time(span.start) + DAY)) * 100}%`,
                    }}
                  >
                    {year}
                  </span>
                ))}
              </div>
              {data.projects.map((p) => {
                const total = time(span.end) - time(span.start) + DAY
                const left = ((time(p.plannedStart) - time(span.start)) / total) * 100
                const width = ((time(p.actualEnd ?? p.plannedEnd) - time(p.plannedStart) + DAY) / total) * 100
                return (
                  <div key={p.id} className="programme-timeline__row">
                    <span className="programme-timeline__label">{p.name}</span>
                    <span className="programme-timeline__track">
                      <span
                        className={`programme-timeline__bar programme-timeline__bar--${p.slip ? 'late' : 'ok'}`}
                        style={{ left: `${left}%`, width: `${Math.max(width, 0.5)}%` }}
                      />
                    </span>
                  </div>
                )
              })}
            </div>
            <DataTable
              caption={t('overview.tableCaption')}
              captionHidden={false}
              columns={columns}
              rows={data.projects}
              rowKey={(r) => r.id}
            />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="programme-funding-title">
        <h2 id="programme-funding-title">{t('overview.fundingTitle')}</h2>
        <dl className="programme-funding">
          <div>
            <dt>{t('overview.granted')}</dt>
            <dd>{formatAmount(data.funding.grantedOre)}</dd>
          </div>
          <div>
            <dt>{t('overview.budgeted')}</dt>
            <dd>{formatAmount(data.funding.budgetedOre)}</dd>
          </div>
          <div>
            <dt>{t('overview.spent')}</dt>
            <dd>{formatAmount(data.funding.spentOre)}</dd>
          </div>
        </dl>
        {data.funding.funders.length > 0 ? (
          <DataTable
            caption={t('overview.fundersCaption')}
            captionHidden={false}
            columns={[
              { key: 'funder', header: t('overview.funder'), rowHeader: true, cell: (f) => f.funderName },
              {
                key: 'granted',
                header: t('overview.granted'),
                className: 'numeric',
                cell: (f) => formatAmount(f.grantedOre),
              },
            ]}
            rows={data.funding.funders}
            rowKey={(f) => f.funderName}
          />
        ) : null}
      </section>
    </>
  )
}
