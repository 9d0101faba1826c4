import type { AuditLogEntry } from '@lagesbild/shared/api/audit'
import type { Language } from '@lagesbild/shared/http/language'
import type { Static } from 'typebox'
import { loadExcel } from '../../lazy-modules.ts'

type Entry = Static<typeof AuditLogEntry>

const headers: Record<Language, string[]> = {
  sv: [
    'Händelse-id',
    'Tidpunkt (svensk tid)',
    'Tidpunkt (UTC)',
    'Utförd av',
    'Användar-id',
    'Objekttyp',
    'Objekt-id',
    'Benämning',
    'Projekt',
    'Diarienummer',
    'Händelse',
    'Ändringar',
    'Före (JSON)',
    'Efter (JSON)',
  ],
  en: [
    'Event id',
    'Time (Swedish time)',
    'Time (UTC)',
    'Made by',
    'User id',
    'Entity',
    'Entity id',
    'Label',
    'Project',
    'Diary number',
    'Action',
    'Changes',
    'Before (JSON)',
    'After (JSON)',
  ],
}

const swedishTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

const show = (value: unknown) =>
  value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value)

function rowOf(entry: Entry): string[] {
  return [
    entry.id,
    swedishTime.format(new Date(entry.at)),
    entry.at,
    entry.actor?.name ?? '',
    entry.actor?.id ?? '',
    entry.entity,
    entry.entityId,
    entry.entityLabel ?? '',
    entry.project?.name ?? '',
    entry.project?.code ?? '',
    entry.action,
    entry.changes.map((c) => `${c.field}: ${show(c.before)} → ${show(c.after)}`).join('; '),
    entry.before === null ? '' : JSON.stringify(entry.before),
    entry.after === null ? '' : JSON.stringify(entry.after),
  ]
}

/** A cell a spreadsheet would run as a formula is written as text (CSV injection). */
const defuse = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)

const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)

/** Semicolon-separated with a BOM and CRLF: what Excel with Swedish settings opens as it is. */
export function auditCsv(entries: Entry[], language: Language): Buffer {
  const lines = [headers[language], ...entries.map(rowOf)].map((cells) =>
    cells.map((c) => quote(defuse(c))).join(';'),
  )
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}

export async function auditXlsx(entries: Entry[], language: Language): Promise<Buffer> {
  const { Workbook } = await loadExcel()
  const workbook = new Workbook()
  workbook.creator = 'Lägesbild'
  const sheet = workbook.addWorksheet(language === 'sv' ? 'Ändringslogg' : 'Change log', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.addRow(headers[language]).font = { bold: true }
  for (const entry of entries) sheet.addRow(rowOf(entry).map(defuse))
  const widths = [10, 20, 24, 24, 38, 16, 38, 30, 30, 16, 16, 60, 40, 40]
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width
  })
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widths.length } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
