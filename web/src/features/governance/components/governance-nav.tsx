import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { useInbox } from '../api/governance'

/** The main-menu links of governance: "Att besluta" with the number waiting, the register, the groups. */
export function GovernanceNavLinks() {
  const { t } = useTranslation('governance')
  const inbox = useInbox()
  const waiting = inbox.data?.toDecide.length ?? 0
  return (
    <>
      <li>
        <Link to="/decide" activeProps={{ 'aria-current': 'page' }}>
          {t('nav.decide')}
          {waiting > 0 ? (
            <span className="nav-count">
              <span aria-hidden="true">{waiting}</span>
              <span className="visually-hidden">, {t('nav.waiting', { count: waiting })}</span>
            </span>
          ) : null}
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
