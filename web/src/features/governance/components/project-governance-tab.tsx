import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { allowedTransitions, type LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { Link, useParams, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { DownloadLink } from '../../../components/download-link'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'
import { useActivities } from '../../plans/api/get-activities'
import { useOrganisationOptions } from '../../projects/api/get-organisation-options'
import { usePeopleOptions } from '../../projects/api/get-people-options'
import { can, useProject } from '../../projects/api/get-project'
import {
  decisionsExportUrl,
  type RequestCreate,
  useCourse,
  useCreateRequest,
  useDecisions,
  useProjectRequests,
  useProposedBudgetVersions,
} from '../api/governance'
import { RequestTable } from './decide-page'
import { DecisionTable } from './decision-table'
import { OutsideDecision } from './outside-decision'
import './governance.css'

/** A project's governance: ask for a decision, the requests on record, Projektförlopp, the decisions. */
export function ProjectGovernanceTab() {
  const { t } = useTranslation('governance')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/governance' })
  const search = useSearch({ from: '/authenticated/projects/$projectId/governance' })
  const { data: project } = useProject(projectId)
  const me = useCurrentUser()
  const requests = useProjectRequests(projectId)
  const course = useCourse(projectId)
  const decisions = useDecisions({ projectId })
  return (
    <>
      {can(project, 'project:edit') ? (
        <RequestForm
          key={`${search.kind ?? ''}-${search.subject ?? ''}`}
          projectId={projectId}
          status={project.status as LifecycleStatus}
          initialKind={search.kind ?? 'milestone'}
          subject={search.subject ?? ''}
        />
      ) : null}
      <section className="panel" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('project.requests')}</h2>
        <ProblemAlert error={requests.error} />
        {requests.isPending ? <Loading /> : null}
        {requests.data && requests.data.items.length === 0 ? <p>{t('project.requestsEmpty')}</p> : null}
        {requests.data && requests.data.items.length > 0 ? (
          <RequestTable requests={requests.data.items} />
        ) : null}
      </section>
      {can(project, 'project:edit') && hasOrganisationRole(me, ['administrator']) && requests.data ? (
        <OutsideDecision requests={requests.data.items.filter((r) => r.project.id === projectId)} />
      ) : null}
      <section className="panel" aria-labelledby="course-title">
        <h2 id="course-title">{t('project.course')}</h2>
        <p className="muted">{t('project.courseIntro')}</p>
        <ProblemAlert error={course.error} />
        {course.data && course.data.items.length === 0 ? <p>{t('project.courseEmpty')}</p> : null}
        {course.data && course.data.items.length > 0 ? (
          <ol className="course-list">
            {course.data.items.map((e) => (
              <li key={`${e.date}-${e.kind}-${e.title}-${e.detail}`}>
                <span className="nowrap">{e.date}</span> –{' '}
                <span className="course-list__kind">{t(`project.eventKinds.${e.kind}`)}</span>: {e.title}
                {e.detail ? <div className="decision-table__text">{e.detail}</div> : null}
              </li>
            ))}
          </ol>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('project.decisions')}</h2>
        <p className="button-row">
          <Link to="/decisions" search={{ projectId }}>
            {t('register.filterScoped')}
          </Link>
          <DownloadLink
            className={buttonClass('secondary', 'small')}
            href={decisionsExportUrl({ projectId })}
          >
            {t('register.export')}
          </DownloadLink>
        </p>
        <ProblemAlert error={decisions.error} />
        {decisions.data && decisions.data.items.length > 0 ? (
          <DecisionTable
            decisions={decisions.data.items}
            caption={t('project.decisions')}
            showProject={false}
          />
        ) : null}
      </section>
    </>
  )
}

const kinds = [
  'milestone',
  'plan_revision',
  'budget_change',
  'lifecycle',
  'change_leader',
  'change_owner',
] as const

function RequestForm({
  projectId,
  status,
  initialKind,
  subject,
}: {
  projectId: string
  status: LifecycleStatus
  initialKind: (typeof kinds)[number]
  subject: string
}) {
  const { t } = useTranslation('governance')
  const { t: tc } = useTranslation('common')
  const create = useCreateRequest(projectId)
  const activities = useActivities(projectId)
  const [kind, setKind] = useState<(typeof kinds)[number]>(initialKind)
  const [activityId, setActivityId] = useState(initialKind === 'milestone' ? subject : '')
  const [label, setLabel] = useState('')
  const [revisionDate, setRevisionDate] = useState(todayInSweden())
  const [to, setTo] = useState('')
  const [budgetVersionId, setBudgetVersionId] = useState(initialKind === 'budget_change' ? subject : '')
  const budgetVersions = useProposedBudgetVersions(projectId, kind === 'budget_change')
  const proposed = budgetVersions.data ?? []
  const [personId, setPersonId] = useState('')
  const [leaderFrom, setLeaderFrom] = useState(todayInSweden())
  const [organisationId, setOrganisationId] = useState('')
  const people = usePeopleOptions(kind === 'change_leader')
  const organisations = useOrganisationOptions()
  const [summary, setSummary] = useState('')
  const [sent, setSent] = useState(false)
  const milestones = (activities.data?.items ?? []).filter((a) => a.milestone)
  const transitions = allowedTransitions(status)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSent(false)
    const body: RequestCreate =
      kind === 'milestone'
        ? { kind, summary, activityId: activityId || milestones[0]?.id }
        : kind === 'plan_revision'
          ? { kind, summary, label, revisionDate }
          : kind === 'budget_change'
            ? { kind, summary, budgetVersionId: budgetVersionId || proposed[0]?.id }
            : kind === 'change_leader'
              ? { kind, summary, personId, from: leaderFrom }
              : kind === 'change_owner'
                ? { kind, summary, organisationId }
                : { kind, summary, to: (to || transitions[0]) as LifecycleStatus }
    create.mutate(body, {
      onSuccess: () => {
        setSent(true)
        setSummary('')
      },
    })
  }

  return (
    <section className="panel" aria-labelledby="request-title">
      <h2 id="request-title">{t('project.requestTitle')}</h2>
      <p className="muted">{t('project.requestIntro')}</p>
      <form onSubmit={submit}>
        <ProblemAlert error={create.error} />
        <Select
          id="request-kind"
          label={t('project.kind')}
          options={kinds.map((k) => ({ value: k, label: t(`requestKinds.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof kinds)[number])}
          width="medium"
        />
        {kind === 'milestone' ? (
          milestones.length > 0 ? (
            <Select
              id="request-activity"
              label={t('project.milestone')}
              options={milestones.map((a) => ({
                value: a.id,
                label: a.number ? `${a.number} ${a.title}` : a.title,
              }))}
              value={activityId || milestones[0]?.id || ''}
              onChange={(e) => setActivityId(e.target.value)}
            />
          ) : (
            <p>{t('project.noMilestones')}</p>
          )
        ) : null}
        {kind === 'plan_revision' ? (
          <>
            <Field
              id="request-label"
              label={t('project.label')}
              required
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              width="medium"
            />
            <Field
              id="request-revision-date"
              type="date"
              label={t('project.revisionDate')}
              value={revisionDate}
              onChange={(e) => setRevisionDate(e.target.value)}
              width="short"
            />
          </>
        ) : null}
        {kind === 'budget_change' ? (
          proposed.length > 0 ? (
            <Select
              id="request-budget-version"
              label={t('project.budgetVersion')}
              options={proposed.map((v) => ({
                value: v.id,
                label: t('project.budgetVersionLabel', { number: v.number, note: v.note }),
              }))}
              value={budgetVersionId || proposed[0]?.id || ''}
              onChange={(e) => setBudgetVersionId(e.target.value)}
              width="medium"
            />
          ) : (
            <p>{t('project.noProposedBudget')}</p>
          )
        ) : null}
        {kind === 'change_leader' ? (
          <>
            <Select
              id="request-person"
              label={t('project.newLeader')}
              required
              emptyOption={t('groups.choosePerson')}
              options={people.data ?? []}
              value={personId}
              onChange={(e) => setPersonId(e.target.value)}
            />
            <Field
              id="request-leader-from"
              type="date"
              label={t('columns.from')}
              value={leaderFrom}
              onChange={(e) => setLeaderFrom(e.target.value)}
              width="short"
            />
          </>
        ) : null}
        {kind === 'change_owner' ? (
          <Select
            id="request-owner"
            label={t('project.newOwner')}
            required
            emptyOption={t('project.chooseOrganisation')}
            options={organisations.data ?? []}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          />
        ) : null}
        {kind === 'lifecycle' ? (
          transitions.length > 0 ? (
            <Select
              id="request-to"
              label={t('project.to')}
              options={transitions.map((s) => ({ value: s, label: tc(`status.${s}`) }))}
              value={to || transitions[0] || ''}
              onChange={(e) => setTo(e.target.value)}
              width="medium"
            />
          ) : (
            <p>{t('project.noTransitions')}</p>
          )
        ) : null}
        <TextArea
          id="request-summary"
          label={t('project.summary')}
          hint={t('project.summaryHint')}
          required
          rows={3}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <Button type="submit" disabled={create.isPending}>
          {t('project.send')}
        </Button>
        <p role="status" className="muted">
          {sent ? t('project.sent') : ''}
        </p>
      </form>
    </section>
  )
}
