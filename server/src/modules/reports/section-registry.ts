import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DocumentBlock, note } from '@lagesbild/shared/domain/document-model'
import { generatorDescriptions, type ReportGeneratorKey } from '@lagesbild/shared/domain/report-template'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/**
 * Fills one generated part of a report from the data of the module that owns it, as the
 * data stood on `asOf` (the report's date). Runs inside whatever transaction `db` is, so a
 * submission freezes exactly what it read.
 */
export type ReportSectionProvider = (
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
) => Promise<DocumentBlock[]>

export class ReportSectionRegistry {
  private readonly providers = new Map<ReportGeneratorKey, ReportSectionProvider>()

  /** Registers the provider of a key; returns a function that puts back what was there before. */
  register(key: ReportGeneratorKey, provider: ReportSectionProvider): () => void {
    const before = this.providers.get(key)
    this.providers.set(key, provider)
    return () => {
      if (before) this.providers.set(key, before)
      else this.providers.delete(key)
    }
  }

  has(key: ReportGeneratorKey): boolean {
    return this.providers.has(key)
  }

  /** The blocks of a section's generators in order; a generator nobody fills yet says so plainly. */
  async generate(
    db: Kysely<Database>,
    generators: readonly ReportGeneratorKey[],
    projectId: string,
    asOf: CalendarDate,
  ): Promise<DocumentBlock[]> {
    const blocks: DocumentBlock[] = []
    for (const key of generators) {
      const provider = this.providers.get(key)
      blocks.push(
        ...(provider
          ? await provider(db, projectId, asOf)
          : [note('placeholder', generatorDescriptions[key].placeholder.sv)]),
      )
    }
    return blocks
  }
}

/** The registry the application uses; modules register into it from server/src/report-sections.ts. */
export const reportSections = new ReportSectionRegistry()

export const registerReportSection = (key: ReportGeneratorKey, provider: ReportSectionProvider) =>
  reportSections.register(key, provider)
