import { Type } from 'typebox'
import { DocumentModel } from '../domain/document-model.ts'
import {
  decisionKinds,
  decisionOutcomes,
  groupKinds,
  memberRoles,
  requestKinds,
  requestStatuses,
} from '../domain/governance.ts'
import { lifecycleStatuses } from '../domain/lifecycle.ts'
import { Id, IsoDate, Name, Nullable, ProjectParams, Ref, Text, Timestamp, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { ReportToAcknowledge } from './status-reports.ts'

export const MemberRole = Type.Enum(memberRoles)
export const GroupKind = Type.Enum(groupKinds)
export const DecisionKind = Type.Enum(decisionKinds)
export const DecisionOutcome = Type.Enum(decisionOutcomes)
export const RequestKind = Type.Enum(requestKinds)
export const RequestStatus = Type.Enum(requestStatuses)
const Lifecycle = Type.Enum(lifecycleStatuses)

const tags = ['governance']

// ---- steering groups -------------------------------------------------------------------------

export const SteeringGroupMember = Type.Object({
  id: Id,
  person: Ref,
  /** The person's user account, when they have one (the account that may approve). */
  userId: Nullable(Id),
  role: MemberRole,
  from: IsoDate,
  to: Nullable(IsoDate),
  version: Version,
})

export const GovernedProject = Type.Object({
  id: Id,
  name: Type.String(),
  parentId: Nullable(Id),
  from: Nullable(IsoDate),
  to: Nullable(IsoDate),
})

export const SteeringGroupSummary = Type.Object({
  id: Id,
  name: Type.String(),
  kind: GroupKind,
  ownerOrganisation: Ref,
  projects: Type.Array(Ref),
  currentMemberCount: Type.Integer(),
})

export const MeetingSummary = Type.Object({
  id: Id,
  steeringGroupId: Id,
  steeringGroupName: Type.String(),
  date: IsoDate,
  place: Type.String(),
})

export const SteeringGroup = Type.Object({
  id: Id,
  name: Type.String(),
  kind: GroupKind,
  description: Type.String(),
  ownerOrganisation: Ref,
  organisations: Type.Array(Ref),
  members: Type.Array(SteeringGroupMember, { description: 'Every membership ever, oldest first' }),
  projects: Type.Array(GovernedProject),
  meetings: Type.Array(MeetingSummary),
  /** The caller may edit the group, its members, meetings and decisions. */
  canManage: Type.Boolean(),
  version: Version,
})

export const SteeringGroupCreate = Type.Object(
  {
    ownerOrganisationId: Id,
    name: Name(200),
    kind: Type.Optional(GroupKind),
    description: Type.Optional(Text(5000)),
    organisationIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false },
)

export const SteeringGroupPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name(200)),
    kind: Type.Optional(GroupKind),
    description: Type.Optional(Text(5000)),
    organisationIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  },
  { additionalProperties: false },
)

export const MemberCreate = Type.Object(
  { personId: Id, role: MemberRole, from: IsoDate, to: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
)
export const MemberPatch = Type.Object(
  {
    version: Version,
    role: Type.Optional(MemberRole),
    from: Type.Optional(IsoDate),
    to: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)
export const GovernedProjectPut = Type.Object(
  { from: Type.Optional(Nullable(IsoDate)), to: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
)

export const GroupParams = Type.Object({ groupId: Id })
export const MemberParams = Type.Object({ groupId: Id, memberId: Id })
export const GroupProjectParams = Type.Object({ groupId: Id, projectId: Id })
export const OnDateQuery = Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false })

export const listSteeringGroups = endpoint({
  method: 'GET',
  url: '/api/steering-groups',
  schema: {
    summary: 'The steering groups the caller may see',
    tags,
    response: { 200: Type.Object({ items: Type.Array(SteeringGroupSummary) }), ...problemResponses },
  },
})

export const createSteeringGroup = endpoint({
  method: 'POST',
  url: '/api/steering-groups',
  schema: {
    summary: 'Create a steering group (administrator or portfolio manager of the owning organisation)',
    tags,
    body: SteeringGroupCreate,
    response: { 201: SteeringGroup, ...problemResponses },
  },
})

export const getSteeringGroup = endpoint({
  method: 'GET',
  url: '/api/steering-groups/:groupId',
  schema: {
    summary: 'A steering group with its members over time, projects and meetings',
    tags,
    params: GroupParams,
    response: { 200: SteeringGroup, ...problemResponses },
  },
})

export const updateSteeringGroup = endpoint({
  method: 'PATCH',
  url: '/api/steering-groups/:groupId',
  schema: {
    summary: 'Rename a steering group, change its kind or the organisations it represents',
    tags,
    params: GroupParams,
    body: SteeringGroupPatch,
    response: { 200: SteeringGroup, ...problemResponses },
  },
})

export const listMembersOn = endpoint({
  method: 'GET',
  url: '/api/steering-groups/:groupId/members',
  schema: {
    summary: 'Who was in the group on a date (today when none is given)',
    tags,
    params: GroupParams,
    querystring: OnDateQuery,
    response: {
      200: Type.Object({ on: IsoDate, items: Type.Array(SteeringGroupMember) }),
      ...problemResponses,
    },
  },
})

export const addMember = endpoint({
  method: 'POST',
  url: '/api/steering-groups/:groupId/members',
  schema: {
    summary: 'Add a member for a period',
    tags,
    params: GroupParams,
    body: MemberCreate,
    response: { 201: SteeringGroupMember, ...problemResponses },
  },
})

export const updateMember = endpoint({
  method: 'PATCH',
  url: '/api/steering-groups/:groupId/members/:memberId',
  schema: {
    summary: "Change a membership's role or period (end it by setting `to`); history is kept",
    tags,
    params: MemberParams,
    body: MemberPatch,
    response: { 200: SteeringGroupMember, ...problemResponses },
  },
})

export const linkProject = endpoint({
  method: 'PUT',
  url: '/api/steering-groups/:groupId/projects/:projectId',
  schema: {
    summary: 'The group governs this project or sub-project (from/to optional)',
    tags,
    params: GroupProjectParams,
    body: GovernedProjectPut,
    response: { 200: SteeringGroup, ...problemResponses },
  },
})

export const unlinkProject = endpoint({
  method: 'DELETE',
  url: '/api/steering-groups/:groupId/projects/:projectId',
  schema: {
    summary:
      'Remove a link made by mistake; refused (409) once the group has decided on the project: end the period instead',
    tags,
    params: GroupProjectParams,
    response: { 200: SteeringGroup, ...problemResponses },
  },
})

// ---- meetings --------------------------------------------------------------------------------

export const AgendaItem = Type.String({ minLength: 1, maxLength: 500 })

export const Meeting = Type.Object({
  id: Id,
  steeringGroup: Ref,
  date: IsoDate,
  place: Type.String(),
  agenda: Type.Array(Type.String()),
  attendees: Type.Array(Ref),
  minutes: Type.String(),
  canManage: Type.Boolean(),
  version: Version,
})

const meetingFields = {
  place: Type.Optional(Type.String({ maxLength: 300 })),
  agenda: Type.Optional(Type.Array(AgendaItem, { maxItems: 100 })),
  attendeeIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  minutes: Type.Optional(Text(50_000)),
}
export const MeetingCreate = Type.Object({ date: IsoDate, ...meetingFields }, { additionalProperties: false })
export const MeetingPatch = Type.Object(
  { version: Version, date: Type.Optional(IsoDate), ...meetingFields },
  { additionalProperties: false },
)
export const MeetingParams = Type.Object({ meetingId: Id })
export const extractFormats = ['docx', 'pdf'] as const
export const MeetingExtractParams = Type.Object({ meetingId: Id, format: Type.Enum(extractFormats) })
const BinaryDocument = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'The protocol extract (DOCX or PDF), as an attachment with its name',
})

export const createMeeting = endpoint({
  method: 'POST',
  url: '/api/steering-groups/:groupId/meetings',
  schema: {
    summary: 'Schedule or record a meeting',
    tags,
    params: GroupParams,
    body: MeetingCreate,
    response: { 201: Meeting, ...problemResponses },
  },
})

export const getMeeting = endpoint({
  method: 'GET',
  url: '/api/meetings/:meetingId',
  schema: {
    summary: 'A meeting with its agenda, attendance and minutes',
    tags,
    params: MeetingParams,
    response: { 200: Meeting, ...problemResponses },
  },
})

export const updateMeeting = endpoint({
  method: 'PATCH',
  url: '/api/meetings/:meetingId',
  schema: {
    summary: 'Edit a meeting: agenda, attendance, minutes',
    tags,
    params: MeetingParams,
    body: MeetingPatch,
    response: { 200: Meeting, ...problemResponses },
  },
})

export const getMeetingExtract = endpoint({
  method: 'GET',
  url: '/api/meetings/:meetingId/extract',
  schema: {
    summary:
      'Protokollsutdrag: the meeting and the decisions taken there that the caller may see, as a document model for print',
    tags,
    params: MeetingParams,
    response: { 200: DocumentModel, ...problemResponses },
  },
})

export const downloadMeetingExtract = endpoint({
  method: 'GET',
  url: '/api/meetings/:meetingId/extract.:format',
  schema: {
    summary: 'The protocol extract as a Word (extract.docx) or PDF (extract.pdf) file',
    tags,
    params: MeetingExtractParams,
    response: { 200: BinaryDocument, ...problemResponses },
  },
})

// ---- decisions -------------------------------------------------------------------------------

export const SubjectKind = Type.Enum(['project', 'activity', 'baseline', 'budget_version', 'final_report'])

export const Decision = Type.Object({
  id: Id,
  date: IsoDate,
  paragraph: Nullable(Type.String()),
  diaryNumber: Nullable(Type.String()),
  text: Type.String(),
  kind: DecisionKind,
  outcome: Nullable(DecisionOutcome),
  project: Nullable(Ref),
  subject: Nullable(Type.Object({ kind: SubjectKind, id: Id })),
  steeringGroup: Nullable(Ref),
  meeting: Nullable(Type.Object({ id: Id, date: IsoDate })),
  perCapsulam: Type.Boolean(),
  decidedBy: Type.String(),
  outsideSystem: Type.Boolean(),
  /** The account that recorded the decision (the approving member, or the administrator). */
  recordedBy: Nullable(Ref),
  supersedesId: Nullable(Id),
  /** Later decisions that correct or reverse this one. */
  supersededBy: Type.Array(Id),
  recordedAt: Timestamp,
})

export const DecisionFilter = Type.Object(
  {
    kind: Type.Optional(DecisionKind),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    projectId: Type.Optional(Id),
    steeringGroupId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const ProjectDecisionFilter = Type.Object(
  { kind: Type.Optional(DecisionKind), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
)

export const DecisionCreate = Type.Object(
  {
    date: IsoDate,
    text: Name(20_000),
    kind: DecisionKind,
    paragraph: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    diaryNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    projectId: Type.Optional(Nullable(Id)),
    meetingId: Type.Optional(Nullable(Id)),
    perCapsulam: Type.Optional(Type.Boolean()),
    decidedBy: Type.Optional(Name(500)),
    supersedesId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

/** The most decisions one register request returns: the latest ones, in register order. */
export const DECISION_LIST_MAX = 1000
export const DecisionList = Type.Object({
  items: Type.Array(Decision),
  truncated: Type.Boolean({
    description: `More decisions match than the ${DECISION_LIST_MAX} latest returned; narrow by period, kind, project or group`,
  }),
})
export const DecisionParams = Type.Object({ decisionId: Id })
const Xlsx = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'xlsx file' })

export const listDecisions = endpoint({
  method: 'GET',
  url: '/api/decisions',
  schema: {
    summary: 'The decision register across the portfolio, limited to what the caller may see',
    tags,
    querystring: DecisionFilter,
    response: { 200: DecisionList, ...problemResponses },
  },
})

export const exportDecisions = endpoint({
  method: 'GET',
  url: '/api/decisions/export',
  schema: {
    summary: 'The decision register as XLSX, with the same filters',
    tags,
    querystring: DecisionFilter,
    response: { 200: Xlsx, ...problemResponses },
  },
})

export const getDecision = endpoint({
  method: 'GET',
  url: '/api/decisions/:decisionId',
  schema: {
    summary: 'One decision',
    tags,
    params: DecisionParams,
    response: { 200: Decision, ...problemResponses },
  },
})

export const listProjectDecisions = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/decisions',
  schema: {
    summary: "The project's decisions (and its sub-projects')",
    tags,
    params: ProjectParams,
    querystring: ProjectDecisionFilter,
    response: { 200: DecisionList, ...problemResponses },
  },
})

export const recordDecision = endpoint({
  method: 'POST',
  url: '/api/steering-groups/:groupId/decisions',
  schema: {
    summary:
      'Record a decision of the group (taken at a meeting or per capsulam); a correction names what it supersedes',
    tags,
    params: GroupParams,
    body: DecisionCreate,
    response: { 201: Decision, ...problemResponses },
  },
})

// ---- approval requests -----------------------------------------------------------------------

export const ApprovalRequest = Type.Object({
  id: Id,
  project: Ref,
  kind: RequestKind,
  payload: Type.Record(Type.String(), Type.Unknown()),
  summary: Type.String(),
  /** What would change, in words, e.g. "Aktiv → Avslutad i förtid". */
  change: Type.String(),
  status: RequestStatus,
  requestedBy: Nullable(Ref),
  requestedAt: Timestamp,
  decidedBy: Nullable(Ref),
  decidedAt: Nullable(Timestamp),
  comment: Type.String(),
  decisionId: Nullable(Id),
  /** The decision that closed the request, with its § when it has one. */
  decision: Nullable(Type.Object({ id: Id, date: IsoDate, paragraph: Nullable(Type.String()) })),
  version: Version,
})

export const ApprovalRequestCreate = Type.Object(
  {
    kind: RequestKind,
    summary: Name(5000),
    activityId: Type.Optional(Id),
    label: Type.Optional(Name(200)),
    revisionDate: Type.Optional(IsoDate),
    budgetVersionId: Type.Optional(Id),
    reportId: Type.Optional(Id),
    to: Type.Optional(Lifecycle),
    organisationId: Type.Optional(Id),
    personId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)

export const ApprovalDecide = Type.Object(
  {
    version: Version,
    comment: Type.Optional(Text(5000)),
    date: Type.Optional(IsoDate),
    meetingId: Type.Optional(Nullable(Id)),
    paragraph: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
)
export const ApprovalReject = Type.Object(
  {
    version: Version,
    comment: Type.String({ minLength: 1, maxLength: 5000 }),
    date: Type.Optional(IsoDate),
    meetingId: Type.Optional(Nullable(Id)),
    paragraph: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
)
export const ApprovalRecordOutside = Type.Object(
  {
    version: Version,
    outcome: DecisionOutcome,
    date: IsoDate,
    decidedBy: Name(500),
    comment: Type.Optional(Text(5000)),
    meetingId: Type.Optional(Nullable(Id)),
    paragraph: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
)
export const ApprovalWithdraw = Type.Object({ version: Version }, { additionalProperties: false })
export const RequestParams = Type.Object({ projectId: Id, requestId: Id })

export const ApprovalOutcome = Type.Object({ request: ApprovalRequest, decision: Nullable(Decision) })

/** A meeting a decision can be recorded at, with the paragraphs its minutes already use. */
export const DecisionMeeting = Type.Object({
  id: Id,
  date: IsoDate,
  place: Type.String(),
  paragraphs: Type.Array(Type.String()),
})

/** A group the caller decides through, with the meetings a decision can be recorded at. */
export const DecidingGroup = Type.Object({
  id: Id,
  name: Type.String(),
  meetings: Type.Array(DecisionMeeting, {
    description: 'Meetings held up to today, latest first (at most six)',
  }),
  nextMeeting: Nullable(Type.Object({ id: Id, date: IsoDate, place: Type.String() })),
})

export const InboxRequest = Type.Object({
  ...ApprovalRequest.properties,
  /** The groups through which the caller may decide it, the one the decision goes to by default first. */
  decidingGroupIds: Type.Array(Id),
})

export const Inbox = Type.Object({
  /** Pending requests the caller may decide as a steering-group member. */
  toDecide: Type.Array(InboxRequest),
  decidingGroups: Type.Array(DecidingGroup),
  /** The caller's own requests: pending, and decided in the last 90 days. */
  mine: Type.Array(ApprovalRequest),
  upcomingMeetings: Type.Array(MeetingSummary),
  /** Submitted status reports of projects the caller's groups govern, not yet acknowledged. */
  reportsToAcknowledge: Type.Array(ReportToAcknowledge),
})

export const getInbox = endpoint({
  method: 'GET',
  url: '/api/approvals/inbox',
  schema: {
    summary: '"Att besluta": requests awaiting the caller\'s decision, their own requests, upcoming meetings',
    tags,
    response: { 200: Inbox, ...problemResponses },
  },
})

export const listApprovalRequests = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/approval-requests',
  schema: {
    summary:
      "The project's approval requests, pending and on record: its own, its sub-projects', and its main project's that concern its plan (a milestone among its activities, a plan revision)",
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(ApprovalRequest) }), ...problemResponses },
  },
})

export const createApprovalRequest = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/approval-requests',
  schema: {
    summary: 'Ask the steering group to approve a milestone, plan revision, budget change, lifecycle change…',
    tags,
    params: ProjectParams,
    body: ApprovalRequestCreate,
    response: { 201: ApprovalRequest, ...problemResponses },
  },
})

export const approveRequest = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/approval-requests/:requestId/approve',
  schema: {
    summary: 'Approve: records the decision and applies its effect in one transaction',
    tags,
    params: RequestParams,
    body: ApprovalDecide,
    response: { 200: ApprovalOutcome, ...problemResponses },
  },
})

export const rejectRequest = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/approval-requests/:requestId/reject',
  schema: {
    summary: 'Reject with a comment: records the decision; the request stays on record',
    tags,
    params: RequestParams,
    body: ApprovalReject,
    response: { 200: ApprovalOutcome, ...problemResponses },
  },
})

export const recordOutsideDecision = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/approval-requests/:requestId/record-outside',
  schema: {
    summary:
      'An administrator records the decision on a request that was taken outside the system (stating who decided); the effect applies as for an approval',
    tags,
    params: RequestParams,
    body: ApprovalRecordOutside,
    response: { 200: ApprovalOutcome, ...problemResponses },
  },
})

export const withdrawRequest = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/approval-requests/:requestId/withdraw',
  schema: {
    summary: 'The leader withdraws a pending request',
    tags,
    params: RequestParams,
    body: ApprovalWithdraw,
    response: { 200: ApprovalOutcome, ...problemResponses },
  },
})

// ---- Projektförlopp ----------------------------------------------------------------------------

export const CourseEventKind = Type.Enum([
  'decision',
  'request',
  'baseline',
  'leader',
  'owner',
  'steering_group',
  'lifecycle',
  'status_report',
])
export const CourseEvent = Type.Object({
  date: IsoDate,
  kind: CourseEventKind,
  title: Type.String(),
  detail: Type.String(),
  decisionId: Nullable(Id),
})

export const getProjectCourse = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/course',
  schema: {
    summary:
      'Projektförlopp: decisions, approvals, revisions, leader, owner and steering-group changes and submitted status reports in order',
    tags,
    params: ProjectParams,
    response: { 200: Type.Object({ items: Type.Array(CourseEvent) }), ...problemResponses },
  },
})
