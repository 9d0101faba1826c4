import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type DocumentBlock, facts, heading, note, table } from '@lagesbild/shared/domain/document-model'
import type { MemberRole } from '@lagesbild/shared/domain/governance'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { registerReportSection } from '../reports/section-registry.ts'
import { projectCourse } from './course.ts'

type Db = Kysely<Database>

const reportedKinds = new Set(['decision', 'baseline', 'leader', 'owner'])

/** Projektförlopp: decisions, plan revisions, leader and owner changes up to the report's date, in order. */
export async function courseSection(db: Db, projectId: string, asOf: CalendarDate): Promise<DocumentBlock[]> {
  const { items } = await projectCourse(db, projectId)
  const rows = items
    .filter((e) => reportedKinds.has(e.kind) && e.date <= asOf)
    .map((e) => [e.date, e.title, e.detail])
  if (rows.length === 0) {
    return [note('info', 'Inga beslut, planrevisioner eller byten av ledare eller ägare är registrerade.')]
  }
  return [
    table({
      columns: [
        { title: 'Datum', width: 14 },
        { title: 'Händelse', width: 30 },
        { title: 'Beskrivning', width: 56 },
      ],
      rows,
    }),
  ]
}

const roleNames: Record<MemberRole, string> = {
  chair: 'Ordförande',
  member: 'Ledamot',
  secretary: 'Sekreterare',
  co_opted: 'Adjungerad',
}

/** Organisation: every steering group of the project and its sub-projects, with members over time. */
export async function steeringGroupsSection(
  db: Db,
  projectId: string,
  asOf: CalendarDate,
): Promise<DocumentBlock[]> {
  const groups = await db
    .selectFrom('steering_group_project as sp')
    .innerJoin('steering_group as g', 'g.id', 'sp.steering_group_id')
    .innerJoin('project as p', 'p.id', 'sp.project_id')
    .where((eb) => eb.or([eb('p.id', '=', projectId), eb('p.parent_id', '=', projectId)]))
    .select(['g.id', 'g.name', 'p.name as project_name', 'p.id as project_id'])
    .orderBy(({ eb }) => eb('p.id', '=', projectId), 'desc')
    .orderBy('g.name')
    .execute()
  if (groups.length === 0) return []
  const blocks: DocumentBlock[] = []
  for (const group of groups) {
    const [organisations, members] = await Promise.all([
      db
        .selectFrom('steering_group_organisation as so')
        .innerJoin('organisation as o', 'o.id', 'so.organisation_id')
        .where('so.steering_group_id', '=', group.id)
        .select('o.name')
        .orderBy('o.name')
        .execute(),
      db
        .selectFrom('steering_group_member as m')
        .innerJoin('person as p', 'p.id', 'm.person_id')
        .where('m.steering_group_id', '=', group.id)
        .where('m.from_date', '<=', asOf)
        .select(['p.name', 'p.title', 'm.role', 'm.from_date', 'm.to_date'])
        .orderBy('m.from_date')
        .orderBy('p.name')
        .execute(),
    ])
    blocks.push(heading(3, `Styrgrupp: ${group.name}`))
    blocks.push(
      facts([
        ['Styr', group.project_id === projectId ? 'Projektet' : `Delprojektet ${group.project_name}`],
        ['Representerade organisationer', organisations.map((o) => o.name).join(', ') || '–'],
      ]),
    )
    blocks.push(
      members.length > 0
        ? table({
            columns: [
              { title: 'Namn', width: 30 },
              { title: 'Roll', width: 20 },
              { title: 'Från', width: 15 },
              { title: 'Till', width: 15 },
            ],
            rows: members.map((m) => [
              m.title ? `${m.name}, ${m.title}` : m.name,
              roleNames[m.role as MemberRole] ?? m.role,
              m.from_date,
              m.to_date && m.to_date <= asOf ? m.to_date : '–',
            ]),
          })
        : note('info', 'Inga ledamöter är registrerade.'),
    )
  }
  return blocks
}

registerReportSection('project_course', courseSection)
registerReportSection('steering_groups', steeringGroupsSection)
