import { useSuspenseQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { Select } from '../../../components/select'
import { currentLanguage } from '../../../lib/i18n'
import { financeOrganisationsQueryOptions } from '../api/imports'
import {
  type FinanceSettings,
  isFinanceSettings,
  useFinanceSettings,
  useSaveFinanceSettings,
} from '../api/settings'
import {
  addCategory,
  categoryForAccount,
  type DraftCategory,
  type DraftErrors,
  draftErrors,
  move,
  removeCategory,
  type SettingsDraft,
} from '../settings-draft'
import './finance.css'

const toDraft = (settings: FinanceSettings): SettingsDraft => ({
  categories: settings.categories.map(({ code, nameSv, nameEn, active }) => ({
    code,
    nameSv,
    nameEn,
    active,
  })),
  accountRules: settings.accountRules.map(({ prefix, category }) => ({ prefix, category })),
})

/** Cost categories and account→category rules of one organisation, edited together and saved with the version. */
export function SettingsPage() {
  const { t } = useTranslation('finance')
  const { data: organisations } = useSuspenseQuery(financeOrganisationsQueryOptions())
  const [organisationId, setOrganisationId] = useState(organisations.items[0]?.id ?? '')
  return (
    <div className="finance">
      <PageHeader title={t('settings.title')} description={<p>{t('settings.intro')}</p>} />
      {organisations.items.length === 0 ? (
        <EmptyState title={t('settings.noOrganisations')} />
      ) : (
        <>
          {organisations.items.length > 1 ? (
            <Select
              id="settings-organisation"
              label={t('settings.organisation')}
              width="medium"
              options={organisations.items.map((o) => ({ value: o.id, label: o.name }))}
              value={organisationId}
              onChange={(event) => setOrganisationId(event.target.value)}
            />
          ) : null}
          <SettingsEditor key={organisationId} organisationId={organisationId} />
        </>
      )}
    </div>
  )
}

function SettingsEditor({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation('finance')
  const settings = useFinanceSettings(organisationId)
  const save = useSaveFinanceSettings(organisationId)
  const [draft, setDraft] = useState<SettingsDraft | null>(null)
  const [version, setVersion] = useState<number | null>(null)
  const [conflict, setConflict] = useState(false)
  const [checked, setChecked] = useState(false)
  const [status, setStatus] = useState('')

  useEffect(() => {
    if (settings.data && draft === null) {
      setDraft(toDraft(settings.data))
      setVersion(settings.data.version)
    }
  }, [settings.data, draft])

  if (settings.isError) return <ProblemAlert error={settings.error} />
  if (!settings.data || !draft || version === null) return <Loading />

  const errors: DraftErrors = checked ? draftErrors(draft) : {}
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(settings.data))
  const edit = (next: SettingsDraft) => {
    setDraft(next)
    setStatus('')
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!draft || version === null) return
    setChecked(true)
    const found = Object.keys(draftErrors(draft))
    if (found[0]) {
      document.getElementById(`settings-${found[0]}`)?.focus()
      return
    }
    save.mutate(
      { version, ...draft },
      {
        onSuccess: (saved) => {
          setDraft(toDraft(saved))
          setVersion(saved.version)
          setConflict(false)
          setChecked(false)
          setStatus(t('settings.saved'))
        },
        onError: (error) => {
          const current = error.status === 409 ? error.problem.current : undefined
          if (isFinanceSettings(current)) {
            setConflict(true)
            setDraft(toDraft(current))
            setVersion(current.version)
          }
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('settings.title')}>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('settings.conflict')}</p>
        </div>
      ) : save.error ? (
        <ProblemAlert error={save.error} />
      ) : Object.keys(errors).length > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>{t('settings.errors.fixFirst')}</p>
        </div>
      ) : null}
      <CategoriesPanel draft={draft} errors={errors} onChange={edit} />
      <RulesPanel draft={draft} errors={errors} onChange={edit} />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty}>
          {t('settings.save')}
        </Button>
        <Button
          variant="quiet"
          disabled={!dirty}
          onClick={() => {
            setDraft(toDraft(settings.data))
            setChecked(false)
            save.reset()
          }}
        >
          {t('settings.discard')}
        </Button>
        <p role="status" className="muted">
          {status || (dirty ? t('settings.unsaved') : '')}
        </p>
      </div>
    </form>
  )
}

interface PanelProps {
  draft: SettingsDraft
  errors: DraftErrors
  onChange: (draft: SettingsDraft) => void
}

function InlineInput({
  id,
  label,
  value,
  error,
  onChange,
  className,
}: {
  id: string
  label: string
  value: string
  error: string | undefined
  onChange: (value: string) => void
  className?: string
}) {
  return (
    <>
      <input
        id={id}
        className={['input', className ?? ''].filter(Boolean).join(' ')}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
    </>
  )
}

function CategoriesPanel({ draft, errors, onChange }: PanelProps) {
  const { t } = useTranslation('finance')
  const [nameSv, setNameSv] = useState('')
  const [nameEn, setNameEn] = useState('')
  const [missing, setMissing] = useState(false)
  const name = (c: DraftCategory) => (currentLanguage() === 'en' ? c.nameEn : c.nameSv) || c.code
  const error = (path: string) => {
    const code = errors[path]
    return code ? t(`settings.errors.${code}`) : undefined
  }
  const setCategory = (index: number, patch: Partial<DraftCategory>) =>
    onChange({
      ...draft,
      categories: draft.categories.map((c, i) => (i === index ? { ...c, ...patch } : c)),
    })
  const last = draft.categories.length - 1

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('settings.categoriesTitle')}</h2>
      <p className="muted">{t('settings.categoriesIntro')}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('settings.categoriesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.code')}</th>
              <th scope="col">{t('settings.nameSv')}</th>
              <th scope="col">{t('settings.nameEn')}</th>
              <th scope="col">{t('settings.active')}</th>
              <th scope="col">{t('settings.order')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.categories.map((c, i) => (
              <tr key={c.code}>
                <th scope="row">
                  <code>{c.code}</code>
                </th>
                <td>
                  <InlineInput
                    id={`settings-categories.${i}.nameSv`}
                    label={t('settings.nameSvFor', { code: c.code })}
                    value={c.nameSv}
                    error={error(`categories.${i}.nameSv`)}
                    onChange={(value) => setCategory(i, { nameSv: value })}
                  />
                </td>
                <td>
                  <InlineInput
                    id={`settings-categories.${i}.nameEn`}
                    label={t('settings.nameEnFor', { code: c.code })}
                    value={c.nameEn}
                    error={error(`categories.${i}.nameEn`)}
                    onChange={(value) => setCategory(i, { nameEn: value })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    className="checkbox__input"
                    aria-label={t('settings.activeFor', { name: name(c) })}
                    checked={c.active}
                    onChange={(event) => setCategory(i, { active: event.target.checked })}
                  />
                </td>
                <td>
                  <span className="button-row">
                    <Button
                      size="small"
                      variant="quiet"
                      disabled={i === 0}
                      aria-label={t('settings.moveUp', { name: name(c) })}
                      onClick={() => onChange({ ...draft, categories: move(draft.categories, i, -1) })}
                    >
                      {t('settings.up')}
                    </Button>
                    <Button
                      size="small"
                      variant="quiet"
                      disabled={i === last}
                      aria-label={t('settings.moveDown', { name: name(c) })}
                      onClick={() => onChange({ ...draft, categories: move(draft.categories, i, 1) })}
                    >
                      {t('settings.down')}
                    </Button>
                  </span>
                </td>
                <td className="data-table__actions">
                  <Button
                    size="small"
                    disabled={draft.categories.length === 1}
                    aria-label={t('settings.removeCategory', { name: name(c) })}
                    onClick={() => onChange(removeCategory(draft, c.code))}
                  >
                    {t('settings.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="inline-form">
        <legend>{t('settings.addCategoryTitle')}</legend>
        <div className="inline-form__row">
          <Field
            id="new-category-sv"
            label={t('settings.nameSv')}
            hint={t('settings.codeHint')}
            value={nameSv}
            onChange={(event) => setNameSv(event.target.value)}
            error={missing ? t('settings.errors.required') : undefined}
            width="medium"
          />
          <Field
            id="new-category-en"
            label={t('settings.nameEn')}
            value={nameEn}
            onChange={(event) => setNameEn(event.target.value)}
            width="medium"
          />
          <div className="inline-form__submit">
            <Button
              onClick={() => {
                if (!nameSv.trim()) {
                  setMissing(true)
                  document.getElementById('new-category-sv')?.focus()
                  return
                }
                setMissing(false)
                onChange(addCategory(draft, nameSv, nameEn))
                setNameSv('')
                setNameEn('')
              }}
            >
              {t('settings.addCategory')}
            </Button>
          </div>
        </div>
      </fieldset>
    </section>
  )
}

function RulesPanel({ draft, errors, onChange }: PanelProps) {
  const { t } = useTranslation('finance')
  const [account, setAccount] = useState('')
  const options = draft.categories.map((c) => ({
    value: c.code,
    label: (currentLanguage() === 'en' ? c.nameEn : c.nameSv) || c.code,
  }))
  const labelOf = (code: string) => options.find((o) => o.value === code)?.label ?? code
  const error = (path: string) => {
    const code = errors[path]
    return code ? t(`settings.errors.${code}`) : undefined
  }
  const setRule = (index: number, patch: Partial<SettingsDraft['accountRules'][number]>) =>
    onChange({
      ...draft,
      accountRules: draft.accountRules.map((r, i) => (i === index ? { ...r, ...patch } : r)),
    })
  const tried = account.trim() ? categoryForAccount(draft.accountRules, account.trim()) : undefined

  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('settings.rulesTitle')}</h2>
      <p className="muted">{t('settings.rulesIntro')}</p>
      {draft.accountRules.length === 0 ? <p>{t('settings.noRules')}</p> : null}
      {draft.accountRules.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('settings.rulesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.prefix')}</th>
                <th scope="col">{t('settings.category')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.accountRules.map((rule, i) => (
                // Rules have no id and the prefix is what is being edited; the position is the identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={i}>
                  <td>
                    <InlineInput
                      id={`settings-accountRules.${i}.prefix`}
                      label={t('settings.prefixFor', { row: i + 1 })}
                      value={rule.prefix}
                      error={error(`accountRules.${i}.prefix`)}
                      onChange={(value) => setRule(i, { prefix: value.trim() })}
                      className="input--short"
                    />
                  </td>
                  <td>
                    <select
                      className="input input--select"
                      aria-label={t('settings.categoryFor', { prefix: rule.prefix })}
                      value={rule.category}
                      onChange={(event) => setRule(i, { category: event.target.value })}
                    >
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="data-table__actions">
                    <Button
                      size="small"
                      aria-label={t('settings.removeRule', { prefix: rule.prefix })}
                      onClick={() =>
                        onChange({ ...draft, accountRules: draft.accountRules.filter((_, j) => j !== i) })
                      }
                    >
                      {t('settings.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="button-row">
        <Button
          disabled={draft.categories.length === 0}
          onClick={() => {
            const category = draft.categories[0]?.code
            if (!category) return
            onChange({ ...draft, accountRules: [...draft.accountRules, { prefix: '', category }] })
            const row = draft.accountRules.length
            requestAnimationFrame(() =>
              document.getElementById(`settings-accountRules.${row}.prefix`)?.focus(),
            )
          }}
        >
          {t('settings.addRule')}
        </Button>
      </div>
      <div className="inline-form">
        <Field
          id="settings-try-account"
          label={t('settings.tryAccount')}
          inputMode="numeric"
          value={account}
          onChange={(event) => setAccount(event.target.value)}
          width="short"
        />
        <p aria-live="polite">
          {tried === undefined
            ? ''
            : tried === null
              ? t('settings.tryNone', { account: account.trim() })
              : t('settings.tryResult', { account: account.trim(), category: labelOf(tried) })}
        </p>
      </div>
    </section>
  )
}
