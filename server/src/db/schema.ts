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

/** One interface per table; feature modules add theirs here as they land. */
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
}

export type ProjectRow = Selectable<ProjectTable>
export type NewProject = Insertable<ProjectTable>
