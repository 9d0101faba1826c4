import * as privacyApi from '@lagesbild/shared/api/privacy'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type RegisterExtract = EndpointOutput<typeof privacyApi.getUserExtract>
export type PrivacySetting = EndpointOutput<typeof privacyApi.getPrivacySetting>
export type PersonalDataCheck = PrivacySetting['personalDataCheck']

export const userExtractQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: queryKeys.privacy.extract('user', userId),
    queryFn: ({ signal }) => apiRequest(privacyApi.getUserExtract, { params: { id: userId } }, { signal }),
    staleTime: 0,
  })

export const userExtractHref = (userId: string) => privacyApi.getUserExtract.url.replace(':id', userId)

/** Erasure of a user or of a staff record: the same result, the same confirmation. */
export type EraseMutation = ReturnType<typeof useEraseUser>

export function useEraseUser(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (confirmName: string) =>
      apiRequest(privacyApi.eraseUser, { params: { id: userId }, body: { confirmName } }),
    onSuccess: () => queryClient.invalidateQueries(),
  })
}

export const personExtractQueryOptions = (personId: string) =>
  queryOptions({
    queryKey: queryKeys.privacy.extract('person', personId),
    queryFn: ({ signal }) =>
      apiRequest(privacyApi.getPersonExtract, { params: { id: personId } }, { signal }),
    staleTime: 0,
  })

export const personExtractHref = (personId: string) =>
  privacyApi.getPersonExtract.url.replace(':id', personId)

/** Erases a staff record (and any account linked to it); everything naming the person changes. */
export function useErasePerson(personId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (confirmName: string) =>
      apiRequest(privacyApi.erasePerson, { params: { id: personId }, body: { confirmName } }),
    onSuccess: () => queryClient.invalidateQueries(),
  })
}

export const privacySettingQueryOptions = (organisationId: string) =>
  queryOptions({
    queryKey: queryKeys.privacy.setting(organisationId),
    queryFn: ({ signal }) =>
      apiRequest(privacyApi.getPrivacySetting, { params: { organisationId } }, { signal }),
  })

export function useSavePrivacySetting(organisationId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { personalDataCheck: PersonalDataCheck; version?: number }) =>
      apiRequest(privacyApi.putPrivacySetting, { params: { organisationId }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.privacy.setting(organisationId), saved)
      return queryClient.invalidateQueries({ queryKey: ['privacy', 'setting'] })
    },
  })
}
