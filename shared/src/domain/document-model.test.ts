import fc from 'fast-check'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import {
  bulletList,
  columnShares,
  compactRuns,
  DocumentModel,
  documentOutline,
  documentPlainText,
  facts,
  heading,
  isSafeLink,
  normaliseRow,
  note,
  paragraph,
  run,
  runsText,
  type TextRun,
  table,
} from './document-model.ts'

const model = (): DocumentModel => ({
  language: 'sv',
  cover: {
    title: 'Slutrapport',
    subject: 'Samverkan i praktiken',
    code: 'BUN 2017/0412',
    period: '2017-01-01 – 2018-10-09',
    date: '2019-02-20',
  },
  tableOfContents: true,
  sections: [
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      blocks: [facts([['Uppdragsgivare', 'BUF och SOC']]), paragraph('Projektet startade under 2017.')],
    },
    {
      key: 'efterkalkyl',
      heading: 'Efterkalkyl/aktiviteter',
      blocks: [
        heading(2, 'FöräldraSupporten'),
        table({ columns: ['Aktivitet', 'Kalkyl'], rows: [['Öppna mottagningen', '2014-06-01']] }),
        heading(3, 'Förklaringar'),
        bulletList(['Lokalen blev klar sent.']),
        note('placeholder', 'Fylls i automatiskt när aktivitetsplanen finns i Lägesbild.'),
      ],
    },
  ],
})

describe('the document model', () => {
  it('validates what the builders make against its schema', () => {
    expect(Value.Check(DocumentModel, model())).toBe(true)
    expect(
      Value.Check(DocumentModel, {
        ...model(),
        sections: [{ key: 'x', heading: 'X', blocks: [{ kind: 'video' }] }],
      }),
    ).toBe(false)
  })

  it('lists headings for a table of contents, with stable anchors', () => {
    expect(documentOutline(model())).toEqual([
      { level: 1, text: 'Bakgrund', anchor: 's0' },
      { level: 1, text: 'Efterkalkyl/aktiviteter', anchor: 's1' },
      { level: 2, text: 'FöräldraSupporten', anchor: 's1-b0' },
      { level: 3, text: 'Förklaringar', anchor: 's1-b2' },
    ])
  })

  it('reads out every word once, Swedish characters as they are', () => {
    const text = documentPlainText(model())
    for (const expected of [
      'Samverkan i praktiken',
      'BUN 2017/0412',
      'Uppdragsgivare: BUF och SOC',
      'Aktivitet\tKalkyl',
      'Öppna mottagningen\t2014-06-01',
      'Lokalen blev klar sent.',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('gives a table its header row in bold from the column titles', () => {
    const t = table({ columns: ['A', { title: 'B', align: 'right', width: 20 }], rows: [['1', '2']] })
    expect(t.headerRows).toEqual([[[{ text: 'A', bold: true }], [{ text: 'B', bold: true }]]])
    expect(t.columns).toEqual([{}, { align: 'right', width: 20 }])
  })
})

const arbitraryRun: fc.Arbitrary<TextRun> = fc.record(
  {
    text: fc.string({ maxLength: 8 }),
    bold: fc.boolean(),
    italic: fc.boolean(),
    link: fc.constantFrom('https://a.se', 'https://b.se'),
  },
  { requiredKeys: ['text'] },
)

describe('compactRuns', () => {
  it('keeps the text and never leaves two neighbours with the same formatting', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRun, { maxLength: 20 }), (runs) => {
        const compact = compactRuns(runs)
        expect(runsText(compact)).toBe(runsText(runs))
        expect(compact.every((r) => r.text !== '')).toBe(true)
        for (let i = 1; i < compact.length; i += 1) {
          const [a, b] = [compact[i - 1]!, compact[i]!]
          expect(!!a.bold === !!b.bold && !!a.italic === !!b.italic && a.link === b.link).toBe(false)
        }
        expect(compactRuns(compact)).toEqual(compact)
      }),
    )
  })
})

describe('columnShares', () => {
  it('always sums to 100 and keeps the given proportions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }), {
          minLength: 1,
          maxLength: 20,
        }),
        (widths) => {
          const shares = columnShares(widths.map((width) => (width ? { width } : {})))
          expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6)
          expect(shares.every((s) => s > 0)).toBe(true)
        },
      ),
    )
    expect(columnShares([{ width: 30 }, { width: 10 }])).toEqual([75, 25])
  })
})

describe('normaliseRow', () => {
  it('pads or cuts a row to the columns', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constant('x').map((text) => [run(text)]),
          { maxLength: 10 },
        ),
        fc.integer({ min: 1, max: 10 }),
        (row, n) => {
          expect(normaliseRow(row, n)).toHaveLength(n)
        },
      ),
    )
  })
})

describe('isSafeLink', () => {
  it.each([
    ['https://www.lulea.se/a?b=c', true],
    ['mailto:projekt@lulea.se', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<b>', false],
    ['/relative', false],
    ['https://a.se/"onmouseover', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeLink(href)).toBe(safe)
  })
})
