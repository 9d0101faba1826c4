import { type Static, Type } from 'typebox'

/**
 * The typed document every report is built as before it is rendered: the server renders it
 * to DOCX and PDF, the web app to an HTML print view. One model, three renderers, so the
 * final report and the portfolio status report look the same wherever they are read.
 *
 * Blocks are flat (a list item carries its nesting level, a heading its level) so the model
 * is a plain JSON schema without recursion and a snapshot of it validates years later.
 * A text may contain '\n' for a line break within its block.
 */

export const documentLanguages = ['sv', 'en'] as const
export type DocumentLanguage = (typeof documentLanguages)[number]

export const TextRun = Type.Object(
  {
    text: Type.String({ maxLength: 50_000 }),
    bold: Type.Optional(Type.Boolean()),
    italic: Type.Optional(Type.Boolean()),
    link: Type.Optional(Type.String({ maxLength: 2000, description: 'http(s) or mailto address' })),
  },
  { additionalProperties: false },
)
export type TextRun = Static<typeof TextRun>

const Runs = Type.Array(TextRun)

export const HeadingBlock = Type.Object(
  {
    kind: Type.Literal('heading'),
    /** Level 1 is the section's own heading; blocks inside a section use 2 and 3. */
    level: Type.Union([Type.Literal(2), Type.Literal(3)]),
    text: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
)

export const ParagraphBlock = Type.Object(
  { kind: Type.Literal('paragraph'), runs: Runs },
  { additionalProperties: false },
)

export const ListItem = Type.Object(
  { runs: Runs, level: Type.Integer({ minimum: 0, maximum: 3 }) },
  { additionalProperties: false },
)

export const ListBlock = Type.Object(
  { kind: Type.Literal('list'), ordered: Type.Boolean(), items: Type.Array(ListItem) },
  { additionalProperties: false },
)

export const columnAlignments = ['left', 'center', 'right'] as const

export const TableColumn = Type.Object(
  {
    align: Type.Optional(Type.Enum(columnAlignments)),
    /** Relative width; columns without one share what is left equally. */
    width: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
)

/** A cell is rich text; generated tables use one plain run. */
export const TableCell = Runs
export type TableCell = Static<typeof TableCell>

export const TableBlock = Type.Object(
  {
    kind: Type.Literal('table'),
    caption: Type.Optional(Type.String({ maxLength: 500 })),
    columns: Type.Array(TableColumn, { minItems: 1, maxItems: 20 }),
    /** Repeated at the top of every page the table runs over. */
    headerRows: Type.Array(Type.Array(TableCell), { minItems: 1, maxItems: 3 }),
    rows: Type.Array(Type.Array(TableCell)),
    /** Totals, shown emphasised after the rows. */
    footerRows: Type.Optional(Type.Array(Type.Array(TableCell))),
  },
  { additionalProperties: false },
)

export const FactItem = Type.Object(
  { label: Type.String({ maxLength: 200 }), value: Runs },
  { additionalProperties: false },
)

export const FactsBlock = Type.Object(
  { kind: Type.Literal('facts'), items: Type.Array(FactItem) },
  { additionalProperties: false },
)

export const noteTones = ['guidance', 'placeholder', 'info'] as const
export type NoteTone = (typeof noteTones)[number]

export const NoteBlock = Type.Object(
  { kind: Type.Literal('note'), tone: Type.Enum(noteTones), runs: Runs },
  { additionalProperties: false },
)

export const DocumentBlock = Type.Union([
  HeadingBlock,
  ParagraphBlock,
  ListBlock,
  TableBlock,
  FactsBlock,
  NoteBlock,
])
export type DocumentBlock = Static<typeof DocumentBlock>
export type HeadingBlock = Static<typeof HeadingBlock>
export type ParagraphBlock = Static<typeof ParagraphBlock>
export type ListBlock = Static<typeof ListBlock>
export type TableBlock = Static<typeof TableBlock>
export type FactsBlock = Static<typeof FactsBlock>
export type NoteBlock = Static<typeof NoteBlock>

export const DocumentSection = Type.Object(
  {
    key: Type.String({ maxLength: 80 }),
    heading: Type.String({ maxLength: 500 }),
    blocks: Type.Array(DocumentBlock),
  },
  { additionalProperties: false },
)
export type DocumentSection = Static<typeof DocumentSection>

export const DocumentCover = Type.Object(
  {
    /** What the document is: "Slutrapport", "Lägesrapport". */
    title: Type.String({ maxLength: 200 }),
    /** What it is about: the project's or programme's name. */
    subject: Type.String({ maxLength: 500 }),
    code: Type.Union([Type.String({ maxLength: 60 }), Type.Null()], { description: 'Diarienummer' }),
    period: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    date: Type.String({ format: 'date' }),
    organisation: Type.Optional(Type.String({ maxLength: 300 })),
    authors: Type.Optional(Type.Array(Type.String({ maxLength: 200 }))),
    /** The document's standing, e.g. "Utkast" or "Godkänd av styrgruppen 2016-09-30". */
    status: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type DocumentCover = Static<typeof DocumentCover>

export const DocumentModel = Type.Object(
  {
    language: Type.Enum(documentLanguages),
    cover: DocumentCover,
    tableOfContents: Type.Boolean(),
    sections: Type.Array(DocumentSection),
  },
  { additionalProperties: false },
)
export type DocumentModel = Static<typeof DocumentModel>

/** The words every renderer puts around the content, in the document's language. */
export const documentLabels: Record<
  DocumentLanguage,
  {
    contents: string
    code: string
    period: string
    date: string
    authors: string
    page: string
    of: string
  }
> = {
  sv: {
    contents: 'Innehållsförteckning',
    code: 'Diarienummer',
    period: 'Projektperiod',
    date: 'Datum',
    authors: 'Författare',
    page: 'Sida',
    of: 'av',
  },
  en: {
    contents: 'Contents',
    code: 'Reference number',
    period: 'Project period',
    date: 'Date',
    authors: 'Authors',
    page: 'Page',
    of: 'of',
  },
}

// Builders, so generated sections read as what they produce.

export const run = (text: string, format: Omit<TextRun, 'text'> = {}): TextRun => ({ text, ...format })
export const cell = (text: string, format: Omit<TextRun, 'text'> = {}): TableCell => [run(text, format)]

export const paragraph = (...runs: (TextRun | string)[]): ParagraphBlock => ({
  kind: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? run(r) : r)),
})

export const heading = (level: 2 | 3, text: string): HeadingBlock => ({ kind: 'heading', level, text })

export const bulletList = (items: (string | TextRun[])[], ordered = false): ListBlock => ({
  kind: 'list',
  ordered,
  items: items.map((item) => ({ runs: typeof item === 'string' ? [run(item)] : item, level: 0 })),
})

export const facts = (items: [label: string, value: string | TextRun[]][]): FactsBlock => ({
  kind: 'facts',
  items: items.map(([label, value]) => ({ label, value: typeof value === 'string' ? [run(value)] : value })),
})

export const note = (tone: NoteTone, text: string): NoteBlock => ({ kind: 'note', tone, runs: [run(text)] })

export function table(options: {
  columns: (string | { title: string; align?: TableBlock['columns'][number]['align']; width?: number })[]
  rows: (string | TableCell)[][]
  footerRows?: (string | TableCell)[][]
  caption?: string
}): TableBlock {
  const toCell = (value: string | TableCell): TableCell => (typeof value === 'string' ? cell(value) : value)
  const specs = options.columns.map((c) => (typeof c === 'string' ? { title: c } : c))
  return {
    kind: 'table',
    ...(options.caption ? { caption: options.caption } : {}),
    columns: specs.map(({ align, width }) => ({
      ...(align ? { align } : {}),
      ...(width ? { width } : {}),
    })),
    headerRows: [specs.map((c) => cell(c.title, { bold: true }))],
    rows: options.rows.map((row) => row.map(toCell)),
    ...(options.footerRows ? { footerRows: options.footerRows.map((row) => row.map(toCell)) } : {}),
  }
}

// Reading a model.

export const runsText = (runs: readonly TextRun[]): string => runs.map((r) => r.text).join('')

export interface OutlineEntry {
  level: 1 | 2 | 3
  text: string
  /** Stable within the document: used for PDF destinations, DOCX bookmarks and HTML anchors. */
  anchor: string
}

/** The headings a table of contents lists, in order. */
export function documentOutline(model: DocumentModel): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  model.sections.forEach((section, s) => {
    entries.push({ level: 1, text: section.heading, anchor: `s${s}` })
    section.blocks.forEach((block, b) => {
      if (block.kind === 'heading')
        entries.push({ level: block.level, text: block.text, anchor: `s${s}-b${b}` })
    })
  })
  return entries
}

export const sectionAnchor = (sectionIndex: number) => `s${sectionIndex}`
export const blockAnchor = (sectionIndex: number, blockIndex: number) => `s${sectionIndex}-b${blockIndex}`

function blockText(block: DocumentBlock): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.text]
    case 'paragraph':
    case 'note':
      return [runsText(block.runs)]
    case 'list':
      return block.items.map((item) => runsText(item.runs))
    case 'table':
      return [
        ...(block.caption ? [block.caption] : []),
        ...[...block.headerRows, ...block.rows, ...(block.footerRows ?? [])].map((row) =>
          row.map(runsText).join('\t'),
        ),
      ]
    case 'facts':
      return block.items.map((item) => `${item.label}: ${runsText(item.value)}`)
  }
}

/** Every word of the document, one line per block line: for search and for tests of the renderers. */
export function documentPlainText(model: DocumentModel): string {
  const { cover } = model
  const lines = [cover.title, cover.subject, cover.code ?? '', cover.period ?? '', cover.date]
  for (const section of model.sections) {
    lines.push(section.heading)
    for (const block of section.blocks) lines.push(...blockText(block))
  }
  return lines.filter((line) => line !== '').join('\n')
}

/** The number of columns a table really has: what its column list says. Rows are padded or cut to it. */
export function normaliseRow(row: readonly TableCell[], columns: number): TableCell[] {
  const cells = row.slice(0, columns)
  while (cells.length < columns) cells.push([])
  return cells
}

/** Each column's share of the table's width in percent, summing to 100. */
export function columnShares(columns: readonly { width?: number }[]): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0)
  const flexible = columns.filter((c) => !c.width).length
  const share = flexible > 0 ? Math.max(5, (100 - Math.min(fixed, 95)) / flexible) : 0
  const raw = columns.map((c) => c.width ?? share)
  const total = raw.reduce((a, b) => a + b, 0)
  return raw.map((w) => (w / total) * 100)
}

/** Only addresses a reader can safely follow become links; anything else stays plain text. */
export function isSafeLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(href)
}

/** Merges neighbouring runs with the same formatting, drops empty ones: same text, fewer pieces. */
export function compactRuns(runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = []
  for (const r of runs) {
    if (r.text === '') continue
    const last = out[out.length - 1]
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic && last.link === r.link) {
      out[out.length - 1] = { ...last, text: last.text + r.text }
    } else {
      out.push({ ...r })
    }
  }
  return out
}
