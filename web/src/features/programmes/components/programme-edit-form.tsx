import { isCalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { TextArea } from '../../../components/text-area'
import type { ProgrammeDetail } from '../api/get-programme'
import { isProgrammeDetail, useUpdateProgramme } from '../api/update-programme'

export interface ProgrammeEditFormProps {
  programme: ProgrammeDetail
  onSaved: () => void
  onCancel: () => void
}

interface Values {
  name: string
  description: string
  periodStart: string
  periodEnd: string
}

type FieldName = keyof Values

const valuesOf = (programme: ProgrammeDetail): Values => ({
  name: programme.name,
  description: programme.description,
  periodStart: programme.periodStart ?? '',
  periodEnd: programme.periodEnd ?? '',
})

const ids: Record<FieldName, string> = {
  name: 'programme-name',
  description: 'programme-description-input',
  periodStart: 'programme-period-start',
  periodEnd: 'programme-period-end',
}

/** Name, description and period; sends the version it read and handles 409 by showing the saved one. */
export function ProgrammeEditForm({ programme, onSaved, onCancel }: ProgrammeEditFormProps) {
  const { t } = useTranslation('programmes')
  const { t: tc } = useTranslation('common')
  const update = useUpdateProgramme(programme.id)
  const [values, setValues] = useState<Values>(() => valuesOf(programme))
  const [version, setVersion] = useState(programme.version)
  const [clientErrors, setClientErrors] = useState<Partial<Record<FieldName, string>>>({})
  const [conflict, setConflict] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  const errorOf = (field: FieldName) => clientErrors[field] ?? update.error?.fieldError(field)
  const anyFieldError = (Object.keys(ids) as FieldName[]).some((field) => errorOf(field))

  function validate(): Partial<Record<FieldName, string>> {
    const errors: Partial<Record<FieldName, string>> = {}
    if (!values.name.trim()) errors.name = t('edit.nameRequired')
    if (values.periodStart && !isCalendarDate(values.periodStart)) errors.periodStart = t('edit.dateInvalid')
    if (values.periodEnd && !isCalendarDate(values.periodEnd)) errors.periodEnd = t('edit.dateInvalid')
    if (
      !errors.periodStart &&
      !errors.periodEnd &&
      values.periodStart &&
      values.periodEnd < values.periodStart
    )
      errors.periodEnd = t('edit.endBeforeStart')
    return errors
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors = validate()
    setClientErrors(errors)
    const first = (Object.keys(ids) as FieldName[]).find((field) => errors[field])
    if (first) {
      document.getElementById(ids[first])?.focus()
      return
    }
    update.mutate(
      {
        version,
        name: values.name.trim(),
        description: values.description,
        periodStart: values.periodStart || null,
        periodEnd: values.periodEnd || null,
      },
      {
        onSuccess: () => {
          setConflict(false)
          onSaved()
        },
        onError: (error) => {
          const current = error.status === 409 ? error.problem.current : undefined
          if (isProgrammeDetail(current)) {
            setConflict(true)
            setValues(valuesOf(current))
            setVersion(current.version)
            return
          }
          const field = (Object.keys(ids) as FieldName[]).find((name) =>
            error.fieldErrors.some((fieldError) => fieldError.field === name),
          )
          if (field) document.getElementById(ids[field])?.focus()
        },
      },
    )
  }

  const set = (field: FieldName) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }))

  return (
    <form className="panel inline-form" onSubmit={submit} noValidate aria-labelledby="programme-edit-title">
      <h2 id="programme-edit-title" ref={heading} tabIndex={-1}>
        {t('edit.title')}
      </h2>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('edit.conflict')}</p>
        </div>
      ) : update.isError && !anyFieldError ? (
        <ProblemAlert error={update.error} />
      ) : null}
      <Field
        id={ids.name}
        label={t('edit.name')}
        value={values.name}
        onChange={set('name')}
        error={errorOf('name')}
        required
      />
      <TextArea
        id={ids.description}
        label={t('edit.description')}
        value={values.description}
        onChange={set('description')}
        error={errorOf('description')}
        rows={4}
      />
      <div className="form-grid">
        <Field
          id={ids.periodStart}
          type="date"
          label={t('edit.periodStart')}
          value={values.periodStart}
          onChange={set('periodStart')}
          error={errorOf('periodStart')}
          width="medium"
        />
        <Field
          id={ids.periodEnd}
          type="date"
          label={t('edit.periodEnd')}
          value={values.periodEnd}
          onChange={set('periodEnd')}
          error={errorOf('periodEnd')}
          width="medium"
        />
      </div>
      <div className="button-row">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {update.isPending ? tc('actions.saving') : tc('actions.save')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {tc('actions.cancel')}
        </Button>
      </div>
    </form>
  )
}
