import { projectCreatorRoles } from '@lagesbild/shared/domain/access'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { FieldShell } from '../../../components/field-shell'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useCurrentUser } from '../../../lib/current-user'
import { withinOrganisations } from '../../../lib/organisation-options'
import { useOrganisationOptions } from '../api/get-organisation-options'
import { type ProjectImport, useImportProject } from '../api/import-project'

/** Creates a new project from a document exported with "Exportera projekt (JSON)". */
export function ImportProjectForm() {
  const { t } = useTranslation('projects')
  const navigate = useNavigate()
  const organisations = useOrganisationOptions()
  const me = useCurrentUser()
  const importing = useImportProject()
  const [organisationId, setOrganisationId] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{ file?: string; organisation?: string }>({})

  const creatorGrants = new Set(
    me.roles.filter((grant) => projectCreatorRoles.includes(grant.role)).map((grant) => grant.organisationId),
  )
  if (creatorGrants.size === 0) return null
  const options = withinOrganisations(organisations.data ?? [], creatorGrants)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: { file?: string; organisation?: string } = {}
    if (!organisationId) found.organisation = t('transfer.organisationMissing')
    let document: unknown = null
    if (!file) found.file = t('transfer.fileMissing')
    else {
      try {
        document = JSON.parse(await file.text())
      } catch {
        found.file = t('transfer.fileNotJson')
      }
    }
    setErrors(found)
    if (found.file || found.organisation) return
    const renamed = name.trim()
    const body = { ownerOrganisationId: organisationId, document, ...(renamed ? { name: renamed } : {}) }
    importing.mutate(body as ProjectImport, {
      onSuccess: (project) =>
        navigate({
          to: '/projects/$projectId',
          params: { projectId: project.id },
          state: { flash: t('transfer.imported') },
        }),
    })
  }

  return (
    <section aria-labelledby="import-project-title" className="panel">
      <h2 id="import-project-title">{t('transfer.importTitle')}</h2>
      <p>{t('transfer.importIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        {importing.isError ? <ProblemAlert error={importing.error} /> : null}
        <FieldShell id="import-file" label={t('transfer.file')} error={errors.file} required>
          {(control) => (
            <input
              type="file"
              accept="application/json,.json"
              className="input"
              {...control}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          )}
        </FieldShell>
        <Select
          id="import-organisation"
          label={t('transfer.organisation')}
          required
          value={organisationId}
          onChange={(event) => setOrganisationId(event.target.value)}
          emptyOption={t('form.chooseOrganisation')}
          options={options}
          error={errors.organisation}
        />
        <Field
          id="import-name"
          label={t('transfer.name')}
          hint={t('transfer.nameHint')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={300}
        />
        <div className="form__actions">
          <Button type="submit" variant="secondary" busy={importing.isPending}>
            {importing.isPending ? t('transfer.importing') : t('transfer.import')}
          </Button>
        </div>
      </form>
    </section>
  )
}
