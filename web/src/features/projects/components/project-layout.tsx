import { Link, Outlet, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { buttonClass } from '../../../components/button'
import { PageHeader } from '../../../components/page-header'
import { StatusBadge } from '../../../components/status-badge'
import { keepFocusOnNextNavigation } from '../../../lib/navigation-focus'
import { can, useProject } from '../api/get-project'
import { projectExportUrl } from '../api/import-project'
import './projects.css'

/**
 * The project's tabs, in the order of the work: the plan, the money, the follow-up, the steering
 * group's decisions, the final report, and the history of every change last. A later feature adds
 * a child route under `projectRoute` in app/router.tsx and a line here with its label in i18n.
 */
const projectTabs = [
  { to: '/projects/$projectId', label: 'tabs.overview', exact: true },
  { to: '/projects/$projectId/plan', label: 'plans:tabs.plan', exact: false },
  { to: '/projects/$projectId/timeline', label: 'plans:tabs.timeline', exact: false },
  { to: '/projects/$projectId/efterkalkyl', label: 'plans:tabs.efterkalkyl', exact: false },
  { to: '/projects/$projectId/goals', label: 'plans:tabs.goals', exact: false },
  { to: '/projects/$projectId/baselines', label: 'plans:tabs.baselines', exact: false },
  { to: '/projects/$projectId/staffing', label: 'plans:tabs.staffing', exact: false },
  { to: '/projects/$projectId/risks', label: 'plans:tabs.risks', exact: false },
  { to: '/projects/$projectId/finance', label: 'tabs.finance', exact: false },
  { to: '/projects/$projectId/indicators', label: 'indicators:tab', exact: false },
  { to: '/projects/$projectId/status-reports', label: 'statusReports:tab', exact: false },
  { to: '/projects/$projectId/governance', label: 'governance:tab', exact: false },
  { to: '/projects/$projectId/final-report', label: 'tabs.finalReport', exact: false },
  { to: '/projects/$projectId/history', label: 'tabs.history', exact: false },
] as const

export function ProjectLayout() {
  const { t } = useTranslation(['projects', 'plans', 'governance', 'indicators', 'statusReports'])
  const { t: tc } = useTranslation('common')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId' })
  const { data: project } = useProject(projectId)

  return (
    <div className="project">
      <PageHeader
        title={project.name}
        badge={<StatusBadge status={project.status} />}
        breadcrumbs={
          <Breadcrumbs label={t('breadcrumbs.label')}>
            <li>
              <Link to="/projects">{t('breadcrumbs.projects')}</Link>
            </li>
            {project.parent ? (
              <li>
                <Link to="/projects/$projectId" params={{ projectId: project.parent.id }}>
                  {project.parent.name}
                </Link>
              </li>
            ) : null}
            <li aria-current="page">{project.name}</li>
          </Breadcrumbs>
        }
        description={project.code ? <p className="project__code">{project.code}</p> : null}
        actions={
          can(project, 'project:edit') ? (
            <>
              <Link
                to="/projects/$projectId/edit"
                params={{ projectId }}
                className={buttonClass('secondary')}
              >
                {tc('actions.edit')}
              </Link>
              <a href={projectExportUrl(projectId)} download className={buttonClass('quiet')}>
                {t('transfer.export')}
              </a>
            </>
          ) : null
        }
      />
      <nav className="tabs" aria-label={t('tabs.label')}>
        <ul>
          {projectTabs.map((tab) => (
            <li key={tab.to}>
              <Link
                to={tab.to}
                params={{ projectId }}
                className="tabs__link"
                activeOptions={{ exact: tab.exact }}
                activeProps={{ 'aria-current': 'page', className: 'tabs__link--active' }}
                resetScroll={false}
                onClick={keepFocusOnNextNavigation}
              >
                {t(tab.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="project__content">
        <Outlet />
      </div>
    </div>
  )
}
