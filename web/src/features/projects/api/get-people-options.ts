import * as peopleApi from '@lagesbild/shared/api/people'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

const query = { limit: 200 }

export const getPeopleOptions = (signal?: AbortSignal) =>
  apiRequest(peopleApi.listPeople, { query }, { signal })

export const peopleOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.people.list(query),
    queryFn: ({ signal }) => getPeopleOptions(signal),
    staleTime: 5 * 60_000,
    select: (page) =>
      page.items.map((person) => ({
        value: person.id,
        label: [person.name, person.title, person.organisation.name].filter(Boolean).join(', '),
      })),
  })

export const usePeopleOptions = (enabled = true) => useQuery({ ...peopleOptionsQueryOptions(), enabled })
