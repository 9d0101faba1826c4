import { addDays, compareDates, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { decisionKindFor } from '@lagesbild/shared/domain/governance'
import { canTransition, type LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import type { Kysely } from 'kysely'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import { HttpProblem, invalidField, notFound } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { approveBudgetVersion } from '../finance/budget.ts'
import { freezeBaseline } from '../plans/baselines.ts'
import { recordMilestoneApproval } from '../plans/service.ts'
import { markFinalReportApproved, onFinalReportSubmitted, returnFinalReport } from '../reports/approval.ts'
import { registerApprovalKind } from './registry.ts'

/**
 * The effect of each kind of approval, wired to the functions the owning modules expose for it.
 * Each runs inside the transaction that writes the decision.
 */

type Db = Kysely<Database>

/** Swedish names of the lifecycle states, for the "what would change" line of a request. */
export const lifecycleNames: Record<LifecycleStatus, string> = {
  draft: 'Utkast',
  approved: 'Beslutat',
  active: 'Pågår',
  paused: 'Pausat',
  completed: 'Avslutat',
  terminated: 'Avslutat i förtid',
  made_permanent: 'Permanentat',
  handed_over: 'Överfört till linjen',
}

const required = (field: string) =>
  invalidField(field, 'required', { sv: 'Fältet måste fyllas i.', en: 'This field is required.' })

/** The later of two calendar dates (ISO text sorts as dates do). */
const laterOf = (a: string, b: string) => (compareDates(a, b) >= 0 ? a : b)

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The project and its sub-projects: a request on a project may concern a sub-project's activity. */
async function projectScope(trx: Db, projectId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('project')
    .where((eb) => eb.or([eb('id', '=', projectId), eb('parent_id', '=', projectId)]))
    .select('id')
    .execute()
  return rows.map((r) => r.id)
}

async function lockProject(trx: Db, projectId: string) {
  const project = await trx
    .selectFrom('project')
    .where('id', '=', projectId)
    .selectAll()
    .forUpdate()
    .executeTakeFirst()
  if (!project) throw notFound()
  return project
}

registerApprovalKind('milestone', {
  async prepare(trx, projectId, input) {
    if (!input.activityId) throw required('activityId')
    const activity = await trx
      .selectFrom('activity')
      .where('id', '=', input.activityId)
      .where('project_id', 'in', await projectScope(trx, projectId))
      .select(['id', 'title', 'number', 'milestone'])
      .executeTakeFirst()
    if (!activity) {
      throw invalidField('activityId', 'unknown_activity', {
        sv: 'Aktiviteten finns inte i projektet.',
        en: 'The activity is not in the project.',
      })
    }
    if (!activity.milestone) {
      throw invalidField('activityId', 'not_a_milestone', {
        sv: 'Aktiviteten är ingen milstolpe.',
        en: 'The activity is not a milestone.',
      })
    }
    const label = activity.number ? `${activity.number} ${activity.title}` : activity.title
    return { activityId: activity.id, change: `Milstolpen ”${label}” godkänns` }
  },
  decisionKind: () => 'approve_milestone',
  subject: (_projectId, payload) => ({ kind: 'activity', id: str(payload.activityId) }),
  async approve(trx, c) {
    await recordMilestoneApproval(trx, {
      activityId: str(c.payload.activityId),
      decisionId: c.decisionId,
      actorId: c.actorId,
    })
  },
})

registerApprovalKind('plan_revision', {
  async prepare(_trx, _projectId, input) {
    if (!input.label) throw required('label')
    const revisionDate = input.revisionDate ?? todayInSweden()
    return {
      label: input.label.trim(),
      revisionDate,
      change: `Planen fryses som godkänd revision ”${input.label.trim()}” (${revisionDate})`,
    }
  },
  decisionKind: () => 'approve_plan_revision',
  subject: (projectId) => ({ kind: 'project', id: projectId }),
  async approve(trx, c) {
    await freezeBaseline(trx, {
      projectId: c.projectId,
      label: str(c.payload.label),
      revisionDate: str(c.payload.revisionDate) || c.date,
      actorId: c.actorId,
      decisionId: c.decisionId,
      kind: 'approved_revision',
    })
  },
})

registerApprovalKind('budget_change', {
  async prepare(trx, projectId, input) {
    if (!input.budgetVersionId) throw required('budgetVersionId')
    const version = await trx
      .selectFrom('budget_version')
      .where('id', '=', input.budgetVersionId)
      .where('project_id', '=', projectId)
      .select(['id', 'number', 'status'])
      .executeTakeFirst()
    if (!version) {
      throw invalidField('budgetVersionId', 'unknown_budget_version', {
        sv: 'Budgetversionen finns inte i projektet.',
        en: 'The budget version is not in the project.',
      })
    }
    if (version.status !== 'proposed') {
      throw invalidField('budgetVersionId', 'not_proposed', {
        sv: 'Bara en föreslagen budgetversion kan lämnas till styrgruppen.',
        en: 'Only a proposed budget version can go to the steering group.',
      })
    }
    return { budgetVersionId: version.id, change: `Budgetversion ${version.number} blir gällande budget` }
  },
  decisionKind: () => 'approve_budget_change',
  subject: (_projectId, payload) => ({ kind: 'budget_version', id: str(payload.budgetVersionId) }),
  async approve(trx, c) {
    await approveBudgetVersion(trx, {
      budgetVersionId: str(c.payload.budgetVersionId),
      decisionId: c.decisionId,
      actorId: c.actorId,
      ...(c.comment ? { comment: c.comment } : {}),
    })
  },
  // A rejected proposal is closed as finance closes one (status rejected), naming the decision.
  async reject(trx, c) {
    const row = await trx
      .selectFrom('budget_version')
      .where('id', '=', str(c.payload.budgetVersionId))
      .select(['id', 'status', 'version', 'project_id'])
      .forUpdate()
      .executeTakeFirst()
    if (row?.status !== 'proposed') return
    await trx
      .updateTable('budget_version')
      .set({
        status: 'rejected',
        decided_by: c.actorId,
        decided_at: new Date(),
        decision_id: c.decisionId,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', row.id)
      .execute()
    await recordAudit(trx, {
      actorId: c.actorId,
      entity: 'budget_version',
      entityId: row.id,
      projectId: row.project_id,
      action: 'reject',
      before: { status: 'proposed' },
      after: { status: 'rejected', decisionId: c.decisionId, comment: c.comment },
    })
  },
})

registerApprovalKind('final_report', {
  async prepare(trx, projectId, input) {
    if (!input.reportId) throw required('reportId')
    const report = await trx
      .selectFrom('final_report')
      .where('id', '=', input.reportId)
      .where('project_id', '=', projectId)
      .select(['id', 'status', 'kind'])
      .executeTakeFirst()
    if (report?.status !== 'submitted') {
      throw invalidField('reportId', 'not_submitted', {
        sv: 'Bara en inlämnad slutrapport kan godkännas.',
        en: 'Only a submitted final report can be approved.',
      })
    }
    return {
      reportId: report.id,
      change: report.kind === 'addendum' ? 'Tillägget godkänns' : 'Slutrapporten godkänns',
    }
  },
  decisionKind: () => 'approve_final_report',
  subject: (_projectId, payload) => ({ kind: 'final_report', id: str(payload.reportId) }),
  async approve(trx, c) {
    await markFinalReportApproved(trx, {
      reportId: str(c.payload.reportId),
      decisionId: c.decisionId,
      actorId: c.actorId,
      comment: c.comment,
    })
  },
  async reject(trx, c) {
    await returnFinalReport(trx, {
      reportId: str(c.payload.reportId),
      decisionId: c.decisionId,
      actorId: c.actorId,
      comment: c.comment,
    })
  },
})

/** The report module opens the request when the leader submits, in the submitting transaction. */
onFinalReportSubmitted(async (trx, event) => {
  const { openApprovalRequest } = await import('./approvals.ts')
  await openApprovalRequest(trx, {
    projectId: event.projectId,
    kind: 'final_report',
    payload: {
      reportId: event.reportId,
      change: event.kind === 'addendum' ? 'Tillägget godkänns' : 'Slutrapporten godkänns',
    },
    summary: event.kind === 'addendum' ? 'Tillägg till slutrapporten' : 'Slutrapporten',
    requestedBy: event.actorId,
  })
})

const lifecycleTarget = (payload: Record<string, unknown>) => str(payload.to) as LifecycleStatus

function refuseTransition(from: LifecycleStatus, to: LifecycleStatus, status: 409 | 422) {
  const message = {
    sv: `Projektet kan inte gå från ${lifecycleNames[from]} till ${lifecycleNames[to]}.`,
    en: `The project cannot move from ${from} to ${to}.`,
  }
  return status === 422
    ? invalidField('to', 'transition_not_allowed', message)
    : new HttpProblem(409, 'transition_not_allowed', undefined, { detail: message })
}

registerApprovalKind('lifecycle', {
  async prepare(trx, projectId, input) {
    if (!input.to) throw required('to')
    const project = await lockProject(trx, projectId)
    const from = project.status as LifecycleStatus
    if (!canTransition(from, input.to)) throw refuseTransition(from, input.to, 422)
    return { from, to: input.to, change: `${lifecycleNames[from]} → ${lifecycleNames[input.to]}` }
  },
  decisionKind: (payload) => decisionKindFor('lifecycle', lifecycleTarget(payload)),
  // One pending lifecycle change per project at a time.
  subject: (projectId) => ({ kind: 'project', id: projectId }),
  async approve(trx, c) {
    const project = await lockProject(trx, c.projectId)
    const from = project.status as LifecycleStatus
    const to = lifecycleTarget(c.payload)
    if (!canTransition(from, to)) throw refuseTransition(from, to, 409)
    const ends = (to === 'completed' || to === 'terminated') && !project.actual_end
    await trx
      .updateTable('project')
      .set({
        status: to,
        ...(ends ? { actual_end: laterOf(c.date, project.planned_start) } : {}),
        version: project.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', c.projectId)
      .execute()
    await recordAudit(trx, {
      actorId: c.actorId,
      entity: 'project',
      entityId: c.projectId,
      projectId: c.projectId,
      action: 'change_lifecycle',
      before: { status: from },
      after: { status: to, decisionId: c.decisionId },
    })
  },
})

registerApprovalKind('change_owner', {
  async prepare(trx, projectId, input) {
    if (!input.organisationId) throw required('organisationId')
    const [project, organisation] = await Promise.all([
      lockProject(trx, projectId),
      trx
        .selectFrom('organisation')
        .where('id', '=', input.organisationId)
        .select(['id', 'name'])
        .executeTakeFirst(),
    ])
    if (!organisation) {
      throw invalidField('organisationId', 'unknown_organisation', {
        sv: 'Organisationen finns inte.',
        en: 'The organisation does not exist.',
      })
    }
    if (organisation.id === project.owner_organisation_id) {
      throw invalidField('organisationId', 'unchanged', {
        sv: 'Organisationen äger redan projektet.',
        en: 'The organisation already owns the project.',
      })
    }
    const owner = await trx
      .selectFrom('organisation')
      .where('id', '=', project.owner_organisation_id)
      .select('name')
      .executeTakeFirstOrThrow()
    return {
      fromOrganisationId: project.owner_organisation_id,
      organisationId: organisation.id,
      change: `Projektägare ${owner.name} → ${organisation.name}`,
    }
  },
  decisionKind: () => 'change_owner',
  subject: (projectId) => ({ kind: 'project', id: projectId }),
  async approve(trx, c) {
    const project = await lockProject(trx, c.projectId)
    const to = str(c.payload.organisationId)
    await trx
      .updateTable('project')
      .set({ owner_organisation_id: to, version: project.version + 1, updated_at: new Date() })
      .where('id', '=', c.projectId)
      .execute()
    await recordAudit(trx, {
      actorId: c.actorId,
      entity: 'project',
      entityId: c.projectId,
      projectId: c.projectId,
      action: 'change_owner',
      before: { ownerOrganisationId: project.owner_organisation_id },
      after: { ownerOrganisationId: to, decisionId: c.decisionId },
    })
  },
})

registerApprovalKind('change_leader', {
  async prepare(trx, _projectId, input) {
    if (!input.personId) throw required('personId')
    const person = await trx
      .selectFrom('person')
      .where('id', '=', input.personId)
      .select(['id', 'name'])
      .executeTakeFirst()
    if (!person) {
      throw invalidField('personId', 'unknown_person', {
        sv: 'Personen finns inte i personregistret.',
        en: 'The person is not in the register of people.',
      })
    }
    const from = input.from ?? todayInSweden()
    return { personId: person.id, from, change: `${person.name} blir projektledare från ${from}` }
  },
  decisionKind: () => 'change_project_leader',
  subject: (projectId) => ({ kind: 'project', id: projectId }),
  async approve(trx, c) {
    await lockProject(trx, c.projectId)
    const from = str(c.payload.from) || c.date
    const open = await trx
      .selectFrom('project_leader')
      .where('project_id', '=', c.projectId)
      .where('to_date', 'is', null)
      .select(['id', 'person_id', 'from_date'])
      .execute()
    // The leaders so far hand over the day before; history stays in project_leader.
    for (const leader of open) {
      const end = addDays(from, -1)
      await trx
        .updateTable('project_leader')
        .set({ to_date: laterOf(end, leader.from_date) })
        .where('id', '=', leader.id)
        .execute()
    }
    const id = uuid()
    await trx
      .insertInto('project_leader')
      .values({ id, project_id: c.projectId, person_id: str(c.payload.personId), from_date: from })
      .execute()
    await recordAudit(trx, {
      actorId: c.actorId,
      entity: 'project',
      entityId: c.projectId,
      projectId: c.projectId,
      action: 'change_leader',
      before: { leaders: open.map((l) => l.person_id) },
      after: { personId: str(c.payload.personId), from, decisionId: c.decisionId },
    })
  },
})
