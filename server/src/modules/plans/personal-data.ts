import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What project plans keep about staff, for the register extract: the staffing rows that are the
 * person, and the baselines they saved. A staffing row copies the name as text, so erasure puts the
 * pseudonym there; the baseline refers to the account by id and reads as the pseudonym.
 */

registerPersonalDataSource({
  key: 'staffing',
  title: { sv: 'Bemanning i projekt', en: 'Project staffing' },
  columns: ['staffing.person_id'],
  async collect(db, subject) {
    if (!subject.personId) return []
    return db
      .selectFrom('staffing as s')
      .innerJoin('project as p', 'p.id', 's.project_id')
      .where('s.person_id', '=', subject.personId)
      .select([
        'p.name as project',
        's.name',
        's.role',
        's.time_share_percent',
        's.period_start_from',
        's.period_end_to',
        's.agreement',
      ])
      .orderBy('p.name')
      .orderBy('s.position')
      .execute()
  },
  async erase(trx, subject, pseudonym) {
    if (!subject.personId) return
    await trx
      .updateTable('staffing')
      .set((eb) => ({ name: pseudonym, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('person_id', '=', subject.personId)
      .execute()
  },
})

registerPersonalDataSource({
  key: 'baselines',
  title: { sv: 'Sparade baslinjer', en: 'Baselines saved' },
  columns: ['baseline.created_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    return db
      .selectFrom('baseline as b')
      .innerJoin('project as p', 'p.id', 'b.project_id')
      .where('b.created_by', 'in', subject.userIds)
      .select(['p.name as project', 'b.revision', 'b.label', 'b.kind', 'b.created_at'])
      .orderBy('b.created_at')
      .execute()
  },
})
