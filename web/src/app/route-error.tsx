import { type ErrorComponentProps, useRouter } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Button } from '../components/button'
import { PageHeader } from '../components/page-header'
import { ProblemAlert } from '../components/problem-alert'
import { isApiProblem } from '../lib/api-client'
import { NotFoundPage } from './not-found-page'

/** A page whose data could not load: 404 is "not found", anything else a problem with a retry. */
export function RouteError({ error }: ErrorComponentProps) {
  const { t } = useTranslation('app')
  const { t: tc } = useTranslation('common')
  const router = useRouter()
  if (isApiProblem(error) && (error.status === 404 || error.code === 'route_not_found'))
    return <NotFoundPage />
  return (
    <div>
      <PageHeader title={t('error.title')} description={<p>{t('error.body')}</p>} />
      <ProblemAlert error={error}>
        <p>
          <Button onClick={() => void router.invalidate()}>{tc('actions.retry')}</Button>
        </p>
      </ProblemAlert>
    </div>
  )
}
