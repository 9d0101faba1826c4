import * as programmesApi from '@lagesbild/shared/api/programmes'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ProgrammeDetail = EndpointOutput<typeof programmesApi.getProgramme>

export const getProgramme = (id: string, signal?: AbortSignal) =>
  apiRequest(programmesApi.getProgramme, { params: { id } }, { signal })

export const programmeQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.programmes.detail(id),
    queryFn: ({ signal }) => getProgramme(id, signal),
  })

export const useProgramme = (id: string) => useSuspenseQuery(programmeQueryOptions(id))
