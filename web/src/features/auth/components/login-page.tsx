import { useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { Field } from '../../../components/field'
import { LanguageSwitch } from '../../../components/language-switch'
import { ProblemAlert } from '../../../components/problem-alert'
import { useDocumentTitle } from '../../../lib/use-document-title'
import { safeRedirect } from '../api/get-me'
import { useLogin } from '../api/login'
import { isSsoFailure, ssoStartHref, useSsoStatus } from '../api/sso'
import { DemoAccounts } from './demo-accounts'
import './login-page.css'

export function LoginPage() {
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation('common')
  useDocumentTitle(t('login.title'))
  const search = useSearch({ from: '/login' })
  const navigate = useNavigate()
  const loginMutation = useLogin()
  const sso = useSsoStatus()
  const ssoFailure = isSsoFailure(search.sso) ? search.sso : null
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({})

  const serverError = (field: 'email' | 'password') => loginMutation.error?.fieldError(field)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const nextMissing = {
      ...(email.trim() ? {} : { email: t('login.missingEmail') }),
      ...(password ? {} : { password: t('login.missingPassword') }),
    }
    setMissing(nextMissing)
    if (nextMissing.email || nextMissing.password) {
      document.getElementById(nextMissing.email ? 'login-email' : 'login-password')?.focus()
      return
    }
    loginMutation.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate({ href: safeRedirect(search.redirect), replace: true }) },
    )
  }

  return (
    <div className="login">
      <header className="login__top">
        <p className="login__brand">
          <span className="brand-mark" aria-hidden="true" />
          {tc('productName')}
        </p>
        <LanguageSwitch className="login__language" />
      </header>
      <main id="main" className="login__main" tabIndex={-1}>
        <div className="login__card">
          <h1 tabIndex={-1}>{t('login.title')}</h1>
          <p className="login__intro">{t('login.intro')}</p>
          {ssoFailure ? (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">{t(`sso.failure.${ssoFailure}`)}</p>
            </div>
          ) : null}
          <ProblemAlert error={loginMutation.error} detailOnly />
          <form onSubmit={submit} noValidate>
            <Field
              id="login-email"
              label={t('login.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={missing.email ?? serverError('email')}
              required
            />
            <Field
              id="login-password"
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={missing.password ?? serverError('password')}
              required
            />
            <Button type="submit" variant="primary" busy={loginMutation.isPending} className="login__submit">
              {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
            </Button>
          </form>
          {sso.data?.enabled ? (
            <div className="login__sso">
              <a className={buttonClass('secondary')} href={ssoStartHref(safeRedirect(search.redirect))}>
                {t('sso.button')}
              </a>
            </div>
          ) : null}
        </div>
        <DemoAccounts
          onPick={(pickedEmail, pickedPassword) => {
            setEmail(pickedEmail)
            setPassword(pickedPassword)
            setMissing({})
            document.getElementById('login-email')?.focus()
          }}
        />
      </main>
    </div>
  )
}
