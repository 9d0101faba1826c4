import type { Efterkalkyl } from '@lagesbild/shared/api/plans'
import type { StaffingEntry } from '@lagesbild/shared/api/staffing'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { formatDateSpan, formatPreciseDate, type PreciseDate } from '@lagesbild/shared/domain/date-precision'
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

// Table cells start with a capital, as the seed writes them ("Ca 4 månader", "I tid").
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** One Efterkalkyl row: Aktivitet, Kalkyl, Utfall, Differens, Förklaring. */
export function efterkalkylCells(row: Row): [string, string, string, string, string] {
  const activity = row.number ? `${row.number} ${row.title}` : row.title
  const planned = formatDateSpan(row.plannedStart, row.plannedEnd, 'sv') || '–'
  const open = row.deviation.kind === 'remaining' || row.deviation.kind === 'cancelled'
  // As in the seed, an activity not carried out says so in the Utfall column and has no Differens.
  const actual = open
    ? formatDeviation(row.deviation, 'sv')
    : formatDateSpan(row.actualStart, row.actualEnd, 'sv') || '–'
  const difference = open ? '' : capitalised(formatDeviation(row.deviation, 'sv'))
  const notes = [row.plannedStart?.note, row.plannedEnd?.note, row.actualStart?.note, row.actualEnd?.note]
    .filter((n): n is string => !!n)
    .filter((n, i, all) => all.indexOf(n) === i)
  const explanation = [row.explanation.trim(), ...notes].filter((t) => t !== '').join('\n')
  return [activity, planned, actual, difference, explanation]
}

function summary(rows: readonly Row[]): string {
  const count = (kind: Row['deviation']['kind']) => rows.filter((r) => r.deviation.kind === kind).length
  // [count, Swedish for one, for several]
  const parts: [number, string, string][] = [
    [count('on_time'), 'genomförd i tid', 'genomförda i tid'],
    [count('early'), 'genomförd tidigare än planerat', 'genomförda tidigare än planerat'],
    [count('late'), 'genomförd senare än planerat', 'genomförda senare än planerat'],
    [count('unknown'), 'genomförd utan jämförbart datum', 'genomförda utan jämförbart datum'],
    [count('remaining'), 'återstår', 'återstår'],
    [count('cancelled'), 'inställd', 'inställda'],
  ]
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
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
          { title: 'Utfall', width: 15 },
          { title: 'Differens', width: 11 },
          { title: 'Förklaring', width: 25 },
        ],
        rows: group.rows.map(efterkalkylCells),
      }),
    )
  }
  return blocks
}

type Staffing = Static<typeof StaffingEntry>

// The seed's column is "Muntligt /Skriftligt" (agreement).
const agreements = { oral: 'Muntligt', written: 'Skriftligt' } as const

/** One staffing row: Namn eller roll, Uppdrag, Organisation, Tid, Period, Muntligt/skriftligt. */
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
    entry.agreement ? agreements[entry.agreement] : 'Ej angivet',
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
          { title: 'Namn eller roll', width: 20 },
          { title: 'Uppdrag', width: 20 },
          { title: 'Organisation', width: 18 },
          { title: 'Tid', width: 10 },
          { title: 'Period', width: 18 },
          { title: 'Muntligt/skriftligt', width: 14 },
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
