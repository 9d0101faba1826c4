import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { TextArea } from '../../../components/text-area'
import {
  type SteeringGroup,
  useCreateMeeting,
  useDecisions,
  useMembersOn,
  useSteeringGroup,
} from '../api/governance'
import { DecisionTable } from './decision-table'
import './governance.css'

export function SteeringGroupPage() {
  const { t } = useTranslation('governance')
  const { groupId } = useParams({ from: '/authenticated/steering-groups/$groupId' })
  const group = useSteeringGroup(groupId)
  const decisions = useDecisions({ steeringGroupId: groupId })
  if (group.isPending) return <Loading />
  if (!group.data) return <ProblemAlert error={group.error} />
  const g = group.data
  return (
    <>
      <PageHeader
        title={g.name}
        breadcrumbs={
          <Breadcrumbs label={t('groups.title')}>
            <li>
              <Link to="/steering-groups">{t('groups.title')}</Link>
            </li>
            <li aria-current="page">{g.name}</li>
          </Breadcrumbs>
        }
        description={
          <p>
            {t('groups.owner')}: {g.ownerOrganisation.name}
            {g.organisations.length > 0
              ? ` · ${t('groups.organisations')}: ${g.organisations.map((o) => o.name).join(', ')}`
              : ''}
          </p>
        }
      />
      <section className="panel" aria-labelledby="governs-title">
        <h2 id="governs-title">{t('columns.projects')}</h2>
        <ul>
          {g.projects.map((p) => (
            <li key={p.id}>
              <Link to="/projects/$projectId/governance" params={{ projectId: p.id }}>
                {p.name}
              </Link>
              {p.from ? ` (${p.from} – ${p.to ?? t('groups.ongoing')})` : ''}
            </li>
          ))}
        </ul>
      </section>
      <MembersOn group={g} />
      <Meetings group={g} />
      <section className="panel" aria-labelledby="group-decisions-title">
        <h2 id="group-decisions-title">{t('groups.register')}</h2>
        {decisions.data && decisions.data.items.length > 0 ? (
          <DecisionTable decisions={decisions.data.items} caption={t('groups.register')} />
        ) : (
          <p>{t('register.empty')}</p>
        )}
      </section>
    </>
  )
}

function MembersOn({ group }: { group: SteeringGroup }) {
  const { t } = useTranslation('governance')
  const [on, setOn] = useState(todayInSweden())
  const members = useMembersOn(group.id, /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : todayInSweden())
  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">{t('groups.history')}</h2>
      <MemberTable caption={t('groups.history')} members={group.members} />
      <Field
        id="members-on"
        type="date"
        label={t('groups.membersOn')}
        value={on}
        onChange={(e) => setOn(e.target.value)}
        width="short"
      />
      {members.data && members.data.items.length === 0 ? <p>{t('groups.noMembers')}</p> : null}
      {members.data && members.data.items.length > 0 ? (
        <MemberTable
          caption={t('groups.membersOnCaption', { date: members.data.on })}
          members={members.data.items}
        />
      ) : null}
    </section>
  )
}

function MemberTable({ caption, members }: { caption: string; members: SteeringGroup['members'] }) {
  const { t } = useTranslation('governance')
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption className="data-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.role')}</th>
            <th scope="col">{t('columns.from')}</th>
            <th scope="col">{t('columns.to')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.person.name}</th>
              <td>{t(`roles.${m.role}`)}</td>
              <td className="nowrap">{m.from}</td>
              <td className="nowrap">{m.to ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Meetings({ group }: { group: SteeringGroup }) {
  const { t } = useTranslation('governance')
  const create = useCreateMeeting(group.id)
  const [date, setDate] = useState('')
  const [place, setPlace] = useState('')
  const [agenda, setAgenda] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      {
        date,
        place,
        agenda: agenda
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      },
      { onSuccess: () => setAgenda('') },
    )
  }
  return (
    <section className="panel" aria-labelledby="meetings-title">
      <h2 id="meetings-title">{t('groups.meetings')}</h2>
      {group.meetings.length === 0 ? (
        <p>{t('groups.noMeetings')}</p>
      ) : (
        <ul>
          {group.meetings.map((m) => (
            <li key={m.id}>
              <Link to="/meetings/$meetingId" params={{ meetingId: m.id }}>
                {t('meeting.title', { date: m.date })}
              </Link>
              {m.place ? `, ${m.place}` : ''}
            </li>
          ))}
        </ul>
      )}
      {group.canManage ? (
        <form onSubmit={submit} aria-labelledby="new-meeting-title">
          <h3 id="new-meeting-title">{t('groups.newMeeting')}</h3>
          <ProblemAlert error={create.error} />
          <Field
            id="meeting-date"
            type="date"
            required
            label={t('groups.meetingDate')}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            width="short"
          />
          <Field
            id="meeting-place"
            label={t('groups.place')}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            width="medium"
          />
          <TextArea
            id="meeting-agenda"
            label={t('groups.agenda')}
            hint={t('groups.agendaHint')}
            rows={4}
            value={agenda}
            onChange={(e) => setAgenda(e.target.value)}
          />
          <Button type="submit" disabled={create.isPending}>
            {t('groups.createMeeting')}
          </Button>
        </form>
      ) : null}
    </section>
  )
}
