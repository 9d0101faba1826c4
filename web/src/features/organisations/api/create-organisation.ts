import * as organisationsApi from '@lagesbild/shared/api/organisations'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type OrganisationCreate = EndpointInput<typeof organisationsApi.createOrganisation>['body']

export function useCreateOrganisation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: OrganisationCreate) => apiRequest(organisationsApi.createOrganisation, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisations.all }),
  })
}
