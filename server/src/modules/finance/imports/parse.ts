import { Readable } from 'node:stream'
import type { ColumnMapping, ImportField, ImportSettings } from '@lagesbild/shared/api/finance-imports'
import { parse as parseStream } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { Static } from 'typebox'

export type Settings = Static<typeof ImportSettings>
export type Mapping = Static<typeof ColumnMapping>
export type Format = 'csv' | 'xlsx'
export type Encoding = Settings['encoding']
export type Delimiter = Settings['delimiter']

/** A row of the file: its number as a spreadsheet shows it (1-based) and its cells as text. */
export interface FileRow {
  rowNumber: number
  cells: string[]
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export function detectFormat(content: Uint8Array): Format | null {
  if (ZIP_MAGIC.every((byte, i) => content[i] === byte)) return 'xlsx'
  // A text export has no NUL bytes; anything with them is some other binary file.
  const head = content.subarray(0, 8192)
  if (head.includes(0)) return null
  return 'csv'
}

/** Bytes of the file's start that detection reads; a streamed upload keeps this much in memory. */
export const SAMPLE_BYTES = 64 * 1024

/**
 * A file to read without holding it: its first SAMPLE_BYTES (all of it when smaller), its size,
 * and a way to read it from the start again.
 */
export interface FileSource {
  head: Uint8Array
  size: number
  open: () => AsyncIterable<Uint8Array>
}

export const inMemory = (content: Uint8Array): FileSource => ({
  head: content.subarray(0, SAMPLE_BYTES),
  size: content.length,
  open: async function* () {
    yield content
  },
})

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without BOM), otherwise Windows-1252. Only the
 * first SAMPLE_BYTES are judged; `size` says whether the file goes on after them.
 */
export function detectEncoding(content: Uint8Array, size = content.length): Encoding {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return 'utf-8'
  let sample = content.subarray(0, SAMPLE_BYTES)
  // Do not judge a multi-byte character cut in half at the end of the sample.
  if (size > SAMPLE_BYTES) {
    let end = sample.length
    while (end > 0 && end > sample.length - 4 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) end -= 1
    if (end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0xc0) end -= 1
    sample = sample.subarray(0, end)
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample)
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

function decodeSample(content: Uint8Array, encoding: Encoding, size: number): string {
  const text = iconv.decode(Buffer.from(content.subarray(0, SAMPLE_BYTES)), encoding).replace(/^\uFEFF/, '')
  if (size <= SAMPLE_BYTES) return text
  const lastBreak = text.lastIndexOf('\n')
  return lastBreak > 0 ? text.slice(0, lastBreak) : text
}

const delimiters: Delimiter[] = [';', ',', '\t']

function sampleRows(text: string, delimiter: Delimiter): string[][] {
  try {
    return parseSync(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][]
  } catch {
    return []
  }
}

/** The delimiter that splits the most lines into the same number of cells (more than one). */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = ';'
  let bestScore = -1
  for (const delimiter of delimiters) {
    const rows = sampleRows(text, delimiter).slice(0, 200)
    const counts = new Map<number, number>()
    for (const row of rows) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1)
    const score = Math.max(0, ...counts.values())
    if (score > bestScore) {
      best = delimiter
      bestScore = score
    }
  }
  return best
}

const looksNumeric = (cell: string) => /^[-+−]?[\d\s\u00a0.,]+$/.test(cell.trim()) && /\d/.test(cell)

/**
 * The header row: the first of the rows above the data whose width is the data's width and whose
 * cells are mostly words. Report titles, periods and blank lines above it are skipped.
 */
export function detectHeaderRow(rows: readonly string[][]): number {
  const widths = new Map<number, number>()
  for (const row of rows.slice(0, 200)) {
    const width = row.filter((c) => c.trim() !== '').length
    if (width > 1) widths.set(width, (widths.get(width) ?? 0) + 1)
  }
  const dataWidth = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0
  for (const [index, row] of rows.slice(0, 100).entries()) {
    const filled = row.filter((c) => c.trim() !== '')
    if (filled.length < Math.max(2, dataWidth - 1)) continue
    const words = filled.filter((c) => !looksNumeric(c)).length
    if (words >= Math.ceil(filled.length * 0.75)) return index + 1
  }
  return 1
}

const synonyms: Record<ImportField, string[]> = {
  date: [
    'bokföringsdatum',
    'bokf.datum',
    'bokfdatum',
    'bokf datum',
    'transaktionsdatum',
    'verifikationsdatum',
    'datum',
    'date',
  ],
  amount: ['belopp', 'belopp sek', 'summa', 'utfall', 'amount', 'kostnad'],
  debit: ['debet', 'debit'],
  credit: ['kredit', 'credit'],
  voucher: [
    'verifikationsnummer',
    'verifikation',
    'vernr',
    'ver.nr',
    'ver nr',
    'verifikat',
    'voucher',
    'vernummer',
  ],
  account: ['konto', 'kontonummer', 'account'],
  costCentre: ['ansvar', 'kostnadsställe', 'kst', 'ansvarskod', 'cost centre', 'cost center', 'ansvarsenhet'],
  projectCode: ['projekt', 'projektkod', 'projektnummer', 'aktivitet', 'project', 'project code'],
  category: ['kategori', 'kostnadskategori', 'category'],
  description: ['text', 'beskrivning', 'verifikationstext', 'transaktionstext', 'description', 'benämning'],
}

const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ')

/** A first guess of the mapping from the header names finance systems commonly use. */
export function guessMapping(headers: readonly string[]): Mapping {
  const mapping: Mapping = {}
  const taken = new Set<string>()
  for (const field of Object.keys(synonyms) as ImportField[]) {
    for (const synonym of synonyms[field]) {
      const found = headers.find((h) => normaliseHeader(h) === synonym && !taken.has(h))
      if (found) {
        mapping[field] = found
        taken.add(found)
        break
      }
    }
  }
  if (mapping.amount && (mapping.debit || mapping.credit)) {
    delete mapping.debit
    delete mapping.credit
  }
  return mapping
}

/** Whether a saved mapping fits a file: every column it names is among the file's headers. */
export function mappingFits(mapping: Mapping, headers: readonly string[]): boolean {
  const names = Object.values(mapping).filter((v): v is string => typeof v === 'string')
  return names.length > 0 && names.every((name) => headers.includes(name))
}

export interface Detection {
  format: Format
  settings: Settings
  headers: string[]
}

/** Settings and headers guessed from the file: an XLSX's first rows, a CSV's first SAMPLE_BYTES. */
export async function detect(file: Uint8Array | FileSource, format: Format): Promise<Detection> {
  const source = file instanceof Uint8Array ? inMemory(file) : file
  if (format === 'xlsx') {
    const top: string[][] = []
    for await (const row of readRows(source.open(), 'xlsx', { encoding: 'utf-8', delimiter: ';' })) {
      top.push(row.cells)
      if (top.length >= 100) break
    }
    const headerRow = detectHeaderRow(top)
    const headers = headerCells(top[headerRow - 1] ?? [])
    return {
      format,
      headers,
      settings: { encoding: 'utf-8', delimiter: ';', headerRow, mapping: guessMapping(headers) },
    }
  }
  const encoding = detectEncoding(source.head, source.size)
  const text = decodeSample(source.head, encoding, source.size)
  const delimiter = detectDelimiter(text)
  const rows = sampleRows(text, delimiter)
  const headerRow = detectHeaderRow(rows)
  const headers = headerCells(rows[headerRow - 1] ?? [])
  return { format, headers, settings: { encoding, delimiter, headerRow, mapping: guessMapping(headers) } }
}

export const headerCells = (row: readonly string[]) => row.map((c) => c.trim())

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  // A money cell holds a binary float; its shortest decimal text is what the person typed.
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
  }
  return ''
}

const PIECE_BYTES = 64 * 1024

/**
 * The input in pieces of at most 64 KiB: the parser turns one piece into rows before it gets
 * the next, so however the bytes arrive, only a few thousand rows are ever held at once.
 */
async function* pieces(content: Uint8Array | AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const chunks = content instanceof Uint8Array ? [content] : content
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += PIECE_BYTES) {
      yield Buffer.from(chunk.buffer, chunk.byteOffset + offset, Math.min(PIECE_BYTES, chunk.length - offset))
    }
  }
}

/** Streams the rows of a file with flat memory: CSV through iconv and csv-parse, XLSX through exceljs' reader. */
export async function* readRows(
  content: Uint8Array | AsyncIterable<Uint8Array>,
  format: Format,
  settings: Pick<Settings, 'encoding' | 'delimiter'>,
): AsyncGenerator<FileRow> {
  if (format === 'xlsx') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(pieces(content)), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    })
    for await (const sheet of reader) {
      let expected = 1
      for await (const row of sheet) {
        // Empty rows are not in the file; keep the numbering a spreadsheet shows.
        for (; expected < row.number; expected += 1) yield { rowNumber: expected, cells: [] }
        const values = Array.isArray(row.values) ? row.values.slice(1) : []
        yield { rowNumber: row.number, cells: values.map((v) => cellText(v as ExcelJS.CellValue)) }
        expected = row.number + 1
      }
      return
    }
    return
  }
  const parser = Readable.from(pieces(content))
    .pipe(iconv.decodeStream(settings.encoding, { stripBOM: true }))
    .pipe(
      parseStream({
        delimiter: settings.delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: true,
      }),
    )
  let rowNumber = 0
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1
    yield { rowNumber, cells: record }
  }
}
