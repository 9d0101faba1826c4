import * as programmesApi from '@lagesbild/shared/api/programmes'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const query = { limit: 200 }

export const getProgrammeOptions = (signal?: AbortSignal) =>
  apiRequest(programmesApi.listProgrammes, { query }, { signal })

export const programmeOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.programmes.list(query),
    queryFn: ({ signal }) => getProgrammeOptions(signal),
    staleTime: 5 * 60_000,
    select: (page) => page.items.map((programme) => ({ value: programme.id, label: programme.name })),
  })

export const useProgrammeOptions = () => useQuery(programmeOptionsQueryOptions())
