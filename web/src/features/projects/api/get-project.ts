import * as projectsApi from '@lagesbild/shared/api/projects'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Project = EndpointOutput<typeof projectsApi.getProject>
export type ProjectCapability = Project['permissions'][number]

export const getProject = (projectId: string, signal?: AbortSignal) =>
  apiRequest(projectsApi.getProject, { params: { projectId } }, { signal })

export const projectQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.projects.detail(projectId),
    queryFn: ({ signal }) => getProject(projectId, signal),
  })

/** The route loader has fetched it already, so this never suspends on a normal visit. */
export const useProject = (projectId: string) => useSuspenseQuery(projectQueryOptions(projectId))

export const can = (project: Pick<Project, 'permissions'>, capability: ProjectCapability) =>
  project.permissions.includes(capability)
