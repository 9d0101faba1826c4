import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import type { OrganisationDetail } from '../api/get-organisation'
import { isOrganisationDetail, useUpdateOrganisation } from '../api/update-organisation'

export interface OrganisationEditFormProps {
  organisation: OrganisationDetail
  onSaved: () => void
  onCancel: () => void
}

/** Name and short name; on 409 it shows the saved version and lets the user redo the change. */
export function OrganisationEditForm({ organisation, onSaved, onCancel }: OrganisationEditFormProps) {
  const { t } = useTranslation('organisations')
  const { t: tc } = useTranslation('common')
  const update = useUpdateOrganisation(organisation.id)
  const [name, setName] = useState(organisation.name)
  const [shortName, setShortName] = useState(organisation.shortName ?? '')
  const [version, setVersion] = useState(organisation.version)
  const [nameMissing, setNameMissing] = useState(false)
  const [conflict, setConflict] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  const fieldError = (field: string) => update.error?.fieldError(field)
  const nameError = nameMissing ? t('edit.nameRequired') : fieldError('name')
  const shortNameError = fieldError('shortName')

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!name.trim()) {
      setNameMissing(true)
      document.getElementById('organisation-name')?.focus()
      return
    }
    setNameMissing(false)
    update.mutate(
      { version, name: name.trim(), shortName: shortName.trim() || null },
      {
        onSuccess: (next) => {
          setVersion(next.version)
          setConflict(false)
          onSaved()
        },
        onError: (error) => {
          const current = error.status === 409 ? error.problem.current : undefined
          if (isOrganisationDetail(current)) {
            setConflict(true)
            setName(current.name)
            setShortName(current.shortName ?? '')
            setVersion(current.version)
          }
        },
      },
    )
  }

  return (
    <form
      className="panel inline-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="organisation-edit-title"
    >
      <h2 id="organisation-edit-title" ref={heading} tabIndex={-1}>
        {t('edit.title')}
      </h2>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('edit.conflict')}</p>
        </div>
      ) : update.isError && !nameError && !shortNameError ? (
        <ProblemAlert error={update.error} />
      ) : null}
      <div className="inline-form__row">
        <Field
          id="organisation-name"
          label={t('edit.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          required
        />
        <Field
          id="organisation-short-name"
          label={t('edit.shortName')}
          hint={t('edit.shortNameHint')}
          value={shortName}
          onChange={(event) => setShortName(event.target.value)}
          error={shortNameError}
          width="short"
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
