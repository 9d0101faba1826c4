import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { TableScroll } from '../../../components/table-scroll'
import type { Decision } from '../api/governance'

/** The register's rows; read-only on purpose: a decision is never edited, only superseded. */
export function DecisionTable({
  decisions,
  caption,
  showProject = true,
}: {
  decisions: readonly Decision[]
  caption: string
  showProject?: boolean
}) {
  const { t } = useTranslation('governance')
  return (
    <TableScroll>
      <table className="data-table data-table--compact decision-table">
        <caption className="data-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.date')}</th>
            <th scope="col">{t('columns.paragraph')}</th>
            {showProject ? <th scope="col">{t('columns.project')}</th> : null}
            <th scope="col">{t('columns.kind')}</th>
            <th scope="col">{t('columns.text')}</th>
            <th scope="col">{t('columns.decidedBy')}</th>
            <th scope="col">{t('columns.where')}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id} id={`decision-${d.id}`}>
              <td className="nowrap">{d.date}</td>
              <td>{d.paragraph ?? ''}</td>
              {showProject ? (
                <td>
                  {d.project ? (
                    <Link to="/projects/$projectId/governance" params={{ projectId: d.project.id }}>
                      {d.project.name}
                    </Link>
                  ) : null}
                </td>
              ) : null}
              <td>
                {t(`kinds.${d.kind}`)}
                {d.outcome === 'rejected' ? ` – ${t('outcome.rejected')}` : ''}
              </td>
              <td className="decision-table__text">
                {d.text}
                {d.supersedesId ? <span className="decision-note">{t('register.supersedes')}</span> : null}
                {d.supersededBy.length > 0 ? (
                  <span className="decision-note">{t('register.supersededBy')}</span>
                ) : null}
                {d.outsideSystem ? (
                  <span className="decision-note">{t('register.outsideSystem')}</span>
                ) : null}
              </td>
              <td>
                {d.decidedBy}
                {d.recordedBy ? (
                  <span className="decision-note">
                    {t('register.recordedBy', { name: d.recordedBy.name })}
                  </span>
                ) : null}
              </td>
              <td className="nowrap">
                {d.meeting ? (
                  <Link to="/meetings/$meetingId" params={{ meetingId: d.meeting.id }}>
                    {t('register.meetingOn', { date: d.meeting.date })}
                  </Link>
                ) : d.perCapsulam ? (
                  t('register.perCapsulam')
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
