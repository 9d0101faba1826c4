import type { PortfolioRow } from '@lagesbild/shared/api/portfolio'
import { ORE_PER_KRONA } from '@lagesbild/shared/domain/money'
import type { Language } from '@lagesbild/shared/http/language'
import type { Static } from 'typebox'
import { loadExcel } from '../../lazy-modules.ts'

type Row = Static<typeof PortfolioRow>

const headers: Record<Language, Record<string, string>> = {
  sv: {
    name: 'Projekt',
    code: 'Diarienummer',
    programme: 'Program',
    owner: 'Ägare',
    leader: 'Projektledare',
    status: 'Status',
    start: 'Planerad start',
    end: 'Planerat slut',
    health: 'Hälsa (helhet)',
    slip: 'Försening, dagar',
    late: 'Försenade aktiviteter',
    remaining: 'Återstående aktiviteter',
    budget: 'Budget, kr',
    spent: 'Utfall, kr',
    spentPercent: 'Förbrukat, %',
    timePercent: 'Tid som gått, %',
    next: 'Nästa milstolpe',
    nextDate: 'Milstolpens datum',
    report: 'Senaste lägesrapport',
  },
  en: {
    name: 'Project',
    code: 'Reference number',
    programme: 'Programme',
    owner: 'Owner',
    leader: 'Project leader',
    status: 'Status',
    start: 'Planned start',
    end: 'Planned end',
    health: 'Health (overall)',
    slip: 'Slip, days',
    late: 'Late activities',
    remaining: 'Remaining activities',
    budget: 'Budget, SEK',
    spent: 'Spent, SEK',
    spentPercent: 'Spent, %',
    timePercent: 'Time elapsed, %',
    next: 'Next milestone',
    nextDate: 'Milestone date',
    report: 'Latest status report',
  },
}

const excelDate = (date: string | null) => (date ? new Date(`${date}T00:00:00Z`) : null)

/** The portfolio table as one sheet, with real number and date cells so it can be worked on. */
export async function portfolioWorkbook(rows: Row[], language: Language): Promise<Buffer> {
  const h = headers[language]
  const { Workbook } = await loadExcel()
  const workbook = new Workbook()
  const ws = workbook.addWorksheet(language === 'sv' ? 'Portfölj' : 'Portfolio', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const date = { numFmt: 'yyyy-mm-dd' }
  ws.columns = [
    { header: h.name, key: 'name', width: 40 },
    { header: h.code, key: 'code', width: 16 },
    { header: h.programme, key: 'programme', width: 28 },
    { header: h.owner, key: 'owner', width: 28 },
    { header: h.leader, key: 'leader', width: 24 },
    { header: h.status, key: 'status', width: 14 },
    { header: h.start, key: 'start', width: 14, style: date },
    { header: h.end, key: 'end', width: 14, style: date },
    { header: h.health, key: 'health', width: 14 },
    { header: h.slip, key: 'slip', width: 12 },
    { header: h.late, key: 'late', width: 12 },
    { header: h.remaining, key: 'remaining', width: 12 },
    { header: h.budget, key: 'budget', width: 16, style: { numFmt: '#,##0.00' } },
    { header: h.spent, key: 'spent', width: 16, style: { numFmt: '#,##0.00' } },
    { header: h.spentPercent, key: 'spentPercent', width: 12 },
    { header: h.timePercent, key: 'timePercent', width: 12 },
    { header: h.next, key: 'next', width: 32 },
    { header: h.nextDate, key: 'nextDate', width: 14, style: date },
    { header: h.report, key: 'report', width: 14, style: date },
  ]
  ws.getRow(1).font = { bold: true }
  ws.addRows(
    rows.map((r) => ({
      name: r.name,
      code: r.code ?? '',
      programme: r.programme?.name ?? '',
      owner: r.ownerOrganisation.name,
      leader: r.leader?.name ?? '',
      status: r.status,
      start: excelDate(r.plannedStart),
      end: excelDate(r.actualEnd ?? r.plannedEnd),
      health: r.health?.overall ?? '',
      slip: r.slip?.days ?? null,
      late: r.lateActivityCount,
      remaining: r.remainingActivityCount,
      budget: r.burn.budgetOre / ORE_PER_KRONA,
      spent: r.burn.spentOre / ORE_PER_KRONA,
      spentPercent: r.burn.spentPercent,
      timePercent: r.burn.timePercent,
      next: r.nextMilestone?.title ?? '',
      nextDate: excelDate(r.nextMilestone?.date ?? null),
      report: excelDate(r.lastStatusReport),
    })),
  )
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
