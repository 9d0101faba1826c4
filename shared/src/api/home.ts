import { Type } from 'typebox'
import { organisationRoles } from '../domain/access.ts'
import { Id, IsoDate, Nullable, Ref } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { PortfolioRow } from './portfolio.ts'
import { ReportReply, ReportToAcknowledge } from './status-reports.ts'

export const LateActivity = Type.Object({
  project: Ref,
  activity: Type.Object({ id: Id, title: Type.String(), milestone: Type.Boolean() }),
  dueDate: IsoDate,
  overdueDays: Type.Integer(),
})

export const ProgrammeHealth = Type.Object({
  programme: Nullable(Ref),
  projectCount: Type.Integer(),
  runningCount: Type.Integer({ description: 'Approved, active or paused' }),
  slippingCount: Type.Integer({ description: 'Running projects with a late milestone' }),
  endingSoonCount: Type.Integer({ description: 'Running projects that end within 90 days' }),
})

export const MissingReport = Type.Object({
  project: Ref,
  ended: IsoDate,
  hasDraft: Type.Boolean(),
})

/** An approval request waiting for a steering-group decision (governance). */
export const PendingApproval = Type.Object({
  id: Id,
  project: Ref,
  title: Type.String(),
  change: Type.String({ description: 'What would change, in words' }),
  requestedOn: IsoDate,
})

export const UpcomingMeeting = Type.Object({
  id: Id,
  steeringGroup: Ref,
  date: IsoDate,
  place: Type.String(),
})

/** A status-report period of a project you lead that has ended without a submitted report. */
export const ReportDue = Type.Object({
  project: Ref,
  period: Type.String({ description: 'e.g. 2026-Q3, 2026-HT' }),
  dueDate: IsoDate,
  hasDraft: Type.Boolean(),
})

export const Home = Type.Object({
  asOf: IsoDate,
  roles: Type.Array(Type.Enum(organisationRoles), {
    description: 'Your organisation roles, any organisation',
  }),
  leadsProjects: Type.Boolean(),
  memberOfProjects: Type.Boolean(),
  myProjects: Type.Array(PortfolioRow),
  lateActivities: Type.Array(LateActivity),
  approvalsPending: Type.Array(PendingApproval, { description: 'Your own requests still waiting' }),
  toDecide: Type.Array(PendingApproval, { description: 'Requests your steering groups are to decide' }),
  upcomingMeetings: Type.Array(UpcomingMeeting),
  governedProjects: Type.Array(PortfolioRow, { description: 'Projects your steering groups govern today' }),
  reportsDue: Type.Array(ReportDue),
  reportsToAcknowledge: Type.Array(ReportToAcknowledge, {
    description: 'Submitted status reports your steering groups have not acknowledged yet',
  }),
  repliesToMe: Type.Array(ReportReply, {
    description:
      'Steering-group acknowledgements and comments of the last 60 days on reports of projects you lead, newest first',
  }),
  endingSoon: Type.Array(PortfolioRow),
  reportsMissing: Type.Array(MissingReport),
  programmeHealth: Type.Array(ProgrammeHealth),
})

export const getHome = endpoint({
  method: 'GET',
  url: '/api/me/home',
  schema: {
    summary:
      'What your home page shows: your projects and late activities, and for managers the portfolio’s state',
    tags: ['portfolio'],
    response: { 200: Home, ...problemResponses },
  },
})
