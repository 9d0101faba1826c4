import type { DocumentModel } from '@lagesbild/shared/domain/document-model'

export const documentFormats = ['docx', 'pdf'] as const
export type DocumentFormat = (typeof documentFormats)[number]

export const contentTypes: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

/**
 * The one document pipeline: every report (final report, portfolio status report, …) is
 * built as a DocumentModel and rendered here. The HTML print view renders the same model
 * in the web app.
 */
export async function renderDocument(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
  // Loaded at the first document: docx and pdfmake (with its fonts) are some 50 MB of memory that
  // most processes never need.
  if (format === 'docx') return (await import('./docx.ts')).renderDocx(model)
  return (await import('./pdf.ts')).renderPdf(model)
}
