import {
  columnShares,
  type DocumentBlock,
  type DocumentModel,
  documentLabels,
  type FactsBlock,
  type ListBlock,
  type NoteBlock,
  normaliseRow,
  type TableBlock,
  type TableCell,
  type TextRun,
} from '@lagesbild/shared/domain/document-model'
import {
  AlignmentType,
  BorderStyle,
  Document,
  TableCell as DocxCell,
  TextRun as DocxRun,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableOfContents,
  TableRow,
  WidthType,
} from 'docx'
import { palette } from './style.ts'

const FONT = 'Calibri'
const BULLET = 'lagesbild-bullet'
const ORDERED = 'lagesbild-ordered'

/** Characters XML 1.0 cannot hold (controls, lone surrogates) would make Word refuse the file. */
function xmlSafe(text: string): string {
  return Array.from(text, (c) => {
    const code = c.codePointAt(0) ?? 0
    const control = code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r'
    const invalid = code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)
    return control || invalid ? '' : c
  }).join('')
}

function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeDeep(v)])) as T
  }
  return value
}

/** Half-points, as Word counts font sizes. */
const size = (points: number) => points * 2

function runsToChildren(
  runs: readonly TextRun[],
  base: { bold?: boolean; italics?: boolean; color?: string } = {},
) {
  const children: ParagraphChild[] = []
  for (const r of runs) {
    const parts = r.text.split('\n')
    const make = (text: string, index: number) =>
      new DocxRun({
        text,
        bold: r.bold || base.bold,
        italics: r.italic || base.italics,
        ...(base.color ? { color: base.color } : {}),
        ...(r.link ? { style: 'Hyperlink' } : {}),
        ...(index > 0 ? { break: 1 } : {}),
      })
    const texts = parts.map(make)
    children.push(...(r.link ? [new ExternalHyperlink({ link: r.link, children: texts })] : texts))
  }
  return children
}

const alignmentOf = (align: TableBlock['columns'][number]['align']) =>
  align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT

const thinBorder = { style: BorderStyle.SINGLE, size: 4, color: palette.rule }

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType]

function tableCell(
  content: TableCell,
  options: { align: Alignment; header?: boolean; total?: boolean; width: number },
) {
  return new DocxCell({
    width: { size: options.width, type: WidthType.PERCENTAGE },
    ...(options.header
      ? { shading: { type: ShadingType.CLEAR, fill: palette.headerFill, color: 'auto' } }
      : {}),
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [
      new Paragraph({
        alignment: options.align,
        spacing: { before: 0, after: 0 },
        children: runsToChildren(content, { bold: options.header || options.total }),
      }),
    ],
  })
}

function table(block: TableBlock): (Paragraph | Table)[] {
  const n = block.columns.length
  const widths = columnShares(block.columns)
  const row = (cells: readonly TableCell[], kind: { header?: boolean; total?: boolean }) =>
    new TableRow({
      tableHeader: kind.header === true,
      cantSplit: true,
      children: normaliseRow(cells, n).map((content, i) =>
        tableCell(content, {
          align: alignmentOf(block.columns[i]?.align),
          width: widths[i] ?? 100 / n,
          ...kind,
        }),
      ),
    })
  const out: (Paragraph | Table)[] = []
  if (block.caption) {
    out.push(new Paragraph({ style: 'Caption', keepNext: true, children: [new DocxRun(block.caption)] }))
  }
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: thinBorder,
        bottom: thinBorder,
        left: thinBorder,
        right: thinBorder,
        insideHorizontal: thinBorder,
        insideVertical: thinBorder,
      },
      rows: [
        ...block.headerRows.map((cells) => row(cells, { header: true })),
        ...block.rows.map((cells) => row(cells, {})),
        ...(block.footerRows ?? []).map((cells) => row(cells, { total: true })),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  )
  return out
}

function factsTable(block: FactsBlock): (Paragraph | Table)[] {
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' }
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: none,
        bottom: none,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
      rows: block.items.map(
        (item) =>
          new TableRow({
            cantSplit: true,
            children: [
              new DocxCell({
                width: { size: 30, type: WidthType.PERCENTAGE },
                margins: { top: 40, bottom: 40, right: 120 },
                children: [new Paragraph({ children: [new DocxRun({ text: item.label, bold: true })] })],
              }),
              new DocxCell({
                width: { size: 70, type: WidthType.PERCENTAGE },
                margins: { top: 40, bottom: 40 },
                children: [new Paragraph({ children: runsToChildren(item.value) })],
              }),
            ],
          }),
      ),
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]
}

function listParagraphs(block: ListBlock, instance: number): Paragraph[] {
  return block.items.map(
    (item) =>
      new Paragraph({
        numbering: { reference: block.ordered ? ORDERED : BULLET, level: item.level, instance },
        spacing: { after: 60 },
        children: runsToChildren(item.runs),
      }),
  )
}

function notePara(block: NoteBlock): Paragraph {
  const fill = block.tone === 'placeholder' ? palette.placeholderFill : palette.noteFill
  return new Paragraph({
    shading: { type: ShadingType.CLEAR, fill, color: 'auto' },
    border: { left: { style: BorderStyle.SINGLE, size: 18, color: palette.noteRule, space: 6 } },
    spacing: { before: 60, after: 160 },
    children: runsToChildren(block.runs, { italics: true, color: palette.muted }),
  })
}

interface Counter {
  lists: number
}

function blockElements(block: DocumentBlock, counter: Counter): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          children: [new DocxRun(block.text)],
        }),
      ]
    case 'paragraph':
      return [new Paragraph({ children: runsToChildren(block.runs) })]
    case 'list':
      counter.lists += 1
      return listParagraphs(block, counter.lists)
    case 'table':
      return table(block)
    case 'facts':
      return factsTable(block)
    case 'note':
      return [notePara(block)]
  }
}

function cover(model: DocumentModel): Paragraph[] {
  const labels = documentLabels[model.language]
  const { cover: c } = model
  const line = (label: string, value: string) =>
    new Paragraph({
      spacing: { after: 80 },
      children: [new DocxRun({ text: `${label}: `, bold: true }), new DocxRun(value)],
    })
  return [
    new Paragraph({ spacing: { before: 2400, after: 240 }, children: [] }),
    ...(c.organisation
      ? [
          new Paragraph({
            spacing: { after: 480 },
            children: [new DocxRun({ text: c.organisation, color: palette.muted })],
          }),
        ]
      : []),
    new Paragraph({ style: 'Title', children: [new DocxRun(c.title)] }),
    new Paragraph({ style: 'Subtitle', spacing: { after: 720 }, children: [new DocxRun(c.subject)] }),
    ...(c.code ? [line(labels.code, c.code)] : []),
    ...(c.period ? [line(labels.period, c.period)] : []),
    line(labels.date, c.date),
    ...(c.authors && c.authors.length > 0 ? [line(labels.authors, c.authors.join(', '))] : []),
    ...(c.status
      ? [
          new Paragraph({
            spacing: { before: 240 },
            children: [new DocxRun({ text: c.status, italics: true })],
          }),
        ]
      : []),
  ]
}

const listLevels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], texts: string[]) =>
  texts.map((text, level) => ({
    level,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 280 } } },
  }))

/** A Word document with real structure: heading styles, a TOC field, header rows, page numbers. */
export async function renderDocx(unsafe: DocumentModel): Promise<Buffer> {
  const model = xmlSafeDeep(unsafe)
  const labels = documentLabels[model.language]
  const counter: Counter = { lists: 0 }
  const body: (Paragraph | Table | TableOfContents)[] = [
    ...cover(model),
    new Paragraph({ children: [new PageBreak()] }),
  ]
  if (model.tableOfContents) {
    body.push(
      new Paragraph({ style: 'TOCHeading', children: [new DocxRun(labels.contents)] }),
      new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: '1-3' }),
      new Paragraph({ children: [new PageBreak()] }),
    )
  }
  for (const section of model.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new DocxRun(section.heading)] }))
    for (const block of section.blocks) body.push(...blockElements(block, counter))
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new DocxRun({
            text: `${model.cover.title} – ${model.cover.subject}    `,
            color: palette.muted,
            size: size(8),
          }),
          new DocxRun({
            size: size(8),
            children: [`${labels.page} `, PageNumber.CURRENT, ` ${labels.of} `, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  })

  // The diarienummer at the top of every page after the cover, as a registrar files it.
  const header = model.cover.code
    ? new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              new DocxRun({
                text: `${labels.code} ${model.cover.code}`,
                color: palette.muted,
                size: size(8),
              }),
            ],
          }),
        ],
      })
    : null

  const doc = new Document({
    creator: 'Lägesbild',
    title: `${model.cover.title} – ${model.cover.subject}`,
    description: model.cover.code ?? undefined,
    styles: {
      default: {
        document: { run: { font: FONT, size: size(11) }, paragraph: { spacing: { after: 120, line: 276 } } },
        heading1: {
          run: { font: FONT, size: size(16), bold: true, color: palette.heading },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true },
        },
        heading2: {
          run: { font: FONT, size: size(13), bold: true, color: palette.heading },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true },
        },
        heading3: {
          run: { font: FONT, size: size(11), bold: true, italics: true, color: palette.heading },
          paragraph: { spacing: { before: 200, after: 60 }, keepNext: true, keepLines: true },
        },
        title: { run: { font: FONT, size: size(28), bold: true, color: palette.heading } },
        hyperlink: { run: { color: palette.link, underline: {} } },
      },
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: size(16), color: palette.text },
        },
        {
          id: 'TOCHeading',
          name: 'TOC Heading',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: size(16), bold: true, color: palette.heading },
          paragraph: { spacing: { after: 240 } },
        },
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: size(10), bold: true, color: palette.text },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLET, levels: listLevels(LevelFormat.BULLET, ['•', '–', '•', '–']) },
        { reference: ORDERED, levels: listLevels(LevelFormat.DECIMAL, ['%1.', '%2.', '%3.', '%4.']) },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { margin: { top: 1300, bottom: 1300, left: 1300, right: 1300 } },
        },
        footers: { default: footer, first: new Footer({ children: [new Paragraph({ children: [] })] }) },
        ...(header
          ? {
              headers: {
                default: header,
                first: new Header({ children: [new Paragraph({ children: [] })] }),
              },
            }
          : {}),
        children: body,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
