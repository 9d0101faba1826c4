import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What indicators keep about staff, for the register extract: the measurements they entered,
 * by indicator and period. The account is referred to by id, so erasure needs nothing here.
 */

registerPersonalDataSource({
  key: 'indicator_measurements',
  title: { sv: 'Inmatade mätvärden', en: 'Measurements entered' },
  columns: ['indicator_measurement.entered_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    return db
      .selectFrom('indicator_measurement as m')
      .innerJoin('indicator as i', 'i.id', 'm.indicator_id')
      .innerJoin('project as p', 'p.id', 'i.project_id')
      .where('m.entered_by', 'in', subject.userIds)
      .select(['p.name as project', 'i.name as indicator', 'm.period', 'm.updated_at'])
      .orderBy('p.name')
      .orderBy('m.period_start')
      .execute()
  },
})
