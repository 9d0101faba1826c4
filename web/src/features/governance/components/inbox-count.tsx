import { useTranslation } from 'react-i18next'
import { useInbox } from '../api/governance'

/**
 * How many things wait for the user as a steering-group member (requests to decide, reports to
 * acknowledge), beside "Att besluta" in the menu.
 */
export function InboxCount() {
  const { t } = useTranslation('governance')
  const inbox = useInbox()
  const waiting = (inbox.data?.toDecide.length ?? 0) + (inbox.data?.reportsToAcknowledge.length ?? 0)
  if (waiting === 0) return null
  return (
    <span className="nav-count">
      <span aria-hidden="true">{waiting}</span>
      <span className="visually-hidden">, {t('nav.waiting', { count: waiting })}</span>
    </span>
  )
}
