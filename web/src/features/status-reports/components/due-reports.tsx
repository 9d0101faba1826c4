import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { useDueReports } from '../api/status-reports'

/** The inbox on the home page: reports due on the projects the user leads; nothing when none. */
export function DueReports() {
  const { t } = useTranslation('statusReports')
  const due = useDueReports()
  const items = due.data?.items ?? []
  if (items.length === 0) return null
  return (
    <section aria-labelledby="due-reports-title" className="panel">
      <h2 id="due-reports-title">{t('due.homeTitle')}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.project.id}-${item.period}`}>
            <Link to="/projects/$projectId/status-reports" params={{ projectId: item.project.id }}>
              {t('due.homeItem', { project: item.project.name, period: item.period })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
