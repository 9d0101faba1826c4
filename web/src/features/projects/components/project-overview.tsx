import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { FactList } from '../../../components/fact-list'
import { ProjectTable } from '../../../components/project-table'
import { TextBlock } from '../../../components/text-block'
import { formatDate, formatPeriod, formatTimestamp } from '../../../lib/format'
import { RequestDecisionLink } from '../../governance/components/request-decision-link'
import { can, type Project, useProject } from '../api/get-project'
import { ProjectMembers } from './project-members'
import { ProjectSituationPanel } from './project-situation'

export function ProjectOverview() {
  const { t } = useTranslation('projects')
  const { t: tc } = useTranslation('common')
  const { projectId } = useParams({ from: '/authenticated/projects/$projectId/' })
  const { data: project } = useProject(projectId)

  const facts = [
    { key: 'code', term: t('fields.code'), value: project.code ?? tc('notSet') },
    {
      key: 'owner',
      term: t('fields.ownerOrganisation'),
      value: (
        <Link to="/organisations/$organisationId" params={{ organisationId: project.ownerOrganisation.id }}>
          {project.ownerOrganisation.name}
        </Link>
      ),
    },
    { key: 'client', term: t('fields.client'), value: project.client || tc('notSet') },
    {
      key: 'programme',
      term: t('fields.programme'),
      value: project.programme ? (
        <Link to="/programmes/$programmeId" params={{ programmeId: project.programme.id }}>
          {project.programme.name}
        </Link>
      ) : (
        tc('none')
      ),
    },
    ...(project.parent
      ? [
          {
            key: 'parent',
            term: t('fields.parent'),
            value: (
              <Link to="/projects/$projectId" params={{ projectId: project.parent.id }}>
                {project.parent.name}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'planned',
      term: t('overview.plannedPeriod'),
      value: <span className="nowrap">{formatPeriod(project.plannedStart, project.plannedEnd)}</span>,
    },
    { key: 'actualEnd', term: t('fields.actualEnd'), value: formatDate(project.actualEnd, tc('notSet')) },
    { key: 'leaders', term: t('overview.leaders'), value: <Leaders project={project} /> },
  ]

  return (
    <div className="project-overview">
      <ProjectSituationPanel projectId={project.id} />
      <section aria-labelledby="facts-title" className="panel">
        <h2 id="facts-title">{t('overview.facts')}</h2>
        <FactList facts={facts} />
        <div className="button-row">
          <RequestDecisionLink projectId={project.id} kind="lifecycle" />
          <RequestDecisionLink projectId={project.id} kind="change_leader" />
          <RequestDecisionLink projectId={project.id} kind="change_owner" />
        </div>
        <p className="muted small">
          {t('overview.lastUpdated', { time: formatTimestamp(project.updatedAt) })}
        </p>
      </section>

      <section aria-labelledby="description-title" className="panel">
        <h2 id="description-title">{t('overview.description')}</h2>
        <h3>{t('fields.purpose')}</h3>
        <TextBlock text={project.purpose} />
        <h3>{t('fields.background')}</h3>
        <TextBlock text={project.background} />
        <h3>{t('fields.targetGroup')}</h3>
        <TextBlock text={project.targetGroup} />
      </section>

      <section aria-labelledby="sub-projects-title" className="panel">
        <div className="panel__header">
          <h2 id="sub-projects-title">{t('overview.subProjects')}</h2>
          {project.parent === null && can(project, 'project:edit') ? (
            <Link
              to="/projects/new"
              search={{ parentId: project.id }}
              className={buttonClass('secondary', 'small')}
            >
              {t('overview.newSubProject')}
            </Link>
          ) : null}
        </div>
        {project.subProjects.length === 0 ? (
          <EmptyState title={t('overview.noSubProjects')} />
        ) : (
          <ProjectTable
            projects={project.subProjects}
            caption={t('overview.subProjectsCaption')}
            hide={['owner', 'programme', 'parent']}
          />
        )}
      </section>

      <ProjectMembers projectId={project.id} canManage={can(project, 'project:members')} />
    </div>
  )
}

function Leaders({ project }: { project: Project }) {
  const { t } = useTranslation('projects')
  if (project.leaders.length === 0) return <>{t('overview.noLeader')}</>
  const ordered = [...project.leaders].sort((a, b) => b.from.localeCompare(a.from))
  return (
    <ul className="leaders">
      {ordered.map((leader) => (
        <li key={`${leader.person.id}-${leader.from}`}>
          <span className="leaders__name">{leader.person.name}</span>{' '}
          <span className="leaders__period">
            {leader.to
              ? t('overview.leaderPeriod', { from: leader.from, to: leader.to })
              : `${t('overview.leaderOpen', { from: leader.from })} (${t('overview.currentLeader')})`}
          </span>
        </li>
      ))}
    </ul>
  )
}
