import * as projectsApi from '@lagesbild/shared/api/projects'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 25

export const getProgrammeProjects = (programmeId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(projectsApi.listProjects, { query: { programmeId, limit: PAGE_SIZE, cursor } }, { signal })

/** GET /api/projects?programmeId=…, paged. */
export const programmeProjectsQueryOptions = (programmeId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.projects.infinite({ programmeId, pageSize: PAGE_SIZE }),
    queryFn: ({ pageParam, signal }) => getProgrammeProjects(programmeId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const useProgrammeProjects = (programmeId: string) =>
  useInfiniteQuery(programmeProjectsQueryOptions(programmeId))
