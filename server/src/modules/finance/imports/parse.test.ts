import { parseAmount } from '@lagesbild/shared/domain/money'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { unzipSync, zipSync } from 'fflate'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { swedishAmount } from '../sample.ts'
import {
  detectDelimiter,
  detectEncoding,
  detectFormat,
  detectHeaderRow,
  guessMapping,
  mappingFits,
  readRows,
} from './parse.ts'
import { columnIndexes, interpretRow, parseDate, type RowContext, rowKey } from './rows.ts'

describe('detection', () => {
  it('tells UTF-8 (with or without BOM) from Windows-1252', () => {
    expect(detectEncoding(Buffer.from('Lön;Belopp\n', 'utf8'))).toBe('utf-8')
    expect(detectEncoding(Buffer.from('\uFEFFLön;Belopp\n', 'utf8'))).toBe('utf-8')
    expect(detectEncoding(iconv.encode('Lön;Belopp\n', 'windows-1252'))).toBe('windows-1252')
  })

  it('does not mistake UTF-8 cut mid-character at the sample edge for Windows-1252', () => {
    const text = `${'a'.repeat(64 * 1024 - 1)}ö${'b'.repeat(100)}`
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8')
  })

  it('finds the delimiter, the header row below report titles, and the format', () => {
    const text = 'Huvudbok\nPeriod: 2016\n\nDatum;Ver;Belopp\n2016-01-01;1;"1 234,50"\n2016-01-02;2;5,00\n'
    expect(detectDelimiter(text)).toBe(';')
    expect(detectDelimiter('a,b,c\n1,"2,5",3\n4,5,6\n')).toBe(',')
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t')
    expect(
      detectHeaderRow([
        ['Huvudbok'],
        ['Period: 2016'],
        [''],
        ['Datum', 'Ver', 'Belopp'],
        ['2016-01-01', '1', '1 234,50'],
      ]),
    ).toBe(4)
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx')
    expect(detectFormat(Buffer.from([0x25, 0x50, 0, 1]))).toBeNull()
  })

  it('guesses the mapping from common Swedish headers and checks a saved one fits', () => {
    const headers = [
      'Bokföringsdatum',
      'Verifikationsnummer',
      'Konto',
      'Kostnadsställe',
      'Debet',
      'Kredit',
      'Verifikationstext',
    ]
    const mapping = guessMapping(headers)
    expect(mapping).toEqual({
      date: 'Bokföringsdatum',
      voucher: 'Verifikationsnummer',
      account: 'Konto',
      costCentre: 'Kostnadsställe',
      debit: 'Debet',
      credit: 'Kredit',
      description: 'Verifikationstext',
    })
    expect(mappingFits(mapping, headers)).toBe(true)
    expect(mappingFits(mapping, headers.slice(1))).toBe(false)
  })

  it('streams rows with their spreadsheet row numbers, blank lines included', async () => {
    const content = iconv.encode('Rubrik\r\n\r\nA;B\r\n1;"x;y"\r\n', 'windows-1252')
    const rows = []
    for await (const row of readRows(content, 'csv', { encoding: 'windows-1252', delimiter: ';' }))
      rows.push(row)
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4])
    expect(rows[3]?.cells).toEqual(['1', 'x;y'])
  })

  // exceljs 4.4.0's streaming reader threw "reading 'sheets' of undefined" when a worksheet came
  // to be read before xl/workbook.xml had been (Excel writers may store it last, and its unzip
  // stream did not always deliver it first): a rare 500 on upload. Patched in server/patches.
  it('reads an XLSX whose workbook part has not been read when its sheet is', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Huvudbok')
    sheet.addRow(['Datum', 'Belopp'])
    sheet.addRow(['2016-05-31', 1234.5])
    const entries = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()))
    delete entries['xl/workbook.xml']
    const rows = []
    for await (const row of readRows(zipSync(entries), 'xlsx', { encoding: 'utf-8', delimiter: ';' }))
      rows.push(row.cells)
    expect(rows).toEqual([
      ['Datum', 'Belopp'],
      ['2016-05-31', '1234.5'],
    ])
  })
})

describe('reading a row', () => {
  it('reads dates as 2016-03-31, 20160331 and with a time, and refuses days that do not exist', () => {
    expect(parseDate('2016-03-31')).toBe('2016-03-31')
    expect(parseDate('20160331')).toBe('2016-03-31')
    expect(parseDate('2016-03-31 00:00')).toBe('2016-03-31')
    expect(parseDate('2016-02-30')).toBeNull()
    expect(parseDate('31/03/2016')).toBeNull()
  })

  it('reads every amount a finance system writes back to the same öre', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ore) => {
        expect(parseAmount(swedishAmount(ore))).toBe(ore)
      }),
    )
  })

  const headers = ['Datum', 'Ver', 'Konto', 'Ansvar', 'Text', 'Debet', 'Kredit', 'Kategori']
  const ctx: RowContext = {
    columns: columnIndexes(
      {
        date: 'Datum',
        voucher: 'Ver',
        account: 'Konto',
        costCentre: 'Ansvar',
        description: 'Text',
        debit: 'Debet',
        credit: 'Kredit',
        category: 'Kategori',
      },
      headers,
    ),
    headers,
    codes: new Map([['A1', 'project-a']]),
    mayFinance: () => true,
    categories: [
      { code: 'staff', nameSv: 'Personal', nameEn: 'Staff', active: true },
      { code: 'other', nameSv: 'Övrigt', nameEn: 'Other', active: true },
    ],
    accountRules: [{ prefix: '5', category: 'staff' }],
  }

  it('takes debit minus credit, the category by name or by account rule, and the code case-insensitively', () => {
    const result = interpretRow(['2016-01-31', 'V1', '5011', 'a1', '  Lön   jan ', '', '1 000,00', ''], ctx)
    expect(result?.row).toMatchObject({
      amountOre: -100_000,
      category: 'staff',
      projectId: 'project-a',
      description: 'Lön jan',
    })
    expect(
      interpretRow(['2016-01-31', 'V1', '7011', 'A1', '', '5,00', '', 'övrigt'], ctx)?.row?.category,
    ).toBe('other')
    expect(interpretRow(['', '', '', '', '', '', '', ''], ctx)).toBeNull()
  })

  it('names every problem of a row with its column', () => {
    const result = interpretRow(['2016-13-01', '', '5011', 'B2', '', 'x', '', 'resor'], ctx)
    expect(result?.row).toBeNull()
    expect(result?.issues.map((i) => [i.column, i.code])).toEqual([
      ['Datum', 'invalid_date'],
      ['Debet', 'invalid_amount'],
      ['Ver', 'missing_voucher'],
      ['Ansvar', 'unknown_project'],
      ['Kategori', 'unknown_category'],
    ])
  })

  it('gives the same line the same identity, and a repeated line a new one', () => {
    const a = interpretRow(['2016-01-31', 'V1', '5011', 'A1', 'Lön', '100,00', '', ''], ctx)?.row
    const b = interpretRow(['20160131', 'V1', '5011', 'a1', ' Lön ', '100,00', '0', ''], ctx)?.row
    expect(a && b && rowKey(a, 0)).toBe(b && rowKey(b, 0))
    expect(a && rowKey(a, 1)).not.toBe(a && rowKey(a, 0))
  })
})
