import type { Meeting, MeetingCreate, MeetingPatch } from '@lagesbild/shared/api/governance'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuid } from 'uuid'
import type { Database } from '../../db/schema.ts'
import type { AuthUser } from '../../plugins/auth.ts'
import { invalidField, notFound, staleVersion } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { requireGroup } from './groups.ts'

type Db = Kysely<Database>
type MeetingT = Static<typeof Meeting>

async function setAttendees(trx: Db, meetingId: string, personIds: readonly string[]) {
  const unique = [...new Set(personIds)]
  if (unique.length) {
    const found = await trx.selectFrom('person').where('id', 'in', unique).select('id').execute()
    if (found.length !== unique.length) {
      throw invalidField('attendeeIds', 'unknown_person', {
        sv: 'En av deltagarna finns inte i personregistret.',
        en: 'One of the attendees is not in the register of people.',
      })
    }
  }
  await trx.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).execute()
  if (unique.length) {
    await trx
      .insertInto('meeting_attendee')
      .values(unique.map((person_id) => ({ meeting_id: meetingId, person_id })))
      .execute()
  }
}

/** The meeting, if the user may see its group; 404 otherwise. */
async function requireMeeting(db: Db, user: AuthUser, meetingId: string, manage: boolean, lock = false) {
  let query = db.selectFrom('meeting').where('id', '=', meetingId).selectAll()
  if (lock) query = query.forUpdate()
  const meeting = await query.executeTakeFirst()
  if (!meeting) throw notFound()
  const group = await requireGroup(db, user, meeting.steering_group_id, manage)
  return { meeting, group }
}

export async function getMeeting(db: Db, user: AuthUser, meetingId: string): Promise<MeetingT> {
  const { meeting, group } = await requireMeeting(db, user, meetingId, false)
  const attendees = await db
    .selectFrom('meeting_attendee as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .where('a.meeting_id', '=', meetingId)
    .select(['p.id', 'p.name'])
    .orderBy('p.name')
    .execute()
  return {
    id: meeting.id,
    steeringGroup: { id: group.id, name: group.name },
    date: meeting.meeting_date,
    place: meeting.place,
    agenda: meeting.agenda,
    attendees,
    minutes: meeting.minutes,
    canManage: group.can_manage,
    version: meeting.version,
  }
}

export async function createMeeting(
  db: Db,
  user: AuthUser,
  groupId: string,
  input: Static<typeof MeetingCreate>,
) {
  const id = uuid()
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, user, groupId, true)
    await trx
      .insertInto('meeting')
      .values({
        id,
        steering_group_id: groupId,
        meeting_date: input.date,
        place: input.place?.trim() ?? '',
        agenda: JSON.stringify(input.agenda ?? []),
        minutes: input.minutes ?? '',
      })
      .execute()
    await setAttendees(trx, id, input.attendeeIds ?? [])
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'meeting',
      entityId: id,
      action: 'create',
      after: input,
    })
  })
  return getMeeting(db, user, id)
}

export async function updateMeeting(
  db: Db,
  user: AuthUser,
  meetingId: string,
  input: Static<typeof MeetingPatch>,
) {
  await db.transaction().execute(async (trx) => {
    const { meeting } = await requireMeeting(trx, user, meetingId, true, true)
    if (meeting.version !== input.version) throw staleVersion(await getMeeting(trx, user, meetingId))
    await trx
      .updateTable('meeting')
      .set({
        ...(input.date !== undefined ? { meeting_date: input.date } : {}),
        ...(input.place !== undefined ? { place: input.place.trim() } : {}),
        ...(input.agenda !== undefined ? { agenda: JSON.stringify(input.agenda) } : {}),
        ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
        version: meeting.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', meetingId)
      .execute()
    if (input.attendeeIds) await setAttendees(trx, meetingId, input.attendeeIds)
    await recordAudit(trx, {
      actorId: user.id,
      entity: 'meeting',
      entityId: meetingId,
      action: 'update',
      before: { date: meeting.meeting_date, place: meeting.place, agenda: meeting.agenda },
      after: input,
    })
  })
  return getMeeting(db, user, meetingId)
}
