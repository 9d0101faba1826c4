import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * What finance keeps about staff, for the register extract: the budget versions they drafted,
 * proposed or decided, the cost files they imported or rolled back, and the cost entries they
 * made (counted per project, as an import adds thousands). Amounts and texts are the project's and
 * are not repeated. Everything refers to the account by id, so erasure needs nothing here.
 */

registerPersonalDataSource({
  key: 'budget_versions',
  title: { sv: 'Budgetversioner', en: 'Budget versions' },
  columns: ['budget_version.created_by', 'budget_version.proposed_by', 'budget_version.decided_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    const ids = subject.userIds
    const rows = await db
      .selectFrom('budget_version as b')
      .innerJoin('project as p', 'p.id', 'b.project_id')
      .where((eb) =>
        eb.or([eb('b.created_by', 'in', ids), eb('b.proposed_by', 'in', ids), eb('b.decided_by', 'in', ids)]),
      )
      .select((eb) => [
        'p.name as project',
        'b.number',
        'b.status',
        'b.created_at',
        'b.proposed_at',
        'b.decided_at',
        eb('b.created_by', 'in', ids).as('drafted'),
        eb('b.proposed_by', 'in', ids).as('proposed'),
        eb('b.decided_by', 'in', ids).as('decided'),
      ])
      .orderBy('b.created_at')
      .execute()
    return rows.map(({ drafted, proposed, decided, ...row }) => ({
      ...row,
      role: [
        ...(drafted ? ['author'] : []),
        ...(proposed ? ['proposer'] : []),
        ...(decided ? ['decider'] : []),
      ],
    }))
  },
})

registerPersonalDataSource({
  key: 'finance_imports',
  title: { sv: 'Importer av utfall', en: 'Cost imports' },
  columns: [
    'finance_import.created_by',
    'finance_import.committed_by',
    'finance_import_rollback.rolled_back_by',
  ],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    const ids = subject.userIds
    const [imports, rollbacks] = await Promise.all([
      db
        .selectFrom('finance_import as i')
        .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
        .where((eb) => eb.or([eb('i.created_by', 'in', ids), eb('i.committed_by', 'in', ids)]))
        .select(['o.name as organisation', 'i.file_name', 'i.status', 'i.created_at', 'i.committed_at'])
        .orderBy('i.created_at')
        .execute(),
      db
        .selectFrom('finance_import_rollback as r')
        .innerJoin('finance_import as i', 'i.id', 'r.import_id')
        .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
        .where('r.rolled_back_by', 'in', ids)
        .select(['o.name as organisation', 'i.file_name', 'r.rolled_back_at'])
        .orderBy('r.rolled_back_at')
        .execute(),
    ])
    return [
      ...imports.map((i) => ({ type: 'import', ...i })),
      ...rollbacks.map((r) => ({ type: 'rollback', ...r })),
    ]
  },
})

registerPersonalDataSource({
  key: 'actual_costs',
  title: { sv: 'Registrerade utfall', en: 'Costs entered' },
  columns: ['actual_cost.created_by'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    return db
      .selectFrom('actual_cost as c')
      .innerJoin('project as p', 'p.id', 'c.project_id')
      .where('c.created_by', 'in', subject.userIds)
      .groupBy(['p.id', 'p.name', 'c.source'])
      .select((eb) => [
        'p.name as project',
        'c.source',
        eb.fn.countAll<string>().as('entries'),
        eb.fn.min('c.created_at').as('first'),
        eb.fn.max('c.created_at').as('last'),
      ])
      .orderBy('p.name')
      .execute()
  },
})
