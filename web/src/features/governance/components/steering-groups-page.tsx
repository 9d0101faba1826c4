import { steeringGroupKeeperRoles } from '@lagesbild/shared/domain/access'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { hasOrganisationRole, useCurrentUser } from '../../../lib/current-user'
import { useSteeringGroups } from '../api/governance'
import { useKeepingTranslation } from '../i18n-keeping'
import './governance.css'
import { TableScroll } from '../../../components/table-scroll'

export function SteeringGroupsPage() {
  const { t } = useTranslation('governance')
  const { t: tk } = useKeepingTranslation()
  const groups = useSteeringGroups()
  const me = useCurrentUser()
  const items = groups.data?.items ?? []
  return (
    <>
      <PageHeader
        title={t('groups.title')}
        description={<p>{t('groups.intro')}</p>}
        actions={
          // The server decides per organisation; the link is for those who keep groups anywhere.
          hasOrganisationRole(me, steeringGroupKeeperRoles) ? (
            <Link to="/steering-groups/new" className={buttonClass('primary')}>
              {tk('newGroup')}
            </Link>
          ) : null
        }
      />
      {groups.isPending ? <Loading /> : null}
      <ProblemAlert error={groups.error} />
      {groups.data && items.length === 0 ? <EmptyState title={t('groups.empty')} /> : null}
      {items.length > 0 ? (
        <section className="panel">
          <TableScroll>
            <table className="data-table">
              <caption className="visually-hidden">{t('groups.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.kind')}</th>
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
                    <td>{tk(`groupKinds.${g.kind}`)}</td>
                    <td>{g.ownerOrganisation.name}</td>
                    <td>{g.projects.map((p) => p.name).join(', ')}</td>
                    <td className="numeric">{g.currentMemberCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </>
  )
}
