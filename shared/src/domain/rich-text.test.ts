import fc from 'fast-check'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { DocumentBlock } from './document-model.ts'
import {
  checkEditorDoc,
  type EditorNode,
  editorDocIsEmpty,
  editorDocPlainText,
  editorDocToBlocks,
  editorLimits,
  rich,
} from './rich-text.ts'

describe('editorDocToBlocks', () => {
  it('turns paragraphs, headings, lists and tables into document blocks', () => {
    const doc = rich.doc(
      rich.h(2, 'FöräldraSupporten'),
      rich.p(
        'Mottagningen öppnade ',
        rich.b('22 september 2014'),
        ', se ',
        rich.link('rapporten', 'https://lulea.se'),
      ),
      rich.ul('95 % fick stöd', '85 % fick kunskap'),
      rich.ol('Rekrytering'),
      rich.table(['Aktivitet', 'Kalkyl'], [['Öppna mottagningen', '2014-06-01']]),
      rich.p(),
    )
    expect(checkEditorDoc(doc)).toBeNull()
    expect(editorDocToBlocks(doc)).toEqual([
      { kind: 'heading', level: 2, text: 'FöräldraSupporten' },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Mottagningen öppnade ' },
          { text: '22 september 2014', bold: true },
          { text: ', se ' },
          { text: 'rapporten', link: 'https://lulea.se' },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          { runs: [{ text: '95 % fick stöd' }], level: 0 },
          { runs: [{ text: '85 % fick kunskap' }], level: 0 },
        ],
      },
      { kind: 'list', ordered: true, items: [{ runs: [{ text: 'Rekrytering' }], level: 0 }] },
      {
        kind: 'table',
        columns: [{}, {}],
        headerRows: [[[{ text: 'Aktivitet', bold: true }], [{ text: 'Kalkyl', bold: true }]]],
        rows: [[[{ text: 'Öppna mottagningen' }], [{ text: '2014-06-01' }]]],
      },
    ])
  })

  it('keeps nesting of lists as levels and a hard break as a line break', () => {
    const nested: EditorNode = {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Del a' },
                { type: 'hardBreak' },
                { type: 'text', text: 'mottagningen' },
              ],
            },
            rich.ul('Föräldrar till 137 barn'),
          ],
        },
      ],
    }
    expect(editorDocToBlocks(rich.doc(nested))).toEqual([
      {
        kind: 'list',
        ordered: false,
        items: [
          { runs: [{ text: 'Del a\nmottagningen' }], level: 0 },
          { runs: [{ text: 'Föräldrar till 137 barn' }], level: 1 },
        ],
      },
    ])
  })

  it('drops a link that is not safe to follow, keeping its text', () => {
    const blocks = editorDocToBlocks(rich.doc(rich.p(rich.link('klicka', 'javascript:alert(1)'))))
    expect(blocks).toEqual([{ kind: 'paragraph', runs: [{ text: 'klicka' }] }])
  })
})

describe('checkEditorDoc', () => {
  it.each([
    [{ type: 'paragraph' }, 'type', 'unsupported_node'],
    [rich.doc({ type: 'image' }), 'content.0.type', 'unsupported_node'],
    [rich.doc(rich.ul('x'), { type: 'listItem' }), 'content.1.type', 'misplaced_node'],
    [
      rich.doc({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }] }] }),
      'content.0.content.0.marks.0.type',
      'unsupported_mark',
    ],
    [rich.doc(rich.p(rich.link('x', 'ftp://x'))), 'content.0.content.0.marks.0.attrs.href', 'invalid_link'],
    [
      rich.doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] }),
      'content.0.content.0.text',
      'invalid_text',
    ],
    [rich.doc({ type: 'heading', attrs: { level: 9 } }), 'content.0.attrs.level', 'invalid_level'],
    ['text', '', 'invalid_node'],
  ])('refuses %j at %s', (value, path, code) => {
    expect(checkEditorDoc(value)).toMatchObject({ path, code })
  })

  it('refuses a document nested too deeply', () => {
    let node: EditorNode = rich.ul('botten')
    for (let i = 0; i < editorLimits.depth; i += 1)
      node = { type: 'bulletList', content: [{ type: 'listItem', content: [rich.p('x'), node] }] }
    expect(checkEditorDoc(rich.doc(node))).toMatchObject({ code: 'too_large' })
  })
})

const inlineNode = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string({ minLength: 1, maxLength: 10 }) }),
  fc.record({
    type: fc.constant('text'),
    text: fc.string({ minLength: 1, maxLength: 10 }),
    marks: fc.subarray([
      { type: 'bold' },
      { type: 'italic' },
      { type: 'link', attrs: { href: 'https://lulea.se' } },
    ]),
  }),
  fc.constant({ type: 'hardBreak' }),
)
const paragraphNode = fc.record({
  type: fc.constant('paragraph'),
  content: fc.array(inlineNode, { maxLength: 5 }),
})
const blockNode: fc.Arbitrary<EditorNode> = fc.oneof(
  paragraphNode,
  fc.record({
    type: fc.constant('heading'),
    attrs: fc.record({ level: fc.integer({ min: 1, max: 6 }) }),
    content: fc.array(inlineNode, { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constantFrom('bulletList', 'orderedList'),
    content: fc.array(
      fc.record({
        type: fc.constant('listItem'),
        content: fc.array(paragraphNode, { minLength: 1, maxLength: 2 }),
      }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  }),
  fc.record({
    type: fc.constant('table'),
    content: fc.array(
      fc.record({
        type: fc.constant('tableRow'),
        content: fc.array(
          fc.record({
            type: fc.constantFrom('tableHeader', 'tableCell'),
            content: fc.array(paragraphNode, { minLength: 1, maxLength: 1 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
)

describe('any document the editor can make', () => {
  it('passes the check and converts to valid blocks without losing a word', () => {
    fc.assert(
      fc.property(fc.array(blockNode, { maxLength: 8 }), (content) => {
        const doc = rich.doc(...content)
        expect(checkEditorDoc(doc)).toBeNull()
        const blocks = editorDocToBlocks(doc)
        for (const block of blocks) expect(Value.Check(DocumentBlock, block)).toBe(true)
        const letters = (text: string) => text.replace(/\s+/g, '')
        const fromBlocks = blocks.flatMap((b) =>
          b.kind === 'heading'
            ? [b.text]
            : b.kind === 'paragraph'
              ? b.runs.map((r) => r.text)
              : b.kind === 'list'
                ? b.items.flatMap((i) => i.runs.map((r) => r.text))
                : b.kind === 'table'
                  ? [...b.headerRows, ...b.rows].flat(2).map((r) => r.text)
                  : [],
        )
        expect(letters(fromBlocks.join(''))).toBe(letters(editorDocPlainText(doc)))
        expect(editorDocIsEmpty(doc)).toBe(letters(editorDocPlainText(doc)) === '')
      }),
    )
  })
})
