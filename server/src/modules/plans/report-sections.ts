import type { Efterkalkyl } from '@lagesbild/shared/api/plans'
import type { StaffingEntry } from '@lagesbild/shared/api/staffing'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { formatPreciseDate, type PreciseDate } from '@lagesbild/shared/domain/date-precision'
import { formatDeviation } from '@lagesbild/shared/domain/deviation'
import { type DocumentBlock, note, paragraph, table } from '@lagesbild/shared/domain/document-model'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { Database } from '../../db/schema.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { loadScope } from './activities.ts'
import { efterkalkyl } from './service.ts'
import { listStaffing } from './staffing.ts'

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

type Staffing = Static<typeof StaffingEntry>

const agreements = { oral: 'Muntlig', written: 'Skriftlig' } as const

/** One staffing row: Namn eller roll, Uppdrag, Organisation, Tid, Period, Överenskommelse. */
export function staffingCells(entry: Staffing): string[] {
  // As the seed's staffing plan writes periods: "Hösten 2019 t.o.m. Juni 2021", "Hösten 2019 ff".
  const period = entry.periodStart
    ? entry.periodEnd
      ? `${show(entry.periodStart)} t.o.m. ${show(entry.periodEnd)}`
      : `${show(entry.periodStart)} ff`
    : entry.periodEnd
      ? `t.o.m. ${show(entry.periodEnd)}`
      : '–'
  return [
    entry.name,
    entry.role,
    entry.organisation?.name ?? '',
    entry.timeSharePercent === null ? 'Ej uttalat' : `${entry.timeSharePercent} %`,
    period,
    entry.agreement ? agreements[entry.agreement] : 'Ej angiven',
  ]
}

/**
 * Organisation: the staffing plan of the project and its sub-projects, everyone whose period
 * had begun by the report's date, with assignment, time share, period and kind of agreement.
 */
export async function staffingPlan(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const scope = await loadScope(db, projectId)
  const blocks: DocumentBlock[] = []
  const parts = scope.projects.length > 1
  let planned = 0
  for (const part of scope.projects) {
    const { items } = await listStaffing(db, part.id)
    planned += items.length
    const begun = items.filter((e) => !e.periodStart || e.periodStart.from <= asOf)
    if (begun.length === 0) continue
    blocks.push(
      table({
        caption: parts ? `Bemanningsplan: ${part.name}` : 'Bemanningsplan',
        columns: [
          { title: 'Namn eller roll', width: 22 },
          { title: 'Uppdrag', width: 18 },
          { title: 'Organisation', width: 20 },
          { title: 'Tid', width: 9, align: 'right' },
          { title: 'Period', width: 19 },
          { title: 'Överenskommelse', width: 12 },
        ],
        rows: begun.map(staffingCells),
      }),
    )
  }
  if (blocks.length > 0) return blocks
  return [
    note(
      'info',
      planned > 0
        ? `Ingen i bemanningsplanen hade börjat arbeta i projektet den ${asOf}.`
        : 'Projektet har ingen bemanningsplan i Lägesbild.',
    ),
  ]
}

registerReportSection('activity_post_calculation', activityPostCalculation)
registerReportSection('staffing_plan', staffingPlan)
