import { peopleKeeperRoles } from '@lagesbild/shared/domain/access'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'

/**
 * The administration section's own navigation, above each of its pages: a link for each page the
 * user's roles open (a portfolio manager keeps people but not users, the log or data protection).
 */
export function AdminNav() {
  const { t } = useTranslation('admin')
  const me = useCurrentUser()
  const isAdministrator = hasOrganisationRole(me, ['administrator'])
  const keepsPeople = hasOrganisationRole(me, peopleKeeperRoles)
  const current = { 'aria-current': 'page' as const, className: 'admin-nav__link admin-nav__link--current' }
  return (
    <nav className="admin-nav" aria-label={t('nav.label')}>
      <ul>
        {isAdministrator ? (
          <li>
            <Link to="/admin/users" className="admin-nav__link" activeProps={current}>
              {t('nav.users')}
            </Link>
          </li>
        ) : null}
        {keepsPeople ? (
          <li>
            <Link to="/admin/people" className="admin-nav__link" activeProps={current}>
              {t('nav.people')}
            </Link>
          </li>
        ) : null}
        {isAdministrator ? (
          <>
            <li>
              <Link to="/admin/audit" className="admin-nav__link" activeProps={current}>
                {t('nav.audit')}
              </Link>
            </li>
            <li>
              <Link to="/admin/privacy" className="admin-nav__link" activeProps={current}>
                {t('nav.privacy')}
              </Link>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  )
}
