import * as organisationsApi from '@lagesbild/shared/api/organisations'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { useCurrentUser } from '../../../lib/current-user'
import { asTreeOptions, withinOrganisations } from '../../../lib/organisation-options'
import { queryKeys } from '../../../lib/query-keys'

const query = { limit: 200 }

const organisationTreeQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.organisations.list(query),
    queryFn: ({ signal }) => apiRequest(organisationsApi.listOrganisations, { query }, { signal }),
    staleTime: 5 * 60_000,
    select: (page) => asTreeOptions(page.items),
  })

/** The organisations the current user administers (and everything below them), as a tree. */
export function useAdministeredOrganisations() {
  const me = useCurrentUser()
  const roots = new Set(me.roles.filter((g) => g.role === 'administrator').map((g) => g.organisationId))
  const tree = useQuery(organisationTreeQueryOptions())
  return { ...tree, options: withinOrganisations(tree.data ?? [], roots), roots }
}
