import * as projectsApi from '@lagesbild/shared/api/projects'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 25

export const getOrganisationProjects = (
  ownerOrganisationId: string,
  cursor: string | undefined,
  signal?: AbortSignal,
) =>
  apiRequest(
    projectsApi.listProjects,
    { query: { ownerOrganisationId, limit: PAGE_SIZE, cursor } },
    { signal },
  )

/** GET /api/projects?ownerOrganisationId=…, paged. */
export const organisationProjectsQueryOptions = (ownerOrganisationId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.projects.infinite({ ownerOrganisationId, pageSize: PAGE_SIZE }),
    queryFn: ({ pageParam, signal }) => getOrganisationProjects(ownerOrganisationId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const useOrganisationProjects = (ownerOrganisationId: string) =>
  useInfiniteQuery(organisationProjectsQueryOptions(ownerOrganisationId))
