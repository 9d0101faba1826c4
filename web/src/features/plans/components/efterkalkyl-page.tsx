import { formatDateSpan } from '@lagesbild/shared/domain/date-precision'
import { formatDeviation } from '@lagesbild/shared/domain/deviation'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { useEfterkalkyl } from '../api/get-efterkalkyl'
import { useLanguage } from './use-language'
import './plans.css'
import { TableScroll } from '../../../components/table-scroll'

/** The final report's Efterkalkyl: Aktivitet, Kalkyl, Utfall, Differens, printable. */
export function EfterkalkylPage() {
  const { t } = useTranslation('plans')
  const language = useLanguage()
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/efterkalkyl' })
  const query = useEfterkalkyl(projectId)

  return (
    <section aria-labelledby="efterkalkyl-title" className="panel efterkalkyl">
      <div className="panel__header plan-page__header">
        <div>
          <h2 id="efterkalkyl-title">{t('efterkalkyl.title')}</h2>
          <p className="muted">{t('efterkalkyl.intro')}</p>
        </div>
        <Button className="no-print" onClick={() => window.print()}>
          {t('efterkalkyl.print')}
        </Button>
      </div>
      {query.isError ? <ProblemAlert error={query.error} /> : null}
      {query.isPending ? <Loading /> : null}
      {query.data ? (
        <>
          <p className="print-only efterkalkyl__project">
            {query.data.project.name} · {t('efterkalkyl.asOf', { date: query.data.asOf })}
          </p>
          {query.data.groups.length === 0 ? <EmptyState title={t('efterkalkyl.empty')} /> : null}
          {query.data.groups.map((group) => (
            <TableScroll className="efterkalkyl__group" key={group.project.id}>
              <table className="data-table data-table--compact">
                <caption className="data-table__caption">{group.project.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('efterkalkyl.activity')}</th>
                    <th scope="col">{t('efterkalkyl.planned')}</th>
                    <th scope="col">{t('efterkalkyl.actual')}</th>
                    <th scope="col">{t('efterkalkyl.deviation')}</th>
                    <th scope="col">{t('efterkalkyl.explanation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((row) => {
                    const notes = [row.plannedStart?.note, row.plannedEnd?.note, row.actualEnd?.note].filter(
                      Boolean,
                    )
                    return (
                      <tr key={row.activityId}>
                        <th scope="row" className="efterkalkyl__activity">
                          {row.number ? `${row.number} ` : ''}
                          {row.title}
                        </th>
                        <td className="nowrap">
                          {formatDateSpan(row.plannedStart, row.plannedEnd, language)}
                        </td>
                        <td className="nowrap">
                          {row.deviation.kind === 'remaining'
                            ? formatDeviation(row.deviation, language)
                            : formatDateSpan(row.actualStart, row.actualEnd, language) || '–'}
                        </td>
                        <td className={`nowrap plan-deviation plan-deviation--${row.deviation.kind}`}>
                          {row.deviation.kind === 'remaining' ? '' : formatDeviation(row.deviation, language)}
                        </td>
                        <td className="efterkalkyl__explanation">
                          {row.explanation}
                          {notes.map((note) => (
                            <span key={note} className="efterkalkyl__note">
                              {note}
                            </span>
                          ))}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </>
      ) : null}
    </section>
  )
}
