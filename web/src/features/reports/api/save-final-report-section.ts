import * as reportsApi from '@lagesbild/shared/api/reports'
import type { EditorDoc } from '@lagesbild/shared/domain/rich-text'
import type { EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { apiRequest } from '../../../lib/api-client'

export type SavedSection = EndpointOutput<typeof reportsApi.saveFinalReportSection>

/** Autosave of one section; the caller keeps the version and handles 409 (see section-editor). */
export const saveFinalReportSection = (
  projectId: string,
  reportId: string,
  sectionKey: string,
  version: number,
  content: EditorDoc,
) =>
  apiRequest(reportsApi.saveFinalReportSection, {
    params: { projectId, reportId, sectionKey },
    body: { version, content: content as SavedSection['content'] },
  })

export function isSavedSection(value: unknown): value is SavedSection {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.key === 'string' && typeof record.version === 'number' && typeof record.content === 'object'
  )
}
