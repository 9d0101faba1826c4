import { Link } from '@tanstack/react-router'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { ProblemAlert } from '../../../components/problem-alert'
import { type Organisation, useOrganisationChildren } from '../api/get-organisations'

/**
 * The organisation tree as nested lists. Each level is fetched when it is opened; the
 * toggle is a button with aria-expanded, the name a link to the organisation's page.
 */
export function OrganisationTree() {
  const { t } = useTranslation('organisations')
  return (
    <div className="org-tree">
      <OrganisationLevel parentId={null} label={t('list.treeLabel')} />
    </div>
  )
}

function OrganisationLevel({
  parentId,
  label,
  id,
}: {
  parentId: string | null
  label?: string
  id?: string
}) {
  const { t } = useTranslation('organisations')
  const level = useOrganisationChildren(parentId)
  if (level.isPending) return <Loading inline />
  if (level.isError) return <ProblemAlert error={level.error} />
  const organisations = level.data.pages.flatMap((page) => page.items)
  if (organisations.length === 0 && parentId === null) return <EmptyState title={t('list.empty')} />
  return (
    <>
      <ul className="org-tree__level" id={id} aria-label={label}>
        {organisations.map((organisation) => (
          <OrganisationNode key={organisation.id} organisation={organisation} />
        ))}
      </ul>
      {level.hasNextPage ? (
        <LoadMore
          shown={organisations.length}
          hasMore
          loading={level.isFetchingNextPage}
          onLoadMore={() => void level.fetchNextPage()}
        />
      ) : null}
    </>
  )
}

function OrganisationNode({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation('organisations')
  const { t: tc } = useTranslation('common')
  const [open, setOpen] = useState(false)
  const groupId = useId()
  const hasChildren = organisation.childCount > 0
  return (
    <li className="org-tree__node">
      <div className="org-tree__row">
        {hasChildren ? (
          <button
            type="button"
            className="org-tree__toggle"
            aria-expanded={open}
            aria-controls={open ? groupId : undefined}
            onClick={() => setOpen((value) => !value)}
          >
            <span className="org-tree__chevron" aria-hidden="true" />
            <span className="visually-hidden">{t('list.showChildren', { name: organisation.name })}</span>
          </button>
        ) : (
          <span className="org-tree__spacer" aria-hidden="true" />
        )}
        <Link
          to="/organisations/$organisationId"
          params={{ organisationId: organisation.id }}
          className="org-tree__name"
        >
          {organisation.name}
          {organisation.shortName ? ` (${organisation.shortName})` : ''}
        </Link>
        <span className="org-tree__kind">{tc(`organisationKind.${organisation.kind}`)}</span>
        {hasChildren ? (
          <span className="org-tree__count">{t('list.childCount', { count: organisation.childCount })}</span>
        ) : null}
      </div>
      {open ? <OrganisationLevel parentId={organisation.id} id={groupId} /> : null}
    </li>
  )
}
