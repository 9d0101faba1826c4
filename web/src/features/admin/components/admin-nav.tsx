import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { useCurrentUser } from '../../../lib/current-user'
import { type AdminPage, adminPagesFor } from '../admin-links'

const paths = {
  users: '/admin/users',
  people: '/admin/people',
  audit: '/admin/audit',
  privacy: '/admin/privacy',
} as const satisfies Record<AdminPage, string>

/**
 * The administration section's own navigation, above each of its pages: a link for each page the
 * user's roles open (a portfolio manager keeps people but not users, the log or data protection).
 */
export function AdminNav() {
  const { t } = useTranslation('admin')
  const pages = adminPagesFor(useCurrentUser().roles.map((g) => g.role))
  const current = { 'aria-current': 'page' as const, className: 'admin-nav__link admin-nav__link--current' }
  return (
    <nav className="admin-nav" aria-label={t('nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page}>
            <Link to={paths[page]} className="admin-nav__link" activeProps={current}>
              {t(`nav.${page}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
