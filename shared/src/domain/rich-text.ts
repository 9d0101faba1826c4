import type { Localized } from '../http/language.ts'
import {
  compactRuns,
  type DocumentBlock,
  isSafeLink,
  type ListBlock,
  type TableBlock,
  type TableCell,
  type TextRun,
} from './document-model.ts'

/**
 * The narrative a report section holds: the JSON of the web editor (TipTap/ProseMirror),
 * limited to what a report needs. It is stored as written and converted to the document
 * model when a document is built, so the editor can reopen exactly what was saved.
 */
export interface EditorMark {
  type: string
  attrs?: Record<string, unknown>
}

export interface EditorNode {
  type: string
  attrs?: Record<string, unknown>
  content?: EditorNode[]
  text?: string
  marks?: EditorMark[]
}

export interface EditorDoc extends EditorNode {
  type: 'doc'
}

export const emptyEditorDoc = (): EditorDoc => ({ type: 'doc', content: [] })

const blockNodes = ['paragraph', 'heading', 'bulletList', 'orderedList', 'table'] as const
const childrenOf: Record<string, readonly string[]> = {
  doc: blockNodes,
  paragraph: ['text', 'hardBreak'],
  heading: ['text', 'hardBreak'],
  bulletList: ['listItem'],
  orderedList: ['listItem'],
  listItem: ['paragraph', 'bulletList', 'orderedList'],
  table: ['tableRow'],
  tableRow: ['tableHeader', 'tableCell'],
  tableHeader: ['paragraph'],
  tableCell: ['paragraph'],
  text: [],
  hardBreak: [],
}
const markTypes = ['bold', 'italic', 'link']

export const editorLimits = { nodes: 20_000, depth: 12, textLength: 200_000 }

export interface EditorProblem {
  /** Dotted path inside the document, e.g. `content.3.marks.0.attrs.href`. */
  path: string
  code: string
  message: Localized
}

const problem = (path: string, code: string, message: Localized): EditorProblem => ({ path, code, message })

/**
 * Checks that a value is an editor document this product can keep and render; the first
 * problem found names where it is, so the API can answer 422 naming the field.
 */
export function checkEditorDoc(value: unknown): EditorProblem | null {
  const counters = { nodes: 0, text: 0 }
  const visit = (node: unknown, path: string, parent: string | null, depth: number): EditorProblem | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return problem(path, 'invalid_node', { sv: 'Ogiltigt innehåll.', en: 'Invalid content.' })
    }
    const n = node as Record<string, unknown>
    const at = (p: string) => (path ? `${path}.${p}` : p)
    counters.nodes += 1
    if (counters.nodes > editorLimits.nodes || depth > editorLimits.depth) {
      return problem(path, 'too_large', {
        sv: 'Texten är för stor eller för djupt nästlad.',
        en: 'The text is too large or too deeply nested.',
      })
    }
    const type = n.type
    if (typeof type !== 'string' || !(type in childrenOf) || (parent === null && type !== 'doc')) {
      return problem(at('type'), 'unsupported_node', {
        sv: 'Det här slaget av innehåll stöds inte i en rapport.',
        en: 'This kind of content is not supported in a report.',
      })
    }
    if (parent !== null && !childrenOf[parent]?.includes(type)) {
      return problem(at('type'), 'misplaced_node', {
        sv: `”${type}” kan inte ligga i ”${parent}”.`,
        en: `"${type}" cannot be inside "${parent}".`,
      })
    }
    if (type === 'text') {
      if (typeof n.text !== 'string' || n.text === '') {
        return problem(at('text'), 'invalid_text', {
          sv: 'Tom eller ogiltig text.',
          en: 'Empty or invalid text.',
        })
      }
      counters.text += n.text.length
      if (counters.text > editorLimits.textLength) {
        return problem(at('text'), 'too_large', { sv: 'Texten är för lång.', en: 'The text is too long.' })
      }
    }
    if (type === 'heading') {
      const level = (n.attrs as { level?: unknown } | undefined)?.level
      if (level !== undefined && !(Number.isInteger(level) && Number(level) >= 1 && Number(level) <= 6)) {
        return problem(at('attrs.level'), 'invalid_level', {
          sv: 'Ogiltig rubriknivå.',
          en: 'Invalid heading level.',
        })
      }
    }
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks))
        return problem(at('marks'), 'invalid_marks', {
          sv: 'Ogiltig formatering.',
          en: 'Invalid formatting.',
        })
      for (const [i, mark] of n.marks.entries()) {
        const m = mark as EditorMark | null
        if (!m || typeof m !== 'object' || !markTypes.includes(m.type)) {
          return problem(at(`marks.${i}.type`), 'unsupported_mark', {
            sv: 'Den formateringen stöds inte i en rapport.',
            en: 'That formatting is not supported in a report.',
          })
        }
        const href = m.attrs?.href
        if (m.type === 'link' && (typeof href !== 'string' || !isSafeLink(href) || href.length > 2000)) {
          return problem(at(`marks.${i}.attrs.href`), 'invalid_link', {
            sv: 'En länk måste börja med https://, http:// eller mailto:.',
            en: 'A link must start with https://, http:// or mailto:.',
          })
        }
      }
    }
    if (n.content !== undefined) {
      if (!Array.isArray(n.content))
        return problem(at('content'), 'invalid_node', { sv: 'Ogiltigt innehåll.', en: 'Invalid content.' })
      for (const [i, child] of n.content.entries()) {
        const found = visit(child, at(`content.${i}`), type, depth + 1)
        if (found) return found
      }
    }
    return null
  }
  return visit(value, '', null, 0)
}

function inlineRuns(nodes: readonly EditorNode[] | undefined): TextRun[] {
  const runs: TextRun[] = []
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      runs.push({ text: '\n' })
      continue
    }
    if (node.type !== 'text' || !node.text) continue
    const r: TextRun = { text: node.text }
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') r.bold = true
      if (mark.type === 'italic') r.italic = true
      const href = mark.attrs?.href
      if (mark.type === 'link' && typeof href === 'string' && isSafeLink(href)) r.link = href
    }
    runs.push(r)
  }
  return compactRuns(runs)
}

/** Paragraphs inside a list item or a cell become one piece of text with line breaks. */
function joinedParagraphs(nodes: readonly EditorNode[]): TextRun[] {
  const runs: TextRun[] = []
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue
    if (runs.length > 0) runs.push({ text: '\n' })
    runs.push(...inlineRuns(node.content))
  }
  return compactRuns(runs)
}

function listItems(list: EditorNode, level: number, into: ListBlock['items']) {
  for (const item of list.content ?? []) {
    const content = item.content ?? []
    into.push({ runs: joinedParagraphs(content), level: Math.min(level, 3) })
    for (const nested of content) {
      if (nested.type === 'bulletList' || nested.type === 'orderedList') listItems(nested, level + 1, into)
    }
  }
}

function tableBlock(node: EditorNode): TableBlock | null {
  const rows = (node.content ?? []).map((row) => ({
    header: (row.content ?? []).length > 0 && (row.content ?? []).every((c) => c.type === 'tableHeader'),
    cells: (row.content ?? []).map((c): TableCell => joinedParagraphs(c.content ?? [])),
  }))
  if (rows.length === 0) return null
  const columns = Math.max(1, ...rows.map((r) => r.cells.length))
  const leadingHeaders = rows.findIndex((r) => !r.header)
  const headerCount = Math.min(3, Math.max(1, leadingHeaders === -1 ? rows.length : leadingHeaders))
  const pad = (cells: TableCell[]) => [...cells, ...Array.from({ length: columns - cells.length }, () => [])]
  return {
    kind: 'table',
    columns: Array.from({ length: columns }, () => ({})),
    headerRows: rows
      .slice(0, headerCount)
      .map((r) => pad(r.cells).map((c) => c.map((x) => ({ ...x, bold: true })))),
    rows: rows.slice(headerCount).map((r) => pad(r.cells)),
  }
}

/** The document blocks an editor document stands for. Assumes `checkEditorDoc` passed. */
export function editorDocToBlocks(doc: EditorDoc): DocumentBlock[] {
  const blocks: DocumentBlock[] = []
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case 'paragraph': {
        const runs = inlineRuns(node.content)
        if (runs.length > 0) blocks.push({ kind: 'paragraph', runs })
        break
      }
      case 'heading': {
        const text = inlineRuns(node.content)
          .map((r) => r.text)
          .join('')
          .trim()
        const level = Number(node.attrs?.level ?? 2)
        if (text) blocks.push({ kind: 'heading', level: level >= 3 ? 3 : 2, text })
        break
      }
      case 'bulletList':
      case 'orderedList': {
        const items: ListBlock['items'] = []
        listItems(node, 0, items)
        if (items.length > 0) blocks.push({ kind: 'list', ordered: node.type === 'orderedList', items })
        break
      }
      case 'table': {
        const block = tableBlock(node)
        if (block) blocks.push(block)
        break
      }
    }
  }
  return blocks
}

/** Whether the section has anything written in it. */
export function editorDocIsEmpty(doc: EditorNode): boolean {
  if (doc.type === 'text') return !doc.text?.trim()
  return (doc.content ?? []).every(editorDocIsEmpty)
}

const blockLevel = new Set(['paragraph', 'heading', 'listItem', 'tableRow'])

/** The words of an editor document, a line per paragraph: for history and search. */
export function editorDocPlainText(doc: EditorNode): string {
  const lines: string[] = []
  let line = ''
  const visit = (node: EditorNode) => {
    if (node.type === 'text') line += node.text ?? ''
    else if (node.type === 'hardBreak') line += '\n'
    else if (node.type === 'tableHeader' || node.type === 'tableCell') line += line ? '\t' : ''
    for (const child of node.content ?? []) visit(child)
    if (blockLevel.has(node.type) && line) {
      lines.push(line)
      line = ''
    }
  }
  visit(doc)
  if (line) lines.push(line)
  return lines.join('\n')
}

// Builders for editor documents: demo data and tests write narrative with them.

type Inline = string | EditorNode

const textNode = (text: string, marks?: EditorMark[]): EditorNode =>
  marks && marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text }

const inline = (parts: Inline[]): EditorNode[] =>
  parts.filter((p) => p !== '').map((p) => (typeof p === 'string' ? textNode(p) : p))

export const rich = {
  doc: (...content: EditorNode[]): EditorDoc => ({ type: 'doc', content }),
  p: (...parts: Inline[]): EditorNode => ({ type: 'paragraph', content: inline(parts) }),
  h: (level: 2 | 3, text: string): EditorNode => ({
    type: 'heading',
    attrs: { level },
    content: [textNode(text)],
  }),
  b: (text: string): EditorNode => textNode(text, [{ type: 'bold' }]),
  i: (text: string): EditorNode => textNode(text, [{ type: 'italic' }]),
  link: (text: string, href: string): EditorNode => textNode(text, [{ type: 'link', attrs: { href } }]),
  ul: (...items: (Inline | Inline[])[]): EditorNode => ({
    type: 'bulletList',
    content: items.map((item) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: inline(Array.isArray(item) ? item : [item]) }],
    })),
  }),
  ol: (...items: Inline[]): EditorNode => ({
    type: 'orderedList',
    content: items.map((item) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: inline([item]) }],
    })),
  }),
  table: (header: string[], rows: string[][]): EditorNode => ({
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: header.map((h) => ({
          type: 'tableHeader',
          content: [{ type: 'paragraph', content: inline([h]) }],
        })),
      },
      ...rows.map((row) => ({
        type: 'tableRow',
        content: row.map((c) => ({
          type: 'tableCell',
          content: [{ type: 'paragraph', content: inline([c]) }],
        })),
      })),
    ],
  }),
}
