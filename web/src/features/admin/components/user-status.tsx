import { useTranslation } from 'react-i18next'
import type { UserStatus } from '../api/users'

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation('admin')
  return <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>
}
