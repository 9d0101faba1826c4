import * as organisationsApi from '@lagesbild/shared/api/organisations'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Organisation = EndpointOutput<typeof organisationsApi.listOrganisations>['items'][number]

const PAGE_SIZE = 100

export const getOrganisations = (parentId: string | null, cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(
    organisationsApi.listOrganisations,
    { query: { ...(parentId ? { parentId } : { roots: true }), limit: PAGE_SIZE, cursor } },
    { signal },
  )

/** One level of the tree: the roots (parentId null) or the children of an organisation. */
export const organisationChildrenQueryOptions = (parentId: string | null) =>
  infiniteQueryOptions({
    queryKey: queryKeys.organisations.infinite({ level: parentId ?? 'roots' }),
    queryFn: ({ pageParam, signal }) => getOrganisations(parentId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    staleTime: 5 * 60_000,
  })

export const useOrganisationChildren = (parentId: string | null, enabled = true) =>
  useInfiniteQuery({ ...organisationChildrenQueryOptions(parentId), enabled })
