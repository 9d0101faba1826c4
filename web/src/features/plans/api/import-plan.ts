import * as plansApi from '@lagesbild/shared/api/plans'
import type { EndpointInput } from '@lagesbild/shared/http/endpoint'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export type ImportBody = EndpointInput<typeof plansApi.importPlan>['body']

export const previewImport = (projectId: string, body: ImportBody) =>
  apiRequest(plansApi.previewPlanImport, { params: { projectId }, body })

export const importPlan = (projectId: string, body: ImportBody) =>
  apiRequest(plansApi.importPlan, { params: { projectId }, body })

export const usePreviewImport = (projectId: string) =>
  useMutation({ mutationFn: (body: ImportBody) => previewImport(projectId, body) })

export function useImportPlan(projectId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ImportBody) => importPlan(projectId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.plans.all(projectId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.history(projectId) }),
      ]),
  })
}

/** The file as base64, as the import endpoints take it. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Where the browser downloads the plan from. */
export const exportUrl = (projectId: string, format: 'xlsx' | 'csv') =>
  `${plansApi.exportPlan.url.replace(':projectId', encodeURIComponent(projectId))}?format=${format}`
