import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { TextArea } from '../../../components/text-area'
import {
  type ApprovalRequest,
  type Inbox,
  useDecideRequest,
  useInbox,
  useWithdrawRequest,
} from '../api/governance'
import './governance.css'

const day = (iso: string) => iso.slice(0, 10)

/** "Att besluta": what waits for the user's decision, their own requests, and meetings ahead. */
export function DecidePage() {
  const { t } = useTranslation('governance')
  const inbox = useInbox()
  const [done, setDone] = useState<string | null>(null)
  return (
    <>
      <PageHeader title={t('decide.title')} description={<p>{t('decide.intro')}</p>} />
      <p role="status" className="muted">
        {done ?? ''}
      </p>
      {inbox.isPending ? <Loading /> : null}
      <ProblemAlert error={inbox.error} />
      {inbox.data ? (
        <>
          <section className="panel" aria-labelledby="to-decide-title">
            <h2 id="to-decide-title">{t('decide.title')}</h2>
            {inbox.data.toDecide.length === 0 ? <EmptyState title={t('decide.empty')} /> : null}
            {inbox.data.toDecide.map((request) => (
              <RequestCard key={request.id} request={request} onDone={setDone} />
            ))}
          </section>
          <ReportsToAcknowledge reports={inbox.data.reportsToAcknowledge} />
          <MyRequests requests={inbox.data.mine} />
          <section className="panel" aria-labelledby="meetings-title">
            <h2 id="meetings-title">{t('decide.meetings')}</h2>
            {inbox.data.upcomingMeetings.length === 0 ? (
              <p>{t('decide.meetingsEmpty')}</p>
            ) : (
              <ul>
                {inbox.data.upcomingMeetings.map((m) => (
                  <li key={m.id}>
                    <Link to="/meetings/$meetingId" params={{ meetingId: m.id }}>
                      {m.date} – {m.steeringGroupName}
                      {m.place ? `, ${m.place}` : ''}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </>
  )
}

function RequestCard({ request, onDone }: { request: ApprovalRequest; onDone: (message: string) => void }) {
  const { t } = useTranslation('governance')
  const decide = useDecideRequest()
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | undefined>()
  const headingId = `request-${request.id}`
  const submit = (outcome: 'approve' | 'reject') => {
    if (outcome === 'reject' && !comment.trim()) {
      setError(t('decide.commentRequired'))
      return
    }
    setError(undefined)
    decide.mutate(
      { request, outcome, comment },
      { onSuccess: () => onDone(t(outcome === 'approve' ? 'decide.approved' : 'decide.rejected')) },
    )
  }
  return (
    <article className="request-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`requestKinds.${request.kind}`)}:{' '}
        <Link to="/projects/$projectId/governance" params={{ projectId: request.project.id }}>
          {request.project.name}
        </Link>
      </h3>
      <p>{request.summary}</p>
      {request.change ? (
        <p>
          <strong>{t('decide.change')}:</strong> {request.change}
        </p>
      ) : null}
      <p className="muted">
        {t('decide.requestedBy', { name: request.requestedBy?.name ?? '–', date: day(request.requestedAt) })}
      </p>
      <ProblemAlert error={decide.error} />
      <TextArea
        id={`comment-${request.id}`}
        label={t('decide.comment')}
        hint={t('decide.commentHint')}
        error={error}
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="request-card__actions">
        <Button onClick={() => submit('approve')} disabled={decide.isPending}>
          {t('decide.approve')}
        </Button>
        <Button variant="secondary" onClick={() => submit('reject')} disabled={decide.isPending}>
          {t('decide.reject')}
        </Button>
      </div>
    </article>
  )
}

/** Submitted status reports the user's groups have not acknowledged, each linked to the report. */
function ReportsToAcknowledge({ reports }: { reports: Inbox['reportsToAcknowledge'] }) {
  const { t } = useTranslation('governance')
  return (
    <section className="panel" aria-labelledby="reports-to-acknowledge-title">
      <h2 id="reports-to-acknowledge-title">{t('decide.reports')}</h2>
      <p className="muted">{t('decide.reportsIntro')}</p>
      {reports.length === 0 ? (
        <p>{t('decide.reportsEmpty')}</p>
      ) : (
        <ul>
          {reports.map((r) => (
            <li key={r.id}>
              <Link
                to="/projects/$projectId/status-reports/$reportId"
                params={{ projectId: r.project.id, reportId: r.id }}
              >
                {t('decide.reportLink', { project: r.project.name, period: r.period })}
              </Link>{' '}
              <span className="muted">
                {t('decide.reportMeta', {
                  name: r.submittedBy ?? '–',
                  date: day(r.submittedAt),
                  light: t(`lights.${r.overall}`),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function MyRequests({ requests }: { requests: readonly ApprovalRequest[] }) {
  const { t } = useTranslation('governance')
  const withdraw = useWithdrawRequest()
  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title">{t('decide.mine')}</h2>
      <ProblemAlert error={withdraw.error} />
      {requests.length === 0 ? (
        <p>{t('decide.mineEmpty')}</p>
      ) : (
        <RequestTable requests={requests} onWithdraw={(r) => withdraw.mutate(r)} />
      )}
    </section>
  )
}

export function RequestTable({
  requests,
  onWithdraw,
}: {
  requests: readonly ApprovalRequest[]
  onWithdraw?: (request: ApprovalRequest) => void
}) {
  const { t } = useTranslation('governance')
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption className="visually-hidden">{t('project.requests')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.requestedAt')}</th>
            <th scope="col">{t('columns.project')}</th>
            <th scope="col">{t('columns.kind')}</th>
            <th scope="col">{t('columns.summary')}</th>
            <th scope="col">{t('columns.status')}</th>
            <th scope="col">{t('columns.decidedAt')}</th>
            {onWithdraw ? (
              <th scope="col">
                <span className="visually-hidden">{t('columns.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{day(r.requestedAt)}</td>
              <td>{r.project.name}</td>
              <td>{t(`requestKinds.${r.kind}`)}</td>
              <td>
                {r.summary}
                {r.comment ? <span className="decision-note">{r.comment}</span> : null}
              </td>
              <td>{t(`requestStatus.${r.status}`)}</td>
              <td className="nowrap">{r.decidedAt ? day(r.decidedAt) : ''}</td>
              {onWithdraw ? (
                <td>
                  {r.status === 'pending' ? (
                    <Button
                      size="small"
                      variant="quiet"
                      aria-label={t('decide.withdrawLabel', { summary: r.summary })}
                      onClick={() => onWithdraw(r)}
                    >
                      {t('decide.withdraw')}
                    </Button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
