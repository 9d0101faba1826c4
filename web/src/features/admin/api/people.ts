import * as peopleApi from '@lagesbild/shared/api/people'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type Person = EndpointOutput<typeof peopleApi.getPerson>
export type PersonCreate = EndpointInput<typeof peopleApi.createPerson>['body']
export type PersonPatch = EndpointInput<typeof peopleApi.updatePerson>['body']

export interface PeopleSearch {
  q?: string
  organisationId?: string
}

export const parsePeopleSearch = (search: Record<string, unknown>): PeopleSearch => ({
  ...(typeof search.q === 'string' && search.q.trim() ? { q: search.q } : {}),
  ...(typeof search.organisationId === 'string' && search.organisationId
    ? { organisationId: search.organisationId }
    : {}),
})

export const peopleInfiniteQueryOptions = (filters: PeopleSearch) => {
  const query = { ...filters, q: filters.q?.trim() || undefined }
  return infiniteQueryOptions({
    queryKey: queryKeys.people.infinite(query),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(peopleApi.listPeople, { query: { ...query, limit: 50, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export const usePeople = (filters: PeopleSearch) =>
  useInfiniteQuery({ ...peopleInfiniteQueryOptions(filters), placeholderData: keepPreviousData })

export const personQueryOptions = (personId: string) =>
  queryOptions({
    queryKey: queryKeys.people.detail(personId),
    queryFn: ({ signal }) => apiRequest(peopleApi.getPerson, { params: { id: personId } }, { signal }),
  })

export const usePerson = (personId: string) => useQuery(personQueryOptions(personId))

/** The 409 body's `current`, when it is this person as the server now has it. */
export function isPerson(value: unknown): value is Person {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' &&
    typeof record.name === 'string' &&
    typeof record.version === 'number' &&
    typeof record.organisation === 'object'
  )
}

export function useCreatePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PersonCreate) => apiRequest(peopleApi.createPerson, { body }),
    // Pickers of project leaders and steering-group members read the same lists.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
  })
}

export function useUpdatePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PersonPatch) => apiRequest(peopleApi.updatePerson, { params: { id: personId }, body }),
    onSuccess: async (person) => {
      queryClient.setQueryData(queryKeys.people.detail(personId), person)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit.all }),
      ])
    },
    onError: (error) => {
      const current = error.status === 409 ? error.problem.current : undefined
      if (isPerson(current)) queryClient.setQueryData(queryKeys.people.detail(personId), current)
    },
  })
}
