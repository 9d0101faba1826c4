import * as projectsApi from '@lagesbild/shared/api/projects'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const query = { mine: true, limit: 50 }

export const getMyProjects = (signal?: AbortSignal) =>
  apiRequest(projectsApi.listProjects, { query }, { signal })

/** The projects where the user has a project role (GET /api/projects?mine=true). */
export const homeProjectsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.projects.list(query),
    queryFn: ({ signal }) => getMyProjects(signal),
  })

export const useMyProjects = () => useSuspenseQuery(homeProjectsQueryOptions())
