import { type FormEvent, type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select, type SelectOption } from '../../../components/select'
import type { ApiProblem } from '../../../lib/api-client'

export interface PersonValues {
  name: string
  title: string
  email: string
  organisationId: string
}

export interface PersonFormProps {
  /** Prefix of the field ids, so that two forms never share one. */
  idPrefix: string
  initial: PersonValues
  organisations: readonly SelectOption[]
  error: ApiProblem | null
  busy: boolean
  submitLabel: string
  onSubmit: (values: PersonValues) => void
  /** Shown above the fields, e.g. a conflict notice. */
  notice?: ReactNode
  children?: ReactNode
}

const fields = ['name', 'title', 'email', 'organisationId'] as const

/**
 * Name, title, e-mail and organisation of a staff record, for adding and for changing one.
 * Required fields are checked here first; the server's field errors land on the same fields.
 */
export function PersonForm({
  idPrefix,
  initial,
  organisations,
  error,
  busy,
  submitLabel,
  onSubmit,
  notice,
  children,
}: PersonFormProps) {
  const { t } = useTranslation('admin')
  const [values, setValues] = useState(initial)
  const [missing, setMissing] = useState<Partial<Record<keyof PersonValues, string>>>({})
  const id = (field: keyof PersonValues) => `${idPrefix}-${field}`
  const serverError = (field: keyof PersonValues) => error?.fieldError(field)
  const fieldError = (field: keyof PersonValues) => missing[field] ?? serverError(field)
  const otherError =
    error && !error.fieldErrors.some((e) => (fields as readonly string[]).includes(e.field)) ? error : null
  const set = (field: keyof PersonValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }))

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = {
      ...(values.name.trim() ? {} : { name: t('person.missingName') }),
      ...(values.organisationId ? {} : { organisationId: t('person.missingOrganisation') }),
    }
    setMissing(next)
    const first = fields.find((f) => f in next)
    if (first) {
      document.getElementById(id(first))?.focus()
      return
    }
    onSubmit(values)
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      {notice}
      {otherError ? <ProblemAlert error={otherError} /> : null}
      <Field
        id={id('name')}
        label={t('person.name')}
        value={values.name}
        onChange={(e) => set('name')(e.target.value)}
        error={fieldError('name')}
        autoComplete="off"
        required
      />
      <Field
        id={id('title')}
        label={t('person.personTitle')}
        hint={t('person.titleHint')}
        value={values.title}
        onChange={(e) => set('title')(e.target.value)}
        error={fieldError('title')}
        autoComplete="off"
      />
      <Field
        id={id('email')}
        type="email"
        label={t('person.email')}
        value={values.email}
        onChange={(e) => set('email')(e.target.value)}
        error={fieldError('email')}
        autoComplete="off"
      />
      <Select
        id={id('organisationId')}
        label={t('person.organisation')}
        emptyOption={t('person.chooseOrganisation')}
        options={organisations}
        value={values.organisationId}
        onChange={(e) => set('organisationId')(e.target.value)}
        error={fieldError('organisationId')}
        required
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        {children}
      </div>
    </form>
  )
}
