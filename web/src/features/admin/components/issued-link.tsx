import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { formatTimestamp } from '../../../lib/format'
import type { IssuedLink } from '../api/users'

/** A one-time link shown once, to copy and hand to the person (there is no e-mail server). */
export function IssuedLinkPanel({ link }: { link: IssuedLink }) {
  const { t } = useTranslation('admin')
  const [copied, setCopied] = useState(false)
  return (
    <section className="panel" aria-labelledby="issued-link-title">
      <h2 id="issued-link-title">{t('invite.linkTitle')}</h2>
      <p>{t('invite.linkIntro')}</p>
      <div className="link-box">
        <Field
          id="issued-link"
          label={t('invite.linkLabel')}
          value={link.url}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          hint={t('invite.expires', { time: formatTimestamp(link.expiresAt) })}
        />
        <Button
          onClick={() =>
            void navigator.clipboard?.writeText(link.url).then(
              () => setCopied(true),
              () => document.getElementById('issued-link')?.focus(),
            )
          }
        >
          {t('invite.copy')}
        </Button>
      </div>
      <p role="status" className="muted">
        {copied ? t('invite.copied') : ''}
      </p>
    </section>
  )
}
