import { PASSWORD_MIN_LENGTH, passwordLength } from '@lagesbild/shared/domain/password-policy'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { LanguageSwitch } from '../../../components/language-switch'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { useDocumentTitle } from '../../../lib/use-document-title'
import { useAcceptInvitation, useInvitation } from '../api/invitation'
import './login-page.css'

/** The token travels in the fragment, which the browser never sends anywhere. */
const tokenFromLocation = () => (typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, ''))

/** Where an invited person (or one given a reset link) sets a password and is logged in. */
export function InvitationPage() {
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation('common')
  useDocumentTitle(t('invitation.title'))
  const [token] = useState(tokenFromLocation)
  const accept = useAcceptInvitation()
  const invitation = useInvitation(token, accept.isSuccess)
  const navigate = useNavigate()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [local, setLocal] = useState<{ password?: string; repeat?: string }>({})

  const serverErrors = accept.error?.fieldErrors.filter((e) => e.field === 'password').map((e) => e.message)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = {
      ...(passwordLength(password) < PASSWORD_MIN_LENGTH
        ? { password: t('invitation.tooShort', { count: PASSWORD_MIN_LENGTH }) }
        : {}),
      ...(repeat !== password ? { repeat: t('invitation.mismatch') } : {}),
    }
    setLocal(next)
    if (next.password || next.repeat) {
      document.getElementById(next.password ? 'invitation-password' : 'invitation-repeat')?.focus()
      return
    }
    accept.mutate(
      { token, password },
      {
        onSuccess: () => navigate({ to: '/', replace: true }),
        onError: () => document.getElementById('invitation-password')?.focus(),
      },
    )
  }

  const info = invitation.data
  return (
    <div className="login">
      <header className="login__top">
        <p className="login__brand">
          <span className="brand-mark" aria-hidden="true" />
          {tc('productName')}
        </p>
        <LanguageSwitch className="login__language" />
      </header>
      <main id="main" className="login__main login__main--single" tabIndex={-1}>
        <div className="login__card">
          <h1 tabIndex={-1}>
            {info?.purpose === 'password_reset' ? t('invitation.resetTitle') : t('invitation.title')}
          </h1>
          {!token ? <p className="alert alert--error">{t('invitation.noToken')}</p> : null}
          {invitation.isPending && token ? <Loading /> : null}
          {invitation.isError ? <ProblemAlert error={invitation.error} detailOnly /> : null}
          {info ? (
            <>
              <p className="login__intro">
                {t('invitation.intro', { name: info.name, organisation: info.organisationName })}
              </p>
              <ProblemAlert error={accept.error && !serverErrors?.length ? accept.error : null} detailOnly />
              <form onSubmit={submit} noValidate>
                <Field
                  id="invitation-email"
                  label={t('login.email')}
                  value={info.email}
                  readOnly
                  autoComplete="username"
                />
                <Field
                  id="invitation-password"
                  label={t('invitation.password')}
                  hint={t('invitation.rules', { count: PASSWORD_MIN_LENGTH })}
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  error={local.password ?? (serverErrors?.length ? serverErrors.join(' ') : undefined)}
                  required
                />
                <Field
                  id="invitation-repeat"
                  label={t('invitation.repeat')}
                  type="password"
                  autoComplete="new-password"
                  value={repeat}
                  onChange={(event) => setRepeat(event.target.value)}
                  error={local.repeat}
                  required
                />
                <Button type="submit" variant="primary" busy={accept.isPending} className="login__submit">
                  {accept.isPending ? t('invitation.saving') : t('invitation.submit')}
                </Button>
              </form>
            </>
          ) : null}
        </div>
      </main>
    </div>
  )
}
