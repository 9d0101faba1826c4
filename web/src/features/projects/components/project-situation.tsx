import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { FactList } from '../../../components/fact-list'
import { Loading } from '../../../components/loading'
import { BurnCell, HealthCell, SlipCell } from '../../../components/portfolio-cells'
import { ProblemAlert } from '../../../components/problem-alert'
import { formatDate } from '../../../lib/format'
import { type ProjectSituation, useProjectSituation } from '../api/get-project-situation'

const aspects = ['schedule', 'budget', 'goals', 'risks'] as const

/**
 * "Läget just nu": what the portfolio says about this project, at the top of its overview, so
 * whoever opens it sees the lights, the slip and the money before the facts.
 */
export function ProjectSituationPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation('projects')
  const { data, error, isPending } = useProjectSituation(projectId)
  return (
    <section aria-labelledby="situation-title" className="panel" aria-busy={isPending}>
      <h2 id="situation-title">{t('situation.title')}</h2>
      {error ? <ProblemAlert error={error} /> : null}
      {isPending ? <Loading inline label={t('situation.loading')} /> : null}
      {data ? <SituationFacts situation={data} /> : null}
    </section>
  )
}

function SituationFacts({ situation }: { situation: ProjectSituation }) {
  const { t } = useTranslation('projects')
  const { t: tr } = useTranslation('statusReports')
  const params = { projectId: situation.id }
  const health = situation.health
  const facts = [
    {
      key: 'health',
      term: t('situation.report'),
      value: (
        <>
          <HealthCell health={health} />
          {health ? (
            <ul className="situation__lights">
              {aspects.map((aspect) => (
                <li key={aspect}>
                  {tr(`aspects.${aspect}`)}:{' '}
                  {health[aspect] ? t(`situation.light.${health[aspect]}`) : t('situation.light.none')}
                </li>
              ))}
            </ul>
          ) : null}
          <span className="situation__meta">
            {health ? t('situation.reportedOn', { date: formatDate(health.reportedOn) }) : null}{' '}
            <Link to="/projects/$projectId/status-reports" params={params}>
              {t('situation.toReports')}
            </Link>
          </span>
        </>
      ),
    },
    {
      key: 'schedule',
      term: t('situation.schedule'),
      value: (
        <>
          <SlipCell row={situation} />
          <span className="situation__meta">
            <Link to="/projects/$projectId/plan" params={params}>
              {t('situation.toPlan')}
            </Link>
          </span>
        </>
      ),
    },
    {
      key: 'milestone',
      term: t('situation.nextMilestone'),
      value: situation.nextMilestone
        ? t('situation.milestone', {
            title: situation.nextMilestone.title,
            date: formatDate(situation.nextMilestone.date),
          })
        : t('situation.noMilestone'),
    },
    {
      key: 'burn',
      term: t('situation.money'),
      value: (
        <>
          <BurnCell burn={situation.burn} status={situation.status} />
          <span className="situation__meta">
            <Link to="/projects/$projectId/finance" params={params}>
              {t('situation.toFinance')}
            </Link>
          </span>
        </>
      ),
    },
  ]
  return <FactList facts={facts} />
}
