import { divRound } from '@lagesbild/shared/domain/finance'
import { ORE_PER_KRONA, type Ore } from '@lagesbild/shared/domain/money'
import iconv from 'iconv-lite'

/** One line of a municipal ledger export (huvudbok). */
export interface LedgerRow {
  date: string
  voucher: string
  account: string
  costCentre: string
  projectCode: string
  text: string
  amountOre: Ore
}

/** Finance-system codes of the demo projects, mapped to them in the demo data. */
export const demoCodes = {
  samverkan: '41710',
  tidiga: '31270',
  foraldrasupporten: '31271',
  kartlaggning: '31272',
} as const

/** "54 000,00" / "-4 500,00": how Swedish finance systems write amounts (plain spaces, minus). */
export function swedishAmount(ore: Ore): string {
  const sign = ore < 0 ? '-' : ''
  const abs = Math.abs(ore)
  const whole = String(Math.trunc(abs / ORE_PER_KRONA)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return `${sign}${whole},${String(abs % ORE_PER_KRONA).padStart(2, '0')}`
}

const kr = (kronor: number, ore = 0) => kronor * ORE_PER_KRONA + ore
/** Payroll overhead (PO-pålägg) 39,29 %, rounded to the öre with integers. */
const po = (salaryOre: Ore) => Number(divRound(BigInt(salaryOre) * 3929n, 10_000n))

function months(from: string, to: string): string[] {
  const result: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    result.push(`${y}-${String(m).padStart(2, '0')}`)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return result
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']
const monthName = (month: string) => monthNames[Number(month.slice(5, 7)) - 1] ?? ''

class Ledger {
  readonly rows: LedgerRow[] = []
  private counters = new Map<string, number>()

  voucher(date: string): string {
    const yy = date.slice(2, 4)
    const next = (this.counters.get(yy) ?? 0) + 1
    this.counters.set(yy, next)
    return `${yy}${String(next * 7 + 100).padStart(5, '0')}`
  }

  add(row: LedgerRow) {
    this.rows.push(row)
  }

  /** Salary and payroll overhead as two lines of one payroll voucher. */
  payroll(
    date: string,
    costCentre: string,
    projectCode: string,
    who: string,
    salaryOre: Ore,
    voucher = this.voucher(date),
  ) {
    this.add({
      date,
      voucher,
      account: '5011',
      costCentre,
      projectCode,
      text: `Lön ${who} ${monthName(date)}`,
      amountOre: salaryOre,
    })
    this.add({
      date,
      voucher,
      account: '5411',
      costCentre,
      projectCode,
      text: `PO-pålägg ${who} ${monthName(date)}`,
      amountOre: po(salaryOre),
    })
  }

  cost(date: string, account: string, costCentre: string, projectCode: string, text: string, amountOre: Ore) {
    this.add({ date, voucher: this.voucher(date), account, costCentre, projectCode, text, amountOre })
  }
}

const SOC = '6140'
const CEH = '3350'

/**
 * The demo's ledger: what Tidiga insatser (2013–2016) and Samverkan i praktiken (2017–2018)
 * cost, month by month. `history` is loaded as an earlier import; `sample` is the export a
 * person imports in the demo (Tidiga's last half-year and Samverkan's 2018).
 * Staff costs come in below the budget, as the Tidiga report says.
 */
export function demoLedger(): { history: LedgerRow[]; sample: LedgerRow[] } {
  const history = new Ledger()
  const sample = new Ledger()
  const { tidiga, foraldrasupporten: fs, kartlaggning, samverkan } = demoCodes

  for (const month of months('2013-09', '2015-06')) {
    history.payroll(`${month}-25`, SOC, tidiga, 'projektledare', kr(36_000))
  }
  for (const month of months('2014-05', '2015-12')) {
    // Autumn 2015: one part-time post stood vacant.
    const vacant = month >= '2015-09' && month <= '2015-11'
    history.payroll(`${month}-25`, SOC, fs, 'föräldrastödjare', vacant ? kr(38_000) : kr(54_000))
  }
  for (const month of months('2014-09', '2015-12')) {
    history.cost(`${month}-01`, '6110', SOC, fs, `Lokalhyra FöräldraSupporten ${monthName(month)}`, kr(9_500))
  }
  history.cost('2014-08-14', '5620', SOC, fs, 'Utbildning CPS, grund och fördjupning', kr(38_400))
  history.cost('2014-09-05', '6410', SOC, fs, 'Möbler och utrustning mottagningen', kr(46_850))
  history.cost('2014-09-15', '6910', SOC, fs, 'Informationsfilm till föräldramöten', kr(24_000))
  history.cost('2015-03-10', '5620', SOC, fs, 'Fördjupning lågaffektivt bemötande', kr(12_600))
  history.cost('2015-04-22', '6910', SOC, fs, 'Annons och trycksaker', kr(3_480, 50))
  history.cost('2015-06-30', '7390', SOC, tidiga, 'Följeforskning FoU, delrapport', kr(45_000))
  history.cost('2015-12-31', '6110', SOC, fs, 'Kreditering lokalhyra december', -kr(4_500))

  for (const month of months('2017-02', '2017-12')) {
    const voucher = history.voucher(`${month}-25`)
    history.payroll(`${month}-25`, CEH, samverkan, 'socionom', kr(39_000), voucher)
    history.payroll(`${month}-25`, CEH, samverkan, 'specialpedagog', kr(41_000), voucher)
    history.cost(`${month}-01`, '6110', CEH, samverkan, `Lokalhyra teamet ${monthName(month)}`, kr(4_500))
  }
  history.cost('2017-02-10', '6410', CEH, samverkan, 'Datorer och telefoner teamet', kr(32_400))
  history.cost('2017-03-20', '5620', CEH, samverkan, 'Utbildning kartläggningsmetod', kr(28_000))
  history.cost('2017-04-05', '6910', CEH, samverkan, 'Informationsmaterial skolor', kr(6_800))

  for (const month of months('2016-01', '2016-06')) {
    sample.payroll(`${month}-25`, SOC, fs, 'föräldrastödjare', kr(54_000))
    sample.cost(`${month}-01`, '6110', SOC, fs, `Lokalhyra FöräldraSupporten ${monthName(month)}`, kr(9_500))
  }
  for (const month of months('2016-02', '2016-06')) {
    sample.payroll(`${month}-25`, SOC, kartlaggning, 'processledare 50 %', kr(18_000))
  }
  sample.cost('2016-03-16', '7010', SOC, kartlaggning, 'Workshop Vi6, lokal och fika', kr(18_750))
  sample.cost('2016-05-31', '7390', SOC, tidiga, 'Följeforskning FoU, slutrapport', kr(55_000))

  for (const month of months('2018-01', '2018-09')) {
    const voucher = sample.voucher(`${month}-25`)
    sample.payroll(`${month}-25`, CEH, samverkan, 'socionom', kr(39_000), voucher)
    // The recruitment to the second post was stopped in spring 2018.
    if (month <= '2018-05')
      sample.payroll(`${month}-25`, CEH, samverkan, 'specialpedagog', kr(41_000), voucher)
    sample.cost(`${month}-01`, '6110', CEH, samverkan, `Lokalhyra teamet ${monthName(month)}`, kr(4_500))
  }
  sample.cost('2018-02-14', '5620', CEH, samverkan, 'Handledning teamet', kr(14_000))

  return { history: history.rows, sample: sample.rows }
}

const HEADER = ['Bokf.datum', 'Ver.nr', 'Konto', 'Ansvar', 'Projekt', 'Text', 'Belopp']

const quote = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/**
 * A ledger as a finance system exports it: a report title and period above the header,
 * semicolons, Windows-1252, Swedish amounts; dates as 2016-03-31 or, `compactDates`, 20160331.
 */
export function ledgerCsv(
  rows: readonly LedgerRow[],
  options: { title: string; period: string; compactDates?: (row: LedgerRow) => boolean },
): Buffer {
  const lines = [
    `${options.title};;;;;;`,
    'Luleå kommun;;;;;;',
    `Period: ${options.period};;;;;;`,
    ';;;;;;',
    HEADER.join(';'),
    ...rows.map((r) =>
      [
        options.compactDates?.(r) ? r.date.replace(/-/g, '') : r.date,
        r.voucher,
        r.account,
        r.costCentre,
        r.projectCode,
        quote(r.text),
        swedishAmount(r.amountOre),
      ].join(';'),
    ),
  ]
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252')
}

/** The example export the demo imports cleanly (also served for download in the app). */
export function sampleExportCsv(): Buffer {
  return ledgerCsv(demoLedger().sample, {
    title: 'Huvudbok – utdrag per projekt',
    period: '2016-01-01 – 2018-12-31',
    compactDates: (r) => r.projectCode === demoCodes.samverkan,
  })
}

/** An export with row errors (bad date, amount, missing voucher, unknown code): refused, nothing written. */
export function brokenExportCsv(): Buffer {
  const rows = demoLedger().sample.slice(0, 12)
  const broken: LedgerRow[] = [
    ...rows.slice(0, 3),
    { ...(rows[3] as LedgerRow), date: '2016-02-30' },
    ...rows.slice(4, 6),
    { ...(rows[6] as LedgerRow), voucher: '' },
    { ...(rows[7] as LedgerRow), projectCode: '99999' },
    ...rows.slice(8),
  ]
  const csv = ledgerCsv(broken, { title: 'Huvudbok – utdrag per projekt', period: '2016-01-01 – 2016-06-30' })
  // An amount written with a dot as thousands separator and a stray letter, as a hand edit leaves it.
  return iconv.encode(
    iconv.decode(csv, 'windows-1252').replace(';9 500,00\r\n', ';9.500,0O\r\n'),
    'windows-1252',
  )
}
