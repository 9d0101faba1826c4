import type { LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { useTranslation } from 'react-i18next'

export function StatusBadge({ status }: { status: LifecycleStatus }) {
  const { t } = useTranslation('common')
  return <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>
}
