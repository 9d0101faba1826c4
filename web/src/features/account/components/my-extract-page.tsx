import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { RegisterExtractView } from '../../../components/register-extract'
import { myExtractHref, myExtractQueryOptions } from '../api/account'

export function MyExtractPage() {
  const { t } = useTranslation('account')
  const extract = useQuery(myExtractQueryOptions())
  return (
    <>
      <PageHeader
        title={t('extract.pageTitle')}
        breadcrumbs={
          <Breadcrumbs label={t('title')}>
            <li>
              <Link to="/account">{t('extract.back')}</Link>
            </li>
          </Breadcrumbs>
        }
      />
      {extract.isPending ? <Loading /> : null}
      {extract.isError ? <ProblemAlert error={extract.error} /> : null}
      {extract.data ? <RegisterExtractView extract={extract.data} downloadHref={myExtractHref} /> : null}
    </>
  )
}
