import { type GroupKind, groupKinds } from '@lagesbild/shared/domain/governance'
import { Checkbox } from '../../../components/checkbox'
import { Field } from '../../../components/field'
import { Select } from '../../../components/select'
import { TextArea } from '../../../components/text-area'
import type { OrganisationOption } from '../../../lib/organisation-options'
import { useKeepingTranslation } from '../i18n-keeping'

export interface GroupValues {
  name: string
  kind: GroupKind
  description: string
  organisationIds: string[]
}

/** Name, kind, mandate and the organisations represented: the same fields when creating and editing. */
export function GroupFields({
  idPrefix,
  values,
  organisations,
  onChange,
}: {
  idPrefix: string
  values: GroupValues
  organisations: readonly OrganisationOption[]
  onChange: (patch: Partial<GroupValues>) => void
}) {
  const { t } = useKeepingTranslation()
  const chosen = new Set(values.organisationIds)
  const toggle = (id: string, on: boolean) =>
    onChange({
      organisationIds: on ? [...values.organisationIds, id] : values.organisationIds.filter((o) => o !== id),
    })
  return (
    <>
      <Field
        id={`${idPrefix}-name`}
        label={t('form.name')}
        required
        autoComplete="off"
        maxLength={200}
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <Select
        id={`${idPrefix}-kind`}
        label={t('form.kind')}
        options={groupKinds.map((k) => ({ value: k, label: t(`groupKinds.${k}`) }))}
        value={values.kind}
        onChange={(e) => onChange({ kind: e.target.value as GroupKind })}
        width="medium"
      />
      <TextArea
        id={`${idPrefix}-description`}
        label={t('form.description')}
        hint={t('form.descriptionHint')}
        rows={3}
        value={values.description}
        onChange={(e) => onChange({ description: e.target.value })}
      />
      <fieldset className="group-organisations">
        <legend>{t('form.organisations')}</legend>
        <p className="field__hint">{t('form.organisationsHint')}</p>
        <div className="group-organisations__list">
          {organisations.map((o) => (
            // A class per level, not an inline style: the Content-Security-Policy allows no inline styles.
            <div key={o.value} className={`group-organisations__item--depth-${Math.min(o.depth ?? 0, 4)}`}>
              <Checkbox
                id={`${idPrefix}-org-${o.value}`}
                label={o.label}
                checked={chosen.has(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </>
  )
}
