import {
  type DocumentBlock,
  type DocumentModel,
  facts,
  heading,
  note,
  paragraph,
} from '@lagesbild/shared/domain/document-model'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { decisionKindLabels, listDecisions } from './decisions.ts'
import { getMeeting } from './meetings.ts'

type Db = Kysely<Database>

/**
 * Protokollsutdrag: the meeting (group, date, place, attendance) and the decisions taken at it, §
 * by §, as a document model, so the print view, Word and PDF are the same text. Only decisions the
 * caller may see in the register are extracted. Swedish, like the minutes it is extracted from.
 */
export async function meetingExtract(
  db: Db,
  user: AuthUser,
  meetingId: string,
): Promise<{ model: DocumentModel; fileName: string }> {
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
  const groupLabel = group.kind === 'management_group' ? 'Ledningsgrupp' : 'Styrgrupp'

  const decisionBlocks: DocumentBlock[] = taken.flatMap((d): DocumentBlock[] => {
    const kind = decisionKindLabels[d.kind]
    const rows: [string, string][] = []
    if (d.project) rows.push(['Ärende', d.project.name])
    if (d.diaryNumber) rows.push(['Diarienummer', d.diaryNumber])
    if (d.outcome) rows.push(['Utfall', d.outcome === 'approved' ? 'Bifall' : 'Avslag'])
    rows.push(['Beslutat av', d.decidedBy])
    const earlier = d.supersedesId ? paragraphOf.get(d.supersedesId) : undefined
    return [
      heading(2, d.paragraph ? `§ ${d.paragraph} ${kind}` : kind),
      facts(rows),
      paragraph(d.text),
      ...(d.supersedesId
        ? [
            note(
              'info',
              earlier
                ? `Beslutet ersätter beslut ${earlier.paragraph ? `§ ${earlier.paragraph} ` : ''}den ${earlier.date}.`
                : 'Beslutet ersätter ett tidigare beslut.',
            ),
          ]
        : []),
      ...(d.supersededBy.length > 0
        ? [note('info', 'Beslutet har senare ersatts av ett nytt beslut; båda finns kvar i registret.')]
        : []),
    ]
  })

  const model: DocumentModel = {
    language: 'sv',
    cover: {
      title: 'Protokollsutdrag',
      subject: `${meeting.steeringGroup.name}, sammanträde ${meeting.date}`,
      code: null,
      period: null,
      date: meeting.date,
      organisation: group.owner_name,
    },
    tableOfContents: false,
    sections: [
      {
        key: 'meeting',
        heading: 'Sammanträde',
        blocks: [
          facts([
            [groupLabel, meeting.steeringGroup.name],
            ['Datum', meeting.date],
            ...(meeting.place ? ([['Plats', meeting.place]] as [string, string][]) : []),
            ['Närvarande', meeting.attendees.map((a) => a.name).join(', ') || 'Ej antecknat'],
          ]),
        ],
      },
      {
        key: 'decisions',
        heading: 'Beslut',
        blocks:
          decisionBlocks.length > 0
            ? decisionBlocks
            : [paragraph('Inga beslut är registrerade från sammanträdet.')],
      },
      {
        key: 'attestation',
        heading: 'Justering',
        blocks: [paragraph('Rätt utdraget intygar'), paragraph('\n\n………………………………………………\nNamnförtydligande')],
      },
    ],
  }
  return { model, fileName: `Protokollsutdrag ${meeting.steeringGroup.name} ${meeting.date}` }
}
