import type * as api from '@lagesbild/shared/api/governance'
import { decisionKinds } from '@lagesbild/shared/domain/governance'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'

/*
 * The address parsers of the governance pages, apart from the queries so the router (in the
 * first chunk) can validate addresses without loading the governance API's schemas.
 */

type DecisionFilter = NonNullable<EndpointInput<typeof api.listDecisions>['query']>

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

const isId = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

/**
 * The register's filters, kept in the address so a filtered register can be shared; a project's
 * or a group's register is the same page narrowed to it.
 */
export function parseDecisionSearch(search: Record<string, unknown>): DecisionFilter {
  const kind = decisionKinds.find((k) => k === search.kind)
  return {
    ...(kind ? { kind } : {}),
    ...(isDate(search.from) ? { from: search.from } : {}),
    ...(isDate(search.to) ? { to: search.to } : {}),
    ...(isId(search.projectId) ? { projectId: search.projectId } : {}),
    ...(isId(search.steeringGroupId) ? { steeringGroupId: search.steeringGroupId } : {}),
  }
}

export interface GovernanceTabSearch {
  kind?: 'milestone' | 'plan_revision' | 'budget_change' | 'lifecycle' | 'change_leader' | 'change_owner'
  /** The activity or budget version the request is about. */
  subject?: string
}

const formKinds = [
  'milestone',
  'plan_revision',
  'budget_change',
  'lifecycle',
  'change_leader',
  'change_owner',
] as const

export function parseGovernanceTabSearch(search: Record<string, unknown>): GovernanceTabSearch {
  const kind = formKinds.find((k) => k === search.kind)
  const subject =
    typeof search.subject === 'string' && /^[0-9a-f-]{36}$/i.test(search.subject) ? search.subject : undefined
  return { ...(kind ? { kind } : {}), ...(subject ? { subject } : {}) }
}
