import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatDate } from '../../../lib/format'
import { type FinalReportSummary, useFinalReports } from '../api/get-final-reports'
import { useStartReport } from '../api/start-final-report'
import { ReportStatusBadge } from './report-status-badge'
import { useProjectPermissions } from './use-project-permissions'
import './reports.css'

/** The project's "Slutrapport" tab: its reports and addenda, and what can be started next. */
export function FinalReportsPage() {
  const { t } = useTranslation('reports')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/final-report' })
  const { data } = useFinalReports(projectId)
  const canEdit = useProjectPermissions(projectId).includes('project:edit')
  const start = useStartReport(projectId)
  const navigate = useNavigate()
  const reports = data.items
  const latestReport = [...reports].reverse().find((r) => r.kind === 'report')
  const latestAddendum = [...reports].reverse().find((r) => r.kind === 'addendum')

  const open = (report: { id: string }) =>
    navigate({
      to: '/projects/$projectId/final-report/$reportId',
      params: { projectId, reportId: report.id },
    })

  const columns: Column<FinalReportSummary>[] = [
    {
      key: 'document',
      header: t('list.document'),
      rowHeader: true,
      cell: (r) => (
        <Link to="/projects/$projectId/final-report/$reportId" params={{ projectId, reportId: r.id }}>
          {t(`list.kind.${r.kind}`)}
        </Link>
      ),
    },
    {
      key: 'date',
      header: t('list.date'),
      cell: (r) => <span className="nowrap">{formatDate(r.reportDate)}</span>,
    },
    {
      key: 'diaryNumber',
      header: t('list.diaryNumber'),
      cell: (r) =>
        r.diaryNumber ? (
          <span className="nowrap">{r.diaryNumber}</span>
        ) : r.status === 'draft' ? (
          <span className="muted">{t('list.noDiaryNumber')}</span>
        ) : (
          '–'
        ),
    },
    {
      key: 'status',
      header: t('list.status'),
      cell: (r) => (
        <>
          <ReportStatusBadge status={r.status} />
          {r.status === 'returned' && r.outcome?.comment ? (
            <p className="small">{t('list.returnedComment', { comment: r.outcome.comment })}</p>
          ) : null}
        </>
      ),
    },
    {
      key: 'template',
      header: t('list.template'),
      cell: (r) => t('list.templateVersion', { name: r.template.name, version: r.template.versionNumber }),
    },
  ]

  const actions: { label: string; run: () => void }[] = []
  if (canEdit) {
    if (!latestReport)
      actions.push({
        label: t('list.start'),
        run: () => start.mutate({ kind: 'start' }, { onSuccess: open }),
      })
    if (latestReport?.status === 'returned') {
      actions.push({
        label: t('list.revise'),
        run: () => start.mutate({ kind: 'revision', reportId: latestReport.id }, { onSuccess: open }),
      })
    }
    const addendumOpen = latestAddendum && ['draft', 'submitted'].includes(latestAddendum.status)
    if (latestReport?.status === 'approved' && !addendumOpen) {
      actions.push({
        label: t('list.addendum'),
        run: () => start.mutate({ kind: 'addendum', reportId: latestReport.id }, { onSuccess: open }),
      })
    }
  }

  return (
    <section aria-labelledby="final-reports-title" className="final-reports">
      <h2 id="final-reports-title">{t('list.title')}</h2>
      <p className="final-reports__intro">{t('list.intro')}</p>
      {start.isError ? <ProblemAlert error={start.error} /> : null}
      {reports.length === 0 ? (
        <EmptyState title={t('list.none')}>
          <p>{canEdit ? t('list.noneHint') : t('list.cannotStart')}</p>
        </EmptyState>
      ) : (
        <DataTable caption={t('list.tableCaption')} columns={columns} rows={reports} rowKey={(r) => r.id} />
      )}
      {actions.length > 0 ? (
        <div className="button-row">
          {actions.map((action) => (
            <Button key={action.label} variant="primary" busy={start.isPending} onClick={action.run}>
              {start.isPending ? t('list.starting') : action.label}
            </Button>
          ))}
        </div>
      ) : null}
    </section>
  )
}
