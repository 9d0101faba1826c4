import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import {
  type DocumentBlock,
  facts,
  heading,
  run,
  type TextRun,
  table,
} from '@lagesbild/shared/domain/document-model'
import type { LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { listAncestors } from '../organisations/queries.ts'
import { listMembers } from '../projects/members.ts'
import { findProjectRow, findSummary, listLeaders, listSubProjectsOf } from '../projects/queries.ts'
import { registerReportSection } from './section-registry.ts'

/** Documents are written in Swedish; the web app has its own labels. */
const statusLabels: Record<LifecycleStatus, string> = {
  draft: 'Utkast',
  approved: 'Godkänt, ej startat',
  active: 'Pågår',
  paused: 'Pausat',
  completed: 'Avslutat',
  terminated: 'Avbrutet i förtid',
  made_permanent: 'Avslutat och permanentat',
  handed_over: 'Avslutat och överfört till linjeorganisationen',
}

export const period = (from: string, to: string | null) => (to ? `${from} – ${to}` : `från ${from}`)

function endFact(plannedEnd: CalendarDate, actualEnd: CalendarDate | null): string {
  if (!actualEnd) return `Ej avslutat (planerat slut ${plannedEnd})`
  if (actualEnd === plannedEnd) return `${actualEnd}, enligt plan`
  return actualEnd < plannedEnd
    ? `${actualEnd}, i förtid (planerat slut ${plannedEnd})`
    : `${actualEnd}, senare än planerat (planerat slut ${plannedEnd})`
}

async function leaderLines(db: Kysely<Database>, projectId: string, asOf: CalendarDate) {
  const leaders = await listLeaders(db, projectId)
  return leaders
    .filter((l) => l.from_date <= asOf)
    .map((l) => `${l.name} (${period(l.from_date, l.to_date && l.to_date <= asOf ? l.to_date : null)})`)
}

async function ownerWithParents(db: Kysely<Database>, organisationId: string, name: string) {
  const ancestors = await listAncestors(db, organisationId)
  return ancestors.length === 0
    ? name
    : `${name} (${[...ancestors]
        .reverse()
        .map((a) => a.name)
        .join(', ')})`
}

const textValue = (text: string): TextRun[] => [run(text)]

/** Bakgrund: the project's facts as they stood on the report's date. */
export async function projectFacts(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [row, summary] = await Promise.all([findProjectRow(db, projectId), findSummary(db, projectId)])
  if (!row || !summary) return []
  const [leaders, subProjects, owner] = await Promise.all([
    leaderLines(db, projectId, asOf),
    listSubProjectsOf(db, projectId),
    ownerWithParents(db, row.owner_organisation_id, summary.ownerOrganisation.name),
  ])
  const items: [string, string | TextRun[]][] = [
    ['Uppdragsgivare', row.client || '–'],
    ['Projektägare', owner],
  ]
  if (summary.parent) items.push(['Huvudprojekt', summary.parent.name])
  if (summary.programme) items.push(['Program och finansiering', summary.programme.name])
  if (row.code) items.push(['Diarienummer', row.code])
  items.push(
    ['Planerad projektperiod', period(row.planned_start, row.planned_end)],
    ['Faktiskt slut', endFact(row.planned_end, row.actual_end)],
    ['Status', statusLabels[row.status as LifecycleStatus] ?? row.status],
    ['Projektledare', leaders.length > 0 ? leaders.join('\n') : '–'],
  )
  if (subProjects.length > 0) {
    items.push([
      'Delprojekt',
      subProjects.map((s) => `${s.name} (${period(s.plannedStart, s.actualEnd ?? s.plannedEnd)})`).join('\n'),
    ])
  }
  if (row.purpose) items.push(['Syfte', textValue(row.purpose)])
  if (row.target_group) items.push(['Målgrupp', textValue(row.target_group)])
  if (row.background) items.push(['Bakgrund enligt projektbeskrivningen', textValue(row.background)])
  return [facts(items)]
}

const roleLabels: Record<string, string> = { leader: 'Projektledare', member: 'Projektmedarbetare' }

/** Organisation: owner, client, leaders over time (also of sub-projects) and the project's members. */
export async function projectOrganisation(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const [row, summary] = await Promise.all([findProjectRow(db, projectId), findSummary(db, projectId)])
  if (!row || !summary) return []
  const subProjects = await listSubProjectsOf(db, projectId)
  const parts = [
    { id: projectId, name: summary.name },
    ...subProjects.map((s) => ({ id: s.id, name: s.name })),
  ]
  const leaderRows: string[][] = []
  const memberRows: string[][] = []
  for (const part of parts) {
    const [leaders, members] = await Promise.all([listLeaders(db, part.id), listMembers(db, part.id)])
    for (const l of leaders.filter((x) => x.from_date <= asOf)) {
      leaderRows.push([l.name, part.name, l.from_date, l.to_date && l.to_date <= asOf ? l.to_date : '–'])
    }
    for (const m of members.items) memberRows.push([m.user.name, part.name, roleLabels[m.role] ?? m.role])
  }
  const blocks: DocumentBlock[] = [
    facts([
      ['Projektägare', await ownerWithParents(db, row.owner_organisation_id, summary.ownerOrganisation.name)],
      ['Uppdragsgivare', row.client || '–'],
    ]),
    heading(3, 'Projektledare över tid'),
  ]
  blocks.push(
    leaderRows.length > 0
      ? table({
          columns: [
            { title: 'Namn', width: 30 },
            { title: 'Projekt eller delprojekt', width: 40 },
            { title: 'Från', width: 15 },
            { title: 'Till', width: 15 },
          ],
          rows: leaderRows,
        })
      : facts([['Projektledare', 'Ingen projektledare är registrerad.']]),
  )
  if (memberRows.length > 0) {
    blocks.push(
      heading(3, 'Projektgrupp i Lägesbild'),
      table({
        columns: [
          { title: 'Namn', width: 35 },
          { title: 'Projekt eller delprojekt', width: 40 },
          { title: 'Roll', width: 25 },
        ],
        rows: memberRows,
      }),
    )
  }
  return blocks
}

registerReportSection('project_facts', projectFacts)
registerReportSection('organisation', projectOrganisation)
