import { useNavigate, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/button'
import { Field } from '../../../components/field'
import { LanguageSwitch } from '../../../components/language-switch'
import { ProblemAlert } from '../../../components/problem-alert'
import { useDocumentTitle } from '../../../lib/use-document-title'
import { safeRedirect } from '../api/get-me'
import { useLogin } from '../api/login'
import { DemoAccounts } from './demo-accounts'
import './login-page.css'

export function LoginPage() {
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation('common')
  useDocumentTitle(t('login.title'))
  const search = useSearch({ from: '/login' })
  const navigate = useNavigate()
  const loginMutation = useLogin()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({})

  const serverError = (field: 'email' | 'password') =>
    loginMutation.error?.fieldErrors.find((error) => error.field === field)?.message

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
