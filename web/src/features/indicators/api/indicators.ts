import * as api from '@lagesbild/shared/api/indicators'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiRequest, apiUpload } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type IndicatorGrid = EndpointOutput<typeof api.getIndicatorGrid>
export type GridRow = IndicatorGrid['rows'][number]
export type Indicator = GridRow['indicator']
export type Cell = GridRow['cells'][number]
export type IndicatorCreate = EndpointInput<typeof api.createIndicator>['body']
export type MeasurementBody = EndpointInput<typeof api.putMeasurement>['body']
export type Rollup = EndpointOutput<typeof api.getIndicatorRollup>

export const indicatorGridQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.indicators.grid(projectId),
    queryFn: ({ signal }) =>
      apiRequest(api.getIndicatorGrid, { params: { projectId }, query: {} }, { signal }),
  })

export const useIndicatorGrid = (projectId: string) => useQuery(indicatorGridQueryOptions(projectId))

export const rollupQueryOptions = (programmeId: string) =>
  queryOptions({
    queryKey: queryKeys.indicators.rollup(programmeId),
    queryFn: ({ signal }) => apiRequest(api.getIndicatorRollup, { params: { programmeId } }, { signal }),
  })

export const useRollup = (programmeId: string) => useQuery(rollupQueryOptions(programmeId))

function useRefresh(projectId: string) {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.indicators.all(projectId) })
}

export function useCreateIndicator(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (body: IndicatorCreate) => apiRequest(api.createIndicator, { params: { projectId }, body }),
    onSuccess: refresh,
  })
}

/** Saves one cell; the grid keeps its own state, so only a success refreshes the rest. */
export function usePutMeasurement(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      indicatorId,
      period,
      body,
    }: {
      indicatorId: string
      period: string
      body: MeasurementBody
    }) => apiRequest(api.putMeasurement, { params: { projectId, indicatorId, period }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.indicators.all(projectId) }),
  })
}

export function useImportMeasurements(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (file: File) => apiUpload(api.importMeasurements, { params: { projectId } }, file),
    onSuccess: refresh,
  })
}

export type IndicatorPatch = EndpointInput<typeof api.updateIndicator>['body']

export function useUpdateIndicator(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: ({ indicatorId, body }: { indicatorId: string; body: IndicatorPatch }) =>
      apiRequest(api.updateIndicator, { params: { projectId, indicatorId }, body }),
    // A 409 refreshes too, so the form can start over from what is saved now.
    onSettled: refresh,
  })
}

/** Removes the indicator with its measurements; a stale version (409) refreshes the list too. */
export function useDeleteIndicator(projectId: string) {
  const refresh = useRefresh(projectId)
  return useMutation({
    mutationFn: (indicator: Pick<Indicator, 'id' | 'version'>) =>
      apiRequest(api.deleteIndicator, {
        params: { projectId, indicatorId: indicator.id },
        query: { version: indicator.version },
      }),
    onSettled: refresh,
  })
}
