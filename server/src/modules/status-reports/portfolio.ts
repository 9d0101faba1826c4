import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import {
  type DocumentBlock,
  type DocumentModel,
  type DocumentSection,
  facts,
  heading,
  note,
  paragraph,
  table,
} from '@lagesbild/shared/domain/document-model'
import { formatQuantity, formatShare, progressLabels } from '@lagesbild/shared/domain/indicator-format'
import type { IndicatorUnit } from '@lagesbild/shared/domain/indicator-progress'
import type { Light } from '@lagesbild/shared/domain/traffic-light'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { notFound } from '../../plugins/problem.ts'
import { indicatorRollup } from '../indicators/rollup.ts'
import { findProgramme } from '../programmes/queries.ts'
import { projectVisibleTo } from '../projects/access.ts'
import { readSnapshot } from './facts.ts'

const lightWords: Record<Light, string> = { green: 'Grön', yellow: 'Gul', red: 'Röd' }
const aspects = [
  ['schedule_light', 'Tidplan'],
  ['budget_light', 'Budget'],
  ['goals_light', 'Mål'],
  ['risks_light', 'Risker'],
  ['overall_light', 'Helhet'],
] as const

const word = (light: string | null) => (light ? (lightWords[light as Light] ?? light) : '–')

function level(unit: IndicatorUnit, value: number | null) {
  if (value === null) return '–'
  if (unit === 'percentage') return formatShare(value, 'sv')
  return formatQuantity(unit, { value, numerator: null, denominator: null }, 'sv')
}

/** Each visible project's latest submitted report that no correction replaced. */
async function latestReports(db: Kysely<Database>, user: AuthUser, programmeId: string) {
  const projects = await db
    .selectFrom('project')
    .where('project.programme_id', '=', programmeId)
    .where(projectVisibleTo(user))
    .select(['project.id', 'project.name'])
    .orderBy('project.name')
    .execute()
  if (projects.length === 0) return []
  const reports = await db
    .selectFrom('status_report as r')
    .where(
      'r.project_id',
      'in',
      projects.map((p) => p.id),
    )
    .where('r.status', '=', 'submitted')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('status_report as c').whereRef('c.supersedes_id', '=', 'r.id').select('c.id'))),
    )
    .selectAll('r')
    .orderBy('r.period_start', 'desc')
    .orderBy('r.submitted_at', 'desc')
    .execute()
  return projects.map((project) => ({
    project,
    report: reports.find((r) => r.project_id === project.id) ?? null,
  }))
}

/**
 * The committee's status report of a programme (like Stockholm's lägesrapport to the social
 * committee): a summary of every pilot's lights, the shared indicators summed over the pilots,
 * and each pilot's latest report with the facts it froze. Built on the shared document pipeline.
 */
export async function programmeStatusDocument(
  db: Kysely<Database>,
  user: AuthUser,
  programmeId: string,
  today = todayInSweden(),
): Promise<{ model: DocumentModel; fileName: string }> {
  const programme = await findProgramme(db, user, programmeId)
  if (!programme) throw notFound()
  const entries = await latestReports(db, user, programmeId)
  const rollup = await indicatorRollup(db, user, programmeId)

  const summary: DocumentSection = {
    key: 'summary',
    heading: 'Sammanfattning',
    blocks:
      entries.length === 0
        ? [note('info', 'Programmet har inga projekt som du kan se.')]
        : [
            table({
              columns: [
                { title: 'Projekt', width: 34 },
                { title: 'Period', width: 11 },
                ...aspects.map(([, label]) => ({ title: label, width: 11 })),
              ],
              rows: entries.map(({ project, report }) => [
                project.name,
                report?.period ?? 'Ingen rapport',
                ...aspects.map(([column]) => word(report ? report[column] : null)),
              ]),
            }),
          ],
  }

  const shared: DocumentSection = {
    key: 'indicators',
    heading: 'Gemensamma indikatorer',
    blocks:
      rollup.indicators.length === 0
        ? [note('info', 'Programmets projekt har inga gemensamma indikatorer.')]
        : [
            table({
              columns: [
                { title: 'Indikator', width: 40 },
                { title: 'Senaste period', width: 15 },
                { title: 'Totalt', width: 30, align: 'right' },
                { title: 'Projekt', width: 15, align: 'right' },
              ],
              rows: rollup.indicators.map((indicator) => {
                const last = indicator.total.at(-1)
                return [
                  indicator.name,
                  last?.period ?? '–',
                  last ? formatQuantity(indicator.unit, last, 'sv') : '–',
                  last ? String(last.projects) : '0',
                ]
              }),
            }),
            note('info', 'Andelar är summan av täljarna delad med summan av nämnarna över projekten.'),
          ],
  }

  const perProject: DocumentSection[] = entries.map(({ project, report }) => {
    if (!report)
      return {
        key: `p-${project.id}`,
        heading: project.name,
        blocks: [note('info', 'Ingen inskickad lägesrapport.')],
      }
    const snapshot = readSnapshot(report.snapshot)
    const blocks: DocumentBlock[] = [
      facts([
        ['Period', report.period],
        ['Fakta per', snapshot.facts.asOf],
        ...aspects.map(([column, label]): [string, string] => [label, word(report[column])]),
      ]),
    ]
    if (snapshot.facts.indicators.length > 0) {
      blocks.push(
        table({
          columns: ['Indikator', 'Utfall', 'Målvärde', 'Bedömning'],
          rows: snapshot.facts.indicators.map((i) => [
            `${i.name}${i.latestPeriod ? ` (${i.latestPeriod})` : ''}`,
            level(i.unit, i.latest),
            level(i.unit, i.target),
            progressLabels[i.status].sv,
          ]),
        }),
      )
    }
    const narrative: [string, string][] = [
      ['Vad har hänt', report.progress],
      ['Problem', report.problems],
      ['Nästa steg', report.next_steps],
      ['Beslut som behövs', report.decisions_needed],
    ]
    for (const [label, text] of narrative) {
      if (text.trim()) blocks.push(heading(3, label), paragraph(text))
    }
    return { key: `p-${project.id}`, heading: project.name, blocks }
  })

  return {
    model: {
      language: 'sv',
      cover: {
        title: 'Lägesrapport',
        subject: programme.name,
        code: null,
        period: null,
        date: today,
        organisation: programme.ownerOrganisation.name,
      },
      tableOfContents: entries.length > 3,
      sections: [summary, shared, ...perProject],
    },
    fileName: `Lägesrapport ${programme.name} ${today}`,
  }
}
