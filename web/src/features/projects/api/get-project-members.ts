import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProjectMember = EndpointOutput<typeof projectsApi.listProjectMembers>['items'][number]
export type ProjectRole = ProjectMember['role']

export const getProjectMembers = (projectId: string, signal?: AbortSignal) =>
  apiRequest(projectsApi.listProjectMembers, { params: { projectId } }, { signal })

export const projectMembersQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.projects.members(projectId),
    queryFn: ({ signal }) => getProjectMembers(projectId, signal),
  })

export const useProjectMembers = (projectId: string) => useQuery(projectMembersQueryOptions(projectId))
