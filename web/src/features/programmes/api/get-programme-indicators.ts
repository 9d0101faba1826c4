import * as indicatorsApi from '@lagesbild/shared/api/indicators'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { useQuery } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type IndicatorRollup = EndpointOutput<typeof indicatorsApi.getIndicatorRollup>

/** The indicators the programme's projects share, summed per period (GET /api/programmes/:id/indicators). */
export const useProgrammeIndicators = (programmeId: string) =>
  useQuery({
    queryKey: [...queryKeys.portfolio.programme(programmeId), 'indicators'],
    queryFn: ({ signal }) =>
      apiRequest(indicatorsApi.getIndicatorRollup, { params: { programmeId } }, { signal }),
  })
