import type { finalReportStatuses } from '@lagesbild/shared/api/reports'
import { useTranslation } from 'react-i18next'

export type ReportStatus = (typeof finalReportStatuses)[number]

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation('reports')
  return (
    <span className={`status-badge report-status report-status--${status}`}>{t(`status.${status}`)}</span>
  )
}
