import { organisationRoles, projectRoles } from '@lagesbild/shared/domain/access'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { FactList } from '../../../components/fact-list'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { formatTimestamp } from '../../../lib/format'
import { useAdministeredOrganisations } from '../api/organisations'
import { useEraseUser } from '../api/privacy'
import {
  type Grant,
  type IssuedLink,
  projectOptionsQueryOptions,
  type UserDetail,
  useDeactivateUser,
  useIssueLink,
  useReactivateUser,
  useRemoveFromProject,
  useRevokeUserSessions,
  userSessionsQueryOptions,
  useSetProjectRole,
  useUpdateUserRoles,
  useUser,
} from '../api/users'
import { AdminNav } from './admin-nav'
import { ErasurePanel } from './erasure-panel'
import { IssuedLinkPanel } from './issued-link'
import { UserStatusBadge } from './user-status'
import './admin.css'

type Role = (typeof organisationRoles)[number]
type ProjectRole = (typeof projectRoles)[number]

/** One user: facts, access, roles, project roles, sessions, and data protection. */
export function UserPage() {
  const { t } = useTranslation('admin')
  const { userId } = useParams({ from: '/authenticated/admin/users/$userId' })
  const user = useUser(userId)
  if (user.isPending) return <Loading />
  if (user.isError) return <ProblemAlert error={user.error} />
  const u = user.data
  const erased = u.status === 'erased'
  return (
    <>
      <AdminNav />
      <PageHeader
        title={u.name}
        badge={<UserStatusBadge status={u.status} />}
        breadcrumbs={
          <Breadcrumbs label={t('nav.label')}>
            <li>
              <Link to="/admin/users">{t('users.title')}</Link>
            </li>
          </Breadcrumbs>
        }
      />
      <UserFacts user={u} />
      {erased ? null : <AccessPanel user={u} />}
      {erased ? null : <RolesPanel user={u} />}
      {erased ? null : <ProjectsPanel user={u} />}
      {erased ? null : <SessionsPanel userId={u.id} />}
      <PrivacyPanel user={u} />
    </>
  )
}

function UserFacts({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin')
  return (
    <FactList
      facts={[
        { key: 'email', term: t('user.facts.email'), value: user.email },
        { key: 'org', term: t('user.facts.organisation'), value: user.organisation.name },
        {
          key: 'login',
          term: t('user.facts.lastLogin'),
          value: user.lastLoginAt ? formatTimestamp(user.lastLoginAt) : t('users.never'),
        },
        {
          key: 'sso',
          term: t('user.facts.sso'),
          value: user.sso ? t('user.facts.ssoLinked') : t('user.facts.ssoNone'),
        },
        {
          key: 'person',
          term: t('user.facts.person'),
          value: user.person ? (
            <Link to="/admin/people/$personId" params={{ personId: user.person.id }}>
              {user.person.name}
            </Link>
          ) : (
            '–'
          ),
        },
        { key: 'created', term: t('user.facts.created'), value: formatTimestamp(user.createdAt) },
      ]}
    />
  )
}

function AccessPanel({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const issue = useIssueLink(user.id)
  const deactivate = useDeactivateUser(user.id)
  const reactivate = useReactivateUser(user.id)
  const [confirming, setConfirming] = useState(false)
  const [status, setStatus] = useState('')
  const [link, setLink] = useState<IssuedLink | null>(null)
  const pending = user.pendingLink
  return (
    <section className="panel" aria-labelledby="access-title">
      <h2 id="access-title">{t('user.access.title')}</h2>
      <p role="status" className="muted">
        {status}
      </p>
      {pending ? (
        <p>
          {pending.expired
            ? t('user.access.expired')
            : t(pending.purpose === 'invite' ? 'user.access.pendingInvite' : 'user.access.pendingReset', {
                time: formatTimestamp(pending.expiresAt),
              })}
        </p>
      ) : null}
      {[issue.error, deactivate.error, reactivate.error].map((error, i) =>
        error ? <ProblemAlert key={String(i)} error={error} /> : null,
      )}
      {link ? <IssuedLinkPanel link={link} /> : null}
      <div className="button-row">
        {user.status !== 'deactivated' ? (
          <Button busy={issue.isPending} onClick={() => issue.mutate(undefined, { onSuccess: setLink })}>
            {user.status === 'invited' ? t('user.access.newInvite') : t('user.access.newReset')}
          </Button>
        ) : null}
        {user.status === 'deactivated' ? (
          <Button
            busy={reactivate.isPending}
            onClick={() =>
              reactivate.mutate(user.version, { onSuccess: () => setStatus(t('user.access.reactivated')) })
            }
          >
            {t('user.access.reactivate')}
          </Button>
        ) : confirming ? (
          <>
            <Button
              variant="danger"
              busy={deactivate.isPending}
              onClick={() =>
                deactivate.mutate(user.version, {
                  onSuccess: () => {
                    setConfirming(false)
                    setLink(null)
                    setStatus(t('user.access.deactivated'))
                  },
                })
              }
            >
              {t('user.access.confirmDeactivate')}
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)}>
              {tc('actions.cancel')}
            </Button>
          </>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)} aria-describedby="deactivate-hint">
            {t('user.access.deactivate')}
          </Button>
        )}
      </div>
      {user.status !== 'deactivated' ? (
        <p className="muted" id="deactivate-hint">
          {t('user.access.deactivateHint')}
        </p>
      ) : null}
    </section>
  )
}

function RolesPanel({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const save = useUpdateUserRoles(user.id)
  const organisations = useAdministeredOrganisations()
  const [role, setRole] = useState<Role>('viewer')
  const [organisationId, setOrganisationId] = useState('')
  const [status, setStatus] = useState('')
  const manageable: Grant[] = user.roles
    .filter((g) => g.manageable)
    .map(({ role, organisationId }) => ({ role, organisationId }))
  const put = (roles: Grant[]) =>
    save.mutate({ version: user.version, roles }, { onSuccess: () => setStatus(t('user.roles.saved')) })

  const columns: Column<UserDetail['roles'][number]>[] = [
    { key: 'role', header: t('user.roles.role'), rowHeader: true, cell: (g) => tc(`role.${g.role}`) },
    { key: 'org', header: t('user.roles.organisation'), cell: (g) => g.organisationName },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('user.roles.remove')}</span>,
      className: 'data-table__actions',
      cell: (g) =>
        g.manageable ? (
          <Button
            size="small"
            busy={save.isPending}
            aria-label={t('user.roles.removeLabel', {
              role: tc(`role.${g.role}`),
              organisation: g.organisationName,
            })}
            onClick={() =>
              put(manageable.filter((m) => !(m.role === g.role && m.organisationId === g.organisationId)))
            }
          >
            {t('user.roles.remove')}
          </Button>
        ) : (
          <span className="muted">{t('user.roles.notYours')}</span>
        ),
    },
  ]

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!organisationId) return
    put([...manageable, { role, organisationId }])
  }

  return (
    <section className="panel" aria-labelledby="roles-title">
      <h2 id="roles-title">{t('user.roles.title')}</h2>
      <p className="muted">{t('user.roles.intro')}</p>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {user.roles.length === 0 ? (
        <p>{t('user.roles.none')}</p>
      ) : (
        <DataTable
          caption={t('user.roles.caption')}
          columns={columns}
          rows={user.roles}
          rowKey={(g) => `${g.role}@${g.organisationId}`}
        />
      )}
      <form className="inline-form" onSubmit={add} aria-labelledby="add-role-title">
        <h3 id="add-role-title">{t('user.roles.addTitle')}</h3>
        <div className="inline-form__row">
          <Select
            id="role-role"
            label={t('user.roles.role')}
            width="medium"
            options={organisationRoles.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
            value={role}
            onChange={(e) => setRole(organisationRoles.find((r) => r === e.target.value) ?? 'viewer')}
          />
          <Select
            id="role-organisation"
            label={t('user.roles.organisation')}
            emptyOption={t('invite.chooseOrganisation')}
            options={organisations.options}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            required
          />
          <div className="inline-form__submit">
            <Button type="submit" variant="primary" busy={save.isPending} disabled={!organisationId}>
              {t('user.roles.add')}
            </Button>
          </div>
        </div>
      </form>
    </section>
  )
}

function ProjectsPanel({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const projects = useQuery(projectOptionsQueryOptions())
  const setRole = useSetProjectRole(user.id)
  const remove = useRemoveFromProject(user.id)
  const [projectId, setProjectId] = useState('')
  const [role, setRoleValue] = useState<ProjectRole>('member')
  const [status, setStatus] = useState('')
  // The role the user already has in the chosen project: then the form changes it.
  const current = user.projects.find((p) => p.projectId === projectId)
  const conflict = setRole.error?.status === 409

  const columns: Column<UserDetail['projects'][number]>[] = [
    {
      key: 'project',
      header: t('user.projects.project'),
      rowHeader: true,
      cell: (p) => (
        <Link to="/projects/$projectId" params={{ projectId: p.projectId }}>
          {p.projectName}
        </Link>
      ),
    },
    { key: 'code', header: t('user.projects.code'), cell: (p) => p.code ?? '–' },
    { key: 'role', header: t('user.projects.role'), cell: (p) => tc(`role.${p.role}`) },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('user.projects.remove')}</span>,
      className: 'data-table__actions',
      cell: (p) => (
        <Button
          size="small"
          busy={remove.isPending}
          aria-label={t('user.projects.removeLabel', { project: p.projectName })}
          onClick={() =>
            remove.mutate(
              { projectId: p.projectId, version: p.version },
              { onSuccess: () => setStatus(t('user.projects.removed')) },
            )
          }
        >
          {t('user.projects.remove')}
        </Button>
      ),
    },
  ]

  return (
    <section className="panel" aria-labelledby="projects-title">
      <h2 id="projects-title">{t('user.projects.title')}</h2>
      <p className="muted">
        {t('user.projects.intro')} {t('user.projects.steering')}
      </p>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('user.projects.conflict')}</p>
        </div>
      ) : setRole.error ? (
        <ProblemAlert error={setRole.error} />
      ) : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      {user.projects.length === 0 ? (
        <p>{t('user.projects.none')}</p>
      ) : (
        <DataTable
          caption={t('user.projects.caption')}
          columns={columns}
          rows={user.projects}
          rowKey={(p) => p.projectId}
        />
      )}
      <form
        className="inline-form"
        aria-labelledby="add-project-title"
        onSubmit={(event) => {
          event.preventDefault()
          if (projectId)
            setRole.mutate(
              { projectId, role, ...(current ? { version: current.version } : {}) },
              { onSuccess: () => setStatus(t('user.projects.saved')) },
            )
        }}
      >
        <h3 id="add-project-title">{t('user.projects.addTitle')}</h3>
        <div className="inline-form__row">
          <Select
            id="project-project"
            label={t('user.projects.project')}
            emptyOption={t('user.projects.chooseProject')}
            options={projects.data ?? []}
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
          />
          <Select
            id="project-role"
            label={t('user.projects.role')}
            width="medium"
            options={projectRoles.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
            value={role}
            onChange={(e) => setRoleValue(projectRoles.find((r) => r === e.target.value) ?? 'member')}
          />
          <div className="inline-form__submit">
            <Button type="submit" variant="primary" busy={setRole.isPending} disabled={!projectId}>
              {current ? t('user.projects.change') : t('user.projects.add')}
            </Button>
          </div>
        </div>
      </form>
    </section>
  )
}

function SessionsPanel({ userId }: { userId: string }) {
  const { t } = useTranslation('admin')
  const sessions = useQuery(userSessionsQueryOptions(userId))
  const revoke = useRevokeUserSessions(userId)
  const [status, setStatus] = useState('')
  type Session = NonNullable<typeof sessions.data>['items'][number]
  const columns: Column<Session>[] = [
    {
      key: 'started',
      header: t('user.sessions.started'),
      rowHeader: true,
      cell: (s) => formatTimestamp(s.createdAt),
    },
    { key: 'seen', header: t('user.sessions.lastSeen'), cell: (s) => formatTimestamp(s.lastSeenAt) },
    { key: 'ends', header: t('user.sessions.ends'), cell: (s) => formatTimestamp(s.absoluteExpiresAt) },
    { key: 'method', header: t('user.sessions.method'), cell: (s) => t(`method.${s.method}`) },
    { key: 'browser', header: t('user.sessions.browser'), cell: (s) => s.userAgent ?? '–' },
  ]
  const items = sessions.data?.items ?? []
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('user.sessions.title')}</h2>
      <p role="status" className="muted">
        {status}
      </p>
      {sessions.isError ? <ProblemAlert error={sessions.error} /> : null}
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      {sessions.data && items.length === 0 ? <p>{t('user.sessions.none')}</p> : null}
      {items.length > 0 ? (
        <>
          <DataTable
            caption={t('user.sessions.caption')}
            columns={columns}
            rows={items}
            rowKey={(s) => s.id}
          />
          <Button
            variant="danger"
            busy={revoke.isPending}
            onClick={() =>
              revoke.mutate(undefined, {
                onSuccess: () => {
                  setStatus(t('user.sessions.revoked'))
                  void sessions.refetch()
                },
              })
            }
          >
            {t('user.sessions.revokeAll')}
          </Button>
        </>
      ) : null}
    </section>
  )
}

function PrivacyPanel({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin')
  const erase = useEraseUser(user.id)
  return (
    <ErasurePanel
      name={user.name}
      erased={user.status === 'erased'}
      erase={erase}
      intro={t('user.privacy.intro')}
      extractLink={
        <Link
          to="/admin/users/$userId/extract"
          params={{ userId: user.id }}
          className={buttonClass('secondary')}
        >
          {t('user.privacy.extract')}
        </Link>
      }
    />
  )
}
