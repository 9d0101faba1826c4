import { projectCreatorRoles } from '@lagesbild/shared/domain/access'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/field'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import { useCurrentUser } from '../../../lib/current-user'
import { useOrganisationOptions, withinOrganisations } from '../api/get-organisation-options'
import { usePeopleOptions } from '../api/get-people-options'
import { useProgrammeOptions } from '../api/get-programme-options'
import { type ProjectSummary, parentProjectOptionsQueryOptions } from '../api/get-projects'
import {
  controlId,
  type FormError,
  fieldLabelKeys,
  type ProjectFormField,
  type ProjectFormValues,
} from './project-form'

export interface ProjectFormFieldsProps {
  mode: 'create' | 'edit'
  values: ProjectFormValues
  errors: readonly FormError[]
  onChange: (patch: Partial<ProjectFormValues>) => void
}

/** The labelled controls of the create and edit forms, grouped in fieldsets. */
export function ProjectFormFields({ mode, values, errors, onChange }: ProjectFormFieldsProps) {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const organisations = useOrganisationOptions()
  const programmes = useProgrammeOptions()
  const people = usePeopleOptions(mode === 'create')
  const parents = useQuery({ ...parentProjectOptionsQueryOptions(), enabled: mode === 'create' })
  const me = useCurrentUser()
  const creatorGrants = new Set(
    me.roles.filter((grant) => projectCreatorRoles.includes(grant.role)).map((grant) => grant.organisationId),
  )
  // A main project may only be owned where the user is administrator or portfolio manager;
  // a sub-project's owner is free (the right to edit the main project is what counts).
  const ownerOptions =
    values.parentId || creatorGrants.size === 0
      ? (organisations.data ?? [])
      : withinOrganisations(organisations.data ?? [], creatorGrants)

  const errorOf = (field: ProjectFormField) => errors.find((error) => error.field === field)?.message
  const common = (field: ProjectFormField) => ({
    id: controlId(field),
    label: t(fieldLabelKeys[field]),
    error: errorOf(field),
  })
  const text = (field: ProjectFormField) => ({
    ...common(field),
    value: values[field],
    onChange: (event: { target: { value: string } }) => onChange({ [field]: event.target.value }),
  })

  function pickParent(parentId: string) {
    const parent: ProjectSummary | undefined = parents.data?.items.find((project) => project.id === parentId)
    onChange({
      parentId,
      // A sub-project usually has its main project's owner and programme.
      ...(parent && !values.ownerOrganisationId ? { ownerOrganisationId: parent.ownerOrganisation.id } : {}),
      ...(parent?.programme && !values.programmeId ? { programmeId: parent.programme.id } : {}),
    })
  }

  return (
    <>
      <fieldset className="form-section">
        <legend>{t('form.sectionBasics')}</legend>
        <Field {...text('name')} required autoComplete="off" />
        <Field {...text('code')} hint={t('form.codeHint')} width="medium" autoComplete="off" />
        {mode === 'create' ? (
          <>
            <Select
              {...text('parentId')}
              onChange={(event) => pickParent(event.target.value)}
              hint={t('form.parentHint')}
              emptyOption={t('form.noParent')}
              options={(parents.data?.items ?? []).map((project) => ({
                value: project.id,
                label: project.name,
              }))}
            />
            <Select
              {...text('ownerOrganisationId')}
              required
              emptyOption={t('form.chooseOrganisation')}
              options={ownerOptions}
            />
          </>
        ) : null}
        <Select
          {...text('programmeId')}
          emptyOption={t('form.noProgramme')}
          options={programmes.data ?? []}
        />
        <Field {...text('client')} hint={t('form.clientHint')} autoComplete="off" />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionDescription')}</legend>
        <p className="form-section__note">{tc('personalDataReminder')}</p>
        <TextArea {...text('purpose')} rows={4} />
        <TextArea {...text('background')} rows={6} />
        <TextArea {...text('targetGroup')} rows={3} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionTime')}</legend>
        <div className="form-grid">
          <Field {...text('plannedStart')} type="date" required width="medium" />
          <Field {...text('plannedEnd')} type="date" required width="medium" />
          {mode === 'edit' ? (
            <Field {...text('actualEnd')} type="date" hint={t('form.actualEndHint')} width="medium" />
          ) : null}
        </div>
        {mode === 'create' ? (
          <Select
            {...text('leaderPersonId')}
            hint={t('form.leaderHint')}
            emptyOption={t('form.noLeader')}
            options={people.data ?? []}
          />
        ) : null}
      </fieldset>
    </>
  )
}
