import * as projectsApi from '@lagesbild/shared/api/projects'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { type MemberRole, memberRoles } from '@lagesbild/shared/domain/governance'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { TableScroll } from '../../../components/table-scroll'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'
import { useOrganisationOptions } from '../../projects/api/get-organisation-options'
import {
  type SteeringGroup,
  useLinkProject,
  useUnlinkProject,
  useUpdateGroup,
  useUpdateMember,
} from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import { GroupFields, type GroupValues } from './group-fields'

/** Name, kind, mandate and organisations of a group, behind a disclosure on the group's page. */
export function EditGroup({ group }: { group: SteeringGroup }) {
  const { t: tk } = useKeepingTranslation()
  const organisations = useOrganisationOptions()
  const update = useUpdateGroup(group.id)
  const [saved, setSaved] = useState(false)
  const [values, setValues] = useState<GroupValues>({
    name: group.name,
    kind: group.kind,
    description: group.description,
    organisationIds: group.organisations.map((o) => o.id),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    update.mutate({ version: group.version, ...values }, { onSuccess: () => setSaved(true) })
  }
  return (
    <details className="panel group-edit">
      <summary>{tk('edit.open')}</summary>
      <form onSubmit={submit}>
        <ProblemAlert error={update.error} />
        <GroupFields
          idPrefix="edit-group"
          values={values}
          organisations={organisations.data ?? []}
          onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        />
        <Button type="submit" variant="primary" busy={update.isPending}>
          {tk('edit.save')}
        </Button>
        <p role="status" className="muted">
          {saved ? tk('edit.saved') : ''}
        </p>
      </form>
    </details>
  )
}

/** The projects and sub-projects the group governs; keepers link, end and remove links here. */
export function GovernedProjects({ group }: { group: SteeringGroup }) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const today = todayInSweden()
  const link = useLinkProject(group.id)
  const unlink = useUnlinkProject(group.id)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const error = link.error ?? unlink.error
  return (
    <section className="panel" aria-labelledby="governs-title">
      <h2 id="governs-title">{tk('projects.title')}</h2>
      <ProblemAlert error={error} />
      {group.projects.length === 0 ? (
        <p>{tk('projects.none')}</p>
      ) : (
        <TableScroll>
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{tk('projects.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.project')}</th>
                <th scope="col">{t('columns.from')}</th>
                <th scope="col">{t('columns.to')}</th>
                {group.canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {group.projects.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to="/projects/$projectId/governance" params={{ projectId: p.id }}>
                      {p.name}
                    </Link>
                    {p.parentId ? <span className="decision-note">{tk('projects.subProject')}</span> : null}
                  </th>
                  <td className="nowrap">{p.from ?? '–'}</td>
                  <td className="nowrap">{p.to ?? t('groups.ongoing')}</td>
                  {group.canManage ? (
                    <td>
                      <div className="button-row">
                        {(p.to === null || p.to > today) && (p.from === null || p.from <= today) ? (
                          <Button
                            size="small"
                            variant="quiet"
                            aria-label={tk('projects.endLabel', { name: p.name })}
                            onClick={() => {
                              setMessage('')
                              link.mutate(
                                { projectId: p.id, from: p.from, to: today },
                                { onSuccess: () => setMessage(tk('projects.ended', { name: p.name })) },
                              )
                            }}
                          >
                            {tk('projects.end')}
                          </Button>
                        ) : null}
                        {confirming === p.id ? (
                          <Button
                            size="small"
                            variant="danger"
                            aria-label={tk('projects.confirmRemoveLabel', { name: p.name })}
                            onClick={() => {
                              setConfirming(null)
                              setMessage('')
                              unlink.mutate(p.id, {
                                onSuccess: () => setMessage(tk('projects.removed', { name: p.name })),
                              })
                            }}
                          >
                            {tk('projects.confirmRemove')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            variant="quiet"
                            aria-label={tk('projects.removeLabel', { name: p.name })}
                            onClick={() => setConfirming(p.id)}
                          >
                            {tk('projects.remove')}
                          </Button>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {group.canManage ? <p className="muted small">{tk('projects.removeHint')}</p> : null}
      <p role="status" className="muted">
        {message}
      </p>
      {group.canManage ? (
        <LinkProject
          group={group}
          onLinked={(name) => setMessage(tk('projects.linked', { name }))}
          link={(projectId, from) => link.mutateAsync({ projectId, from, to: null })}
          busy={link.isPending}
        />
      ) : null}
    </section>
  )
}

/** Search the projects the keeper can see and link one; a sub-project may have its own group. */
function LinkProject({
  group,
  onLinked,
  link,
  busy,
}: {
  group: SteeringGroup
  onLinked: (name: string) => void
  link: (projectId: string, from: string | null) => Promise<unknown>
  busy: boolean
}) {
  const { t: tk } = useKeepingTranslation()
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [from, setFrom] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250)
    return () => clearTimeout(timer)
  }, [text])
  const query = { q, limit: 10 }
  const results = useQuery({
    queryKey: queryKeys.projects.list(query),
    queryFn: ({ signal }) => apiRequest(projectsApi.listProjects, { query }, { signal }),
    enabled: q.length >= 2,
  })
  const linked = new Set(group.projects.map((p) => p.id))
  const items = results.data?.items ?? []
  return (
    <div className="link-project">
      <h3>{tk('projects.link')}</h3>
      <Field
        id="link-project-search"
        type="search"
        label={tk('projects.search')}
        hint={tk('projects.searchHint')}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        width="medium"
      />
      <Field
        id="link-project-from"
        type="date"
        label={tk('projects.from')}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        width="short"
      />
      <ProblemAlert error={results.error} />
      {q.length >= 2 && results.data ? (
        items.length === 0 ? (
          <p role="status">{tk('projects.noResults')}</p>
        ) : (
          <ul className="link-project__results" aria-label={tk('projects.results')}>
            {items.map((p) => (
              <li key={p.id}>
                <span>
                  {p.name}
                  {p.code ? <span className="decision-note">{p.code}</span> : null}
                </span>
                {linked.has(p.id) ? (
                  <span className="muted">{tk('projects.alreadyLinked')}</span>
                ) : (
                  <Button
                    size="small"
                    busy={busy}
                    aria-label={tk('projects.linkLabel', { name: p.name })}
                    onClick={() =>
                      link(p.id, /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : null).then(
                        () => onLinked(p.name),
                        () => undefined,
                      )
                    }
                  >
                    {tk('projects.linkOne')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  )
}

/** Change a membership's role or period; ending one keeps it in the history. */
export function EditMember({
  groupId,
  member,
  onDone,
}: {
  groupId: string
  member: SteeringGroup['members'][number]
  onDone: (saved: boolean) => void
}) {
  const { t: tk } = useKeepingTranslation()
  const { t: tc } = useTranslation('common')
  const update = useUpdateMember(groupId)
  const heading = useRef<HTMLHeadingElement>(null)
  const [role, setRole] = useState<MemberRole>(member.role)
  const [from, setFrom] = useState(member.from)
  const [to, setTo] = useState(member.to ?? '')
  useEffect(() => heading.current?.focus(), [])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      { memberId: member.id, version: member.version, role, from, to: to || null },
      { onSuccess: () => onDone(true) },
    )
  }
  return (
    <form className="member-edit" onSubmit={submit} aria-labelledby="member-edit-title">
      <h3 id="member-edit-title" ref={heading} tabIndex={-1}>
        {tk('members.editTitle', { name: member.person.name })}
      </h3>
      <ProblemAlert error={update.error} />
      <MembershipFields
        idPrefix="member-edit"
        value={{ role, from, to }}
        onChange={(next) => {
          setRole(next.role)
          setFrom(next.from)
          setTo(next.to)
        }}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {tk('members.save')}
        </Button>
        <Button type="button" variant="quiet" onClick={() => onDone(false)}>
          {tc('actions.cancel')}
        </Button>
      </div>
    </form>
  )
}

export interface MembershipValues {
  role: MemberRole
  from: string
  to: string
}

/** A seat's role and period, the same when a member is added and when a membership is edited. */
export function MembershipFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string
  value: MembershipValues
  onChange: (next: MembershipValues) => void
}) {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  return (
    <>
      <Select
        id={`${idPrefix}-role`}
        label={t('columns.role')}
        options={memberRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={value.role}
        onChange={(e) => onChange({ ...value, role: e.target.value as MemberRole })}
        width="medium"
      />
      <Field
        id={`${idPrefix}-from`}
        type="date"
        required
        label={t('columns.from')}
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value })}
        width="short"
      />
      <Field
        id={`${idPrefix}-to`}
        type="date"
        label={t('columns.to')}
        hint={tk('members.toHint')}
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.target.value })}
        width="short"
      />
    </>
  )
}
