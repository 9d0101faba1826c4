import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { ErrorSummary } from '../../../components/error-summary'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import type { ApiProblem } from '../../../lib/api-client'
import { can, type Project, useProject } from '../api/get-project'
import { isProject, useUpdateProject } from '../api/update-project'
import { ConflictPanel } from './conflict-panel'
import { type ProjectFormValues, toPatch, valuesFromProject } from './project-form'
import { ProjectFormFields } from './project-form-fields'
import { useProjectForm } from './use-project-form'
import './projects.css'

export function EditProjectPage() {
  const { t } = useTranslation('projects')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/edit' })
  const { data: project } = useProject(projectId)
  const title = t('form.editTitle')

  return (
    <div className="project-form-page">
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs label={t('breadcrumbs.label')}>
            <li>
              <Link to="/projects">{t('breadcrumbs.projects')}</Link>
            </li>
            <li>
              <Link to="/projects/$projectId" params={{ projectId }}>
                {project.name}
              </Link>
            </li>
            <li aria-current="page">{title}</li>
          </Breadcrumbs>
        }
        description={<p>{t('form.editIntro')}</p>}
      />
      {can(project, 'project:edit') ? (
        <EditProjectForm project={project} />
      ) : (
        <div className="alert alert--info" role="status">
          <p>{t('form.noPermission')}</p>
        </div>
      )}
    </div>
  )
}

/** Keeps what the user started from (`base`, `version`) so it sends only their changes. */
function EditProjectForm({ project }: { project: Project }) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const navigate = useNavigate()
  const update = useUpdateProject(project.id)
  const [base, setBase] = useState<ProjectFormValues>(() => valuesFromProject(project))
  const [version, setVersion] = useState(project.version)
  const form = useProjectForm(base, 'edit')
  const [conflict, setConflict] = useState<Project | null>(null)
  const [nothingChanged, setNothingChanged] = useState(false)

  const done = () =>
    navigate({
      to: '/projects/$projectId',
      params: { projectId: project.id },
      state: { flash: t('form.saved') },
    })

  function save(againstVersion: number) {
    const patch = toPatch(form.values, base)
    if (Object.keys(patch).length === 0) {
      setNothingChanged(true)
      setConflict(null)
      return
    }
    setNothingChanged(false)
    update.mutate(
      { ...patch, version: againstVersion },
      {
        onSuccess: () => {
          setConflict(null)
          void done()
        },
        onError: (error: ApiProblem) => {
          const current = error.status === 409 ? error.problem.current : undefined
          if (isProject(current)) {
            setConflict(current)
            return
          }
          setConflict(null)
          form.showServerErrors(error)
        },
      },
    )
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!form.check()) return
    save(version)
  }

  function reload(current: Project) {
    const fresh = valuesFromProject(current)
    setBase(fresh)
    setVersion(current.version)
    form.replace(fresh)
    setConflict(null)
    update.reset()
  }

  const hasFieldErrors = form.summary.length > 0
  const showProblem = update.isError && !conflict && !hasFieldErrors

  return (
    <form className="form" onSubmit={submit} noValidate>
      {conflict ? (
        <ConflictPanel
          key={conflict.version}
          current={conflict}
          values={form.values}
          base={base}
          busy={update.isPending}
          onUseMine={() => save(conflict.version)}
          onReload={() => reload(conflict)}
        />
      ) : null}
      <ErrorSummary items={form.summary} />
      {showProblem ? <ProblemAlert error={update.error} /> : null}
      {nothingChanged ? (
        <div className="alert alert--info" role="status">
          <p>{t('form.nothingChanged')}</p>
        </div>
      ) : null}
      <ProjectFormFields mode="edit" values={form.values} errors={form.errors} onChange={form.change} />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {update.isPending ? tc('actions.saving') : tc('actions.save')}
        </Button>
        <Link to="/projects/$projectId" params={{ projectId: project.id }} className={buttonClass('quiet')}>
          {tc('actions.cancel')}
        </Link>
      </div>
    </form>
  )
}
