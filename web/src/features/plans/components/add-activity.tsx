import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Checkbox } from '../../../components/checkbox'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { isApiProblem } from '../../../lib/api-client'
import { useCreateActivity } from '../api/create-activity'
import { useGoals } from '../api/get-goals'
import { readDateEntry } from './date-text'

interface Props {
  projectId: string
  projects: { id: string; name: string }[]
}

const empty = {
  projectId: '',
  goalId: '',
  number: '',
  title: '',
  responsible: '',
  plannedStart: '',
  plannedEnd: '',
}

/** A short form for a new activity; everything else is edited in the table. */
export function AddActivity({ projectId, projects }: Props) {
  const { t } = useTranslation('plans')
  const create = useCreateActivity(projectId)
  const goals = useGoals(projectId)
  const [values, setValues] = useState({ ...empty, projectId })
  const [milestone, setMilestone] = useState(false)
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({})
  const [added, setAdded] = useState<string | null>(null)

  const target = values.projectId || projectId
  const tree = goals.data
  const subGoals =
    target === projectId
      ? (tree?.sub ?? [])
      : (tree?.subProjects.find((p) => p.subProject.id === target)?.sub ?? [])
  const set = (field: keyof typeof empty) => (value: string) => setValues((v) => ({ ...v, [field]: value }))
  const fieldError = (field: string) =>
    dateErrors[field] ??
    (isApiProblem(create.error)
      ? create.error.fieldErrors.find((e) => e.field.startsWith(field))?.message
      : undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const start = readDateEntry(values.plannedStart)
    const end = readDateEntry(values.plannedEnd)
    const errors: Record<string, string> = {}
    if (!start.ok) errors.plannedStart = t('date.unreadable', { value: values.plannedStart })
    if (!end.ok) errors.plannedEnd = t('date.unreadable', { value: values.plannedEnd })
    setDateErrors(errors)
    if (!start.ok || !end.ok) return
    create.mutate(
      {
        title: values.title,
        projectId: target,
        goalId: values.goalId || null,
        number: values.number.trim() || null,
        responsible: values.responsible,
        milestone,
        plannedStart: start.value,
        plannedEnd: end.value,
      },
      {
        onSuccess: (activity) => {
          setAdded(t('add.added', { title: activity.title }))
          setValues({ ...empty, projectId: target })
          setMilestone(false)
        },
      },
    )
  }

  return (
    <details className="plan-disclosure">
      <summary>{t('add.title')}</summary>
      <form className="form plan-form" onSubmit={submit} noValidate>
        {create.isError && !isApiProblem(create.error) ? <ProblemAlert error={create.error} /> : null}
        {isApiProblem(create.error) && create.error.fieldErrors.length === 0 ? (
          <ProblemAlert error={create.error} />
        ) : null}
        <div className="form-grid">
          {projects.length > 1 ? (
            <Select
              id="add-project"
              label={t('add.project')}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              value={target}
              onChange={(event) => setValues((v) => ({ ...v, projectId: event.target.value, goalId: '' }))}
            />
          ) : null}
          <Select
            id="add-goal"
            label={t('add.goal')}
            emptyOption={t('add.noGoal')}
            options={subGoals.map((g) => ({ value: g.id, label: `${g.number}. ${g.title}` }))}
            value={values.goalId}
            onChange={(event) => set('goalId')(event.target.value)}
          />
          <Field
            id="add-number"
            label={t('add.number')}
            hint={t('add.numberHint')}
            width="short"
            value={values.number}
            error={fieldError('number')}
            onChange={(event) => set('number')(event.target.value)}
          />
          <Field
            id="add-title"
            label={t('add.activity')}
            required
            value={values.title}
            error={fieldError('title')}
            onChange={(event) => set('title')(event.target.value)}
          />
          <Field
            id="add-responsible"
            label={t('add.responsible')}
            hint={t('add.responsibleHint')}
            value={values.responsible}
            onChange={(event) => set('responsible')(event.target.value)}
          />
          <Field
            id="add-planned-start"
            label={t('add.plannedStart')}
            hint={t('date.hint')}
            width="medium"
            value={values.plannedStart}
            error={fieldError('plannedStart')}
            onChange={(event) => set('plannedStart')(event.target.value)}
          />
          <Field
            id="add-planned-end"
            label={t('add.plannedEnd')}
            width="medium"
            value={values.plannedEnd}
            error={fieldError('plannedEnd')}
            onChange={(event) => set('plannedEnd')(event.target.value)}
          />
        </div>
        <Checkbox
          id="add-milestone"
          label={t('add.milestone')}
          checked={milestone}
          onChange={(event) => setMilestone(event.target.checked)}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('add.submit')}
          </Button>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {added}
        </p>
        {added ? <p className="muted small">{added}</p> : null}
      </form>
    </details>
  )
}
