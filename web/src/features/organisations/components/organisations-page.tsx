import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/page-header'
import { OrganisationTree } from './organisation-tree'
import './organisations.css'

export function OrganisationsPage() {
  const { t } = useTranslation('organisations')
  return (
    <div>
      <PageHeader title={t('list.title')} description={<p>{t('list.description')}</p>} />
      <section className="panel" aria-label={t('list.treeLabel')}>
        <OrganisationTree />
      </section>
    </div>
  )
}
