import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  blockAnchor,
  columnShares,
  type DocumentBlock,
  type DocumentModel,
  documentLabels,
  type ListBlock,
  normaliseRow,
  sectionAnchor,
  type TableBlock,
  type TextRun,
} from '@lagesbild/shared/domain/document-model'
import type { Content, TableCell as PdfCell } from 'pdfmake'
import pdfmake from 'pdfmake'
import { palette } from './style.ts'

/**
 * Roboto, which pdfmake ships as TrueType: full Latin coverage (å ä ö é ü, – “ ” … §), embedded
 * as a subset so the text is selectable and searchable. Bold is its Medium weight.
 */
const fontDir = join(
  dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
)
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
})
// A document never fetches anything and reads no file but its fonts.
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir))

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0]

const hex = (colour: string) => `#${colour}`

function inline(runs: readonly TextRun[]) {
  return runs.map((r) => ({
    text: r.text,
    ...(r.bold ? { bold: true } : {}),
    ...(r.italic ? { italics: true } : {}),
    ...(r.link ? { link: r.link, color: hex(palette.link), decoration: 'underline' as const } : {}),
  }))
}

function listContent(block: ListBlock): Content {
  // The model keeps lists flat with a level per item; pdfmake wants them nested.
  type Node = { text: ReturnType<typeof inline>; children: Node[] }
  const root: Node[] = []
  const stack: { level: number; items: Node[] }[] = [{ level: 0, items: root }]
  for (const item of block.items) {
    const node: Node = { text: inline(item.runs), children: [] }
    while (stack.length > 1 && (stack[stack.length - 1]?.level ?? 0) > item.level) stack.pop()
    const top = stack[stack.length - 1]!
    if (item.level > top.level && top.items.length > 0) {
      const parent = top.items[top.items.length - 1]!
      stack.push({ level: item.level, items: parent.children })
      parent.children.push(node)
    } else {
      top.items.push(node)
    }
  }
  const toContent = (nodes: Node[]): Content[] =>
    nodes.map((n) =>
      n.children.length === 0
        ? { text: n.text }
        : {
            stack: [
              { text: n.text },
              block.ordered ? { ol: toContent(n.children) } : { ul: toContent(n.children) },
            ],
          },
    )
  return block.ordered
    ? { ol: toContent(root), margin: [0, 0, 0, 8] }
    : { ul: toContent(root), margin: [0, 0, 0, 8] }
}

function widths(columns: TableBlock['columns']): (number | string)[] {
  if (columns.every((c) => !c.width)) return columns.map(() => '*')
  return columnShares(columns).map((share) => `${share.toFixed(2)}%`)
}

function tableContent(block: TableBlock): Content {
  const n = block.columns.length
  const row = (cells: TableBlock['rows'][number], kind: 'header' | 'body' | 'footer'): PdfCell[] =>
    normaliseRow(cells, n).map((cell, i) => ({
      text: inline(cell),
      alignment: block.columns[i]?.align ?? 'left',
      ...(kind === 'header' ? { bold: true, fillColor: hex(palette.headerFill) } : {}),
      ...(kind === 'footer' ? { bold: true } : {}),
    }))
  const body = [
    ...block.headerRows.map((r) => row(r, 'header')),
    ...block.rows.map((r) => row(r, 'body')),
    ...(block.footerRows ?? []).map((r) => row(r, 'footer')),
  ]
  return {
    stack: [
      ...(block.caption ? [{ text: block.caption, style: 'caption' }] : []),
      {
        table: {
          headerRows: block.headerRows.length,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths: widths(block.columns),
          body,
        },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => hex(palette.rule),
          vLineColor: () => hex(palette.rule),
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
        fontSize: 9,
      },
    ],
    margin: [0, 4, 0, 10],
  }
}

function blockContent(block: DocumentBlock, anchor: string, parentAnchor: string): Content {
  switch (block.kind) {
    case 'heading':
      return {
        text: block.text,
        style: block.level === 2 ? 'h2' : 'h3',
        headlineLevel: block.level,
        id: anchor,
        tocItem: true,
        tocMargin: [block.level === 2 ? 14 : 28, 2, 0, 0],
        outline: true,
        outlineParentId: parentAnchor,
      }
    case 'paragraph':
      return { text: inline(block.runs), style: 'paragraph' }
    case 'list':
      return listContent(block)
    case 'table':
      return tableContent(block)
    case 'facts':
      return {
        table: {
          widths: [140, '*'],
          body: block.items.map((item) => [{ text: item.label, bold: true }, { text: inline(item.value) }]),
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 10],
      }
    case 'note':
      return {
        table: {
          widths: ['*'],
          body: [[{ text: inline(block.runs), italics: true, color: hex(palette.muted) }]],
        },
        layout: {
          fillColor: () => hex(block.tone === 'placeholder' ? palette.placeholderFill : palette.noteFill),
          hLineWidth: () => 0,
          vLineWidth: (i: number) => (i === 0 ? 2 : 0),
          vLineColor: () => hex(palette.noteRule),
          paddingLeft: () => 8,
          paddingTop: () => 5,
          paddingBottom: () => 5,
        },
        margin: [0, 2, 0, 10],
      }
  }
}

function coverContent(model: DocumentModel): Content[] {
  const labels = documentLabels[model.language]
  const c = model.cover
  const lines: [string, string][] = [
    ...(c.code ? [[labels.code, c.code] as [string, string]] : []),
    ...(c.period ? [[labels.period, c.period] as [string, string]] : []),
    [labels.date, c.date],
    ...(c.authors && c.authors.length > 0
      ? [[labels.authors, c.authors.join(', ')] as [string, string]]
      : []),
  ]
  return [
    { text: c.organisation ?? '', color: hex(palette.muted), margin: [0, 120, 0, 40] },
    { text: c.title, style: 'title' },
    { text: c.subject, style: 'subtitle' },
    {
      table: {
        widths: [110, '*'],
        body: lines.map(([label, value]) => [{ text: label, bold: true }, value]),
      },
      layout: 'noBorders',
    },
    ...(c.status ? [{ text: c.status, italics: true, margin: [0, 16, 0, 0] } as Content] : []),
  ]
}

export function pdfDefinition(model: DocumentModel): TDocumentDefinitions {
  const labels = documentLabels[model.language]
  const content: Content[] = [...coverContent(model), { text: '', pageBreak: 'after' }]
  if (model.tableOfContents) {
    content.push(
      { toc: { title: { text: labels.contents, style: 'tocTitle' } } },
      { text: '', pageBreak: 'after' },
    )
  }
  model.sections.forEach((section, s) => {
    const anchor = sectionAnchor(s)
    content.push({
      text: section.heading,
      style: 'h1',
      headlineLevel: 1,
      id: anchor,
      tocItem: true,
      tocStyle: { bold: true },
      tocMargin: [0, 6, 0, 0],
      outline: true,
    })
    section.blocks.forEach((block, b) => {
      content.push(blockContent(block, blockAnchor(s, b), anchor))
    })
  })
  const title = `${model.cover.title} – ${model.cover.subject}`
  return {
    pageSize: 'A4',
    pageMargins: [62, 60, 62, 60],
    language: model.language === 'sv' ? 'sv-SE' : 'en-GB',
    info: { title, subject: model.cover.code ?? '', creator: 'Lägesbild', producer: 'Lägesbild' },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: hex(palette.text) },
    styles: {
      title: { fontSize: 28, bold: true, color: hex(palette.heading), margin: [0, 0, 0, 8] },
      subtitle: { fontSize: 16, margin: [0, 0, 0, 40] },
      tocTitle: { fontSize: 16, bold: true, color: hex(palette.heading), margin: [0, 0, 0, 12] },
      h1: { fontSize: 16, bold: true, color: hex(palette.heading), margin: [0, 18, 0, 6] },
      h2: { fontSize: 13, bold: true, color: hex(palette.heading), margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, italics: true, color: hex(palette.heading), margin: [0, 8, 0, 3] },
      paragraph: { margin: [0, 0, 0, 7] },
      caption: { fontSize: 9.5, bold: true, margin: [0, 0, 0, 3] },
    },
    // A heading is never left alone at the foot of a page.
    pageBreakBefore: (node, queries) =>
      node.headlineLevel !== undefined && queries.getFollowingNodesOnPage().length === 0,
    // The diarienummer at the top of every page after the cover, as a registrar files it.
    header: (currentPage) =>
      currentPage === 1 || !model.cover.code
        ? null
        : {
            text: `${labels.code} ${model.cover.code}`,
            alignment: 'right',
            color: hex(palette.muted),
            fontSize: 8,
            margin: [62, 28, 62, 0],
          },
    footer: (currentPage, pageCount) =>
      currentPage === 1
        ? null
        : {
            columns: [
              { text: title, color: hex(palette.muted) },
              {
                text: `${labels.page} ${currentPage} ${labels.of} ${pageCount}`,
                alignment: 'right',
                width: 'auto',
              },
            ],
            fontSize: 8,
            margin: [62, 24, 62, 0],
          },
    content,
  }
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  return pdfmake.createPdf(pdfDefinition(model)).getBuffer()
}
