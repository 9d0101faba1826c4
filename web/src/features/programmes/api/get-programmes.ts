import * as programmesApi from '@lagesbild/shared/api/programmes'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Programme = EndpointOutput<typeof programmesApi.listProgrammes>['items'][number]

const PAGE_SIZE = 50

export const getProgrammes = (cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(programmesApi.listProgrammes, { query: { limit: PAGE_SIZE, cursor } }, { signal })

export const programmesInfiniteQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: queryKeys.programmes.infinite({ pageSize: PAGE_SIZE }),
    queryFn: ({ pageParam, signal }) => getProgrammes(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })

export const useProgrammes = () => useInfiniteQuery(programmesInfiniteQueryOptions())
