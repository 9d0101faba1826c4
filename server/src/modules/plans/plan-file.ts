import type { PreciseDateInput } from '@lagesbild/shared/api/plans'
import { type CalendarDate, isCalendarDate } from '@lagesbild/shared/domain/calendar-date'
import {
  formatPreciseDate,
  type PreciseDate,
  parsePreciseDate,
} from '@lagesbild/shared/domain/date-precision'
import { type ActivityStatus, activityStatuses, formatDeviation } from '@lagesbild/shared/domain/deviation'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type ExcelJS from 'exceljs'
import type { Static } from 'typebox'
import { loadExcel } from '../../lazy-modules.ts'
import type { FieldIssue } from '../../plugins/problem.ts'
import type { ActivityT } from './activities.ts'

/**
 * The activity plan as people keep it in Excel: one row per activity, Swedish headers, real date
 * cells for exact days and the seeds' words ("Våren 2016") for imprecise ones.
 */

export const planColumns = [
  { key: 'project', header: 'Projekt', en: 'Project', width: 28 },
  { key: 'number', header: 'Nr', en: 'Number', width: 7 },
  { key: 'title', header: 'Aktivitet', en: 'Activity', width: 50 },
  { key: 'goal', header: 'Delmål', en: 'Sub-goal', width: 8 },
  { key: 'responsible', header: 'Ansvarig', en: 'Responsible', width: 24 },
  { key: 'plannedStart', header: 'Planerad start', en: 'Planned start', width: 14 },
  { key: 'plannedEnd', header: 'Planerat slut', en: 'Planned end', width: 14 },
  { key: 'actualStart', header: 'Faktisk start', en: 'Actual start', width: 14 },
  { key: 'actualEnd', header: 'Faktiskt slut', en: 'Actual end', width: 14 },
  { key: 'status', header: 'Status', en: 'Status', width: 12 },
  { key: 'milestone', header: 'Milstolpe', en: 'Milestone', width: 10 },
  { key: 'deviation', header: 'Differens', en: 'Deviation', width: 16 },
  { key: 'deviationExplanation', header: 'Förklaring till avvikelse', en: 'Explanation', width: 36 },
  { key: 'description', header: 'Beskrivning', en: 'Description', width: 36 },
  { key: 'id', header: 'Id', en: 'Id', width: 38 },
  { key: 'version', header: 'Version', en: 'Version', width: 8 },
] as const

export type PlanColumn = (typeof planColumns)[number]['key']
type Cell = string | number | boolean | Date | null

export const statusLabels: Record<ActivityStatus, { sv: string; en: string }> = {
  planned: { sv: 'Planerad', en: 'Planned' },
  upcoming: { sv: 'Kommande', en: 'Upcoming' },
  in_progress: { sv: 'Pågår', en: 'In progress' },
  done: { sv: 'Klar', en: 'Done' },
  remaining: { sv: 'Återstår', en: 'Remaining' },
  cancelled: { sv: 'Inställd', en: 'Cancelled' },
}

const dateColumns = new Set<PlanColumn>(['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'])

function dateCell(date: PreciseDate | null, excel: boolean): Cell {
  if (!date) return null
  if (date.precision === 'day' && excel) return new Date(`${date.from}T00:00:00Z`)
  return formatPreciseDate(date, 'sv')
}

function rowOf(activity: ActivityT, excel: boolean): Record<PlanColumn, Cell> {
  return {
    project: activity.project.name,
    number: activity.number,
    title: activity.title,
    goal: activity.goal?.number ?? null,
    responsible: activity.responsible,
    plannedStart: dateCell(activity.plannedStart, excel),
    plannedEnd: dateCell(activity.plannedEnd, excel),
    actualStart: dateCell(activity.actualStart, excel),
    actualEnd: dateCell(activity.actualEnd, excel),
    status: statusLabels[activity.status].sv,
    milestone: activity.milestone ? 'Ja' : 'Nej',
    deviation: formatDeviation(activity.deviation, 'sv'),
    deviationExplanation: activity.deviationExplanation,
    description: activity.description,
    id: activity.id,
    version: activity.version,
  }
}

export function planToCsv(activities: ActivityT[]): Buffer {
  const text = stringify(
    activities.map((a) => {
      const row = rowOf(a, false)
      return planColumns.map((c) => row[c.key] ?? '')
    }),
    { header: true, columns: planColumns.map((c) => c.header), delimiter: ';', bom: true },
  )
  return Buffer.from(text, 'utf8')
}

export async function planToXlsx(activities: ActivityT[], projectName: string): Promise<Buffer> {
  const { Workbook } = await loadExcel()
  const workbook = new Workbook()
  workbook.creator = 'Lägesbild'
  workbook.title = `Aktivitetsplan – ${projectName}`
  const sheet = workbook.addWorksheet('Aktivitetsplan', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = planColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  for (const activity of activities) sheet.addRow(rowOf(activity, true))
  const last = activities.length + 1
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: planColumns.length } }
  planColumns.forEach((column, index) => {
    const col = sheet.getColumn(index + 1)
    if (dateColumns.has(column.key)) col.numFmt = 'yyyy-mm-dd'
    if (column.key === 'status' || column.key === 'milestone') {
      const list =
        column.key === 'status'
          ? Object.values(statusLabels)
              .map((l) => l.sv)
              .join(',')
          : 'Ja,Nej'
      for (let r = 2; r <= Math.max(last, 200); r++) {
        sheet.getCell(r, index + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list}"`],
          showErrorMessage: true,
          error: column.key === 'status' ? 'Välj en status i listan.' : 'Ja eller Nej.',
        }
      }
    }
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const headerKeys = new Map<string, PlanColumn>(
  planColumns.flatMap((c) => [
    [c.header.toLowerCase(), c.key],
    [c.en.toLowerCase(), c.key],
    [c.key.toLowerCase(), c.key],
  ]),
)

export interface FileRow {
  /** Line in the file, the header being 1. */
  row: number
  cells: Partial<Record<PlanColumn, Cell>>
}

export interface PlanFile {
  columns: Set<PlanColumn>
  rows: FileRow[]
}

export class UnreadableFile extends Error {}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue)
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value) return null
  }
  return null
}

function toFile(table: Cell[][]): PlanFile {
  const [header = [], ...body] = table
  const keys = header.map(
    (h) =>
      headerKeys.get(
        String(h ?? '')
          .trim()
          .toLowerCase(),
      ) ?? null,
  )
  if (!keys.includes('title')) throw new UnreadableFile('missing_title_column')
  const rows: FileRow[] = []
  body.forEach((values, index) => {
    const cells: FileRow['cells'] = {}
    keys.forEach((key, i) => {
      if (!key) return
      const value = values[i] ?? null
      cells[key] = typeof value === 'string' ? value.trim() || null : value
    })
    if (Object.values(cells).some((v) => v !== null && v !== '')) rows.push({ row: index + 2, cells })
  })
  return { columns: new Set(keys.filter((k): k is PlanColumn => k !== null)), rows }
}

export async function readPlanFile(format: 'xlsx' | 'csv', content: Buffer): Promise<PlanFile> {
  if (format === 'csv') {
    const text = content.toString('utf8').replace(/^\uFEFF/, '')
    const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
    try {
      return toFile(
        parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][],
      )
    } catch (error) {
      if (error instanceof UnreadableFile) throw error
      throw new UnreadableFile('csv')
    }
  }
  const { Workbook } = await loadExcel()
  const workbook = new Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableFile('xlsx')
  }
  const sheet = workbook.getWorksheet('Aktivitetsplan') ?? workbook.worksheets[0]
  if (!sheet) throw new UnreadableFile('no_sheet')
  const table: Cell[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: Cell[] = []
    for (let c = 1; c <= row.cellCount; c++) values.push(cellValue(row.getCell(c).value))
    table[rowNumber - 1] = values
  })
  return toFile(Array.from(table, (r) => r ?? []))
}

const fieldOf: Partial<Record<PlanColumn, string>> = { goal: 'goal', project: 'project' }

const issue = (column: PlanColumn, code: string, sv: string, en: string): FieldIssue => ({
  field: fieldOf[column] ?? column,
  code,
  message: { sv, en },
})

function isoFromExcel(value: Date | number): CalendarDate {
  const date = typeof value === 'number' ? new Date(Date.UTC(1899, 11, 30) + value * 86_400_000) : value
  return date.toISOString().slice(0, 10)
}

/** A date cell as the API's date input; null for an empty cell. */
export function readDateCell(
  column: PlanColumn,
  value: Cell | undefined,
  issues: FieldIssue[],
): Static<typeof PreciseDateInput> | null | undefined {
  if (value === undefined) return undefined
  if (value === null || value === '') return null
  if (value instanceof Date || typeof value === 'number') {
    const iso = isoFromExcel(value)
    if (isCalendarDate(iso)) return { from: iso, precision: 'day' }
  }
  const parsed = parsePreciseDate(String(value))
  if (parsed.ok) return { from: parsed.value.from, precision: parsed.value.precision }
  if (parsed.reason === 'impossible') {
    issues.push(
      issue(
        column,
        'impossible_date',
        `Datumet ${value} finns inte i kalendern.`,
        `The date ${value} does not exist.`,
      ),
    )
  } else {
    issues.push(
      issue(
        column,
        'unreadable_date',
        `Kan inte läsa "${value}" som datum. Skriv 2014-09-22, 2014-09, Våren 2016 eller 2016.`,
        `Cannot read "${value}" as a date. Write 2014-09-22, 2014-09, Spring 2016 or 2016.`,
      ),
    )
  }
  return undefined
}

const statusByLabel = new Map<string, ActivityStatus>(
  activityStatuses.flatMap((s) => [
    [s, s],
    [statusLabels[s].sv.toLowerCase(), s],
    [statusLabels[s].en.toLowerCase(), s],
  ]),
)

export function readStatus(value: Cell | undefined, issues: FieldIssue[]): ActivityStatus | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const status = statusByLabel.get(String(value).trim().toLowerCase())
  if (!status) {
    issues.push(
      issue(
        'status',
        'unknown_status',
        `Okänd status "${value}". Välj ${Object.values(statusLabels)
          .map((l) => l.sv)
          .join(', ')}.`,
        `Unknown status "${value}". Choose ${Object.values(statusLabels)
          .map((l) => l.en)
          .join(', ')}.`,
      ),
    )
  }
  return status
}

export function readBoolean(value: Cell | undefined, issues: FieldIssue[]): boolean | undefined {
  if (value === undefined || value === null || value === '') return value === undefined ? undefined : false
  if (typeof value === 'boolean') return value
  const text = String(value).trim().toLowerCase()
  if (['ja', 'yes', 'x', 'true', '1'].includes(text)) return true
  if (['nej', 'no', 'false', '0'].includes(text)) return false
  issues.push(issue('milestone', 'invalid_boolean', 'Skriv Ja eller Nej.', 'Write Yes or No.'))
  return undefined
}

export function readText(value: Cell | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value === null) return ''
  return value instanceof Date ? isoFromExcel(value) : String(value).trim()
}
