import type { ProjectSummary } from '@lagesbild/shared/api/projects'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Static } from 'typebox'
import { type Column, DataTable } from './data-table'
import { Period } from './period'
import { StatusBadge } from './status-badge'

type Summary = Static<typeof ProjectSummary>
type OptionalColumn = 'code' | 'owner' | 'programme' | 'leader' | 'parent'

export interface ProjectTableProps {
  projects: readonly Summary[]
  caption: string
  /** Columns that say the same on every row of this page, e.g. the owner on an organisation's page. */
  hide?: readonly OptionalColumn[]
}

/** Projects as a table: name, diarienummer, owner, programme, leader, period, status. */
export function ProjectTable({ projects, caption, hide = [] }: ProjectTableProps) {
  const { t } = useTranslation('common')
  const columns: Column<Summary>[] = [
    {
      key: 'name',
      header: t('projectTable.name'),
      rowHeader: true,
      className: 'project-table__name',
      cell: (project) => (
        <>
          <Link to="/projects/$projectId" params={{ projectId: project.id }}>
            {project.name}
          </Link>
          {project.parent && !hide.includes('parent') ? (
            <span className="project-table__parent">
              {t('projectTable.subProjectOf', { name: project.parent.name })}
            </span>
          ) : null}
        </>
      ),
    },
    { key: 'code', header: t('projectTable.code'), cell: (project) => project.code ?? '–' },
    {
      key: 'owner',
      header: t('projectTable.owner'),
      cell: (project) => (
        <Link to="/organisations/$organisationId" params={{ organisationId: project.ownerOrganisation.id }}>
          {project.ownerOrganisation.name}
        </Link>
      ),
    },
    {
      key: 'programme',
      header: t('projectTable.programme'),
      cell: (project) =>
        project.programme ? (
          <Link to="/programmes/$programmeId" params={{ programmeId: project.programme.id }}>
            {project.programme.name}
          </Link>
        ) : (
          '–'
        ),
    },
    { key: 'leader', header: t('projectTable.leader'), cell: (project) => project.leader?.name ?? '–' },
    {
      key: 'period',
      header: t('projectTable.period'),
      cell: (project) => <Period start={project.plannedStart} end={project.plannedEnd} />,
    },
    {
      key: 'status',
      header: t('projectTable.status'),
      cell: (project) => <StatusBadge status={project.status} />,
    },
  ]
  const visible = columns.filter((column) => !(hide as readonly string[]).includes(column.key))
  return <DataTable caption={caption} columns={visible} rows={projects} rowKey={(project) => project.id} />
}
