import { projectRoles } from '@lagesbild/shared/domain/access'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useAddProjectMember } from '../api/add-project-member'
import { type ProjectMember, type ProjectRole, useProjectMembers } from '../api/get-project-members'
import { useRemoveProjectMember } from '../api/remove-project-member'

export interface ProjectMembersProps {
  projectId: string
  canManage: boolean
}

/** Who has a role in the project; those with project:members may add and remove. */
export function ProjectMembers({ projectId, canManage }: ProjectMembersProps) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const members = useProjectMembers(projectId)
  const remove = useRemoveProjectMember(projectId)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [status, setStatus] = useState('')

  const columns: Column<ProjectMember>[] = [
    { key: 'name', header: t('members.name'), rowHeader: true, cell: (member) => member.user.name },
    { key: 'email', header: t('members.email'), cell: (member) => member.user.email },
    { key: 'role', header: t('members.role'), cell: (member) => tc(`role.${member.role}`) },
  ]
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('members.actions')}</span>,
      className: 'data-table__actions',
      cell: (member) =>
        confirming === member.user.id ? (
          <span className="button-row">
            <Button
              variant="danger"
              size="small"
              busy={remove.isPending}
              aria-label={t('members.confirmRemoveLabel', { name: member.user.name })}
              onClick={() =>
                remove.mutate(member.user.id, {
                  onSuccess: () => {
                    setConfirming(null)
                    setStatus(t('members.removed', { name: member.user.name }))
                  },
                })
              }
            >
              {t('members.confirmRemove')}
            </Button>
            <Button variant="quiet" size="small" onClick={() => setConfirming(null)}>
              {tc('actions.cancel')}
            </Button>
          </span>
        ) : (
          <Button
            size="small"
            aria-label={t('members.removeLabel', { name: member.user.name })}
            onClick={() => {
              remove.reset()
              setConfirming(member.user.id)
            }}
          >
            {t('members.remove')}
          </Button>
        ),
    })
  }

  return (
    <section aria-labelledby="members-title" className="panel">
      <h2 id="members-title">{t('members.title')}</h2>
      <p className="muted">{t('members.intro')}</p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {members.isPending ? <Loading /> : null}
      {members.isError ? <ProblemAlert error={members.error} /> : null}
      {remove.isError ? <ProblemAlert error={remove.error} /> : null}
      {members.data ? (
        members.data.items.length === 0 ? (
          <EmptyState title={t('members.empty')} />
        ) : (
          <DataTable
            caption={t('members.tableCaption')}
            columns={columns}
            rows={members.data.items}
            rowKey={(member) => member.user.id}
          />
        )
      ) : null}
      {canManage ? <AddMemberForm projectId={projectId} onAdded={setStatus} /> : null}
    </section>
  )
}

function AddMemberForm({ projectId, onAdded }: { projectId: string; onAdded: (message: string) => void }) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const add = useAddProjectMember(projectId)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<ProjectRole>('member')
  const [missingEmail, setMissingEmail] = useState(false)

  const emailError = missingEmail ? t('members.emailRequired') : add.error?.fieldError('email')
  const otherError = add.error && !emailError ? add.error : null

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!email.trim()) {
      setMissingEmail(true)
      document.getElementById('member-email')?.focus()
      return
    }
    setMissingEmail(false)
    add.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (member) => {
          setEmail('')
          onAdded(t('members.added', { name: member.user.name, role: tc(`role.${member.role}`) }))
        },
        onError: () => document.getElementById('member-email')?.focus(),
      },
    )
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('members.addTitle')}</h3>
      {otherError ? <ProblemAlert error={otherError} /> : null}
      <div className="inline-form__row">
        <Field
          id="member-email"
          type="email"
          autoComplete="off"
          label={t('members.email')}
          hint={t('members.addHint')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError}
          required
        />
        <Select
          id="member-role"
          label={t('members.role')}
          options={projectRoles.map((value) => ({ value, label: tc(`role.${value}`) }))}
          value={role}
          onChange={(event) =>
            setRole(projectRoles.find((value) => value === event.target.value) ?? 'member')
          }
          width="medium"
        />
        <div className="inline-form__submit">
          <Button type="submit" variant="primary" busy={add.isPending}>
            {add.isPending ? t('members.adding') : t('members.add')}
          </Button>
        </div>
      </div>
    </form>
  )
}
