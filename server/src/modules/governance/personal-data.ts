import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What governance keeps about staff, for the register extract. Everything refers to the person or
 * account by id, so erasure needs nothing here: the rows then read as the pseudonym. The decision
 * register copies no names of deciders (decided_by names the group); a name written into a
 * decision's text stays, as the decision itself is an immutable public record.
 */

registerPersonalDataSource({
  key: 'steering_group_membership',
  title: { sv: 'Styrgruppsuppdrag', en: 'Steering-group memberships' },
  columns: ['steering_group_member.person_id'],
  async collect(db, subject) {
    if (!subject.personId) return []
    return db
      .selectFrom('steering_group_member as m')
      .innerJoin('steering_group as g', 'g.id', 'm.steering_group_id')
      .where('m.person_id', '=', subject.personId)
      .select(['g.name as group', 'm.role', 'm.from_date as from', 'm.to_date as to'])
      .orderBy('m.from_date')
      .execute()
  },
})

registerPersonalDataSource({
  key: 'meeting_attendance',
  title: { sv: 'Närvaro vid styrgruppsmöten', en: 'Attendance at steering-group meetings' },
  columns: ['meeting_attendee.person_id'],
  async collect(db, subject) {
    if (!subject.personId) return []
    return db
      .selectFrom('meeting_attendee as a')
      .innerJoin('meeting as m', 'm.id', 'a.meeting_id')
      .innerJoin('steering_group as g', 'g.id', 'm.steering_group_id')
      .where('a.person_id', '=', subject.personId)
      .select(['g.name as group', 'm.meeting_date as date'])
      .orderBy('m.meeting_date')
      .execute()
  },
})

registerPersonalDataSource({
  key: 'approval_requests',
  title: { sv: 'Begäranden om beslut och beslut', en: 'Approval requests and decisions' },
  columns: ['approval_request.requested_by', 'approval_request.decided_by', 'decision.recorded_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    const requests = await db
      .selectFrom('approval_request as r')
      .innerJoin('project as p', 'p.id', 'r.project_id')
      .where((eb) =>
        eb.or([eb('r.requested_by', 'in', subject.userIds), eb('r.decided_by', 'in', subject.userIds)]),
      )
      .select(['p.name as project', 'r.kind', 'r.summary', 'r.status', 'r.requested_at', 'r.decided_at'])
      .orderBy('r.requested_at')
      .execute()
    const decisions = await db
      .selectFrom('decision as d')
      .leftJoin('project as p', 'p.id', 'd.project_id')
      .where('d.recorded_by', 'in', subject.userIds)
      .select(['p.name as project', 'd.kind', 'd.decided_on', 'd.paragraph'])
      .orderBy('d.decided_on')
      .execute()
    return [
      ...requests.map((r) => ({ type: 'request', ...r })),
      ...decisions.map((d) => ({ type: 'decision_recorded', ...d })),
    ]
  },
})
