import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DocumentBlock, heading, note, table } from '@lagesbild/shared/domain/document-model'
import { formatQuantity, progressLabels } from '@lagesbild/shared/domain/indicator-format'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { goalTree } from '../plans/goals.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { baselineOf, indicatorFacts, targetOf } from './service.ts'
import { quantityOf } from './values.ts'

const kindLabels: Record<string, string> = {
  overall: 'Övergripande mål',
  project: 'Projektmål',
  sub: 'Delmål',
}

/**
 * Måluppfyllelse: each goal with its indicators' baseline, target and outcome as they stood on
 * the report's date, and the assessment against the target. Generated; the leader comments.
 */
export async function goalAttainment(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [tree, indicators] = await Promise.all([goalTree(db, projectId), indicatorFacts(db, projectId, asOf)])
  if (indicators.length === 0)
    return [note('placeholder', 'Projektet har inga indikatorer i Lägesbild ännu.')]
  const goals = [...tree.overall, ...tree.project, ...tree.sub]
  const rowsFor = (list: typeof indicators) =>
    list.map((i) => {
      const baseline = baselineOf(i.row)
      const target = targetOf(i.row)
      const latest = i.measurements.at(-1)
      const outcome = latest ? `${formatQuantity(i.unit, quantityOf(latest), 'sv')} (${latest.period})` : '–'
      return [
        i.name,
        baseline ? formatQuantity(i.unit, baseline, 'sv') : '–',
        target ? `${formatQuantity(i.unit, target, 'sv')}${target.date ? ` (${target.date})` : ''}` : '–',
        outcome,
        progressLabels[i.status].sv,
      ]
    })
  const columns = [
    { title: 'Indikator', width: 30 },
    { title: 'Utgångsläge', width: 15 },
    { title: 'Målvärde', width: 20 },
    { title: 'Utfall', width: 20 },
    { title: 'Bedömning', width: 15 },
  ]
  const blocks: DocumentBlock[] = []
  for (const goal of goals) {
    const mine = indicators.filter((i) => i.row.goal_id === goal.id)
    if (mine.length === 0) continue
    const label = goal.kind === 'sub' ? `Delmål ${goal.number}` : (kindLabels[goal.kind] ?? 'Mål')
    blocks.push(heading(3, `${label}: ${goal.title}`), table({ columns, rows: rowsFor(mine) }))
  }
  const loose = indicators.filter((i) => !i.row.goal_id || !goals.some((g) => g.id === i.row.goal_id))
  if (loose.length > 0)
    blocks.push(heading(3, 'Övriga indikatorer'), table({ columns, rows: rowsFor(loose) }))
  blocks.push(
    note(
      'info',
      `Utfall enligt senaste mätvärde till och med ${asOf}. Andelar är beräknade ur täljare och nämnare; bedömningen följer indikatorns riktning och målvärde.`,
    ),
  )
  return blocks
}

registerReportSection('goal_attainment', goalAttainment)
