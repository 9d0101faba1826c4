import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useCurrentUser } from '../../../lib/current-user'
import { withinOrganisations } from '../../../lib/organisation-options'
import { ownerOptionsQueryOptions, useCreateProgramme } from '../api/create-programme'

/** For administrators and portfolio managers: a new funding programme in their organisations. */
export function CreateProgrammeForm() {
  const { t } = useTranslation('programmes')
  const me = useCurrentUser()
  const roots = new Set(
    me.roles
      .filter((g) => g.role === 'administrator' || g.role === 'portfolio_manager')
      .map((g) => g.organisationId),
  )
  const owners = useQuery(ownerOptionsQueryOptions())
  const create = useCreateProgramme()
  const [name, setName] = useState('')
  const [owner, setOwner] = useState('')
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  const [missing, setMissing] = useState<{ name?: string; owner?: string }>({})
  const fieldError = (field: string) => create.error?.fieldError(field)

  if (roots.size === 0) return null

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = {
      ...(name.trim() ? {} : { name: t('edit.nameRequired') }),
      ...(owner ? {} : { owner: t('create.ownerRequired') }),
    }
    setMissing(next)
    if (next.name || next.owner) {
      document.getElementById(next.name ? 'programme-new-name' : 'programme-new-owner')?.focus()
      return
    }
    create.mutate(
      { name: name.trim(), ownerOrganisationId: owner, periodStart: start || null, periodEnd: end || null },
      {
        onSuccess: () => {
          setName('')
          setStart('')
          setEnd('')
        },
      },
    )
  }

  return (
    <section className="panel" aria-labelledby="create-programme-title">
      <h2 id="create-programme-title">{t('create.title')}</h2>
      {create.data ? (
        <p role="status">
          <Link to="/programmes/$programmeId" params={{ programmeId: create.data.id }}>
            {t('create.created', { name: create.data.name })}
          </Link>
        </p>
      ) : null}
      {create.error && !fieldError('name') && !fieldError('periodEnd') ? (
        <ProblemAlert error={create.error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field
            id="programme-new-name"
            label={t('edit.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={missing.name ?? fieldError('name')}
            required
            autoComplete="off"
          />
          <Select
            id="programme-new-owner"
            label={t('create.owner')}
            emptyOption={t('create.chooseOwner')}
            options={withinOrganisations(owners.data ?? [], roots)}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            error={missing.owner ?? fieldError('ownerOrganisationId')}
            required
          />
          <Field
            id="programme-new-start"
            type="date"
            width="medium"
            label={t('edit.periodStart')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            error={fieldError('periodStart')}
          />
          <Field
            id="programme-new-end"
            type="date"
            width="medium"
            label={t('edit.periodEnd')}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            error={fieldError('periodEnd')}
          />
        </div>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('create.submit')}
        </Button>
      </form>
    </section>
  )
}
