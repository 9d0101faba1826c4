import { Link, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Breadcrumbs } from '../../../components/breadcrumbs'
import { Button } from '../../../components/button'
import { EmptyState } from '../../../components/empty-state'
import { FactList } from '../../../components/fact-list'
import { LoadMore } from '../../../components/load-more'
import { Loading } from '../../../components/loading'
import { PageHeader } from '../../../components/page-header'
import { ProblemAlert } from '../../../components/problem-alert'
import { ProjectTable } from '../../../components/project-table'
import { useOrganisation } from '../api/get-organisation'
import { useOrganisationProjects } from '../api/get-organisation-projects'
import { CreateUnitForm } from './create-unit-form'
import { OrganisationEditForm } from './organisation-edit-form'
import './organisations.css'

export function OrganisationPage() {
  const { t } = useTranslation('organisations')
  const { t: tc } = useTranslation('common')
  const { organisationId } = useParams({ from: '/authenticated/organisations/$organisationId' })
  const { data: organisation } = useOrganisation(organisationId)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  const [created, setCreated] = useState('')
  const parent = organisation.ancestors.at(-1)

  return (
    <div>
      <PageHeader
        title={organisation.name}
        badge={<span className="kind-badge">{tc(`organisationKind.${organisation.kind}`)}</span>}
        breadcrumbs={
          <Breadcrumbs label={t('detail.breadcrumbs')}>
            <li>
              <Link to="/organisations">{t('list.title')}</Link>
            </li>
            {organisation.ancestors.map((ancestor) => (
              <li key={ancestor.id}>
                <Link to="/organisations/$organisationId" params={{ organisationId: ancestor.id }}>
                  {ancestor.name}
                </Link>
              </li>
            ))}
            <li aria-current="page">{organisation.name}</li>
          </Breadcrumbs>
        }
        actions={
          organisation.canEdit && !editing ? (
            <Button
              onClick={() => {
                setSaved(false)
                setEditing(true)
              }}
            >
              {tc('actions.edit')}
            </Button>
          ) : null
        }
      />
      {saved ? (
        <div className="flash" role="status">
          <p>{t('edit.saved')}</p>
        </div>
      ) : null}
      {editing ? (
        <OrganisationEditForm
          organisation={organisation}
          onSaved={() => {
            setEditing(false)
            setSaved(true)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <div className="detail-grid">
        <section className="panel" aria-labelledby="organisation-facts">
          <h2 id="organisation-facts">{t('detail.facts')}</h2>
          <FactList
            facts={[
              { key: 'kind', term: t('detail.kind'), value: tc(`organisationKind.${organisation.kind}`) },
              { key: 'short', term: t('detail.shortName'), value: organisation.shortName ?? tc('notSet') },
              {
                key: 'parent',
                term: t('detail.parent'),
                value: parent ? (
                  <Link to="/organisations/$organisationId" params={{ organisationId: parent.id }}>
                    {parent.name}
                  </Link>
                ) : (
                  t('detail.topLevel')
                ),
              },
            ]}
          />
        </section>
        <section className="panel" aria-labelledby="organisation-children">
          <h2 id="organisation-children">{t('detail.children')}</h2>
          {organisation.children.length === 0 ? (
            <p className="muted">{t('detail.noChildren')}</p>
          ) : (
            <ul className="link-list">
              {organisation.children.map((child) => (
                <li key={child.id}>
                  <Link to="/organisations/$organisationId" params={{ organisationId: child.id }}>
                    {child.name}
                  </Link>{' '}
                  <span className="muted small">{tc(`organisationKind.${child.kind}`)}</span>
                </li>
              ))}
            </ul>
          )}
          <p role="status" className="muted">
            {created ? t('create.created', { name: created }) : ''}
          </p>
          {organisation.canEdit ? <CreateUnitForm parentId={organisation.id} onCreated={setCreated} /> : null}
        </section>
      </div>
      <OrganisationProjects organisationId={organisation.id} name={organisation.name} />
    </div>
  )
}

function OrganisationProjects({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation('organisations')
  const projects = useOrganisationProjects(organisationId)
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section className="panel" aria-labelledby="organisation-projects">
      <h2 id="organisation-projects">{t('detail.projects')}</h2>
      {projects.isError ? <ProblemAlert error={projects.error} /> : null}
      {projects.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={t('detail.noProjects')} />
      ) : (
        <>
          <ProjectTable projects={rows} caption={t('detail.projectsCaption', { name })} hide={['owner']} />
          <LoadMore
            shown={rows.length}
            hasMore={projects.hasNextPage}
            loading={projects.isFetchingNextPage}
            onLoadMore={() => void projects.fetchNextPage()}
          />
        </>
      )}
    </section>
  )
}
