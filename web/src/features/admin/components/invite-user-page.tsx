import { organisationRoles, projectRoles } from '@lagesbild/shared/domain/access'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { Field } from '../../../components/field'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useAdministeredOrganisations } from '../api/organisations'
import { type InvitationBody, projectOptionsQueryOptions, useInviteUser } from '../api/users'
import { AdminNav } from './admin-nav'
import { IssuedLinkPanel } from './issued-link'
import './admin.css'

type Role = (typeof organisationRoles)[number]
type ProjectRole = (typeof projectRoles)[number]

/** Invite a person: account, roles and a first project role in one go; then the link to hand over. */
export function InviteUserPage() {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const organisations = useAdministeredOrganisations()
  const projects = useQuery(projectOptionsQueryOptions())
  const invite = useInviteUser()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [organisationId, setOrganisationId] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [projectId, setProjectId] = useState('')
  const [projectRole, setProjectRole] = useState<ProjectRole>('member')
  const [missing, setMissing] = useState<Record<string, string>>({})

  const serverError = (field: string) => invite.error?.fieldError(field)
  const fieldOwned = ['name', 'email', 'organisationId']
  const otherError =
    invite.error && !invite.error.fieldErrors.some((e) => fieldOwned.includes(e.field)) ? invite.error : null

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next: Record<string, string> = {
      ...(name.trim() ? {} : { name: t('invite.missingName') }),
      ...(email.trim() ? {} : { email: t('invite.missingEmail') }),
      ...(organisationId ? {} : { organisationId: t('invite.missingOrganisation') }),
    }
    setMissing(next)
    const first = Object.keys(next)[0]
    if (first) {
      document.getElementById(`invite-${first}`)?.focus()
      return
    }
    const body: InvitationBody = {
      name: name.trim(),
      email: email.trim(),
      organisationId,
      roles: roles.map((role) => ({ role, organisationId })),
      projects: projectId ? [{ projectId, role: projectRole }] : [],
    }
    invite.mutate(body, {
      onError: (error) => {
        const field = error.fieldErrors[0]?.field
        if (field && fieldOwned.includes(field)) document.getElementById(`invite-${field}`)?.focus()
      },
    })
  }

  if (invite.data) {
    const created = invite.data
    return (
      <>
        <AdminNav />
        <PageHeader title={t('invite.title')} />
        <div className="alert alert--info" role="status">
          <p className="alert__title">{t('invite.created', { name: created.user.name })}</p>
        </div>
        <IssuedLinkPanel link={created.link} />
        <p className="button-row">
          <Link
            to="/admin/users/$userId"
            params={{ userId: created.user.id }}
            className={buttonClass('primary')}
          >
            {t('invite.toUser')}
          </Link>
          <Button
            onClick={() => {
              invite.reset()
              setName('')
              setEmail('')
              setRoles([])
              setProjectId('')
            }}
          >
            {t('invite.another')}
          </Button>
        </p>
      </>
    )
  }

  return (
    <>
      <AdminNav />
      <PageHeader title={t('invite.title')} description={<p>{t('invite.intro')}</p>} />
      {otherError ? <ProblemAlert error={otherError} /> : null}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="form-section">
          <legend>{t('invite.title')}</legend>
          <Field
            id="invite-name"
            label={t('invite.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={missing.name ?? serverError('name')}
            required
            autoComplete="off"
          />
          <Field
            id="invite-email"
            type="email"
            label={t('invite.email')}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={missing.email ?? serverError('email')}
            required
            autoComplete="off"
          />
          <Select
            id="invite-organisationId"
            label={t('invite.organisation')}
            emptyOption={t('invite.chooseOrganisation')}
            options={organisations.options}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            error={missing.organisationId ?? serverError('organisationId')}
            required
          />
          <fieldset className="role-grid" aria-describedby="invite-roles-hint">
            <legend className="field__label">{t('invite.roles')}</legend>
            <p className="field__hint" id="invite-roles-hint">
              {t('invite.rolesHint')}
            </p>
            {organisationRoles.map((role) => (
              <Checkbox
                key={role}
                id={`invite-role-${role}`}
                label={tc(`role.${role}`)}
                checked={roles.includes(role)}
                onChange={(e) =>
                  setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                }
              />
            ))}
          </fieldset>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('invite.project')}</legend>
          <div className="form-grid">
            <Select
              id="invite-project"
              label={t('invite.project')}
              emptyOption={t('invite.noProject')}
              options={projects.data ?? []}
              value={projectId}
              onChange={(e) => setProjectId(e.target.value)}
            />
            <Select
              id="invite-project-role"
              label={t('invite.projectRole')}
              width="medium"
              options={projectRoles.map((role) => ({ value: role, label: tc(`role.${role}`) }))}
              value={projectRole}
              onChange={(e) => setProjectRole(projectRoles.find((r) => r === e.target.value) ?? 'member')}
              disabled={!projectId}
            />
          </div>
        </fieldset>
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={invite.isPending}>
            {invite.isPending ? t('invite.submitting') : t('invite.submit')}
          </Button>
          <Link to="/admin/users" className={buttonClass('quiet')}>
            {tc('actions.cancel')}
          </Link>
        </div>
      </form>
    </>
  )
}
