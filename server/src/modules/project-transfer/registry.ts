import type { ProjectExportTable } from '@lagesbild/shared/api/project-export'

/**
 * Every table a project owns, in the order an import inserts them (a row's foreign keys point
 * to tables above it). A module that adds a project-owned table adds one line here; the test
 * beside this file fails for a table with a project_id, or a uuid column, that nobody classified.
 *
 * - `scope`: how the rows of one project are found — its own `project_id`, or a parent table's.
 * - `fresh`: columns that get a new id on import (the row's identity).
 * - `owned`: columns that hold the id of another row in the same document (remapped; a value
 *   that is in no row of the document is refused as a dangling reference). `decision.subject_id`
 *   is polymorphic; since ids are uuids, one id map serves every table.
 * - `external`: columns naming something of the installation (people, users, organisations,
 *   steering groups, templates). Kept when that row exists here, else `missing` decides.
 * - `cleared`: installation-bound columns that an import sets to null (see README of the module).
 * - `staged`: immutable rows whose children a trigger only accepts while the row is still open:
 *   the row is inserted with `columns`, then its `children`, then it is set to its real values.
 *
 * What an import decides, so that a document from another installation still imports:
 * people and users are matched by id; one who is not here leaves the column empty (an author,
 * a `created_by`), and a row that cannot exist without them (a project leader, a member, a
 * steering-group link) is left out and counted in the answer's `dropped`. Free-text names
 * (staffing's name, a decision's `decided_by`) travel as they are. A final report needs its
 * template version here, else the document is refused. The copy is a top-level project in the
 * organisation the caller chose, in its programme if that exists here; immutable rows
 * (decisions, submitted reports, frozen baselines, approved budgets) are inserted as they were.
 */
export type ExternalTable =
  | 'person'
  | 'app_user'
  | 'organisation'
  | 'steering_group'
  | 'meeting'
  | 'programme'
  | 'project'
  | 'report_template_version'

/** What an import does when an external row is not in this installation. */
export type Missing = 'null' | 'drop_row' | 'owner_organisation' | 'refuse'

export interface External {
  table: ExternalTable
  missing: Missing
}

export type OwnedTableName = ProjectExportTable

export interface OwnedTable {
  table: OwnedTableName
  scope: { column: 'project_id' } | { column: string; parent: OwnedTableName }
  fresh: readonly string[]
  owned: readonly string[]
  external: Readonly<Record<string, External>>
  cleared?: readonly string[]
  staged?: {
    when: (row: Row) => boolean
    columns: Readonly<Record<string, unknown>>
    children: readonly OwnedTableName[]
  }
  /** A last change to the row as its copy is inserted (after ids are mapped). */
  rewrite?: (row: Row) => Row
  /** Columns that order the rows of an export, so two exports read alike. */
  order: readonly string[]
}

export type Row = Record<string, unknown>

const own = { column: 'project_id' } as const
const via = (column: string, parent: OwnedTableName) => ({ column, parent })
const user = { table: 'app_user', missing: 'null' } as const satisfies External
const person = { table: 'person', missing: 'null' } as const satisfies External
const organisation = { table: 'organisation', missing: 'null' } as const satisfies External
const id = ['id'] as const

/** The project and its sub-projects (whose parent_id is the project, in the same document). */
export const projectProject: Omit<OwnedTable, 'table' | 'scope' | 'order'> = {
  fresh: id,
  owned: ['parent_id'],
  external: {
    programme_id: { table: 'programme', missing: 'null' },
    owner_organisation_id: { table: 'organisation', missing: 'owner_organisation' },
  },
}

export const ownedTables: readonly OwnedTable[] = [
  // projects
  {
    table: 'project_leader',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: { person_id: { table: 'person', missing: 'drop_row' } },
    order: ['from_date', 'person_id'],
  },
  {
    table: 'project_member',
    scope: own,
    fresh: [],
    owned: ['project_id'],
    external: { user_id: { table: 'app_user', missing: 'drop_row' } },
    order: ['user_id'],
  },
  // governance (decisions first: other modules' rows point at them)
  {
    table: 'steering_group_project',
    scope: own,
    fresh: [],
    owned: ['project_id'],
    external: { steering_group_id: { table: 'steering_group', missing: 'drop_row' } },
    order: ['steering_group_id'],
  },
  {
    table: 'decision',
    scope: own,
    fresh: id,
    owned: ['project_id', 'subject_id', 'supersedes_id'],
    external: {
      steering_group_id: { table: 'steering_group', missing: 'null' },
      meeting_id: { table: 'meeting', missing: 'null' },
      recorded_by: user,
    },
    order: ['decided_on', 'created_at', 'text'],
  },
  // plans
  {
    table: 'goal',
    scope: own,
    fresh: id,
    owned: ['project_id', 'parent_id'],
    external: {},
    order: ['kind', 'position'],
  },
  {
    table: 'activity',
    scope: own,
    fresh: id,
    owned: ['project_id', 'goal_id'],
    external: {},
    order: ['position', 'title'],
  },
  {
    table: 'milestone_approval',
    scope: via('activity_id', 'activity'),
    fresh: id,
    owned: ['activity_id', 'decision_id'],
    external: {},
    order: ['recorded_at'],
  },
  {
    table: 'baseline',
    scope: own,
    fresh: id,
    owned: ['project_id', 'decision_id'],
    external: { created_by: user },
    order: ['revision'],
  },
  {
    table: 'baseline_budget_line',
    scope: via('baseline_id', 'baseline'),
    fresh: id,
    // budget_version_id points at a version further down the document; ids are mapped up front.
    owned: ['baseline_id', 'budget_version_id', 'sub_project_id'],
    external: {},
    order: ['year', 'category', 'sub_project_name', 'amount_ore', 'comment'],
  },
  {
    table: 'staffing',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: { person_id: person, organisation_id: organisation },
    order: ['position', 'name'],
  },
  {
    table: 'risk',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: {},
    order: ['position', 'description'],
  },
  // finance
  {
    table: 'project_finance',
    scope: own,
    fresh: [],
    owned: ['project_id'],
    external: {},
    order: ['project_id'],
  },
  {
    table: 'funding_entry',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: { funder_organisation_id: organisation },
    order: ['year', 'funder_name'],
  },
  {
    table: 'budget_version',
    scope: own,
    fresh: id,
    owned: ['project_id', 'based_on_id', 'decision_id'],
    external: { created_by: user, proposed_by: user, decided_by: user },
    staged: {
      when: (row) => row.status === 'approved' || row.status === 'rejected',
      columns: { status: 'draft', approval_seq: null },
      children: ['budget_line'],
    },
    order: ['number'],
  },
  {
    table: 'budget_line',
    scope: via('budget_version_id', 'budget_version'),
    fresh: id,
    owned: ['budget_version_id', 'sub_project_id'],
    external: {},
    order: ['year', 'category', 'amount_ore', 'comment'],
  },
  {
    table: 'in_kind_contribution',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: {},
    order: ['year', 'contributor', 'created_at'],
  },
  {
    table: 'finance_forecast',
    scope: own,
    fresh: [],
    owned: ['project_id'],
    external: {},
    order: ['year', 'category'],
  },
  {
    table: 'actual_cost',
    scope: own,
    fresh: id,
    owned: ['project_id'],
    external: { organisation_id: { table: 'organisation', missing: 'owner_organisation' }, created_by: user },
    // The accounting import a row came from belongs to the organisation's books, not to the copy
    // (a rollback of it must not remove the copy's rows, and its row keys are unique per
    // organisation): the copy's entries are kept as entered by hand.
    cleared: ['import_id', 'row_key'],
    rewrite: (row) => (row.source === 'import' ? { ...row, source: 'manual' } : row),
    order: ['entry_date', 'amount_ore', 'voucher', 'description', 'created_at'],
  },
  // indicators and status reports
  {
    table: 'indicator',
    scope: own,
    fresh: id,
    owned: ['project_id', 'goal_id'],
    external: {},
    order: ['position', 'name'],
  },
  {
    table: 'indicator_measurement',
    scope: via('indicator_id', 'indicator'),
    fresh: id,
    owned: ['indicator_id'],
    external: { entered_by: user },
    order: ['period_start', 'period'],
  },
  {
    table: 'status_report_schedule',
    scope: own,
    fresh: [],
    owned: ['project_id'],
    external: {},
    order: ['project_id'],
  },
  {
    table: 'status_report',
    scope: own,
    fresh: id,
    owned: ['project_id', 'supersedes_id'],
    external: { submitted_by: user, created_by: user },
    order: ['period_start', 'created_at'],
  },
  {
    table: 'status_report_acknowledgement',
    scope: via('report_id', 'status_report'),
    fresh: id,
    owned: ['report_id'],
    external: { user_id: user },
    order: ['created_at', 'comment'],
  },
  {
    table: 'status_report_comment',
    scope: via('report_id', 'status_report'),
    fresh: id,
    owned: ['report_id'],
    external: { user_id: user },
    order: ['created_at', 'body'],
  },
  // final reports
  {
    table: 'final_report',
    scope: own,
    fresh: id,
    owned: ['project_id', 'previous_id', 'addendum_to_id'],
    // The diarienummer registers the original report in its case; a copy is not that document
    // (and in the same installation would draw the number twice), so it arrives without one.
    cleared: ['diary_number'],
    external: {
      template_version_id: { table: 'report_template_version', missing: 'refuse' },
      submitted_by: user,
      created_by: user,
    },
    staged: {
      when: (row) => row.status === 'submitted',
      columns: { status: 'draft', snapshot: null, submitted_at: null },
      children: ['final_report_section'],
    },
    order: ['created_at', 'kind'],
  },
  {
    table: 'final_report_section',
    scope: via('report_id', 'final_report'),
    fresh: [],
    owned: ['report_id'],
    external: { updated_by: user },
    order: ['key'],
  },
  {
    table: 'final_report_outcome',
    scope: via('report_id', 'final_report'),
    fresh: [],
    owned: ['report_id', 'decision_id'],
    external: { recorded_by: user },
    order: ['decided_at'],
  },
  {
    table: 'approval_request',
    scope: own,
    fresh: id,
    owned: ['project_id', 'decision_id'],
    external: { requested_by: user, decided_by: user },
    order: ['requested_at', 'kind', 'summary'],
  },
]

/**
 * Tables with a project reference that are deliberately not part of a project's document:
 * the history (audit), and the organisation's accounting mapping (a finance code is unique per
 * organisation, so a copy of the project cannot carry the original's), and the cost roll-ups,
 * which an import derives from the copied cost entries.
 */
export const notExported: readonly string[] = ['audit_event', 'finance_code', 'cost_month', 'cost_year']

export const ownedTableNames = new Set<string>(ownedTables.map((t) => t.table))
