import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/empty-state'
import { PageHeader } from '../../../components/page-header'
import {
  type CurrentUser,
  canCreateProjects,
  hasOrganisationRole,
  useCurrentUser,
} from '../../../lib/current-user'
import { DueReports } from '../../status-reports/components/due-reports'
import { useHome } from '../api/get-home'
import {
  Finance,
  LateActivities,
  MissingReports,
  PortfolioManager,
  ProjectHealthTable,
  Requests,
  StatusReportReplies,
  SteeringGroupMember,
} from './role-sections'
import './home.css'

export function HomePage() {
  const { t } = useTranslation('home')
  const me = useCurrentUser()
  const { data: home } = useHome()
  const financeGrant = me.roles.find((grant) => grant.role === 'finance')
  const manages = hasOrganisationRole(me, ['administrator', 'portfolio_manager', 'viewer'])
  const firstName = me.name.split(/\s+/)[0] ?? me.name

  return (
    <div className="home">
      <PageHeader
        title={t('title', { name: firstName })}
        description={
          <p>
            {t('intro')} {t('organisation', { organisation: me.organisationName })}
          </p>
        }
      />
      <DueReports />
      <div className="home__grid">
        <section
          aria-labelledby="my-projects-title"
          // The table needs the width; the empty state sits beside the next steps.
          className={`panel home__projects${home.myProjects.length > 0 ? ' home__wide' : ''}`}
        >
          <h2 id="my-projects-title">{t('myProjects')}</h2>
          {home.myProjects.length === 0 ? (
            <EmptyState title={t('noProjects')}>
              <p>{t('noProjectsHint')}</p>
              <p>
                <Link to="/projects">{t('allProjects')}</Link>
              </p>
            </EmptyState>
          ) : (
            <>
              <ProjectHealthTable rows={home.myProjects} caption={t('myProjectsCaption')} />
              {home.myProjects.length >= 20 ? <p className="muted">{t('moreProjects')}</p> : null}
            </>
          )}
        </section>
        <section aria-labelledby="next-steps-title" className="panel home__steps">
          <h2 id="next-steps-title">{t('nextSteps')}</h2>
          <NextSteps me={me} />
        </section>
        {home.memberOfProjects ? (
          <>
            <LateActivities home={home} />
            <Requests home={home} />
            {home.leadsProjects ? <StatusReportReplies home={home} /> : null}
            {manages ? null : <MissingReports home={home} />}
          </>
        ) : null}
        {home.governedProjects.length > 0 ||
        home.toDecide.length > 0 ||
        home.reportsToAcknowledge.length > 0 ? (
          <SteeringGroupMember home={home} />
        ) : null}
        {manages ? <PortfolioManager home={home} /> : null}
        {financeGrant ? <Finance organisationId={financeGrant.organisationId} /> : null}
      </div>
    </div>
  )
}

interface Step {
  key: string
  link: ReactNode
  hint: string
}

/** Suggestions from the user's roles: leaders see their projects, portfolio managers the portfolio. */
function NextSteps({ me }: { me: CurrentUser }) {
  const { t } = useTranslation('home')
  const steps: Step[] = []
  const led = me.projectRoles.filter((grant) => grant.role === 'leader').slice(0, 2)
  for (const grant of led) {
    steps.push({
      key: `review-${grant.projectId}`,
      link: (
        <Link to="/projects/$projectId" params={{ projectId: grant.projectId }}>
          {t('steps.reviewProject', { name: grant.projectName })}
        </Link>
      ),
      hint: t('steps.reviewProjectHint'),
    })
  }
  if (led[0]) {
    steps.push({
      key: 'update',
      link: (
        <Link to="/projects/$projectId/edit" params={{ projectId: led[0].projectId }}>
          {t('steps.updateProject', { name: led[0].projectName })}
        </Link>
      ),
      hint: t('steps.updateProjectHint'),
    })
  }
  if (canCreateProjects(me)) {
    steps.push({
      key: 'create',
      link: <Link to="/projects/new">{t('steps.createProject')}</Link>,
      hint: t('steps.createProjectHint'),
    })
    steps.push({
      key: 'portfolio',
      link: <Link to="/programmes">{t('steps.followPortfolio')}</Link>,
      hint: t('steps.followPortfolioHint'),
    })
  }
  if (hasOrganisationRole(me, ['finance'])) {
    steps.push({
      key: 'finance',
      link: <Link to="/projects">{t('steps.financeProjects')}</Link>,
      hint: t('steps.financeProjectsHint'),
    })
  }
  if (!steps.some((step) => step.key === 'finance' || step.key === 'portfolio')) {
    steps.push({
      key: 'browse',
      link: <Link to="/projects">{t('steps.browseProjects')}</Link>,
      hint: t('steps.browseProjectsHint'),
    })
  }
  steps.push({
    key: 'organisations',
    link: <Link to="/organisations">{t('steps.organisations')}</Link>,
    hint: t('steps.organisationsHint'),
  })
  return (
    <ul className="steps">
      {steps.map((step) => (
        <li key={step.key} className="steps__item">
          <span className="steps__link">{step.link}</span>
          <span className="steps__hint">{step.hint}</span>
        </li>
      ))}
    </ul>
  )
}
