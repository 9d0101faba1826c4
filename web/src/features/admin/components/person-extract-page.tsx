import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { RegisterExtractView } from '../../../components/register-extract'
import { personExtractHref, personExtractQueryOptions } from '../api/privacy'
import { AdminNav } from './admin-nav'
import './admin.css'

export function PersonExtractPage() {
  const { t } = useTranslation('admin')
  const { personId } = useParams({ from: '/authenticated/admin/people/$personId/extract' })
  const extract = useQuery(personExtractQueryOptions(personId))
  return (
    <>
      <AdminNav />
      <PageHeader
        title={t('personExtractPage.title', { name: extract.data?.subject.name ?? '' })}
        breadcrumbs={
          <Breadcrumbs label={t('nav.label')}>
            <li>
              <Link to="/admin/people">{t('people.title')}</Link>
            </li>
            <li>
              <Link to="/admin/people/$personId" params={{ personId }}>
                {t('personExtractPage.back')}
              </Link>
            </li>
          </Breadcrumbs>
        }
      />
      {extract.isPending ? <Loading /> : null}
      {extract.isError ? <ProblemAlert error={extract.error} /> : null}
      {extract.data ? (
        <RegisterExtractView extract={extract.data} downloadHref={personExtractHref(personId)} />
      ) : null}
    </>
  )
}
