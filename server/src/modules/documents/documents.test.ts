import {
  bulletList,
  type DocumentModel,
  facts,
  heading,
  note,
  paragraph,
  run,
  table,
} from '@lagesbild/shared/domain/document-model'
import { describe, expect, it } from 'vitest'
import {
  convertWithLibreOffice,
  docxParts,
  docxText,
  markupText,
  pdfOutline,
  pdfText,
  pdftotext,
} from '../../test/documents.ts'
import { asciiFileName, contentDisposition, safeFileName } from './filename.ts'
import { renderDocument } from './render.ts'

const activities = Array.from({ length: 80 }, (_, i) => [
  i === 0 ? 'Öppna mottagningen' : `Aktivitet ${i + 1}: samverkansteamet träffas`,
  '2014-06-01',
  i === 0 ? '2014-09-22' : 'Återstår',
  i === 0 ? 'Ca 4 månader' : '–',
])

const model: DocumentModel = {
  language: 'sv',
  cover: {
    title: 'Slutrapport',
    subject: 'Tidiga insatser i samverkan, skola – socialtjänst',
    code: 'SN 2013/0231',
    period: '2013-09-01 – 2016-06-30',
    date: '2016-09-23',
    organisation: 'Luleå kommun · Socialförvaltningen',
    authors: ['Elin Nordin', 'Jonas Berg'],
    status: 'Utkast – ännu inte inlämnat till styrgruppen',
  },
  tableOfContents: true,
  sections: [
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      blocks: [
        facts([
          ['Uppdragsgivare', 'Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå'],
          ['Projektledare', 'Malin Ekström (2013-09-01 – 2015-06-30)\nElin Nordin (från 2015-07-01)'],
        ]),
        paragraph(
          'Förvaltningarna har ”via sina båda perspektiv” funnit behov – ',
          run('tidiga insatser', { bold: true }),
          ' och ',
          run('ökad samverkan', { italic: true }),
          '… Läs mer på ',
          run('kommunens webbplats', { link: 'https://www.lulea.se' }),
          '.',
        ),
      ],
    },
    {
      key: 'efterkalkyl',
      heading: 'Efterkalkyl/aktiviteter',
      blocks: [
        heading(2, 'FöräldraSupporten'),
        table({
          caption: 'Aktiviteter: kalkyl och utfall',
          columns: [
            { title: 'Aktivitet', width: 46 },
            'Kalkyl',
            'Utfall',
            { title: 'Differens', align: 'right' },
          ],
          rows: activities,
          footerRows: [['Summa', '', '', '1 avvikelse']],
        }),
        heading(3, 'Förklaringar'),
        bulletList([
          'Mottagningen väntade på tillträde till lokalen.',
          'Projektledaren slutade i juni 2015.',
        ]),
        {
          kind: 'list',
          ordered: true,
          items: [
            { runs: [run('Första')], level: 0 },
            { runs: [run('Underpunkt')], level: 1 },
          ],
        },
        note('placeholder', 'Fylls i automatiskt när aktivitetsplanen finns i Lägesbild.'),
      ],
    },
  ],
}

describe('DOCX', () => {
  it('has real Word structure: heading styles, a TOC field, repeating header rows, page numbers', async () => {
    const file = await renderDocument(model, 'docx')
    const docx = docxParts(file)
    expect(docx.names).toContain('word/document.xml')
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading1"\/>/)
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading2"\/>/)
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading3"\/>/)
    expect(docx.document).toMatch(/TOC \\h \\o &quot;1-3&quot;/)
    expect(docx.document).toContain('<w:tblHeader/>')
    expect(docx.footers.join('')).toMatch(/PAGE/)
    expect(docx.footers.join('')).toMatch(/NUMPAGES/)
    expect(docx.styles).toMatch(/w:styleId="Heading1"/)
  })

  it('carries every word with Swedish characters intact', async () => {
    const text = docxText(docxParts(await renderDocument(model, 'docx')).document)
    for (const expected of [
      'Slutrapport',
      'Tidiga insatser i samverkan, skola – socialtjänst',
      'SN 2013/0231',
      'Innehållsförteckning',
      'Bakgrund',
      'Efterkalkyl/aktiviteter',
      'FöräldraSupporten',
      'Förvaltningarna har ”via sina båda perspektiv” funnit behov – tidiga insatser',
      'Aktivitet 80: samverkansteamet träffas',
      'Återstår',
      'Ca 4 månader',
      'Fylls i automatiskt när aktivitetsplanen finns i Lägesbild.',
    ]) {
      expect(text).toContain(expected)
    }
    // The table of contents lists the headings before Word first updates it.
    const toc = text.slice(text.indexOf('Innehållsförteckning'), text.lastIndexOf('Bakgrund'))
    expect(toc).toContain('FöräldraSupporten')
  })

  it('marks only the header row as repeating, and keeps a link as a link', async () => {
    const { document } = docxParts(await renderDocument(model, 'docx'))
    const rows = document.split('<w:tr>').slice(1)
    const headerRow = rows.find((r) => r.includes('Kalkyl') && r.includes('Differens'))
    expect(headerRow).toContain('<w:tblHeader/>')
    const bodyRow = rows.find((r) => r.includes('Öppna mottagningen'))
    expect(bodyRow).not.toContain('<w:tblHeader/>')
    expect(document).toContain('w:hyperlink')
  })

  it('leaves out characters XML cannot hold, which would make Word refuse the file', async () => {
    const broken: DocumentModel = {
      ...model,
      sections: [{ key: 'x', heading: 'Rubrik\u0001', blocks: [paragraph('Text\u0007 med \ud800 fel')] }],
    }
    const { document } = docxParts(await renderDocument(broken, 'docx'))
    expect(document).toContain('Text med  fel')
    for (const bad of ['\u0001', '\u0007', '\ud800']) expect(document.includes(bad)).toBe(false)
  })

  it('opens in LibreOffice with headings and table intact, when LibreOffice is installed', async () => {
    const html = convertWithLibreOffice(await renderDocument(model, 'docx'), 'html')?.toString('utf8')
    if (!html) return
    const headings = [...html.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/gs)].map((m) => [
      Number(m[1]),
      markupText(m[2] ?? ''),
    ])
    expect(headings).toEqual(
      expect.arrayContaining([
        [1, 'Bakgrund'],
        [1, 'Efterkalkyl/aktiviteter'],
        [2, 'FöräldraSupporten'],
        [3, 'Förklaringar'],
      ]),
    )
    const activityTable = [...html.matchAll(/<table.*?<\/table>/gs)]
      .map((m) => [...m[0].matchAll(/<tr.*?<\/tr>/gs)].map((row) => markupText(row[0])))
      .find((rows) => rows.some((row) => row.includes('Öppna mottagningen')))
    // Header, 80 activities and the sum, each still a row of its own.
    expect(activityTable).toHaveLength(82)
    expect(activityTable?.[0]).toBe('Aktivitet Kalkyl Utfall Differens')
    expect(activityTable?.[1]).toBe('Öppna mottagningen 2014-06-01 2014-09-22 Ca 4 månader')
    expect(activityTable?.at(-1)).toBe('Summa 1 avvikelse')
  }, 180_000)
})

describe('PDF', () => {
  it('has selectable text with every heading and table row, Swedish characters intact', async () => {
    const file = await renderDocument(model, 'pdf')
    expect(Buffer.from(file.subarray(0, 5)).toString()).toBe('%PDF-')
    const text = await pdfText(file)
    const poppler = pdftotext(file)
    for (const expected of [
      'Slutrapport',
      'Tidiga insatser i samverkan, skola – socialtjänst',
      'Innehållsförteckning',
      'Bakgrund',
      'Efterkalkyl/aktiviteter',
      'FöräldraSupporten',
      'Förklaringar',
      '”via sina båda perspektiv”',
      'ökad samverkan',
      'Öppna mottagningen',
      'Aktivitet 80: samverkansteamet träffas',
      'Återstår',
      'Fylls i automatiskt när aktivitetsplanen finns i Lägesbild.',
      'Sida 2 av',
    ]) {
      expect(text).toContain(expected)
      if (poppler !== null) expect(poppler).toContain(expected)
    }
  })

  it('repeats the header row on every page the table runs over', async () => {
    const file = await renderDocument(model, 'pdf')
    const pdf = await import('unpdf').then((u) => u.getDocumentProxy(new Uint8Array(file)))
    const { text } = await import('unpdf').then((u) => u.extractText(pdf, { mergePages: false }))
    const pagesWithRows = text.filter((page) => page.includes('samverkansteamet träffas'))
    expect(pagesWithRows.length).toBeGreaterThan(1)
    for (const page of pagesWithRows) expect(page).toContain('Differens')
  })

  it('has bookmarks for the sections and their sub-headings', async () => {
    const outline = await pdfOutline(await renderDocument(model, 'pdf'))
    expect(outline.map((i) => i.title)).toEqual(['Bakgrund', 'Efterkalkyl/aktiviteter'])
    expect(outline[1]?.items.map((i) => i.title)).toEqual(['FöräldraSupporten', 'Förklaringar'])
  })
})

describe('file names', () => {
  it('keeps a Swedish name for modern clients and gives others an ASCII one', () => {
    const header = contentDisposition(
      'Slutrapport – Tidiga insatser i samverkan, skola – socialtjänst 2016-09-23',
      'pdf',
    )
    expect(header).toContain(
      'filename="Slutrapport - Tidiga insatser i samverkan_ skola - socialtjanst 2016-09-23.pdf"',
    )
    expect(header).toContain(
      `filename*=UTF-8''${encodeURIComponent('Slutrapport – Tidiga insatser i samverkan, skola – socialtjänst 2016-09-23.pdf')}`,
    )
  })

  it('removes what could escape the name: paths, quotes, control characters', () => {
    expect(safeFileName('../../etc/"passwd"\u0000\n')).toBe('.. .. etc passwd')
    expect(asciiFileName('Åtgärder för ”öppna” förskolor')).toBe('Atgarder for oppna forskolor')
    expect(safeFileName('   ')).toBe('dokument')
  })
})
