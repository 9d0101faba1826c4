import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What status reporting keeps about staff, for the register extract: the reports they started or
 * submitted and their acknowledgements and comments on others' reports. Each row names the
 * project, period and date only; the report texts are the project's. Everything refers to the
 * account by id, so erasure needs nothing here: submitted reports stay frozen and read as the
 * pseudonym.
 */

registerPersonalDataSource({
  key: 'status_reports',
  title: { sv: 'Lägesrapporter', en: 'Status reports' },
  columns: ['status_report.created_by', 'status_report.submitted_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    const rows = await db
      .selectFrom('status_report as r')
      .innerJoin('project as p', 'p.id', 'r.project_id')
      .where((eb) =>
        eb.or([eb('r.created_by', 'in', subject.userIds), eb('r.submitted_by', 'in', subject.userIds)]),
      )
      .select(['p.name as project', 'r.period', 'r.status', 'r.created_at', 'r.submitted_at'])
      .select((eb) => [
        eb('r.created_by', 'in', subject.userIds).as('written'),
        eb('r.submitted_by', 'in', subject.userIds).as('submitted'),
      ])
      .orderBy('r.period_start')
      .orderBy('r.created_at')
      .execute()
    return rows.map(({ written, submitted, ...row }) => ({
      ...row,
      role: [...(written ? ['author'] : []), ...(submitted ? ['submitter'] : [])],
    }))
  },
})

registerPersonalDataSource({
  key: 'status_report_responses',
  title: {
    sv: 'Kvittenser och kommentarer på lägesrapporter',
    en: 'Acknowledgements and comments on status reports',
  },
  columns: ['status_report_acknowledgement.user_id', 'status_report_comment.user_id'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    const [acknowledgements, comments] = await Promise.all([
      db
        .selectFrom('status_report_acknowledgement as a')
        .innerJoin('status_report as r', 'r.id', 'a.report_id')
        .innerJoin('project as p', 'p.id', 'r.project_id')
        .where('a.user_id', 'in', subject.userIds)
        .select(['p.name as project', 'r.period', 'a.created_at'])
        .execute(),
      db
        .selectFrom('status_report_comment as c')
        .innerJoin('status_report as r', 'r.id', 'c.report_id')
        .innerJoin('project as p', 'p.id', 'r.project_id')
        .where('c.user_id', 'in', subject.userIds)
        .select(['p.name as project', 'r.period', 'c.created_at'])
        .execute(),
    ])
    return [
      ...acknowledgements.map((a) => ({ type: 'acknowledgement', ...a })),
      ...comments.map((c) => ({ type: 'comment', ...c })),
    ].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
  },
})
