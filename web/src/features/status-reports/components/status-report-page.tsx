import { formatQuantity, formatShare, progressLabels } from '@lagesbild/shared/domain/indicator-format'
import { formatMoney } from '@lagesbild/shared/domain/money'
import type { Light } from '@lagesbild/shared/domain/traffic-light'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { FreeTextArea } from '../../../components/free-text-area'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatTimestamp } from '../../../lib/format'
import { currentLanguage } from '../../../lib/i18n'
import { can, useProject } from '../../projects/api/get-project'
import {
  type StatusReport,
  useAcknowledgeStatusReport,
  useCommentStatusReport,
  useCreateStatusReport,
  useStatusReport,
  useSubmitStatusReport,
  useUpdateStatusReport,
} from '../api/status-reports'
import { LightBadge } from './light-badge'
import './status-reports.css'

const aspects = ['schedule', 'budget', 'goals', 'risks', 'overall'] as const
const lightChoices: Light[] = ['green', 'yellow', 'red']

export function StatusReportPage() {
  const { projectId, reportId } = useParams({
    from: '/authenticated/projects/$projectId/status-reports/$reportId',
  })
  const { data: project } = useProject(projectId)
  const report = useStatusReport(projectId, reportId)
  // Submitting replaces the form, and the button that had focus, with the submitted report: focus
  // goes to the report's heading instead of falling back to the page's start.
  const seenStatus = useRef(report.data?.status)
  const justSubmitted = seenStatus.current === 'draft' && report.data?.status === 'submitted'
  useEffect(() => {
    seenStatus.current = report.data?.status
  })
  if (report.isPending) return <Loading />
  if (!report.data) return <ProblemAlert error={report.error} />
  return (
    <ReportView
      key={`${report.data.id}-${report.data.status}`}
      report={report.data}
      projectId={projectId}
      canWrite={can(project, 'project:edit')}
      canAcknowledge={can(project, 'project:approve')}
      focusHeading={justSubmitted}
    />
  )
}

function ReportView({
  report,
  projectId,
  canWrite,
  canAcknowledge,
  focusHeading,
}: {
  report: StatusReport
  projectId: string
  canWrite: boolean
  canAcknowledge: boolean
  focusHeading: boolean
}) {
  const { t } = useTranslation('statusReports')
  const editable = canWrite && report.status === 'draft'
  const update = useUpdateStatusReport(projectId, report.id)
  const submit = useSubmitStatusReport(projectId, report.id)
  const correct = useCreateStatusReport(projectId)
  const navigate = useNavigate()
  const [lights, setLights] = useState(report.lights)
  const [text, setText] = useState({
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
    decisionsNeeded: report.decisionsNeeded,
  })
  const [saved, setSaved] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusHeading) heading.current?.focus()
  }, [focusHeading])

  const save = async () => {
    const result = await update.mutateAsync({ version: report.version, lights, ...text })
    setSaved(true)
    return result
  }
  const onSave = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }
  const onSubmit = async () => {
    const latest = await save()
    await submit.mutateAsync(latest.version)
  }

  return (
    <section aria-labelledby="status-report-title" className="panel status-report">
      <p>
        <Link to="/projects/$projectId/status-reports" params={{ projectId }}>
          {t('report.back')}
        </Link>
      </p>
      <h2 id="status-report-title" ref={heading} tabIndex={-1}>
        {t('report.title', { period: report.period })}
      </h2>
      {report.status === 'submitted' ? (
        <p className="alert alert--info" role="status">
          {t('report.submitted')}
        </p>
      ) : null}
      <Facts report={report} />
      <form onSubmit={onSave}>
        <h3>{t('report.lightsTitle')}</h3>
        <p className="muted">{t('report.lightsIntro')}</p>
        <div className="status-report__lights">
          {aspects.map((aspect) => {
            const suggestion = report.suggestions[aspect]
            return (
              <fieldset key={aspect} className="status-report__aspect">
                <legend>{t(`aspects.${aspect}`)}</legend>
                <p>
                  {t('report.suggested')}
                  <LightBadge light={suggestion.light} /> – {suggestion.because[currentLanguage()]}
                </p>
                <div className="status-report__choices">
                  {lightChoices.map((light) => (
                    <label key={light}>
                      <input
                        type="radio"
                        name={`light-${aspect}`}
                        value={light}
                        checked={lights[aspect] === light}
                        disabled={!editable}
                        onChange={() => setLights((l) => ({ ...l, [aspect]: light }))}
                      />
                      <LightBadge light={light} />
                    </label>
                  ))}
                </div>
              </fieldset>
            )
          })}
        </div>
        <h3>{t('report.narrativeTitle')}</h3>
        {(['progress', 'problems', 'nextSteps', 'decisionsNeeded'] as const).map((field) => (
          <FreeTextArea
            key={field}
            id={`status-report-${field}`}
            label={t(`report.${field}`)}
            value={text[field]}
            readOnly={!editable}
            rows={4}
            onChange={(e) => {
              setSaved(false)
              setText((x) => ({ ...x, [field]: e.target.value }))
            }}
          />
        ))}
        <ProblemAlert error={update.error ?? submit.error ?? correct.error} />
        {saved && !update.isPending ? (
          <p role="status" className="muted">
            {t('report.saved')}
          </p>
        ) : null}
        {editable ? (
          <div className="button-row">
            <Button type="submit" disabled={update.isPending}>
              {t('report.save')}
            </Button>
            <Button
              variant="primary"
              disabled={update.isPending || submit.isPending}
              onClick={() => void onSubmit()}
            >
              {t('report.submit')}
            </Button>
          </div>
        ) : null}
      </form>
      {canWrite && report.status === 'submitted' && !report.supersededById ? (
        <Button
          onClick={() =>
            correct.mutate(
              { supersedesId: report.id },
              {
                onSuccess: (created) =>
                  void navigate({
                    to: '/projects/$projectId/status-reports/$reportId',
                    params: { projectId, reportId: created.id },
                  }),
              },
            )
          }
        >
          {t('report.correct')}
        </Button>
      ) : null}
      <Acknowledgements report={report} />
      {canAcknowledge && report.status === 'submitted' && !report.supersededById ? (
        <AcknowledgeForm
          projectId={projectId}
          reportId={report.id}
          acknowledged={report.acknowledgementList.length > 0}
        />
      ) : null}
      {report.status === 'submitted' ? (
        <Comments
          report={report}
          projectId={projectId}
          canComment={canAcknowledge && !report.supersededById}
        />
      ) : null}
    </section>
  )
}

function Acknowledgements({ report }: { report: StatusReport }) {
  const { t } = useTranslation('statusReports')
  if (report.acknowledgementList.length === 0) return null
  return (
    <section aria-labelledby="status-report-acknowledgements">
      <h3 id="status-report-acknowledgements">{t('report.acknowledgements')}</h3>
      <ul>
        {report.acknowledgementList.map((a) => (
          <li key={a.id}>
            {a.by ?? '–'}, {formatTimestamp(a.at)}
            {a.comment ? `: ${a.comment}` : ` – ${t('report.noComment')}`}
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * The steering group confirms it has read a submitted report, optionally with a comment. A report
 * is acknowledged once (the server answers 409 to a second), so the form goes once it is; the
 * status line stays so the confirmation is announced.
 */
function AcknowledgeForm({
  projectId,
  reportId,
  acknowledged,
}: {
  projectId: string
  reportId: string
  acknowledged: boolean
}) {
  const { t } = useTranslation('statusReports')
  const acknowledge = useAcknowledgeStatusReport(projectId, reportId)
  const [comment, setComment] = useState('')
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    acknowledge.mutate(comment, { onSuccess: () => setComment('') })
  }
  return (
    <>
      <p role="status" className="muted">
        {acknowledge.isSuccess ? t('report.acknowledged') : ''}
      </p>
      {acknowledged ? (
        acknowledge.isError ? (
          <ProblemAlert error={acknowledge.error} />
        ) : null
      ) : (
        <form onSubmit={onSubmit} aria-labelledby="status-report-acknowledge">
          <h3 id="status-report-acknowledge">{t('report.acknowledgeTitle')}</h3>
          <p className="muted">{t('report.acknowledgeIntro')}</p>
          <FreeTextArea
            id="status-report-acknowledge-comment"
            label={t('report.acknowledgeComment')}
            value={comment}
            rows={3}
            onChange={(e) => setComment(e.target.value)}
          />
          <ProblemAlert error={acknowledge.error} />
          <Button type="submit" variant="primary" busy={acknowledge.isPending}>
            {t('report.acknowledge')}
          </Button>
        </form>
      )}
    </>
  )
}

/**
 * The steering group's comments on a submitted report, oldest first so the conversation reads
 * in order, and the form for its members. Unlike the acknowledgement, members may comment any
 * number of times; a comment cannot be changed once sent. The leader answers in the next report
 * or a correction, which keeps the report itself the leader's account.
 */
function Comments({
  report,
  projectId,
  canComment,
}: {
  report: StatusReport
  projectId: string
  canComment: boolean
}) {
  const { t } = useTranslation('statusReports')
  const comment = useCommentStatusReport(projectId, report.id)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) {
      setError(t('report.commentRequired'))
      return
    }
    setError(undefined)
    comment.mutate(text, { onSuccess: () => setText('') })
  }
  return (
    <section aria-labelledby="status-report-comments">
      <h3 id="status-report-comments">{t('report.comments')}</h3>
      {report.comments.length === 0 ? (
        <p className="muted">{t('report.noComments')}</p>
      ) : (
        <ol className="status-report__comments">
          {report.comments.map((c) => (
            <li key={c.id}>
              <p className="muted">
                {t('report.commentBy', { name: c.by ?? '–', at: formatTimestamp(c.at) })}
              </p>
              <p className="status-report__comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form onSubmit={onSubmit} aria-labelledby="status-report-comment-title" noValidate>
          <h4 id="status-report-comment-title">{t('report.commentTitle')}</h4>
          <p role="status" className="muted">
            {comment.isSuccess ? t('report.commented') : ''}
          </p>
          <FreeTextArea
            id="status-report-comment"
            label={t('report.comment')}
            hint={t('report.commentHint')}
            error={error}
            required
            value={text}
            rows={3}
            onChange={(e) => setText(e.target.value)}
          />
          <ProblemAlert error={comment.error} />
          <Button type="submit" busy={comment.isPending}>
            {t('report.sendComment')}
          </Button>
        </form>
      ) : null}
    </section>
  )
}

function Facts({ report }: { report: StatusReport }) {
  const { t } = useTranslation('statusReports')
  const language = currentLanguage()
  const { facts } = report
  const level = (unit: (typeof facts.indicators)[number]['unit'], value: number | null) =>
    value === null
      ? '–'
      : unit === 'percentage'
        ? formatShare(value, language)
        : formatQuantity(unit, { value, numerator: null, denominator: null }, language)
  return (
    <section aria-labelledby="status-report-facts" className="status-report__facts">
      <h3 id="status-report-facts">{t('report.factsTitle')}</h3>
      <p className="muted">
        {report.factsFrozen
          ? t('report.factsFrozen', { date: facts.asOf })
          : t('report.factsLive', { date: facts.asOf })}
      </p>
      <h4>{t('report.late')}</h4>
      {facts.lateActivities.length === 0 ? (
        <p>{t('report.noLate')}</p>
      ) : (
        <ul>
          {facts.lateActivities.map((a) => (
            <li key={a.id}>
              {t('report.lateItem', {
                title: `${a.number ? `${a.number} ` : ''}${a.title}`,
                days: a.overdueDays,
              })}
            </li>
          ))}
        </ul>
      )}
      <p>
        {facts.burn
          ? t('report.burn', {
              spent: formatMoney(facts.burn.spentToDateOre),
              planned: formatMoney(facts.burn.plannedToDateOre),
            })
          : t('report.noBudget')}
      </p>
      {facts.indicators.length > 0 ? (
        <>
          <h4>{t('report.indicators')}</h4>
          <ul>
            {facts.indicators.map((i) => (
              <li key={i.id}>
                {i.name}: {level(i.unit, i.latest)} ({i.latestPeriod ?? '–'}) / {level(i.unit, i.target)} –{' '}
                {progressLabels[i.status][language]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>{t('report.risks', { open: facts.risks.open, high: facts.risks.high })}</p>
    </section>
  )
}
