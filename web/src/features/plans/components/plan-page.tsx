import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { type ProjectRequest, useProjectRequests } from '../../governance/api/governance'
import { RequestDecisionLink } from '../../governance/components/request-decision-link'
import { useKeepingTranslation } from '../../governance/i18n-keeping'
import { can, useProject } from '../../projects/api/get-project'
import { useActivities } from '../api/get-activities'
import { exportUrl } from '../api/import-plan'
import { AddActivity } from './add-activity'
import { ImportPanel } from './import-panel'
import { milestoneApprovalStates, pendingPlanRequests } from './milestone-approvals'
import { PlanTable } from './plan-table'
import './plans.css'
import { DownloadLink } from '../../../components/download-link'

export function PlanPage() {
  const { t } = useTranslation('plans')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/plan' })
  const { data: project } = useProject(projectId)
  const plan = useActivities(projectId)
  const canEdit = can(project, 'project:plan')
  const canRequest = can(project, 'project:edit')
  const hasMilestones = plan.data?.items.some((a) => a.milestone) ?? false
  // One list of the project's requests (with its main project's about this plan) for every
  // milestone's state and the plan revisions pending.
  const requests = useProjectRequests(projectId)
  const approvals = milestoneApprovalStates(plan.data?.items ?? [], requests.data?.items ?? [])
  const pending = pendingPlanRequests(projectId, requests.data?.items ?? [])

  return (
    <section aria-labelledby="plan-title" className="panel plan-page">
      <div className="panel__header plan-page__header">
        <div>
          <h2 id="plan-title">{t('plan.title')}</h2>
          <p className="muted">{t('plan.intro')}</p>
        </div>
        <div className="plan-toolbar">
          {hasMilestones ? <RequestDecisionLink projectId={projectId} kind="milestone" /> : null}
          <span className="plan-toolbar__label">{t('plan.export')}:</span>
          <DownloadLink
            className="button button--secondary button--small"
            href={exportUrl(projectId, 'xlsx')}
            aria-label={t('plan.exportLabel', { format: 'Excel' })}
          >
            {t('plan.exportXlsx')}
          </DownloadLink>
          <DownloadLink
            className="button button--secondary button--small"
            href={exportUrl(projectId, 'csv')}
            aria-label={t('plan.exportLabel', { format: 'CSV' })}
          >
            {t('plan.exportCsv')}
          </DownloadLink>
        </div>
      </div>
      {pending.length > 0 ? <PendingRequests projectId={projectId} requests={pending} /> : null}
      {plan.isError ? <ProblemAlert error={plan.error} /> : null}
      {plan.isPending ? (
        <Loading />
      ) : plan.data ? (
        <>
          {canEdit ? (
            <div className="plan-page__tools">
              <AddActivity projectId={projectId} projects={plan.data.projects} />
              <ImportPanel projectId={projectId} />
            </div>
          ) : (
            <p className="muted small">{t('plan.readOnly')}</p>
          )}
          <p id="plan-keyboard-help" className="muted small">
            {t('plan.keyboardHelp')}
          </p>
          {plan.data.items.length === 0 ? (
            <EmptyState title={t('plan.empty')} />
          ) : (
            <PlanTable
              projectId={projectId}
              plan={plan.data}
              canEdit={canEdit}
              canRequest={canRequest}
              approvals={approvals}
            />
          )}
        </>
      ) : null}
    </section>
  )
}

/** What waits for the steering group about this plan, wherever it was asked (here or in the main project). */
function PendingRequests({
  projectId,
  requests,
}: {
  projectId: string
  requests: readonly ProjectRequest[]
}) {
  const { t } = useKeepingTranslation()
  return (
    <div className="form-section__note plan-page__pending" role="note" aria-labelledby="plan-pending-title">
      <h3 id="plan-pending-title">{t('plan.pending.title')}</h3>
      <ul>
        {requests.map((r) => {
          const label = typeof r.payload.label === 'string' ? r.payload.label : r.summary
          const text =
            r.kind === 'plan_revision' ? t('plan.pending.revision', { label }) : `${r.change || r.summary}`
          const date = r.requestedAt.slice(0, 10)
          return (
            <li key={r.id}>
              {text}{' '}
              {r.project.id === projectId ? (
                t('plan.pending.asked', { date })
              ) : (
                <>
                  {t('plan.pending.askedIn', { date })}{' '}
                  <Link to="/projects/$projectId/governance" params={{ projectId: r.project.id }}>
                    {r.project.name}
                  </Link>
                </>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
