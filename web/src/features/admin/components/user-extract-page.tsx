import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { RegisterExtractView } from '../../../components/register-extract'
import { userExtractHref, userExtractQueryOptions } from '../api/privacy'
import { AdminNav } from './admin-nav'
import './admin.css'

export function UserExtractPage() {
  const { t } = useTranslation('admin')
  const { userId } = useParams({ from: '/authenticated/admin/users/$userId/extract' })
  const extract = useQuery(userExtractQueryOptions(userId))
  return (
    <>
      <AdminNav />
      <PageHeader
        title={t('extractPage.title', { name: extract.data?.subject.name ?? '' })}
        breadcrumbs={
          <Breadcrumbs label={t('nav.label')}>
            <li>
              <Link to="/admin/users">{t('users.title')}</Link>
            </li>
            <li>
              <Link to="/admin/users/$userId" params={{ userId }}>
                {t('extractPage.back')}
              </Link>
            </li>
          </Breadcrumbs>
        }
      />
      {extract.isPending ? <Loading /> : null}
      {extract.isError ? <ProblemAlert error={extract.error} /> : null}
      {extract.data ? (
        <RegisterExtractView extract={extract.data} downloadHref={userExtractHref(userId)} />
      ) : null}
    </>
  )
}
