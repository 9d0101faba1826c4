import type { CourseEvent } from '@lagesbild/shared/api/governance'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { DecisionKind } from '@lagesbild/shared/domain/governance'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { decisionKindLabels } from './decisions.ts'

type Db = Kysely<Database>
type EventT = Static<typeof CourseEvent>

const kindOrder: Record<EventT['kind'], number> = {
  steering_group: 0,
  leader: 1,
  owner: 2,
  request: 3,
  decision: 4,
  lifecycle: 5,
  baseline: 6,
  status_report: 7,
}

const lightNames: Record<string, string> = { green: 'grön', yellow: 'gul', red: 'röd' }

/**
 * Projektförlopp: one chronological list of what happened to the project and its sub-projects:
 * decisions, approval requests, approved plan revisions, leader and owner changes, steering groups,
 * submitted status reports (the day they were submitted, with the overall light).
 */
export async function projectCourse(db: Db, projectId: string): Promise<{ items: EventT[] }> {
  const scope = await db
    .selectFrom('project')
    .where((eb) => eb.or([eb('id', '=', projectId), eb('parent_id', '=', projectId)]))
    .select(['id', 'name'])
    .execute()
  const ids = scope.map((p) => p.id)
  const sub = (id: string) => (id === projectId ? '' : ` (${scope.find((p) => p.id === id)?.name ?? ''})`)
  const [decisions, requests, baselines, leaders, owners, groups, members, reports] = await Promise.all([
    db
      .selectFrom('decision')
      .where('project_id', 'in', ids)
      .select(['id', 'decided_on', 'kind', 'text', 'paragraph', 'outcome', 'project_id', 'supersedes_id'])
      .execute(),
    db
      .selectFrom('approval_request')
      .where('project_id', 'in', ids)
      .where('status', 'in', ['pending', 'withdrawn'])
      .select(['requested_at', 'summary', 'status', 'project_id'])
      .execute(),
    db
      .selectFrom('baseline')
      .where('project_id', 'in', ids)
      .select(['revision_date', 'label', 'revision', 'kind', 'decision_id', 'project_id'])
      .execute(),
    db
      .selectFrom('project_leader as l')
      .innerJoin('person as p', 'p.id', 'l.person_id')
      .where('l.project_id', 'in', ids)
      .select(['l.from_date', 'l.to_date', 'p.name', 'l.project_id'])
      .execute(),
    db
      .selectFrom('audit_event')
      .where('project_id', 'in', ids)
      .where('entity', '=', 'project')
      .where('action', '=', 'change_owner')
      .select(['at', 'before', 'after', 'project_id'])
      .execute(),
    db
      .selectFrom('steering_group_project as sp')
      .innerJoin('steering_group as g', 'g.id', 'sp.steering_group_id')
      .where('sp.project_id', 'in', ids)
      .select(['g.id', 'g.name', 'sp.from_date', 'sp.to_date', 'sp.project_id'])
      .execute(),
    db
      .selectFrom('steering_group_member as m')
      .innerJoin('steering_group_project as sp', 'sp.steering_group_id', 'm.steering_group_id')
      .innerJoin('steering_group as g', 'g.id', 'm.steering_group_id')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .where('sp.project_id', 'in', ids)
      .select(['g.name as group_name', 'p.name', 'm.role', 'm.from_date', 'm.to_date'])
      .execute(),
    db
      .selectFrom('status_report')
      .where('project_id', 'in', ids)
      .where('status', '=', 'submitted')
      .select(['period', 'submitted_at', 'overall_light', 'supersedes_id', 'project_id'])
      .execute(),
  ])
  const organisationIds = owners.flatMap((o) => {
    const before = (o.before ?? {}) as { ownerOrganisationId?: string }
    const after = (o.after ?? {}) as { ownerOrganisationId?: string }
    return [before.ownerOrganisationId, after.ownerOrganisationId].filter((x): x is string => Boolean(x))
  })
  const organisations = organisationIds.length
    ? await db.selectFrom('organisation').where('id', 'in', organisationIds).select(['id', 'name']).execute()
    : []
  const orgName = (id: string | undefined) => organisations.find((o) => o.id === id)?.name ?? ''
  // The Swedish calendar day: a request made at 00:30 in Sweden is of that day, not the day before in UTC.
  const day = (at: Date | string) => todayInSweden(new Date(at))

  const events: EventT[] = [
    ...decisions.map((d) => ({
      date: d.decided_on,
      kind: 'decision' as const,
      title: `${d.paragraph ? `§ ${d.paragraph} ` : ''}${decisionKindLabels[d.kind as DecisionKind]}${
        d.outcome === 'rejected' ? ' – avslag' : ''
      }${d.supersedes_id ? ' (ersätter tidigare beslut)' : ''}${sub(d.project_id ?? projectId)}`,
      detail: d.text,
      decisionId: d.id,
    })),
    ...requests.map((r) => ({
      date: day(r.requested_at),
      kind: 'request' as const,
      title: `${r.status === 'pending' ? 'Begäran om beslut' : 'Återkallad begäran'}${sub(r.project_id)}`,
      detail: r.summary,
      decisionId: null,
    })),
    ...baselines.map((b) => ({
      date: b.revision_date,
      kind: 'baseline' as const,
      title: `Planrevision ${b.revision}${b.kind === 'approved_revision' ? ' (godkänd)' : ''}${sub(b.project_id)}`,
      detail: b.label,
      decisionId: b.decision_id,
    })),
    ...leaders.flatMap((l) => [
      {
        date: l.from_date,
        kind: 'leader' as const,
        title: `Projektledare från${sub(l.project_id)}`,
        detail: l.name,
        decisionId: null,
      },
      ...(l.to_date
        ? [
            {
              date: l.to_date,
              kind: 'leader' as const,
              title: `Projektledare till${sub(l.project_id)}`,
              detail: l.name,
              decisionId: null,
            },
          ]
        : []),
    ]),
    ...owners.map((o) => ({
      date: day(o.at),
      kind: 'owner' as const,
      title: `Byte av projektägare${sub(o.project_id ?? projectId)}`,
      detail: `${orgName((o.before as { ownerOrganisationId?: string } | null)?.ownerOrganisationId)} → ${orgName(
        (o.after as { ownerOrganisationId?: string } | null)?.ownerOrganisationId,
      )}`,
      decisionId: null,
    })),
    ...groups
      .filter((g) => g.from_date)
      .map((g) => ({
        date: g.from_date!,
        kind: 'steering_group' as const,
        title: `Styrgrupp${sub(g.project_id)}`,
        detail: g.name,
        decisionId: null,
      })),
    ...members.flatMap((m) => [
      {
        date: m.from_date,
        kind: 'steering_group' as const,
        title: `Ny i ${m.group_name}`,
        detail: m.name,
        decisionId: null,
      },
      ...(m.to_date
        ? [
            {
              date: m.to_date,
              kind: 'steering_group' as const,
              title: `Lämnar ${m.group_name}`,
              detail: m.name,
              decisionId: null,
            },
          ]
        : []),
    ]),
    ...reports
      .filter((r) => r.submitted_at)
      .map((r) => ({
        date: day(r.submitted_at!),
        kind: 'status_report' as const,
        title: `Lägesrapport ${r.period}${r.supersedes_id ? ' (rättad)' : ''}${sub(r.project_id)}`,
        detail: r.overall_light ? `Helhetsbedömning: ${lightNames[r.overall_light] ?? r.overall_light}` : '',
        decisionId: null,
      })),
  ]
  events.sort((a, b) => a.date.localeCompare(b.date) || kindOrder[a.kind] - kindOrder[b.kind])
  return { items: events }
}
