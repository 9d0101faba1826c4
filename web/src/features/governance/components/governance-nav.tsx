import { Link } from '@tanstack/react-router'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'

// The count needs governance's API module; loaded after the first paint, it stays out of the
// initial JavaScript that every page pays for.
const InboxCount = lazy(() => import('./inbox-count').then((m) => ({ default: m.InboxCount })))

/** The main-menu links of governance: "Att besluta" with the number waiting, the register, the groups. */
export function GovernanceNavLinks() {
  const { t } = useTranslation('governance')
  return (
    <>
      <li>
        <Link to="/decide" activeProps={{ 'aria-current': 'page' }}>
          {t('nav.decide')}
          <Suspense fallback={null}>
            <InboxCount />
          </Suspense>
        </Link>
      </li>
      <li>
        <Link to="/decisions" activeProps={{ 'aria-current': 'page' }}>
          {t('nav.decisions')}
        </Link>
      </li>
      <li>
        <Link to="/steering-groups" activeProps={{ 'aria-current': 'page' }}>
          {t('nav.groups')}
        </Link>
      </li>
    </>
  )
}
