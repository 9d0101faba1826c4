import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { ProblemAlert } from '../../../components/problem-alert'
import type { EraseMutation } from '../api/privacy'

export interface ErasurePanelProps {
  /** The name to type to confirm, exactly as the server has it. */
  name: string
  erased: boolean
  erase: EraseMutation
  intro: ReactNode
  /** The link to the register extract, shown beside the erase button. */
  extractLink: ReactNode
}

/** Register extract and erasure, for a user account or a staff record without one. */
export function ErasurePanel({ name, erased, erase, intro, extractLink }: ErasurePanelProps) {
  const { t } = useTranslation('admin')
  const { t: tc } = useTranslation('common')
  const [confirming, setConfirming] = useState(false)
  const [typed, setTyped] = useState('')
  const error = erase.error?.fieldError('confirmName')
  return (
    <section className="panel" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('user.privacy.title')}</h2>
      <p className="muted">{intro}</p>
      {erase.data ? (
        <div className="alert alert--info" role="status">
          <p className="alert__title">{t('user.privacy.erased', { pseudonym: erase.data.pseudonym })}</p>
          {erase.data.mentions.length > 0 ? (
            <p>
              {t('user.privacy.mentions', {
                projects: erase.data.mentions.map((m) => m.project.name).join(', '),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {erase.error && !error ? <ProblemAlert error={erase.error} /> : null}
      <div className="button-row">
        {extractLink}
        {!erased && !confirming ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('user.privacy.erase')}
          </Button>
        ) : null}
      </div>
      {confirming && !erased ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            erase.mutate(typed, { onSuccess: () => setConfirming(false) })
          }}
        >
          <div className="inline-form__row">
            <Field
              id="erase-confirm"
              label={t('user.privacy.confirmLabel', { name })}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              error={error}
              autoComplete="off"
              required
            />
            <div className="inline-form__submit button-row">
              <Button type="submit" variant="danger" busy={erase.isPending}>
                {t('user.privacy.confirm')}
              </Button>
              <Button variant="quiet" onClick={() => setConfirming(false)}>
                {tc('actions.cancel')}
              </Button>
            </div>
          </div>
        </form>
      ) : null}
    </section>
  )
}
