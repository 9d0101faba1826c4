import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { nextParagraph, normaliseParagraph } from '@lagesbild/shared/domain/governance'
import { Link } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { isApiProblem } from '../../../lib/api-client'
import {
  type ApprovalRequest,
  type DecidingGroup,
  type DecisionPlace,
  type Inbox,
  type InboxRequest,
  useDecideRequest,
  useInbox,
  useWithdrawRequest,
} from '../api/governance'
import './governance.css'
import { TableScroll } from '../../../components/table-scroll'

const day = (iso: string) => iso.slice(0, 10)

/** "Att besluta": what waits for the user's decision, their own requests, and meetings ahead. */
export function DecidePage() {
  const { t } = useTranslation('governance')
  const inbox = useInbox()
  const [done, setDone] = useState<string | null>(null)
  const toDecide = useRef<HTMLHeadingElement>(null)
  // The decided request's card goes away with the button that had focus; focus goes to the top of
  // the list instead of to the page's start, so the next request is a Tab away.
  const onDone = (message: string) => {
    setDone(message)
    toDecide.current?.focus()
  }
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
            <h2 id="to-decide-title" ref={toDecide} tabIndex={-1}>
              {t('decide.title')}
            </h2>
            {inbox.data.toDecide.length === 0 ? <EmptyState title={t('decide.empty')} /> : null}
            {inbox.data.toDecide.map((request) => (
              <RequestCard
                key={request.id}
                request={request}
                groups={inbox.data.decidingGroups}
                onDone={onDone}
              />
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

/** A meeting held this many days ago or less is where a decision goes by default; older, per capsulam. */
const RECENT_MEETING_DAYS = 14

interface MeetingChoice {
  id: string
  date: string
  place: string
  paragraphs: readonly string[]
  group: string
}

/** The meetings a request can be decided at, the preferred group's first, latest first within a group. */
function meetingChoices(request: InboxRequest, groups: readonly DecidingGroup[]): MeetingChoice[] {
  return request.decidingGroupIds.flatMap((id) => {
    const group = groups.find((g) => g.id === id)
    return (group?.meetings ?? []).map((m) => ({ ...m, group: group?.name ?? '' }))
  })
}

function RequestCard({
  request,
  groups,
  onDone,
}: {
  request: InboxRequest
  groups: readonly DecidingGroup[]
  onDone: (message: string) => void
}) {
  const { t } = useTranslation('governance')
  const decide = useDecideRequest()
  const today = todayInSweden()
  const meetings = meetingChoices(request, groups)
  const recent = meetings.find((m) => m.date >= addDays(today, -RECENT_MEETING_DAYS))
  const next = request.decidingGroupIds
    .map((id) => groups.find((g) => g.id === id))
    .find((g) => g?.nextMeeting)
  const [comment, setComment] = useState('')
  const [meetingId, setMeetingId] = useState(recent?.id ?? '')
  const [paragraph, setParagraph] = useState(recent ? nextParagraph(recent.paragraphs) : '')
  const [date, setDate] = useState(today)
  const [errors, setErrors] = useState<Partial<Record<'comment' | 'paragraph' | 'date', string>>>({})
  const meeting = meetings.find((m) => m.id === meetingId)
  const headingId = `request-${request.id}`
  const serverError = (field: string) =>
    isApiProblem(decide.error) ? decide.error.fieldError(field) : undefined
  const chooseMeeting = (id: string) => {
    setMeetingId(id)
    const chosen = meetings.find((m) => m.id === id)
    setParagraph(chosen ? nextParagraph(chosen.paragraphs) : '')
    setErrors((e) => ({ ...e, paragraph: undefined }))
  }
  const submit = (outcome: 'approve' | 'reject') => {
    const found: typeof errors = {}
    if (outcome === 'reject' && !comment.trim()) found.comment = t('decide.commentRequired')
    const normalised = normaliseParagraph(paragraph)
    if (normalised === null) found.paragraph = t('decide.paragraphInvalid')
    else if (normalised && meeting?.paragraphs.includes(normalised)) {
      found.paragraph = t('decide.paragraphTaken', { paragraph: normalised })
    }
    if (!meeting && (!date || date > today)) found.date = t('decide.dateInvalid')
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const place: DecisionPlace = meeting
      ? { meetingId: meeting.id, paragraph: normalised || null }
      : { meetingId: null, paragraph: normalised || null, date }
    decide.mutate(
      { request, outcome, comment, place },
      { onSuccess: () => onDone(t(outcome === 'approve' ? 'decide.approved' : 'decide.rejected')) },
    )
  }
  const id = (field: string) => `${field}-${request.id}`
  const hasFieldError = isApiProblem(decide.error) && decide.error.fieldErrors.length > 0
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
      {hasFieldError ? null : <ProblemAlert error={decide.error} />}
      <fieldset className="request-card__protocol">
        <legend>{t('decide.protocol')}</legend>
        <Select
          id={id('meeting')}
          label={t('decide.meeting')}
          hint={
            next?.nextMeeting
              ? t('decide.nextMeeting', { date: next.nextMeeting.date, group: next.name })
              : t('decide.meetingHint')
          }
          error={serverError('meetingId')}
          emptyOption={t('decide.perCapsulam')}
          options={meetings.map((m) => ({
            value: m.id,
            label: [
              t('decide.meetingOption', { date: m.date }),
              m.place,
              request.decidingGroupIds.length > 1 ? m.group : '',
            ]
              .filter(Boolean)
              .join(', '),
          }))}
          value={meetingId}
          onChange={(e) => chooseMeeting(e.target.value)}
        />
        <Field
          id={id('paragraph')}
          label={t('decide.paragraph')}
          hint={
            meeting
              ? meeting.paragraphs.length > 0
                ? t('decide.paragraphUsed', { paragraphs: meeting.paragraphs.join(', ') })
                : t('decide.paragraphFirst')
              : t('decide.paragraphHint')
          }
          error={errors.paragraph ?? serverError('paragraph')}
          width="short"
          inputMode="text"
          autoComplete="off"
          value={paragraph}
          onChange={(e) => setParagraph(e.target.value)}
        />
        {meeting ? (
          <p className="muted small">{t('decide.meetingDate', { date: meeting.date })}</p>
        ) : (
          <Field
            id={id('date')}
            type="date"
            label={t('decide.date')}
            hint={t('decide.dateHint')}
            error={errors.date ?? serverError('date')}
            width="medium"
            max={today}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        )}
      </fieldset>
      <TextArea
        id={id('comment')}
        label={t('decide.comment')}
        hint={t('decide.commentHint')}
        error={errors.comment ?? serverError('comment')}
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
    <TableScroll>
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
    </TableScroll>
  )
}
