import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { adminPagesFor } from '../../features/admin/admin-links'
import { GovernanceNavLinks } from '../../features/governance/components/governance-nav'
import { hasOrganisationRole, useCurrentUser } from '../../lib/current-user'
import { FlashMessage } from './flash-message'
import { UserMenu } from './user-menu'
import './layout.css'

/** The shell of every logged-in page: skip link, header with navigation and user menu, main. */
export function AppLayout() {
  const { t } = useTranslation('app')
  const { t: tc } = useTranslation('common')
  const me = useCurrentUser()
  const isAdministrator = hasOrganisationRole(me, ['administrator'])
  // Administrators reach Personer inside Administration; others who keep people get it on its own.
  const keepsPeople = !isAdministrator && adminPagesFor(me.roles.map((g) => g.role)).includes('people')
  // While the next page loads, the current one stays on screen: say that it is about to change.
  const changingPage = useRouterState({ select: (state) => state.isLoading })
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {tc('productName')}
          </Link>
          <nav className="main-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <Link to="/" activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.home')}
                </Link>
              </li>
              <li>
                <Link to="/projects" activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.projects')}
                </Link>
              </li>
              <li>
                <Link to="/portfolio" activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.portfolio')}
                </Link>
              </li>
              <li>
                <Link to="/programmes" activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.programmes')}
                </Link>
              </li>
              <li>
                <Link to="/finance/portfolio" activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.finance')}
                </Link>
              </li>
              <li>
                <Link to="/organisations" activeProps={{ 'aria-current': 'page' }}>
                  {t('nav.organisations')}
                </Link>
              </li>
              <GovernanceNavLinks />
              {isAdministrator ? (
                <>
                  <li>
                    <Link to="/report-templates" activeProps={{ 'aria-current': 'page' }}>
                      {t('nav.reportTemplates')}
                    </Link>
                  </li>
                  <li>
                    <Link to="/admin/users" activeProps={{ 'aria-current': 'page' }}>
                      {t('nav.admin')}
                    </Link>
                  </li>
                </>
              ) : null}
              {keepsPeople ? (
                <li>
                  <Link to="/admin/people" activeProps={{ 'aria-current': 'page' }}>
                    {t('nav.people')}
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <UserMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} aria-busy={changingPage || undefined}>
        <FlashMessage />
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t('footer')}</p>
      </footer>
    </div>
  )
}
