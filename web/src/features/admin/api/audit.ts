import * as auditApi from '@lagesbild/shared/api/audit'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type AuditEntry = EndpointOutput<typeof auditApi.listAuditLog>['items'][number]
type Query = NonNullable<EndpointInput<typeof auditApi.listAuditLog>['query']>

export interface AuditSearch {
  actorId?: string
  entity?: string
  projectId?: string
  action?: string
  from?: string
  to?: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)

export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const from = text(search.from)
  const to = text(search.to)
  const pick = {
    actorId: text(search.actorId),
    entity: text(search.entity),
    projectId: text(search.projectId),
    action: text(search.action),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
  }
  return Object.fromEntries(Object.entries(pick).filter(([, v]) => v !== undefined))
}

export const auditInfiniteQueryOptions = (filters: AuditSearch) =>
  infiniteQueryOptions({
    queryKey: queryKeys.audit.infinite(filters),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        auditApi.listAuditLog,
        { query: { ...(filters as Query), limit: 50, cursor: pageParam } },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useAuditLog = (filters: AuditSearch) =>
  useInfiniteQuery({ ...auditInfiniteQueryOptions(filters), placeholderData: keepPreviousData })

/** A download link: the browser fetches the file itself with the session cookie. */
export function auditExportHref(filters: AuditSearch, format: (typeof auditApi.auditExportFormats)[number]) {
  const search = new URLSearchParams({ ...filters, format } as Record<string, string>)
  return `${auditApi.exportAuditLog.url}?${search.toString()}`
}
