import {
  blockAnchor,
  columnShares,
  type DocumentBlock,
  type DocumentModel,
  documentLabels,
  documentOutline,
  type ListBlock,
  normaliseRow,
  sectionAnchor,
  type TableBlock,
  type TextRun,
} from '@lagesbild/shared/domain/document-model'
import { Fragment, type ReactNode } from 'react'
import './document-view.css'

/**
 * The HTML renderer of the document model: the same model the server renders to DOCX and
 * PDF, shown on screen and printed from the browser. Any report (final report, status report)
 * uses it.
 */

function lines(text: string): ReactNode {
  const parts = text.split('\n')
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text never move
    <Fragment key={i}>
      {i > 0 ? <br /> : null}
      {part}
    </Fragment>
  ))
}

export function Runs({ runs }: { runs: readonly TextRun[] }) {
  return (
    <>
      {runs.map((r, i) => {
        let node: ReactNode = lines(r.text)
        if (r.italic) node = <em>{node}</em>
        if (r.bold) node = <strong>{node}</strong>
        if (r.link) node = <a href={r.link}>{node}</a>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs are rendered as stored, never reordered
        return <Fragment key={i}>{node}</Fragment>
      })}
    </>
  )
}

function List({ block }: { block: ListBlock }) {
  // The model keeps lists flat with a level per item; HTML wants them nested.
  type Node = { runs: readonly TextRun[]; children: Node[] }
  const root: Node[] = []
  const stack: { level: number; items: Node[] }[] = [{ level: 0, items: root }]
  for (const item of block.items) {
    while (stack.length > 1 && (stack[stack.length - 1]?.level ?? 0) > item.level) stack.pop()
    const top = stack[stack.length - 1]!
    const node: Node = { runs: item.runs, children: [] }
    const parent = top.items[top.items.length - 1]
    if (item.level > top.level && parent) {
      stack.push({ level: item.level, items: parent.children })
      parent.children.push(node)
    } else {
      top.items.push(node)
    }
  }
  const render = (nodes: Node[]): ReactNode => {
    const Tag = block.ordered ? 'ol' : 'ul'
    return (
      <Tag>
        {nodes.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items are rendered as stored
          <li key={i}>
            <Runs runs={n.runs} />
            {n.children.length > 0 ? render(n.children) : null}
          </li>
        ))}
      </Tag>
    )
  }
  return render(root)
}

function Table({ block }: { block: TableBlock }) {
  const n = block.columns.length
  const shares = columnShares(block.columns)
  const align = (i: number) => block.columns[i]?.align ?? 'left'
  return (
    <div className="document__table-scroll">
      <table className="document__table">
        {block.caption ? <caption>{block.caption}</caption> : null}
        <colgroup>
          {shares.map((share, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
            <col key={i} style={{ width: `${share}%` }} />
          ))}
        </colgroup>
        <thead>
          {block.headerRows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={r}>
              {normaliseRow(row, n).map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <th key={i} scope="col" style={{ textAlign: align(i) }}>
                  <Runs runs={cell} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={r}>
              {normaliseRow(row, n).map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={i} style={{ textAlign: align(i) }}>
                  <Runs runs={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {block.footerRows && block.footerRows.length > 0 ? (
          <tfoot>
            {block.footerRows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              <tr key={r}>
                {normaliseRow(row, n).map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={i} style={{ textAlign: align(i) }}>
                    <Runs runs={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

export interface BlocksProps {
  blocks: readonly DocumentBlock[]
  /** The heading level a level-2 block maps to on this page (a section heading is one above). */
  baseLevel?: 2 | 3 | 4
  /** Prefix for anchors, so a table of contents can link to sub-headings. */
  anchorOf?: (blockIndex: number) => string
}

interface BlockProps {
  block: DocumentBlock
  /** The page's heading level for the shallowest heading among the blocks shown together. */
  baseLevel: number
  topLevel: number
  anchor?: string | undefined
}

function Block({ block, baseLevel, topLevel, anchor }: BlockProps) {
  switch (block.kind) {
    case 'heading': {
      const Tag = `h${Math.min(6, baseLevel + block.level - topLevel)}` as 'h3'
      return (
        <Tag id={anchor} className={`document__h${block.level}`}>
          {block.text}
        </Tag>
      )
    }
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      )
    case 'list':
      return <List block={block} />
    case 'table':
      return <Table block={block} />
    case 'facts':
      return (
        <dl className="document__facts">
          {block.items.map((item) => (
            <div key={item.label} className="document__fact">
              <dt>{item.label}</dt>
              <dd>
                <Runs runs={item.value} />
              </dd>
            </div>
          ))}
        </dl>
      )
    case 'note':
      return (
        <p className={`document__note document__note--${block.tone}`}>
          <Runs runs={block.runs} />
        </p>
      )
  }
}

/** Document blocks as HTML: headings, paragraphs, lists, tables with header rows, facts, notes. */
export function DocumentBlocks({ blocks, baseLevel = 3, anchorOf }: BlocksProps) {
  // Blocks whose headings all start at level 3 (a generated sub-table) must not skip a level on
  // the page: then their shallowest heading is the one that lands on baseLevel.
  const levels = blocks.flatMap((block) => (block.kind === 'heading' ? [block.level] : []))
  const topLevel = levels.length > 0 ? Math.max(2, Math.min(...levels)) : 2
  return (
    <>
      {blocks.map((block, b) => (
        <Block
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are rendered in their stored order, never moved
          key={`${b}-${block.kind}`}
          block={block}
          baseLevel={baseLevel}
          topLevel={topLevel}
          anchor={anchorOf?.(b)}
        />
      ))}
    </>
  )
}

/** A whole document: cover, table of contents and sections, laid out for screen and for print. */
export function DocumentView({ model }: { model: DocumentModel }) {
  const labels = documentLabels[model.language]
  const { cover } = model
  const outline = documentOutline(model)
  return (
    <article className="document" lang={model.language}>
      <header className="document__cover">
        {cover.organisation ? <p className="document__organisation">{cover.organisation}</p> : null}
        <h1 className="document__title">
          {cover.title}
          <span className="document__subject">{cover.subject}</span>
        </h1>
        <dl className="document__cover-facts">
          {cover.code ? (
            <div>
              <dt>{labels.code}</dt>
              <dd>{cover.code}</dd>
            </div>
          ) : null}
          {cover.period ? (
            <div>
              <dt>{labels.period}</dt>
              <dd>{cover.period}</dd>
            </div>
          ) : null}
          <div>
            <dt>{labels.date}</dt>
            <dd>{cover.date}</dd>
          </div>
          {cover.authors && cover.authors.length > 0 ? (
            <div>
              <dt>{labels.authors}</dt>
              <dd>{cover.authors.join(', ')}</dd>
            </div>
          ) : null}
        </dl>
        {cover.status ? <p className="document__status">{cover.status}</p> : null}
      </header>
      {model.tableOfContents ? (
        <nav className="document__toc" aria-labelledby="document-toc-title">
          <h2 id="document-toc-title">{labels.contents}</h2>
          <ol>
            {outline.map((entry) => (
              <li key={entry.anchor} className={`document__toc-item document__toc-item--${entry.level}`}>
                <a href={`#${entry.anchor}`}>{entry.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {model.sections.map((section, s) => (
        <section key={section.key} className="document__section" aria-labelledby={sectionAnchor(s)}>
          <h2 id={sectionAnchor(s)}>{section.heading}</h2>
          <DocumentBlocks blocks={section.blocks} baseLevel={3} anchorOf={(b) => blockAnchor(s, b)} />
        </section>
      ))}
    </article>
  )
}
