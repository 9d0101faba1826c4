import { personalDataChecks } from '@lagesbild/shared/domain/personal-data'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { useAdministeredOrganisations } from '../api/organisations'
import { type PersonalDataCheck, privacySettingQueryOptions, useSavePrivacySetting } from '../api/privacy'
import { AdminNav } from './admin-nav'
import './admin.css'

/** Data-protection settings for the organisations the administrator administers. */
export function PrivacyPage() {
  const { t } = useTranslation('admin')
  const organisations = useAdministeredOrganisations()
  const roots = organisations.options.filter((o) => organisations.roots.has(o.value))
  return (
    <>
      <AdminNav />
      <PageHeader title={t('privacy.title')} description={<p>{t('privacy.intro')}</p>} />
      <section className="panel" aria-labelledby="check-title">
        <h2 id="check-title">{t('privacy.settingsTitle')}</h2>
        {organisations.isError ? <ProblemAlert error={organisations.error} /> : null}
        {roots.map((organisation) => (
          <SettingForm
            key={organisation.value}
            organisationId={organisation.value}
            name={organisation.label}
          />
        ))}
      </section>
      <section className="panel" aria-labelledby="erasure-title">
        <h2 id="erasure-title">{t('privacy.erasureTitle')}</h2>
        <p>{t('privacy.erasureIntro')}</p>
      </section>
    </>
  )
}

function SettingForm({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation('admin')
  const setting = useQuery(privacySettingQueryOptions(organisationId))
  const save = useSavePrivacySetting(organisationId)
  const [choice, setChoice] = useState<PersonalDataCheck | null>(null)
  const [status, setStatus] = useState('')
  const value = choice ?? setting.data?.personalDataCheck ?? 'warn'
  const id = `check-${organisationId}`

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    save.mutate(
      { personalDataCheck: value, ...(setting.data?.version ? { version: setting.data.version } : {}) },
      { onSuccess: () => setStatus(t('privacy.saved')) },
    )
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <div className="inline-form__row">
        <Select
          id={id}
          label={t('privacy.check', { organisation: name })}
          hint={
            setting.data?.inheritedFrom
              ? t('privacy.inherited', { organisation: setting.data.inheritedFrom.name })
              : undefined
          }
          options={personalDataChecks.map((check) => ({ value: check, label: t(`privacy.checks.${check}`) }))}
          value={value}
          onChange={(e) => setChoice(personalDataChecks.find((c) => c === e.target.value) ?? 'warn')}
        />
        <div className="inline-form__submit">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t('privacy.save')}
          </Button>
        </div>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
    </form>
  )
}
