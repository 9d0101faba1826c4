import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { formatTimestamp } from '../../../lib/format'
import { can, useProject } from '../../projects/api/get-project'
import {
  type StatusReportList,
  useCreateStatusReport,
  usePutSchedule,
  useStatusReports,
} from '../api/status-reports'
import { LightBadge } from './light-badge'
import './status-reports.css'
import { TableScroll } from '../../../components/table-scroll'

const aspects = ['schedule', 'budget', 'goals', 'risks', 'overall'] as const
const frequencies = ['monthly', 'quarterly', 'term'] as const

export function StatusReportsPage() {
  const { t } = useTranslation('statusReports')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/status-reports' })
  const { data: project } = useProject(projectId)
  const list = useStatusReports(projectId)
  const create = useCreateStatusReport(projectId)
  const navigate = useNavigate()
  const canWrite = can(project, 'project:edit')
  const items = list.data?.items ?? []
  const drafts = new Map(items.filter((r) => r.status === 'draft').map((r) => [r.period, r.id]))

  const open = (reportId: string) =>
    navigate({ to: '/projects/$projectId/status-reports/$reportId', params: { projectId, reportId } })
  const start = (period: string) => {
    const draft = drafts.get(period)
    if (draft) return void open(draft)
    create.mutate({ period }, { onSuccess: (report) => void open(report.id) })
  }

  return (
    <section aria-labelledby="status-reports-title" className="panel">
      <h2 id="status-reports-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error ?? create.error} />
      {list.data ? (
        <>
          <h3>{t('due.title')}</h3>
          {list.data.due.length === 0 ? (
            <p>{t('due.none')}</p>
          ) : (
            <ul className="button-list">
              {list.data.due.map((period) => (
                <li key={period}>
                  {canWrite ? (
                    <Button onClick={() => start(period)} disabled={create.isPending}>
                      {drafts.has(period) ? t('due.continue', { period }) : t('due.start', { period })}
                    </Button>
                  ) : (
                    period
                  )}
                </li>
              ))}
            </ul>
          )}
          <History items={items} projectId={projectId} />
          {canWrite ? <ScheduleForm projectId={projectId} schedule={list.data.schedule} /> : null}
        </>
      ) : null}
    </section>
  )
}

function History({ items, projectId }: { items: StatusReportList['items']; projectId: string }) {
  const { t } = useTranslation('statusReports')
  if (items.length === 0) return <EmptyState title={t('empty')} />
  return (
    <>
      <h3>{t('history.title')}</h3>
      <TableScroll>
        <table className="data-table data-table--compact">
          <caption className="visually-hidden">{t('history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.period')}</th>
              {aspects.map((a) => (
                <th key={a} scope="col">
                  {t(`aspects.${a}`)}
                </th>
              ))}
              <th scope="col">{t('history.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((report) => (
              <tr key={report.id}>
                <th scope="row">
                  <Link
                    to="/projects/$projectId/status-reports/$reportId"
                    params={{ projectId, reportId: report.id }}
                    aria-label={t('history.open', { period: report.period })}
                  >
                    {report.period}
                  </Link>
                </th>
                {aspects.map((a) => (
                  <td key={a}>
                    <LightBadge light={report.lights[a]} />
                  </td>
                ))}
                <td>
                  {report.status === 'draft'
                    ? t('history.draft')
                    : t('history.submitted', {
                        date: report.submittedAt ? formatTimestamp(report.submittedAt) : '',
                      })}
                  {report.supersedesId ? <> · {t('history.correction')}</> : null}
                  {report.supersededById ? <> · {t('history.superseded')}</> : null}
                  {report.acknowledgements > 0 ? <> · {t('history.acknowledged')}</> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}

function ScheduleForm({
  projectId,
  schedule,
}: {
  projectId: string
  schedule: StatusReportList['schedule']
}) {
  const { t } = useTranslation('statusReports')
  const put = usePutSchedule(projectId)
  const [frequency, setFrequency] = useState<(typeof frequencies)[number]>(schedule?.frequency ?? 'monthly')
  const [starts, setStarts] = useState(schedule?.starts ?? '')
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    put.mutate({ frequency, starts, ...(schedule ? { version: schedule.version } : {}) })
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="schedule-title">
      <h3 id="schedule-title">{t('schedule.title')}</h3>
      {schedule ? null : <p className="muted">{t('schedule.none')}</p>}
      <Select
        id="schedule-frequency"
        label={t('schedule.frequency')}
        width="medium"
        value={frequency}
        onChange={(e) => setFrequency(e.target.value as (typeof frequencies)[number])}
        options={frequencies.map((f) => ({ value: f, label: t(`schedule.frequencies.${f}`) }))}
      />
      <Field
        id="schedule-starts"
        label={t('schedule.starts')}
        type="date"
        width="medium"
        required
        value={starts}
        onChange={(e) => setStarts(e.target.value)}
      />
      <Button type="submit" disabled={put.isPending || !starts}>
        {t('schedule.save')}
      </Button>
      <ProblemAlert error={put.error} />
    </form>
  )
}
