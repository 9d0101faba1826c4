import { Link, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { DownloadLink } from '../../../components/download-link'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { TextArea } from '../../../components/text-area'
import {
  type Meeting,
  meetingExtractFileUrl,
  useDecisions,
  useMeeting,
  useUpdateMeeting,
} from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import { DecisionTable } from './decision-table'
import './governance.css'

/** A meeting: agenda, attendance, minutes and the decisions taken; its protocol extract prints and downloads. */
export function MeetingPage() {
  const { meetingId } = useParams({ from: '/authenticated/meetings/$meetingId' })
  const meeting = useMeeting(meetingId)
  if (meeting.isPending) return <Loading />
  if (!meeting.data) return <ProblemAlert error={meeting.error} />
  return <MeetingView meeting={meeting.data} />
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const decisions = useDecisions({ steeringGroupId: meeting.steeringGroup.id })
  const taken = (decisions.data?.items ?? []).filter((d) => d.meeting?.id === meeting.id)
  return (
    <>
      <PageHeader
        title={`${meeting.steeringGroup.name}: ${t('meeting.title', { date: meeting.date })}`}
        breadcrumbs={
          <Breadcrumbs label={t('groups.title')}>
            <li>
              <Link to="/steering-groups">{t('groups.title')}</Link>
            </li>
            <li>
              <Link to="/steering-groups/$groupId" params={{ groupId: meeting.steeringGroup.id }}>
                {meeting.steeringGroup.name}
              </Link>
            </li>
            <li aria-current="page">{meeting.date}</li>
          </Breadcrumbs>
        }
        description={meeting.place ? <p>{meeting.place}</p> : null}
        actions={
          <div className="button-row no-print">
            <Link
              to="/print/meeting-extract/$meetingId"
              params={{ meetingId: meeting.id }}
              className={buttonClass('secondary')}
            >
              {t('meeting.print')}
            </Link>
            <DownloadLink
              className={buttonClass('secondary')}
              href={meetingExtractFileUrl(meeting.id, 'pdf')}
            >
              {tk('meeting.downloadPdf')}
            </DownloadLink>
            <DownloadLink className={buttonClass('quiet')} href={meetingExtractFileUrl(meeting.id, 'docx')}>
              {tk('meeting.downloadDocx')}
            </DownloadLink>
          </div>
        }
      />
      <section className="panel" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('meeting.agenda')}</h2>
        {meeting.agenda.length > 0 ? (
          <ol>
            {meeting.agenda.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        ) : null}
        <h3>{t('meeting.attendance')}</h3>
        {meeting.attendees.length > 0 ? (
          <p>{meeting.attendees.map((a) => a.name).join(', ')}</p>
        ) : (
          <p>{t('meeting.noAttendance')}</p>
        )}
      </section>
      <Minutes meeting={meeting} />
      <section className="panel" aria-labelledby="meeting-decisions-title">
        <h2 id="meeting-decisions-title">{t('meeting.decisions')}</h2>
        {taken.length > 0 ? (
          <DecisionTable decisions={taken} caption={t('meeting.extract')} />
        ) : (
          <p>{t('meeting.noDecisions')}</p>
        )}
      </section>
    </>
  )
}

function Minutes({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('governance')
  const update = useUpdateMeeting(meeting.id)
  const [minutes, setMinutes] = useState(meeting.minutes)
  const [saved, setSaved] = useState(false)
  return (
    <section className="panel" aria-labelledby="minutes-title">
      <h2 id="minutes-title">{t('meeting.minutes')}</h2>
      {meeting.canManage ? (
        <form
          className="no-print"
          onSubmit={(event) => {
            event.preventDefault()
            setSaved(false)
            update.mutate({ version: meeting.version, minutes }, { onSuccess: () => setSaved(true) })
          }}
        >
          <ProblemAlert error={update.error} />
          <TextArea
            id="meeting-minutes"
            label={t('meeting.minutes')}
            rows={8}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <Button type="submit" disabled={update.isPending}>
            {t('meeting.saveMinutes')}
          </Button>
          <p role="status" className="muted">
            {saved ? t('meeting.saved') : ''}
          </p>
        </form>
      ) : null}
      <p className={meeting.canManage ? 'minutes print-only' : 'minutes'}>
        {meeting.minutes || t('meeting.noMinutes')}
      </p>
    </section>
  )
}
