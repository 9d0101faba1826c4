import {
  type DocumentBlock,
  type DocumentModel,
  facts,
  heading,
  note,
  paragraph,
} from '@lagesbild/shared/domain/document-model'
import type { Language } from '@lagesbild/shared/http/language'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { decisionKindNames, listDecisions } from './decisions.ts'
import { getMeeting } from './meetings.ts'

type Db = Kysely<Database>

/** The words of the extract around what the register holds; the decisions' own text stays as recorded. */
const words = {
  sv: {
    title: 'Protokollsutdrag',
    subject: (group: string, date: string) => `${group}, sammanträde ${date}`,
    meeting: 'Sammanträde',
    steeringGroup: 'Styrgrupp',
    managementGroup: 'Ledningsgrupp',
    date: 'Datum',
    place: 'Plats',
    present: 'Närvarande',
    notRecorded: 'Ej antecknat',
    decisions: 'Beslut',
    matter: 'Ärende',
    diaryNumber: 'Diarienummer',
    outcome: 'Utfall',
    approved: 'Bifall',
    rejected: 'Avslag',
    decidedBy: 'Beslutat av',
    supersedes: (paragraph: string | null, date: string) =>
      `Beslutet ersätter beslut ${paragraph ? `§ ${paragraph} ` : ''}den ${date}.`,
    supersedesUnknown: 'Beslutet ersätter ett tidigare beslut.',
    supersededBy: 'Beslutet har senare ersatts av ett nytt beslut; båda finns kvar i registret.',
    none: 'Inga beslut är registrerade från sammanträdet.',
    attestation: 'Justering',
    attested: 'Rätt utdraget intygar',
    signature: 'Namnförtydligande',
    fileName: (group: string, date: string) => `Protokollsutdrag ${group} ${date}`,
  },
  en: {
    title: 'Extract from the minutes',
    subject: (group: string, date: string) => `${group}, meeting of ${date}`,
    meeting: 'Meeting',
    steeringGroup: 'Steering group',
    managementGroup: 'Management group',
    date: 'Date',
    place: 'Place',
    present: 'Present',
    notRecorded: 'Not recorded',
    decisions: 'Decisions',
    matter: 'Matter',
    diaryNumber: 'Reference number',
    outcome: 'Outcome',
    approved: 'Approved',
    rejected: 'Rejected',
    decidedBy: 'Decided by',
    supersedes: (paragraph: string | null, date: string) =>
      `This decision supersedes decision ${paragraph ? `§ ${paragraph} ` : ''}of ${date}.`,
    supersedesUnknown: 'This decision supersedes an earlier decision.',
    supersededBy: 'This decision was later superseded by a new decision; both remain in the register.',
    none: 'No decisions are recorded from the meeting.',
    attestation: 'Attestation',
    attested: 'Certified a true extract',
    signature: 'Name in block letters',
    fileName: (group: string, date: string) => `Protocol extract ${group} ${date}`,
  },
} satisfies Record<Language, unknown>

/**
 * Protokollsutdrag: the meeting (group, date, place, attendance) and the decisions taken at it, §
 * by §, as a document model, so the print view, Word and PDF are the same text. Only decisions the
 * caller may see in the register are extracted. In the language asked for (Swedish unless English);
 * the decisions' own text stays as it was recorded.
 */
export async function meetingExtract(
  db: Db,
  user: AuthUser,
  meetingId: string,
  language: Language = 'sv',
): Promise<{ model: DocumentModel; fileName: string }> {
  const w = words[language]
  const meeting = await getMeeting(db, user, meetingId)
  const [group, register] = await Promise.all([
    db
      .selectFrom('steering_group as g')
      .innerJoin('organisation as o', 'o.id', 'g.owner_organisation_id')
      .where('g.id', '=', meeting.steeringGroup.id)
      .select(['g.kind', 'o.name as owner_name'])
      .executeTakeFirstOrThrow(),
    listDecisions(db, user, { steeringGroupId: meeting.steeringGroup.id }),
  ])
  const taken = register.items.filter((d) => d.meeting?.id === meeting.id)
  const paragraphOf = new Map(register.items.map((d) => [d.id, d]))
  const groupLabel = group.kind === 'management_group' ? w.managementGroup : w.steeringGroup

  const decisionBlocks: DocumentBlock[] = taken.flatMap((d): DocumentBlock[] => {
    const kind = decisionKindNames[language][d.kind]
    const rows: [string, string][] = []
    if (d.project) rows.push([w.matter, d.project.name])
    if (d.diaryNumber) rows.push([w.diaryNumber, d.diaryNumber])
    if (d.outcome) rows.push([w.outcome, d.outcome === 'approved' ? w.approved : w.rejected])
    rows.push([w.decidedBy, d.decidedBy])
    const earlier = d.supersedesId ? paragraphOf.get(d.supersedesId) : undefined
    return [
      heading(2, d.paragraph ? `§ ${d.paragraph} ${kind}` : kind),
      facts(rows),
      paragraph(d.text),
      ...(d.supersedesId
        ? [note('info', earlier ? w.supersedes(earlier.paragraph, earlier.date) : w.supersedesUnknown)]
        : []),
      ...(d.supersededBy.length > 0 ? [note('info', w.supersededBy)] : []),
    ]
  })

  const model: DocumentModel = {
    language,
    cover: {
      title: w.title,
      subject: w.subject(meeting.steeringGroup.name, meeting.date),
      code: null,
      period: null,
      date: meeting.date,
      organisation: group.owner_name,
    },
    tableOfContents: false,
    sections: [
      {
        key: 'meeting',
        heading: w.meeting,
        blocks: [
          facts([
            [groupLabel, meeting.steeringGroup.name],
            [w.date, meeting.date],
            ...(meeting.place ? ([[w.place, meeting.place]] as [string, string][]) : []),
            [w.present, meeting.attendees.map((a) => a.name).join(', ') || w.notRecorded],
          ]),
        ],
      },
      {
        key: 'decisions',
        heading: w.decisions,
        blocks: decisionBlocks.length > 0 ? decisionBlocks : [paragraph(w.none)],
      },
      {
        key: 'attestation',
        heading: w.attestation,
        blocks: [paragraph(w.attested), paragraph(`\n\n………………………………………………\n${w.signature}`)],
      },
    ],
  }
  return { model, fileName: w.fileName(meeting.steeringGroup.name, meeting.date) }
}
