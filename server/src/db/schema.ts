import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A `date` column: always 'YYYY-MM-DD' text in and out (the drivers are told not to make Dates). */
export type DateColumn = string
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
/** jsonb: read as parsed JSON, written as a JSON string. */
export type Json<T = unknown> = ColumnType<T, string, string>
export type VersionColumn = ColumnType<number, number | undefined, number>

export interface AppSettingTable {
  key: string
  value: Json
}

export interface OrganisationTable {
  id: string
  parent_id: string | null
  name: string
  short_name: string | null
  kind: string
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface OrganisationClosureTable {
  ancestor_id: string
  descendant_id: string
  depth: number
}

export interface PersonTable {
  id: string
  organisation_id: string
  name: string
  title: string | null
  email: string | null
  erasure_id: ColumnType<string | null, string | null | undefined, string | null>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface AppUserTable {
  id: string
  email: string
  name: string
  organisation_id: string
  person_id: string | null
  password_hash: string | null
  active: ColumnType<boolean, boolean | undefined, boolean>
  erasure_id: ColumnType<string | null, string | null | undefined, string | null>
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface RoleGrantTable {
  user_id: string
  role: string
  organisation_id: string
}

export interface SessionTable {
  id_hash: string
  /** Public id, to list and revoke a session by; the key is the hash of the cookie token. */
  id: ColumnType<string, string | undefined, never>
  user_id: string
  csrf_token: string
  created_at: CreatedAt
  last_seen_at: UpdatedAt
  expires_at: ColumnType<Date, Date | string, Date | string>
  absolute_expires_at: ColumnType<Date, Date | string, never>
  auth_method: ColumnType<string, string | undefined, never>
  user_agent: ColumnType<string | null, string | null | undefined, never>
}

export interface LoginAttemptTable {
  id: Generated<number>
  key: string
  at: CreatedAt
}

export interface ProgrammeTable {
  id: string
  owner_organisation_id: string
  name: string
  description: ColumnType<string, string | undefined, string>
  period_start: DateColumn | null
  period_end: DateColumn | null
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ProjectTable {
  id: string
  parent_id: string | null
  programme_id: string | null
  owner_organisation_id: string
  name: string
  sort_key: Generated<string>
  code: string | null
  client: ColumnType<string, string | undefined, string>
  purpose: ColumnType<string, string | undefined, string>
  background: ColumnType<string, string | undefined, string>
  target_group: ColumnType<string, string | undefined, string>
  planned_start: DateColumn
  planned_end: DateColumn
  actual_end: DateColumn | null
  status: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ProjectLeaderTable {
  id: string
  project_id: string
  person_id: string
  from_date: DateColumn
  to_date: DateColumn | null
}

export interface ProjectMemberTable {
  project_id: string
  user_id: string
  role: string
  version: VersionColumn
}

export interface AuditEventTable {
  id: Generated<number>
  at: CreatedAt
  actor_id: string | null
  entity: string
  entity_id: string
  project_id: string | null
  action: string
  before: Json | null
  after: Json | null
}

export interface ReportTemplateTable {
  id: string
  organisation_id: string | null
  builtin_key: string | null
  name: string
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ReportTemplateVersionTable {
  id: string
  template_id: string
  number: number
  name: string
  sections: Json
  created_by: string | null
  created_at: CreatedAt
}

export interface FinalReportTable {
  id: string
  project_id: string
  template_version_id: string
  kind: string
  previous_id: string | null
  addendum_to_id: string | null
  status: ColumnType<string, string | undefined, string>
  report_date: DateColumn
  authors: ColumnType<string, string | undefined, string>
  snapshot: Json | null
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  submitted_by: string | null
  /** Set in the submitting update, never after (the row is immutable from then on). */
  diary_number: ColumnType<string | null, never, string | null>
  version: VersionColumn
  created_by: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface GoalTable {
  id: string
  project_id: string
  kind: string
  parent_id: string | null
  position: number
  title: string
  description: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface FinalReportSectionTable {
  report_id: string
  key: string
  content: Json
  frozen: ColumnType<boolean, boolean | undefined, boolean>
  version: VersionColumn
  updated_by: string | null
  updated_at: UpdatedAt
}

export interface FinalReportOutcomeTable {
  report_id: string
  outcome: string
  decision_id: string
  comment: ColumnType<string, string | undefined, never>
  decided_at: CreatedAt
  recorded_by: string | null
}

/** A date with a precision: `<x>_from`, `<x>_to`, `<x>_precision` (and, on activities, `<x>_note`). */
export interface ActivityTable {
  id: string
  project_id: string
  goal_id: string | null
  number: string | null
  position: number
  title: string
  description: ColumnType<string, string | undefined, string>
  responsible: ColumnType<string, string | undefined, string>
  status: ColumnType<string, string | undefined, string>
  milestone: ColumnType<boolean, boolean | undefined, boolean>
  deviation_explanation: ColumnType<string, string | undefined, string>
  planned_start_from: DateColumn | null
  planned_start_to: DateColumn | null
  planned_start_precision: string | null
  planned_start_note: string | null
  planned_end_from: DateColumn | null
  planned_end_to: DateColumn | null
  planned_end_precision: string | null
  planned_end_note: string | null
  actual_start_from: DateColumn | null
  actual_start_to: DateColumn | null
  actual_start_precision: string | null
  actual_start_note: string | null
  actual_end_from: DateColumn | null
  actual_end_to: DateColumn | null
  actual_end_precision: string | null
  actual_end_note: string | null
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface MilestoneApprovalTable {
  id: string
  activity_id: string
  decision_id: string
  recorded_at: CreatedAt
}

export interface BaselineTable {
  id: string
  project_id: string
  revision: number
  label: string
  revision_date: DateColumn
  kind: string
  decision_id: string | null
  snapshot: Json
  created_by: string | null
  created_at: CreatedAt
  /** Lines of budget it froze; null for a baseline taken before baselines froze the budget. */
  budget_line_count: Optional<number | null>
}

export interface BaselineBudgetLineTable {
  id: string
  baseline_id: string
  budget_version_id: string
  year: number
  category: string
  sub_project_id: string | null
  sub_project_name: string | null
  amount_ore: number
  comment: string
}

export interface StaffingTable {
  id: string
  project_id: string
  position: number
  name: string
  person_id: string | null
  role: ColumnType<string, string | undefined, string>
  organisation_id: string | null
  time_share_percent: number | null
  period_start_from: DateColumn | null
  period_start_to: DateColumn | null
  period_start_precision: string | null
  period_end_from: DateColumn | null
  period_end_to: DateColumn | null
  period_end_precision: string | null
  agreement: string | null
  comment: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface RiskTable {
  id: string
  project_id: string
  position: number
  description: string
  probability: number
  consequence: number
  mitigation: ColumnType<string, string | undefined, string>
  owner: ColumnType<string, string | undefined, string>
  status: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ErasureTable {
  id: string
  number: Generated<number>
  erased_at: CreatedAt
  erased_by: string | null
  value_digests: ColumnType<string[], string[], never>
}

export interface InvitationTable {
  id: string
  user_id: string
  token_hash: string
  purpose: string
  created_by: string | null
  created_at: CreatedAt
  expires_at: ColumnType<Date, Date | string, Date | string>
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface PrivacySettingTable {
  organisation_id: string
  personal_data_check: string
  version: VersionColumn
  updated_at: UpdatedAt
}

/** A column the database fills when an insert leaves it out. */
export type Optional<T> = ColumnType<T, T | undefined, T>

export interface FinanceSettingsTable {
  organisation_id: string
  categories: Json
  column_mapping: ColumnType<unknown, string | null | undefined, string | null>
  account_rules: ColumnType<unknown, string | undefined, string>
  version: VersionColumn
  updated_at: UpdatedAt
}

export interface ProjectFinanceTable {
  project_id: string
  deviation_threshold_bp: ColumnType<number, number | undefined, number>
  version: VersionColumn
  updated_at: UpdatedAt
}

export interface FundingEntryTable {
  id: string
  project_id: string
  funder_name: string
  funder_kind: string
  funder_organisation_id: Optional<string | null>
  year: number
  amount_ore: number
  status: Optional<string>
  decision_reference: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface BudgetVersionTable {
  id: string
  project_id: string
  number: number
  status: Optional<string>
  based_on_id: Optional<string | null>
  note: ColumnType<string, string | undefined, string>
  created_by: Optional<string | null>
  created_at: CreatedAt
  proposed_by: Optional<string | null>
  proposed_at: Optional<Date | null>
  decided_by: Optional<string | null>
  decided_at: Optional<Date | null>
  decision_id: Optional<string | null>
  approval_seq: Optional<number | null>
  version: VersionColumn
  updated_at: UpdatedAt
}

export interface BudgetLineTable {
  id: string
  budget_version_id: string
  year: number
  category: string
  sub_project_id: Optional<string | null>
  amount_ore: number
  comment: ColumnType<string, string | undefined, string>
}

export interface InKindContributionTable {
  id: string
  project_id: string
  contributor: string
  description: ColumnType<string, string | undefined, string>
  year: number
  unit: string
  quantity: number
  months: Optional<number | null>
  rate_ore: number
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface FinanceCodeTable {
  id: string
  organisation_id: string
  code: string
  project_id: string
  created_at: CreatedAt
}

export interface FinanceForecastTable {
  project_id: string
  year: number
  category: string
  amount_ore: number
}

export interface FinanceImportTable {
  id: string
  organisation_id: string
  file_name: string
  file_size: number
  file_sha256: string
  format: string
  status: ColumnType<string, string | undefined, string>
  settings: Json
  rows_total: Optional<number | null>
  rows_valid: Optional<number | null>
  rows_invalid: Optional<number | null>
  rows_done: ColumnType<number, number | undefined, number>
  rows_inserted: Optional<number | null>
  rows_duplicate: Optional<number | null>
  amount_total_ore: Optional<number | null>
  failure: Optional<string | null>
  created_by: string
  created_at: CreatedAt
  committed_by: Optional<string | null>
  committed_at: Optional<Date | null>
  heartbeat_at: Optional<Date | null>
  version: VersionColumn
}

export interface FinanceImportFilePieceTable {
  import_id: string
  seq: number
  content: Uint8Array
}

export interface FinanceImportErrorTable {
  import_id: string
  seq: number
  row_number: number
  column_name: Optional<string | null>
  value: Optional<string | null>
  code: string
  message_sv: string
  message_en: string
}

export interface FinanceImportRollbackTable {
  id: string
  import_id: string
  rolled_back_by: string
  rolled_back_at: CreatedAt
  reason: ColumnType<string, string | undefined, string>
  rows_removed: number
}

export interface ActualCostTable {
  id: string
  project_id: string
  organisation_id: string
  entry_date: DateColumn
  amount_ore: number
  category: string
  account: ColumnType<string, string | undefined, string>
  cost_centre: ColumnType<string, string | undefined, string>
  voucher: ColumnType<string, string | undefined, string>
  description: ColumnType<string, string | undefined, string>
  source: string
  import_id: Optional<string | null>
  row_key: Optional<string | null>
  created_by: Optional<string | null>
  created_at: CreatedAt
}

/** Actual costs that count, per project, month (its first day) and category: kept by finance/cost-rollup.ts. */
export interface CostMonthTable {
  project_id: string
  month: DateColumn
  category: string
  amount_ore: number
  entries: number
}

/** The same per project, year and category. */
export interface CostYearTable {
  project_id: string
  year: number
  category: string
  amount_ore: number
  entries: number
}

/* Governance: steering groups, meetings, decisions, approval requests. */
export interface SteeringGroupTable {
  id: string
  owner_organisation_id: string
  name: string
  /** 'steering_group' (styrgrupp) or 'management_group' (ledningsgrupp). */
  kind: ColumnType<string, string | undefined, string>
  description: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface SteeringGroupOrganisationTable {
  steering_group_id: string
  organisation_id: string
}

export interface SteeringGroupMemberTable {
  id: string
  steering_group_id: string
  person_id: string
  role: string
  from_date: DateColumn
  to_date: Optional<DateColumn | null>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface SteeringGroupProjectTable {
  steering_group_id: string
  project_id: string
  from_date: Optional<DateColumn | null>
  to_date: Optional<DateColumn | null>
}

export interface MeetingTable {
  id: string
  steering_group_id: string
  meeting_date: DateColumn
  place: ColumnType<string, string | undefined, string>
  agenda: ColumnType<string[], string | undefined, string>
  minutes: ColumnType<string, string | undefined, string>
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface MeetingAttendeeTable {
  meeting_id: string
  person_id: string
}

/** Immutable: no update type on purpose (the database refuses UPDATE and DELETE). */
export interface DecisionTable {
  id: string
  steering_group_id: ColumnType<string | null, string | null | undefined, never>
  meeting_id: ColumnType<string | null, string | null | undefined, never>
  per_capsulam: ColumnType<boolean, boolean | undefined, never>
  decided_on: ColumnType<DateColumn, DateColumn, never>
  paragraph: ColumnType<string | null, string | null | undefined, never>
  diary_number: ColumnType<string | null, string | null | undefined, never>
  text: ColumnType<string, string, never>
  kind: ColumnType<string, string, never>
  outcome: ColumnType<string | null, string | null | undefined, never>
  project_id: ColumnType<string | null, string | null | undefined, never>
  subject_kind: ColumnType<string | null, string | null | undefined, never>
  subject_id: ColumnType<string | null, string | null | undefined, never>
  decided_by: ColumnType<string, string, never>
  outside_system: ColumnType<boolean, boolean | undefined, never>
  supersedes_id: ColumnType<string | null, string | null | undefined, never>
  recorded_by: ColumnType<string | null, string | null | undefined, never>
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface ApprovalRequestTable {
  id: string
  project_id: string
  kind: string
  payload: Json<Record<string, unknown>>
  summary: string
  status: ColumnType<string, string | undefined, string>
  requested_by: Optional<string | null>
  requested_at: CreatedAt
  decided_by: Optional<string | null>
  decided_at: Optional<Date | null>
  comment: ColumnType<string, string | undefined, string>
  decision_id: Optional<string | null>
  version: VersionColumn
  updated_at: UpdatedAt
}

export interface PortfolioViewTable {
  id: string
  user_id: string
  name: string
  query: Json
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** One interface per table; feature modules add theirs here as they land. */
/** numeric: read as text (exact), written as a number or text. */
export type NullableNumeric = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>

export interface IndicatorTable {
  id: string
  project_id: string
  goal_id: string | null
  shared_key: string | null
  position: number
  name: string
  definition: ColumnType<string, string | undefined, string>
  unit: string
  direction: string
  frequency: string
  source: ColumnType<string, string | undefined, string>
  baseline_value: NullableNumeric
  baseline_numerator: number | null
  baseline_denominator: number | null
  baseline_date: DateColumn | null
  target_value: NullableNumeric
  target_numerator: number | null
  target_denominator: number | null
  target_date: DateColumn | null
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface IndicatorMeasurementTable {
  id: string
  indicator_id: string
  period: string
  period_start: DateColumn
  period_end: DateColumn
  value: NullableNumeric
  numerator: number | null
  denominator: number | null
  source: ColumnType<string, string | undefined, string>
  comment: ColumnType<string, string | undefined, string>
  entered_by: string | null
  version: VersionColumn
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface StatusReportScheduleTable {
  project_id: string
  frequency: string
  starts: DateColumn
  version: VersionColumn
  updated_at: UpdatedAt
}

export interface StatusReportTable {
  id: string
  project_id: string
  period: string
  period_start: DateColumn
  period_end: DateColumn
  status: ColumnType<string, string | undefined, string>
  supersedes_id: string | null
  schedule_light: string | null
  budget_light: string | null
  goals_light: string | null
  risks_light: string | null
  overall_light: string | null
  progress: ColumnType<string, string | undefined, string>
  problems: ColumnType<string, string | undefined, string>
  next_steps: ColumnType<string, string | undefined, string>
  decisions_needed: ColumnType<string, string | undefined, string>
  snapshot: Json | null
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  submitted_by: string | null
  version: VersionColumn
  created_by: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface StatusReportAcknowledgementTable {
  id: string
  report_id: string
  user_id: string | null
  comment: ColumnType<string, string | undefined, never>
  created_at: CreatedAt
}

export interface StatusReportCommentTable {
  id: string
  report_id: string
  user_id: string | null
  body: string
  created_at: CreatedAt
}

export interface Database {
  app_setting: AppSettingTable
  organisation: OrganisationTable
  organisation_closure: OrganisationClosureTable
  person: PersonTable
  app_user: AppUserTable
  role_grant: RoleGrantTable
  session: SessionTable
  login_attempt: LoginAttemptTable
  programme: ProgrammeTable
  project: ProjectTable
  project_leader: ProjectLeaderTable
  project_member: ProjectMemberTable
  audit_event: AuditEventTable
  erasure: ErasureTable
  invitation: InvitationTable
  privacy_setting: PrivacySettingTable
  report_template: ReportTemplateTable
  report_template_version: ReportTemplateVersionTable
  final_report: FinalReportTable
  final_report_section: FinalReportSectionTable
  final_report_outcome: FinalReportOutcomeTable
  goal: GoalTable
  activity: ActivityTable
  milestone_approval: MilestoneApprovalTable
  baseline: BaselineTable
  baseline_budget_line: BaselineBudgetLineTable
  staffing: StaffingTable
  risk: RiskTable
  finance_settings: FinanceSettingsTable
  project_finance: ProjectFinanceTable
  funding_entry: FundingEntryTable
  budget_version: BudgetVersionTable
  budget_line: BudgetLineTable
  in_kind_contribution: InKindContributionTable
  finance_code: FinanceCodeTable
  finance_forecast: FinanceForecastTable
  finance_import: FinanceImportTable
  finance_import_file_piece: FinanceImportFilePieceTable
  finance_import_error: FinanceImportErrorTable
  finance_import_rollback: FinanceImportRollbackTable
  actual_cost: ActualCostTable
  cost_month: CostMonthTable
  cost_year: CostYearTable
  steering_group: SteeringGroupTable
  steering_group_organisation: SteeringGroupOrganisationTable
  steering_group_member: SteeringGroupMemberTable
  steering_group_project: SteeringGroupProjectTable
  meeting: MeetingTable
  meeting_attendee: MeetingAttendeeTable
  decision: DecisionTable
  approval_request: ApprovalRequestTable
  indicator: IndicatorTable
  indicator_measurement: IndicatorMeasurementTable
  status_report_schedule: StatusReportScheduleTable
  status_report: StatusReportTable
  status_report_acknowledgement: StatusReportAcknowledgementTable
  status_report_comment: StatusReportCommentTable
  portfolio_view: PortfolioViewTable
}

export type ProjectRow = Selectable<ProjectTable>
export type NewProject = Insertable<ProjectTable>
