import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../components/page-header'

export function NotFoundPage() {
  const { t } = useTranslation('app')
  return (
    <div className="not-found">
      <PageHeader title={t('notFound.title')} description={<p>{t('notFound.body')}</p>} />
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </div>
  )
}
