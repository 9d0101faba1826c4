import type { Efterkalkyl } from '@lagesbild/shared/api/plans'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { formatPreciseDate, type PreciseDate } from '@lagesbild/shared/domain/date-precision'
import { formatDeviation } from '@lagesbild/shared/domain/deviation'
import { type DocumentBlock, note, paragraph, table } from '@lagesbild/shared/domain/document-model'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { efterkalkyl } from './service.ts'

type Row = Static<typeof Efterkalkyl>['groups'][number]['rows'][number]

const show = (date: Pick<PreciseDate, 'from' | 'precision'> | null) =>
  date ? formatPreciseDate(date, 'sv') : ''

/** A deadline as its one date, a period as "2015-01-01 – 2016-06-01", as the seed's Kalkyl column. */
export function dateSpan(
  start: Pick<PreciseDate, 'from' | 'precision'> | null,
  end: Pick<PreciseDate, 'from' | 'precision'> | null,
): string {
  if (start && end && (start.from !== end.from || start.precision !== end.precision)) {
    return `${show(start)} – ${show(end)}`
  }
  return show(end ?? start)
}

// Table cells start with a capital, as the seed writes them ("Ca 4 månader", "I tid").
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** One Efterkalkyl row: Aktivitet, Kalkyl, Utfall, Differens, Förklaring. */
export function efterkalkylCells(row: Row): [string, string, string, string, string] {
  const activity = row.number ? `${row.number} ${row.title}` : row.title
  const planned = dateSpan(row.plannedStart, row.plannedEnd) || '–'
  const open = row.deviation.kind === 'remaining' || row.deviation.kind === 'cancelled'
  // As in the seed, an activity not carried out says so in the Utfall column and has no Differens.
  const actual = open ? formatDeviation(row.deviation, 'sv') : dateSpan(row.actualStart, row.actualEnd) || '–'
  const difference = open ? '' : capitalised(formatDeviation(row.deviation, 'sv'))
  const notes = [row.plannedStart?.note, row.plannedEnd?.note, row.actualStart?.note, row.actualEnd?.note]
    .filter((n): n is string => !!n)
    .filter((n, i, all) => all.indexOf(n) === i)
  const explanation = [row.explanation.trim(), ...notes].filter((t) => t !== '').join('\n')
  return [activity, planned, actual, difference, explanation]
}

function summary(rows: readonly Row[]): string {
  const count = (test: (r: Row) => boolean) => rows.filter(test).length
  const parts = [
    [count((r) => r.deviation.kind === 'on_time'), 'genomförda i tid'],
    [count((r) => r.deviation.kind === 'early'), 'genomförda tidigare än planerat'],
    [count((r) => r.deviation.kind === 'late'), 'genomförda senare än planerat'],
    [count((r) => r.deviation.kind === 'unknown'), 'genomförda utan jämförbart datum'],
    [count((r) => r.deviation.kind === 'remaining'), 'återstår'],
    [count((r) => r.deviation.kind === 'cancelled'), 'inställda'],
  ] as const
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`)
  const total = `${rows.length} ${rows.length === 1 ? 'aktivitet' : 'aktiviteter'}`
  return said.length > 0 ? `${total}: ${said.join(', ')}.` : `${total}.`
}

/**
 * Efterkalkyl/aktiviteter: every activity of the project and its sub-projects with planned
 * (Kalkyl) and actual (Utfall) dates, the difference in words, "Återstår" for what was not
 * done, and the explanations given in the plan, one table per part of the project.
 */
export async function activityPostCalculation(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const result = await efterkalkyl(db, projectId, asOf)
  const rows = result.groups.flatMap((g) => g.rows)
  if (rows.length === 0) return [note('info', 'Projektet har ingen aktivitetsplan i Lägesbild.')]
  const blocks: DocumentBlock[] = [paragraph(`Enligt aktivitetsplanen per ${asOf}: ${summary(rows)}`)]
  const captioned = result.groups.length > 1 || result.groups[0]?.project.id !== projectId
  for (const group of result.groups) {
    blocks.push(
      table({
        ...(captioned ? { caption: group.project.name } : {}),
        columns: [
          { title: 'Aktivitet', width: 34 },
          { title: 'Kalkyl', width: 15 },
          { title: 'Utfall', width: 13 },
          { title: 'Differens', width: 12 },
          { title: 'Förklaring', width: 26 },
        ],
        rows: group.rows.map(efterkalkylCells),
      }),
    )
  }
  return blocks
}

registerReportSection('activity_post_calculation', activityPostCalculation)
