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
import { TextBlock } from '../../../components/text-block'
import { formatPeriod } from '../../../lib/format'
import { ProgrammeRollup } from '../../indicators/components/programme-rollup'
import { ProgrammeStatusDocument } from '../../status-reports/components/programme-status-document'
import { useProgramme } from '../api/get-programme'
import { useProgrammeProjects } from '../api/get-programme-projects'
import { ProgrammeEditForm } from './programme-edit-form'
import { ProgrammeIndicators } from './programme-indicators'
import { ProgrammeTimeline } from './programme-timeline'

export function ProgrammePage() {
  const { t } = useTranslation('programmes')
  const { t: tc } = useTranslation('common')
  const { programmeId } = useParams({ from: '/authenticated/programmes/$programmeId' })
  const { data: programme } = useProgramme(programmeId)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)

  return (
    <div>
      <PageHeader
        title={programme.name}
        breadcrumbs={
          <Breadcrumbs label={t('detail.breadcrumbs')}>
            <li>
              <Link to="/programmes">{t('list.title')}</Link>
            </li>
            <li aria-current="page">{programme.name}</li>
          </Breadcrumbs>
        }
        actions={
          programme.canEdit && !editing ? (
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
        <ProgrammeEditForm
          programme={programme}
          onSaved={() => {
            setEditing(false)
            setSaved(true)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <div className="detail-grid">
        <section className="panel" aria-labelledby="programme-description">
          <h2 id="programme-description">{t('detail.description')}</h2>
          {programme.description.trim() ? (
            <TextBlock text={programme.description} />
          ) : (
            <p className="muted">{t('detail.noDescription')}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="programme-facts">
          <h2 id="programme-facts">{t('detail.facts')}</h2>
          <FactList
            facts={[
              {
                key: 'owner',
                term: t('detail.owner'),
                value: (
                  <Link
                    to="/organisations/$organisationId"
                    params={{ organisationId: programme.ownerOrganisation.id }}
                  >
                    {programme.ownerOrganisation.name}
                  </Link>
                ),
              },
              {
                key: 'period',
                term: t('detail.period'),
                value:
                  programme.periodStart || programme.periodEnd
                    ? formatPeriod(programme.periodStart, programme.periodEnd)
                    : tc('notSet'),
              },
              { key: 'count', term: t('detail.projectCount'), value: programme.projectCount },
            ]}
          />
        </section>
      </div>
      <ProgrammeTimeline programmeId={programme.id} />
      <ProgrammeIndicators programmeId={programme.id} />
      <ProgrammeProjects programmeId={programme.id} name={programme.name} />
      <ProgrammeRollup programmeId={programme.id} />
      <ProgrammeStatusDocument programmeId={programme.id} />
    </div>
  )
}

function ProgrammeProjects({ programmeId, name }: { programmeId: string; name: string }) {
  const { t } = useTranslation('programmes')
  const projects = useProgrammeProjects(programmeId)
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section className="panel" aria-labelledby="programme-projects">
      <h2 id="programme-projects">{t('detail.projects')}</h2>
      {projects.isError ? <ProblemAlert error={projects.error} /> : null}
      {projects.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={t('detail.noProjects')} />
      ) : (
        <>
          <ProjectTable
            projects={rows}
            caption={t('detail.projectsCaption', { name })}
            hide={['programme']}
          />
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
