import { organisationKinds } from '@lagesbild/shared/api/organisations'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useCreateOrganisation } from '../api/create-organisation'

type Kind = (typeof organisationKinds)[number]

/** For administrators: add an administration, committee or unit below this organisation. */
export function CreateUnitForm({
  parentId,
  onCreated,
}: {
  parentId: string
  onCreated: (name: string) => void
}) {
  const { t } = useTranslation('organisations')
  const { t: tc } = useTranslation('common')
  const create = useCreateOrganisation()
  const [name, setName] = useState('')
  const [shortName, setShortName] = useState('')
  const [kind, setKind] = useState<Kind>('unit')
  const [missing, setMissing] = useState(false)
  const error = missing ? t('edit.nameRequired') : create.error?.fieldError('name')

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!name.trim()) {
      setMissing(true)
      document.getElementById('unit-name')?.focus()
      return
    }
    setMissing(false)
    create.mutate(
      { parentId, name: name.trim(), shortName: shortName.trim() || null, kind },
      {
        onSuccess: (created) => {
          setName('')
          setShortName('')
          onCreated(created.name)
        },
        onError: () => document.getElementById('unit-name')?.focus(),
      },
    )
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="create-unit-title">
      <h3 id="create-unit-title">{t('create.title')}</h3>
      {create.error && !error ? <ProblemAlert error={create.error} /> : null}
      <div className="inline-form__row">
        <Field
          id="unit-name"
          label={t('edit.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error}
          required
          autoComplete="off"
        />
        <Field
          id="unit-short-name"
          label={t('edit.shortName')}
          width="short"
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          autoComplete="off"
        />
        <Select
          id="unit-kind"
          label={t('create.kind')}
          width="medium"
          options={organisationKinds.map((k) => ({ value: k, label: tc(`organisationKind.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(organisationKinds.find((k) => k === e.target.value) ?? 'unit')}
        />
        <div className="inline-form__submit">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('create.submit')}
          </Button>
        </div>
      </div>
    </form>
  )
}
