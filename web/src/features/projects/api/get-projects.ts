import * as projectsApi from '@lagesbild/shared/api/projects'
import { type LifecycleStatus, lifecycleStatuses } from '@lagesbild/shared/domain/lifecycle'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectListQuery = NonNullable<EndpointInput<typeof projectsApi.listProjects>['query']>
export type ProjectPage = EndpointOutput<typeof projectsApi.listProjects>
export type ProjectSummary = ProjectPage['items'][number]

/** The filters of the project list, kept in the URL so a search can be shared and reloaded. */
export interface ProjectListSearch {
  q?: string
  programmeId?: string
  status?: LifecycleStatus
  topLevel?: boolean
  year?: number
}

const isStatus = (value: unknown): value is LifecycleStatus =>
  typeof value === 'string' && (lifecycleStatuses as readonly string[]).includes(value)

export function parseProjectListSearch(search: Record<string, unknown>): ProjectListSearch {
  const year = Number(search.year)
  return {
    ...(typeof search.q === 'string' && search.q.trim() ? { q: search.q } : {}),
    ...(typeof search.programmeId === 'string' && search.programmeId
      ? { programmeId: search.programmeId }
      : {}),
    ...(isStatus(search.status) ? { status: search.status } : {}),
    ...(search.topLevel === true || search.topLevel === 'true' ? { topLevel: true } : {}),
    ...(Number.isInteger(year) && year >= 1990 && year <= 2100 ? { year } : {}),
  }
}

const PAGE_SIZE = 50

export const getProjects = (query: ProjectListQuery, signal?: AbortSignal) =>
  apiRequest(projectsApi.listProjects, { query }, { signal })

export const projectsInfiniteQueryOptions = (filters: ProjectListSearch) =>
  infiniteQueryOptions({
    queryKey: queryKeys.projects.infinite({ ...filters, q: filters.q?.trim() || undefined }),
    queryFn: ({ pageParam, signal }) =>
      getProjects(
        { ...filters, q: filters.q?.trim() || undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const useProjects = (filters: ProjectListSearch) =>
  useInfiniteQuery({ ...projectsInfiniteQueryOptions(filters), placeholderData: keepPreviousData })

/** Main projects to choose from as the parent of a new sub-project. */
export const parentProjectOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.projects.list({ topLevel: true, limit: 200 }),
    queryFn: ({ signal }) => getProjects({ topLevel: true, limit: 200 }, signal),
    staleTime: 60_000,
  })
