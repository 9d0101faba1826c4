import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { MemberRole } from '@lagesbild/shared/domain/governance'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { DownloadLink } from '../../../components/download-link'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { usePeopleOptions } from '../../projects/api/get-people-options'
import {
  decisionsExportUrl,
  type SteeringGroup,
  useAddMember,
  useCreateMeeting,
  useDecisions,
  useEndMember,
  useMembersOn,
  useSteeringGroup,
} from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import { DecisionTable } from './decision-table'
import { EditGroup, EditMember, GovernedProjects, MembershipFields } from './group-keeping'
import { RecordDecision } from './record-decision'
import './governance.css'
import { TableScroll } from '../../../components/table-scroll'

export function SteeringGroupPage() {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
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
            {tk(`groupKinds.${g.kind}`)} · {t('groups.owner')}: {g.ownerOrganisation.name}
            {g.organisations.length > 0
              ? ` · ${t('groups.organisations')}: ${g.organisations.map((o) => o.name).join(', ')}`
              : ''}
          </p>
        }
      />
      {g.canManage ? <EditGroup group={g} /> : null}
      <GovernedProjects group={g} />
      <MembersOn group={g} />
      <Meetings group={g} />
      <section className="panel" aria-labelledby="group-decisions-title">
        <h2 id="group-decisions-title">{t('groups.register')}</h2>
        <p className="button-row">
          <Link to="/decisions" search={{ steeringGroupId: g.id }}>
            {t('register.filterScoped')}
          </Link>
          <DownloadLink
            className={buttonClass('secondary', 'small')}
            href={decisionsExportUrl({ steeringGroupId: g.id })}
          >
            {t('register.export')}
          </DownloadLink>
        </p>
        {decisions.data && decisions.data.items.length > 0 ? (
          <DecisionTable decisions={decisions.data.items} caption={t('groups.register')} />
        ) : (
          <p>{t('register.empty')}</p>
        )}
        {g.canManage && decisions.data ? <RecordDecision group={g} decisions={decisions.data.items} /> : null}
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
      <MemberTable
        caption={t('groups.history')}
        members={group.members}
        groupId={group.id}
        canManage={group.canManage}
      />
      {group.canManage ? <AddMember groupId={group.id} /> : null}
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

function MemberTable({
  caption,
  members,
  groupId,
  canManage = false,
}: {
  caption: string
  members: SteeringGroup['members']
  groupId?: string
  canManage?: boolean
}) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const end = useEndMember(groupId ?? '')
  const today = todayInSweden()
  const [editing, setEditing] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const editButtons = useRef(new Map<string, HTMLButtonElement>())
  const member = members.find((m) => m.id === editing)
  return (
    <>
      <TableScroll>
        <table className="data-table data-table--compact">
          <caption className="data-table__caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.name')}</th>
              <th scope="col">{t('columns.role')}</th>
              <th scope="col">{t('columns.from')}</th>
              <th scope="col">{t('columns.to')}</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">{t('columns.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.person.name}</th>
                <td>{t(`roles.${m.role}`)}</td>
                <td className="nowrap">{m.from}</td>
                <td className="nowrap">{m.to ?? '–'}</td>
                {canManage ? (
                  <td>
                    <div className="button-row">
                      {/* A plain button: focus returns to it when the edit form closes. */}
                      <button
                        type="button"
                        className={buttonClass('quiet', 'small')}
                        ref={(node) => {
                          if (node) editButtons.current.set(m.id, node)
                          else editButtons.current.delete(m.id)
                        }}
                        aria-label={tk('members.editLabel', { name: m.person.name })}
                        aria-expanded={editing === m.id}
                        onClick={() => {
                          setSaved(false)
                          setEditing(m.id)
                        }}
                      >
                        {tk('members.edit')}
                      </button>
                      {m.to === null && m.from <= today ? (
                        <Button
                          size="small"
                          variant="quiet"
                          aria-label={t('groups.endLabel', { name: m.person.name })}
                          onClick={() => end.mutate({ memberId: m.id, version: m.version, to: today })}
                        >
                          {t('groups.end')}
                        </Button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {canManage && groupId ? <ProblemAlert error={end.error} /> : null}
      {member && groupId ? (
        <EditMember
          key={`${member.id}-${member.version}`}
          groupId={groupId}
          member={member}
          onDone={(done) => {
            setEditing(null)
            setSaved(done)
            editButtons.current.get(member.id)?.focus()
          }}
        />
      ) : null}
      {canManage ? (
        <p role="status" className="muted">
          {saved ? tk('members.saved') : ''}
        </p>
      ) : null}
    </>
  )
}

function AddMember({ groupId }: { groupId: string }) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const people = usePeopleOptions()
  const add = useAddMember(groupId)
  const [personId, setPersonId] = useState('')
  const [role, setRole] = useState<MemberRole>('member')
  const [from, setFrom] = useState(todayInSweden())
  const [to, setTo] = useState('')
  const [added, setAdded] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setAdded('')
    const name = people.data?.find((p) => p.value === personId)?.label ?? ''
    add.mutate(
      { personId, role, from, to: to || null },
      {
        onSuccess: () => {
          setPersonId('')
          setTo('')
          setAdded(tk('members.added', { name }))
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('groups.addMember')}</h3>
      <ProblemAlert error={add.error} />
      <Select
        id="member-person"
        label={t('columns.name')}
        required
        emptyOption={t('groups.choosePerson')}
        options={people.data ?? []}
        value={personId}
        onChange={(e) => setPersonId(e.target.value)}
      />
      <MembershipFields
        idPrefix="member"
        value={{ role, from, to }}
        onChange={(next) => {
          setRole(next.role)
          setFrom(next.from)
          setTo(next.to)
        }}
      />
      <Button type="submit" disabled={add.isPending || !personId}>
        {t('groups.addMember')}
      </Button>
      <p role="status" className="muted">
        {added}
      </p>
    </form>
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
