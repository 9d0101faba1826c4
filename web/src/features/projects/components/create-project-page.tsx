import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button, buttonClass } from '../../../components/button'
import { ErrorSummary } from '../../../components/error-summary'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { useCreateProject } from '../api/create-project'
import { ImportProjectForm } from './import-project-form'
import { emptyProjectValues, toCreateBody } from './project-form'
import { ProjectFormFields } from './project-form-fields'
import { useProjectForm } from './use-project-form'
import './projects.css'

export function CreateProjectPage() {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const { parentId } = useSearch({ from: '/authenticated/projects/new' })
  const navigate = useNavigate()
  const create = useCreateProject()
  const form = useProjectForm(() => ({ ...emptyProjectValues, parentId: parentId ?? '' }), 'create')

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!form.check()) return
    create.mutate(toCreateBody(form.values), {
      onSuccess: (project) =>
        navigate({
          to: '/projects/$projectId',
          params: { projectId: project.id },
          state: { flash: t('form.created') },
        }),
      onError: (error) => {
        form.showServerErrors(error)
      },
    })
  }

  const title = parentId ? t('form.createSubTitle') : t('form.createTitle')
  const hasFieldErrors = form.summary.length > 0

  return (
    <div className="project-form-page">
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs label={t('breadcrumbs.label')}>
            <li>
              <Link to="/projects">{t('breadcrumbs.projects')}</Link>
            </li>
            <li aria-current="page">{title}</li>
          </Breadcrumbs>
        }
        description={<p>{t('form.createIntro')}</p>}
      />
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary items={form.summary} />
        {create.isError && !hasFieldErrors ? <ProblemAlert error={create.error} /> : null}
        <ProjectFormFields mode="create" values={form.values} errors={form.errors} onChange={form.change} />
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {create.isPending ? t('form.creating') : t('form.create')}
          </Button>
          {parentId ? (
            <Link to="/projects/$projectId" params={{ projectId: parentId }} className={buttonClass('quiet')}>
              {tc('actions.cancel')}
            </Link>
          ) : (
            <Link to="/projects" className={buttonClass('quiet')}>
              {tc('actions.cancel')}
            </Link>
          )}
        </div>
      </form>
      {parentId ? null : <ImportProjectForm />}
    </div>
  )
}
