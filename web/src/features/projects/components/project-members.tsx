import { projectRoles } from '@lagesbild/shared/domain/access'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { isApiProblem } from '../../../lib/api-client'
import { useAddProjectMember } from '../api/add-project-member'
import {
  isProjectMember,
  type ProjectMember,
  type ProjectRole,
  useProjectMembers,
} from '../api/get-project-members'
import { useRemoveProjectMember } from '../api/remove-project-member'
import { useSetProjectMemberRole } from '../api/set-project-member-role'

export interface ProjectMembersProps {
  projectId: string
  canManage: boolean
}

/** The member a 409 answer says is saved now, to show beside the problem's message. */
const conflictingMember = (error: unknown): ProjectMember | undefined => {
  const current = isApiProblem(error) && error.status === 409 ? error.problem.current : undefined
  return isProjectMember(current) ? current : undefined
}

/** Who has a role in the project; those with project:members may add, change roles and remove. */
export function ProjectMembers({ projectId, canManage }: ProjectMembersProps) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const members = useProjectMembers(projectId)
  const remove = useRemoveProjectMember(projectId)
  const changeRole = useSetProjectMemberRole(projectId)
  const [confirming, setConfirming] = useState<string | null>(null)
  // The member whose role is being changed, and the role chosen so far.
  const [editing, setEditing] = useState<{ userId: string; role: ProjectRole } | null>(null)
  const [status, setStatus] = useState('')
  // After the role editor closes, focus goes back to the row's own button, not to the page top.
  const returnFocusTo = useRef<string | null>(null)
  const editingId = editing?.userId ?? null

  useEffect(() => {
    if (editingId) {
      document.getElementById(`member-role-${editingId}`)?.focus()
    } else if (returnFocusTo.current) {
      document.getElementById(`member-edit-${returnFocusTo.current}`)?.focus()
      returnFocusTo.current = null
    }
  }, [editingId])

  const closeEditor = (userId: string) => {
    returnFocusTo.current = userId
    setEditing(null)
  }

  const saveRole = (member: ProjectMember, role: ProjectRole) => {
    if (role === member.role) {
      closeEditor(member.user.id)
      return
    }
    changeRole.mutate(
      { member, role },
      {
        onSuccess: (saved) => {
          closeEditor(member.user.id)
          setStatus(t('members.roleChanged', { name: saved.user.name, role: tc(`role.${saved.role}`) }))
        },
        // Someone changed the role meanwhile: the editor starts over from the saved role, which the
        // alert names, so a second save is a choice made knowing it.
        onError: (error) => {
          const current = conflictingMember(error)
          if (current) setEditing({ userId: member.user.id, role: current.role })
        },
      },
    )
  }

  const roleCell = (member: ProjectMember) => {
    if (!canManage || editing?.userId !== member.user.id) return tc(`role.${member.role}`)
    const chosen = editing.role
    return (
      <div className="button-row member-role">
        <Select
          id={`member-role-${member.user.id}`}
          label={<span className="visually-hidden">{t('members.roleFor', { name: member.user.name })}</span>}
          options={projectRoles.map((value) => ({ value, label: tc(`role.${value}`) }))}
          value={chosen}
          onChange={(event) =>
            setEditing({
              userId: member.user.id,
              role: projectRoles.find((value) => value === event.target.value) ?? member.role,
            })
          }
          onKeyDown={(event) => {
            if (event.key === 'Escape') closeEditor(member.user.id)
          }}
          width="medium"
        />
        <Button
          variant="primary"
          size="small"
          busy={changeRole.isPending}
          aria-label={t('members.saveRoleLabel', { name: member.user.name })}
          onClick={() => saveRole(member, chosen)}
        >
          {tc('actions.save')}
        </Button>
        <Button variant="quiet" size="small" onClick={() => closeEditor(member.user.id)}>
          {tc('actions.cancel')}
        </Button>
      </div>
    )
  }

  const columns: Column<ProjectMember>[] = [
    { key: 'name', header: t('members.name'), rowHeader: true, cell: (member) => member.user.name },
    { key: 'email', header: t('members.email'), cell: (member) => member.user.email },
    { key: 'role', header: t('members.role'), cell: roleCell },
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
                remove.mutate(member, {
                  onSuccess: () => {
                    setConfirming(null)
                    setStatus(t('members.removed', { name: member.user.name }))
                  },
                  // The role changed meanwhile: the alert says to what; removing takes a new confirm.
                  onError: (error) => {
                    if (conflictingMember(error)) setConfirming(null)
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
          <span className="button-row">
            {editing?.userId === member.user.id ? null : (
              <Button
                id={`member-edit-${member.user.id}`}
                size="small"
                aria-label={t('members.changeRoleLabel', { name: member.user.name })}
                onClick={() => {
                  changeRole.reset()
                  remove.reset()
                  setConfirming(null)
                  setEditing({ userId: member.user.id, role: member.role })
                }}
              >
                {t('members.changeRole')}
              </Button>
            )}
            <Button
              size="small"
              aria-label={t('members.removeLabel', { name: member.user.name })}
              onClick={() => {
                remove.reset()
                changeRole.reset()
                setEditing(null)
                setConfirming(member.user.id)
              }}
            >
              {t('members.remove')}
            </Button>
          </span>
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
      <MemberProblem error={changeRole.error} />
      <MemberProblem error={remove.error} />
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

/** What went wrong; on a conflict also the role saved meanwhile (the list is refreshed to it). */
function MemberProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  if (!error) return null
  const current = conflictingMember(error)
  return (
    <ProblemAlert error={error}>
      {current ? (
        <p className="alert__detail">
          {t('members.currentRole', { name: current.user.name, role: tc(`role.${current.role}`) })}
        </p>
      ) : null}
    </ProblemAlert>
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
