import { PASSWORD_MIN_LENGTH } from '@lagesbild/shared/domain/password-policy'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '../../../components/button'
import { type Column, DataTable } from '../../../components/data-table'
import { Field } from '../../../components/field'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatTimestamp } from '../../../lib/format'
import {
  type Session,
  useChangePassword,
  useMySessions,
  useRevokeOtherSessions,
  useRevokeSession,
} from '../api/account'

/** The user's own account: open sessions ("log out other sessions"), password, own data. */
export function AccountPage() {
  const { t } = useTranslation('account')
  return (
    <>
      <PageHeader title={t('title')} />
      <SessionsPanel />
      <PasswordPanel />
      <section className="panel" aria-labelledby="extract-title">
        <h2 id="extract-title">{t('extract.title')}</h2>
        <p>{t('extract.intro')}</p>
        <Link to="/account/extract" className={buttonClass('secondary')}>
          {t('extract.show')}
        </Link>
      </section>
    </>
  )
}

function SessionsPanel() {
  const { t } = useTranslation('account')
  const { t: ta } = useTranslation('admin')
  const sessions = useMySessions()
  const revoke = useRevokeSession()
  const others = useRevokeOtherSessions()
  const [status, setStatus] = useState('')
  const items = sessions.data?.items ?? []
  const columns: Column<Session>[] = [
    {
      key: 'started',
      header: t('sessions.started'),
      rowHeader: true,
      cell: (s) => (
        <>
          {formatTimestamp(s.createdAt)}
          {s.current ? <strong> ({t('sessions.current')})</strong> : null}
        </>
      ),
    },
    { key: 'seen', header: t('sessions.lastSeen'), cell: (s) => formatTimestamp(s.lastSeenAt) },
    { key: 'ends', header: t('sessions.ends'), cell: (s) => formatTimestamp(s.absoluteExpiresAt) },
    { key: 'method', header: t('sessions.method'), cell: (s) => ta(`method.${s.method}`) },
    { key: 'browser', header: t('sessions.browser'), cell: (s) => s.userAgent ?? '–' },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('sessions.end')}</span>,
      className: 'data-table__actions',
      cell: (s) =>
        s.current ? null : (
          <Button
            size="small"
            busy={revoke.isPending}
            aria-label={t('sessions.endLabel', { time: formatTimestamp(s.createdAt) })}
            onClick={() => revoke.mutate(s.id, { onSuccess: () => setStatus(t('sessions.ended')) })}
          >
            {t('sessions.end')}
          </Button>
        ),
    },
  ]
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p className="muted">{t('sessions.intro')}</p>
      <p role="status" className="muted">
        {status}
      </p>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <ProblemAlert error={sessions.error} /> : null}
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      {items.length > 0 ? (
        <DataTable caption={t('sessions.caption')} columns={columns} rows={items} rowKey={(s) => s.id} />
      ) : null}
      {items.length > 1 ? (
        <Button
          busy={others.isPending}
          onClick={() =>
            others.mutate(undefined, {
              onSuccess: (result) => setStatus(t('sessions.othersDone', { count: result.revoked })),
            })
          }
        >
          {t('sessions.others')}
        </Button>
      ) : null}
    </section>
  )
}

function PasswordPanel() {
  const { t } = useTranslation('account')
  const change = useChangePassword()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const errorOf = (field: string) =>
    change.error?.fieldErrors
      .filter((e) => e.field === field)
      .map((e) => e.message)
      .join(' ') || undefined
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('')
          setNext('')
        },
        onError: (error) =>
          document
            .getElementById(
              error.fieldErrors[0]?.field === 'newPassword' ? 'password-next' : 'password-current',
            )
            ?.focus(),
      },
    )
  }
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <p role="status" className="muted">
        {change.isSuccess ? t('password.done') : ''}
      </p>
      <form onSubmit={submit} noValidate>
        <Field
          id="password-current"
          type="password"
          autoComplete="current-password"
          label={t('password.current')}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errorOf('currentPassword')}
          required
        />
        <Field
          id="password-next"
          type="password"
          autoComplete="new-password"
          label={t('password.next')}
          hint={t('password.rules', { count: PASSWORD_MIN_LENGTH })}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errorOf('newPassword')}
          required
        />
        <Button type="submit" variant="primary" busy={change.isPending}>
          {change.isPending ? t('password.saving') : t('password.submit')}
        </Button>
      </form>
    </section>
  )
}
