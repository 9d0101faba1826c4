import { sql } from 'kysely'
import { escapeLike, namesToReplace, replaceNames } from '../privacy/erase.ts'
import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What final reporting keeps about staff, for the register extract: the reports and addenda they
 * started, edited or submitted, the steering-group answers they recorded and the template versions
 * they published. Each row names the document, project and date only, never its text. Everything
 * refers to the account by id, so a submitted report stays frozen and reads as the pseudonym. The
 * authors line copies names as text: a draft's gets the pseudonym on erasure, while a submitted
 * report keeps it as written, as a decision's text does, being an immutable public record.
 */

registerPersonalDataSource({
  key: 'final_reports',
  title: { sv: 'Slutrapporter och tillägg', en: 'Final reports and addenda' },
  columns: [
    'final_report.created_by',
    'final_report.submitted_by',
    'final_report.authors',
    'final_report_section.updated_by',
    'final_report_outcome.recorded_by',
  ],
  async collect(db, subject) {
    const ids = subject.userIds
    // The authors line names people as text: a report naming the person is theirs too.
    const names = namesToReplace(
      [
        ...(subject.personId
          ? await db.selectFrom('person').where('id', '=', subject.personId).select('name').execute()
          : []),
        ...(ids.length > 0
          ? await db.selectFrom('app_user').where('id', 'in', ids).select('name').execute()
          : []),
      ].map((r) => r.name),
    )
    if (ids.length === 0 && names.length === 0) return []
    const byName = (authors: string) => names.some((n) => authors.toLowerCase().includes(n.toLowerCase()))
    const [reports, outcomes] = await Promise.all([
      db
        .selectFrom('final_report as r')
        .innerJoin('project as p', 'p.id', 'r.project_id')
        .where((eb) =>
          eb.or([
            ...names.map((n) => eb('r.authors', 'ilike', `%${escapeLike(n)}%`)),
            ...(ids.length > 0
              ? [
                  eb('r.created_by', 'in', ids),
                  eb('r.submitted_by', 'in', ids),
                  eb.exists(
                    eb
                      .selectFrom('final_report_section as s')
                      .whereRef('s.report_id', '=', 'r.id')
                      .where('s.updated_by', 'in', ids),
                  ),
                ]
              : []),
          ]),
        )
        .select([
          'p.name as project',
          'r.kind',
          'r.status',
          'r.report_date',
          'r.diary_number',
          'r.created_at',
          'r.submitted_at',
          'r.authors',
          'r.created_by',
          'r.submitted_by',
        ])
        .select((eb) =>
          (ids.length > 0
            ? eb
                .selectFrom('final_report_section as s')
                .whereRef('s.report_id', '=', 'r.id')
                .where('s.updated_by', 'in', ids)
                .select((s) => s.fn.max('s.updated_at').as('at'))
            : sql<Date | null>`null::timestamptz`
          ).as('edited_at'),
        )
        .orderBy('r.created_at')
        .execute(),
      ids.length > 0
        ? db
            .selectFrom('final_report_outcome as o')
            .innerJoin('final_report as r', 'r.id', 'o.report_id')
            .innerJoin('project as p', 'p.id', 'r.project_id')
            .where('o.recorded_by', 'in', ids)
            .select(['p.name as project', 'r.kind', 'r.diary_number', 'o.outcome', 'o.decided_at'])
            .orderBy('o.decided_at')
            .execute()
        : [],
    ])
    const mine = (id: string | null) => id !== null && ids.includes(id)
    return [
      // The authors line itself is not repeated: it names others too.
      ...reports.map(({ authors, created_by, submitted_by, edited_at, ...report }) => ({
        type: 'report',
        ...report,
        role: [
          ...(mine(created_by) ? ['author'] : []),
          ...(byName(authors) ? ['named_author'] : []),
          ...(edited_at ? ['editor'] : []),
          ...(mine(submitted_by) ? ['submitter'] : []),
        ],
        edited_at,
      })),
      ...outcomes.map((o) => ({ type: 'outcome_recorded', ...o })),
    ]
  },
  async erase(trx, _subject, pseudonym, names) {
    const wanted = namesToReplace(names)
    if (wanted.length === 0) return
    const drafts = await trx
      .selectFrom('final_report')
      .where('status', '=', 'draft')
      .where((eb) => eb.or(wanted.map((n) => eb('authors', 'ilike', `%${escapeLike(n)}%`))))
      .select(['id', 'authors'])
      .forUpdate()
      .execute()
    for (const draft of drafts) {
      await trx
        .updateTable('final_report')
        .set((eb) => ({
          authors: replaceNames(draft.authors, wanted, pseudonym),
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', draft.id)
        .execute()
    }
  },
})

registerPersonalDataSource({
  key: 'report_template_versions',
  title: { sv: 'Publicerade rapportmallar', en: 'Report templates published' },
  columns: ['report_template_version.created_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    return db
      .selectFrom('report_template_version as v')
      .where('v.created_by', 'in', subject.userIds)
      .select(['v.name as template', 'v.number', 'v.created_at'])
      .orderBy('v.created_at')
      .execute()
  },
})
