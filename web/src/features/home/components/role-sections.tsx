import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { type Column, DataTable } from '../../../components/data-table'
import { EmptyState } from '../../../components/empty-state'
import { Loading } from '../../../components/loading'
import { BurnCell, SlipCell } from '../../../components/portfolio-cells'
import { ProblemAlert } from '../../../components/problem-alert'
import { StatusBadge } from '../../../components/status-badge'
import { formatAmount, formatDate, formatTimestamp } from '../../../lib/format'
import { type Home, useFinanceOverview, useLatestImports } from '../api/get-home'

type Row = Home['myProjects'][number]

/** Projects as the portfolio shows them: status, slip, burn, next milestone. */
export function ProjectHealthTable({ rows, caption }: { rows: readonly Row[]; caption: string }) {
  const { t } = useTranslation('home')
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('role.project'),
      rowHeader: true,
      cell: (r) => (
        <Link to="/projects/$projectId" params={{ projectId: r.id }}>
          {r.name}
        </Link>
      ),
    },
    { key: 'status', header: t('role.status'), cell: (r) => <StatusBadge status={r.status} /> },
    { key: 'slip', header: t('role.slip'), cell: (r) => <SlipCell row={r} /> },
    { key: 'burn', header: t('role.burn'), cell: (r) => <BurnCell burn={r.burn} status={r.status} /> },
    {
      key: 'next',
      header: t('role.next'),
      cell: (r) =>
        r.nextMilestone ? (
          `${formatDate(r.nextMilestone.date)} ${r.nextMilestone.title}`
        ) : (
          <span className="muted">{t('role.noMilestone')}</span>
        ),
    },
  ]
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.id} />
}

export function LateActivities({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  return (
    <section className="panel" aria-labelledby="late-title">
      <h2 id="late-title">{t('role.lateTitle')}</h2>
      {home.lateActivities.length === 0 ? (
        <p className="muted">{t('role.lateNone')}</p>
      ) : (
        <ul className="home-list">
          {home.lateActivities.map((late) => (
            <li key={late.activity.id}>
              <Link to="/projects/$projectId/plan" params={{ projectId: late.project.id }}>
                {late.activity.title}
              </Link>{' '}
              {late.activity.milestone ? <span className="tag">{t('role.milestone')}</span> : null}
              <span className="home-list__meta">
                {late.project.name} · {t('role.lateDue', { date: formatDate(late.dueDate) })} ·{' '}
                <strong>{t('role.lateOverdue', { count: late.overdueDays })}</strong>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The leader's own approval requests still waiting (reports due are status reports' DueReports). */
export function Requests({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('role.approvalsTitle')}</h2>
      {home.approvalsPending.length === 0 ? (
        <p className="muted">{t('role.approvalsNone')}</p>
      ) : (
        <ul className="home-list">
          {home.approvalsPending.map((a) => (
            <li key={a.id}>
              <Link to="/projects/$projectId" params={{ projectId: a.project.id }}>
                {a.title}
              </Link>
              <span className="home-list__meta">
                {a.project.name} · {a.change} · {t('role.requestedOn', { date: formatDate(a.requestedOn) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * What the steering groups said about the leader's status reports lately, so the leader need not
 * open each report to find out; every row opens the report where the whole text stands.
 */
export function StatusReportReplies({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  return (
    <section className="panel" aria-labelledby="replies-title">
      <h2 id="replies-title">{t('role.repliesTitle')}</h2>
      {home.repliesToMe.length === 0 ? (
        <p className="muted">{t('role.repliesNone')}</p>
      ) : (
        <>
          <ul className="home-list">
            {home.repliesToMe.map((r) => (
              <li key={r.id}>
                <Link
                  to="/projects/$projectId/status-reports/$reportId"
                  params={{ projectId: r.project.id, reportId: r.report.id }}
                >
                  {t('role.repliesItem', { project: r.project.name, period: r.report.period })}
                </Link>
                <span className="home-list__meta">
                  {t('role.repliesMeta', {
                    kind: t(`role.replyKind.${r.kind}`),
                    name: r.by ?? '–',
                    when: formatTimestamp(r.at),
                  })}
                </span>
                {r.excerpt ? <q className="home-list__quote">{r.excerpt}</q> : null}
              </li>
            ))}
          </ul>
          {home.repliesToMe.length >= 10 ? <p className="muted">{t('role.repliesMore')}</p> : null}
        </>
      )}
    </section>
  )
}

export function MissingReports({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  return (
    <section className="panel" aria-labelledby="missing-title">
      <h2 id="missing-title">{t('role.missingTitle')}</h2>
      {home.reportsMissing.length === 0 ? (
        <p className="muted">{t('role.missingNone')}</p>
      ) : (
        <ul className="home-list">
          {home.reportsMissing.map((m) => (
            <li key={m.project.id}>
              <Link to="/projects/$projectId/final-report" params={{ projectId: m.project.id }}>
                {m.project.name}
              </Link>
              <span className="home-list__meta">
                {t('role.missingEnded', { date: formatDate(m.ended) })}
                {m.hasDraft ? ` · ${t('role.missingDraft')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function PortfolioManager({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  type Health = Home['programmeHealth'][number]
  const columns: Column<Health>[] = [
    {
      key: 'programme',
      header: t('role.programme'),
      rowHeader: true,
      cell: (r) =>
        r.programme ? (
          <Link to="/programmes/$programmeId" params={{ programmeId: r.programme.id }}>
            {r.programme.name}
          </Link>
        ) : (
          t('role.noProgramme')
        ),
    },
    { key: 'projects', header: t('role.projects'), className: 'numeric', cell: (r) => r.projectCount },
    { key: 'running', header: t('role.running'), className: 'numeric', cell: (r) => r.runningCount },
    { key: 'slipping', header: t('role.slipping'), className: 'numeric', cell: (r) => r.slippingCount },
    { key: 'ending', header: t('role.endingSoon'), className: 'numeric', cell: (r) => r.endingSoonCount },
  ]
  return (
    <>
      <section className="panel home__wide" aria-labelledby="programme-health-title">
        <h2 id="programme-health-title">{t('role.programmeHealthTitle')}</h2>
        <DataTable
          caption={t('role.programmeHealthCaption')}
          columns={columns}
          rows={home.programmeHealth}
          rowKey={(r) => r.programme?.id ?? 'none'}
        />
        <p>
          <Link to="/portfolio">{t('role.portfolioLink')}</Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="ending-title">
        <h2 id="ending-title">{t('role.endingSoonTitle')}</h2>
        {home.endingSoon.length === 0 ? (
          <p className="muted">{t('role.endingSoonNone')}</p>
        ) : (
          <ul className="home-list">
            {home.endingSoon.map((p) => (
              <li key={p.id}>
                <Link to="/projects/$projectId" params={{ projectId: p.id }}>
                  {p.name}
                </Link>
                <span className="home-list__meta">
                  {t('role.endsOn', { date: formatDate(p.plannedEnd) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MissingReports home={home} />
    </>
  )
}

export function Finance({ organisationId }: { organisationId: string | undefined }) {
  const { t } = useTranslation('home')
  const { t: tf } = useTranslation('home', { keyPrefix: 'role.importState' })
  const overview = useFinanceOverview(true)
  const imports = useLatestImports(organisationId)
  const data = overview.data
  const byGap = [...(data?.projects ?? [])].map((p) => ({ ...p, gap: p.forecastOre - p.budgetedOre }))
  const over = byGap
    .filter((p) => p.gap > 0)
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 5)
  const under = byGap
    .filter((p) => p.unspentOre > 0)
    .sort((a, b) => b.unspentOre - a.unspentOre)
    .slice(0, 5)
  return (
    <>
      <section className="panel home__wide" aria-labelledby="finance-title">
        <h2 id="finance-title">{t('role.financeTitle')}</h2>
        {overview.isError ? <ProblemAlert error={overview.error} /> : null}
        {!data ? (
          overview.isError ? null : (
            <Loading />
          )
        ) : (
          <>
            <dl className="home-figures" aria-label={t('role.financeTotals')}>
              <div>
                <dt>{t('role.budgeted')}</dt>
                <dd>{formatAmount(data.totals.budgetedOre)}</dd>
              </div>
              <div>
                <dt>{t('role.spent')}</dt>
                <dd>{formatAmount(data.totals.spentOre)}</dd>
              </div>
              <div>
                <dt>{t('role.forecast')}</dt>
                <dd>{formatAmount(data.totals.forecastOre)}</dd>
              </div>
              <div>
                <dt>{t('role.unspent')}</dt>
                <dd>{formatAmount(data.totals.unspentOre)}</dd>
              </div>
            </dl>
            <div className="home__columns">
              <div>
                <h3>{t('role.overPlanTitle')}</h3>
                <GapList rows={over.map((p) => ({ id: p.project.id, name: p.project.name, ore: p.gap }))} />
              </div>
              <div>
                <h3>{t('role.underPlanTitle')}</h3>
                <GapList
                  rows={under.map((p) => ({ id: p.project.id, name: p.project.name, ore: p.unspentOre }))}
                />
              </div>
            </div>
            <p>
              <Link to="/finance/portfolio">{t('role.financeLink')}</Link>
            </p>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">{t('role.importsTitle')}</h2>
        {imports.isError ? <ProblemAlert error={imports.error} /> : null}
        {imports.isPending && organisationId ? (
          <Loading />
        ) : (imports.data?.items.length ?? 0) === 0 ? (
          <EmptyState title={t('role.importsNone')} />
        ) : (
          <ul className="home-list">
            {imports.data?.items.map((i) => (
              <li key={i.id}>
                <Link to="/finance/imports">{i.fileName}</Link>
                <span className="home-list__meta">
                  {tf(i.status)} · {formatTimestamp(i.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/finance/imports">{t('role.importsLink')}</Link>
        </p>
      </section>
    </>
  )
}

function GapList({ rows }: { rows: { id: string; name: string; ore: number }[] }) {
  const { t } = useTranslation('home')
  if (rows.length === 0) return <p className="muted">{t('role.planNone')}</p>
  return (
    <ul className="home-list">
      {rows.map((r) => (
        <li key={r.id}>
          <Link to="/projects/$projectId/finance" params={{ projectId: r.id }}>
            {r.name}
          </Link>{' '}
          <span className="money">{formatAmount(r.ore)}</span>
        </li>
      ))}
    </ul>
  )
}

/** A steering-group member's home: what to decide, the next meetings, the projects governed. */
export function SteeringGroupMember({ home }: { home: Home }) {
  const { t } = useTranslation('home')
  return (
    <>
      <section className="panel" aria-labelledby="to-decide-title">
        <h2 id="to-decide-title">{t('role.toDecideTitle')}</h2>
        {home.toDecide.length === 0 ? (
          <p className="muted">{t('role.toDecideNone')}</p>
        ) : (
          <ul className="home-list">
            {home.toDecide.map((a) => (
              <li key={a.id}>
                <Link to="/decide">{a.title}</Link>
                <span className="home-list__meta">
                  {a.project.name} · {a.change} · {t('role.requestedOn', { date: formatDate(a.requestedOn) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {home.reportsToAcknowledge.length > 0 ? (
        <section className="panel" aria-labelledby="to-acknowledge-title">
          <h2 id="to-acknowledge-title">{t('role.toAcknowledgeTitle')}</h2>
          <ul className="home-list">
            {home.reportsToAcknowledge.map((r) => (
              <li key={r.id}>
                <Link
                  to="/projects/$projectId/status-reports/$reportId"
                  params={{ projectId: r.project.id, reportId: r.id }}
                >
                  {t('role.toAcknowledgeItem', { project: r.project.name, period: r.period })}
                </Link>
                <span className="home-list__meta">
                  {t('role.toAcknowledgeMeta', {
                    date: formatDate(r.submittedAt.slice(0, 10)),
                    name: r.submittedBy ?? '–',
                  })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t('role.meetingsTitle')}</h2>
        {home.upcomingMeetings.length === 0 ? (
          <p className="muted">{t('role.meetingsNone')}</p>
        ) : (
          <ul className="home-list">
            {home.upcomingMeetings.map((m) => (
              <li key={m.id}>
                {formatDate(m.date)} · {m.steeringGroup.name}
                {m.place ? <span className="home-list__meta">{m.place}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel home__wide" aria-labelledby="governed-title">
        <h2 id="governed-title">{t('role.governedTitle')}</h2>
        <ProjectHealthTable rows={home.governedProjects} caption={t('role.governedCaption')} />
      </section>
    </>
  )
}
