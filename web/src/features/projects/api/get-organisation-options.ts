import * as organisationsApi from '@lagesbild/shared/api/organisations'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { SelectOption } from '../../../components/select'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

type Organisation = EndpointOutput<typeof organisationsApi.listOrganisations>['items'][number]

const query = { limit: 200 }

export const getOrganisationOptions = (signal?: AbortSignal) =>
  apiRequest(organisationsApi.listOrganisations, { query }, { signal })

export const organisationOptionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.list(query),
    queryFn: ({ signal }) => getOrganisationOptions(signal),
    staleTime: 5 * 60_000,
    select: (page) => asTreeOptions(page.items),
  })

export const useOrganisationOptions = () => useQuery(organisationOptionsQueryOptions())

export interface OrganisationOption extends SelectOption {
  parentId: string | null
}

/** Parents before their children, children indented, siblings by name. */
export function asTreeOptions(organisations: readonly Organisation[]): OrganisationOption[] {
  const ids = new Set(organisations.map((o) => o.id))
  const children = new Map<string | null, Organisation[]>()
  for (const organisation of organisations) {
    const parent = organisation.parentId && ids.has(organisation.parentId) ? organisation.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), organisation])
  }
  const options: OrganisationOption[] = []
  const visit = (parent: string | null, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    for (const organisation of level) {
      const label = organisation.shortName
        ? `${organisation.name} (${organisation.shortName})`
        : organisation.name
      options.push({ value: organisation.id, label, depth, parentId: organisation.parentId })
      visit(organisation.id, depth + 1)
    }
  }
  visit(null, 0)
  return options
}

/**
 * Only the organisations at or below one of `roots` (where the user may create projects),
 * indented from the shallowest one kept.
 */
export function withinOrganisations(
  options: readonly OrganisationOption[],
  roots: ReadonlySet<string>,
): OrganisationOption[] {
  const parentOf = new Map(options.map((option) => [option.value, option.parentId]))
  const isWithin = (id: string | null): boolean => {
    for (let current = id; current; current = parentOf.get(current) ?? null)
      if (roots.has(current)) return true
    return false
  }
  const kept = options.filter((option) => isWithin(option.value))
  const shallowest = Math.min(...kept.map((option) => option.depth ?? 0))
  return kept.map((option) => ({ ...option, depth: (option.depth ?? 0) - shallowest }))
}
