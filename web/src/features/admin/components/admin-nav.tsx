import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'

/** The administration section's own navigation, above each of its pages. */
export function AdminNav() {
  const { t } = useTranslation('admin')
  const current = { 'aria-current': 'page' as const, className: 'admin-nav__link admin-nav__link--current' }
  return (
    <nav className="admin-nav" aria-label={t('nav.label')}>
      <ul>
        <li>
          <Link to="/admin/users" className="admin-nav__link" activeProps={current}>
            {t('nav.users')}
          </Link>
        </li>
        <li>
          <Link to="/admin/people" className="admin-nav__link" activeProps={current}>
            {t('nav.people')}
          </Link>
        </li>
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
      </ul>
    </nav>
  )
}
