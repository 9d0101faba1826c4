import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '../../../components/button'
import { can, useProject } from '../../projects/api/get-project'
import type { GovernanceTabSearch } from '../api/governance'

/**
 * "Begär beslut" where the leader works (project page, revisions, budget versions): opens the
 * project's governance tab with the request form set to this kind (and subject). Hidden from those
 * who cannot ask.
 */
export function RequestDecisionLink({
  projectId,
  kind,
  subjectId,
  label,
}: {
  projectId: string
  kind: NonNullable<GovernanceTabSearch['kind']>
  subjectId?: string
  label?: string
}) {
  const { t } = useTranslation('governance')
  const { data: project } = useProject(projectId)
  if (!can(project, 'project:edit')) return null
  return (
    <Link
      to="/projects/$projectId/governance"
      params={{ projectId }}
      search={{ kind, ...(subjectId ? { subject: subjectId } : {}) }}
      className={buttonClass('secondary', 'small')}
    >
      {label ?? t(`project.ask.${kind}`)}
    </Link>
  )
}
