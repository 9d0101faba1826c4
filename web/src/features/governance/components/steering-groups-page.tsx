import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { useSteeringGroups } from '../api/governance'
import './governance.css'

export function SteeringGroupsPage() {
  const { t } = useTranslation('governance')
  const groups = useSteeringGroups()
  const items = groups.data?.items ?? []
  return (
    <>
      <PageHeader title={t('groups.title')} description={<p>{t('groups.intro')}</p>} />
      {groups.isPending ? <Loading /> : null}
      <ProblemAlert error={groups.error} />
      {groups.data && items.length === 0 ? <EmptyState title={t('groups.empty')} /> : null}
      {items.length > 0 ? (
        <section className="panel">
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('groups.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('groups.owner')}</th>
                  <th scope="col">{t('columns.projects')}</th>
                  <th scope="col" className="numeric">
                    {t('columns.members')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      <Link to="/steering-groups/$groupId" params={{ groupId: g.id }}>
                        {g.name}
                      </Link>
                    </th>
                    <td>{g.ownerOrganisation.name}</td>
                    <td>{g.projects.map((p) => p.name).join(', ')}</td>
                    <td className="numeric">{g.currentMemberCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  )
}
