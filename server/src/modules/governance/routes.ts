import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as api from '@lagesbild/shared/api/governance'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { sendDocument } from '../documents/filename.ts'
import { renderDocument } from '../documents/render.ts'
import * as approvals from './approvals.ts'
import { projectCourse } from './course.ts'
import * as decisions from './decisions.ts'
import { meetingExtract } from './extract.ts'
import * as groups from './groups.ts'
import * as meetings from './meetings.ts'
import './personal-data.ts'

/**
 * Access: reading a group, its meetings and the register needs a login, and the service shows only
 * groups the caller has a role over or is a member of (404 otherwise). Keeping the group's records
 * (group, members, projects governed, meetings, hand-recorded decisions) is for an administrator or
 * portfolio manager of the group's owning organisation: the route demands one of those roles, the
 * service checks it reaches this group. Requests are the project's editors' (leader); deciding them
 * is `project:approve`, which only a current member of a governing steering group has.
 */
const signedIn = { access: access.authenticated }
const keepers = { access: access.role(...groups.managerRoles) }
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Bounds the workbook's memory: a national register filtered to nothing is some 100 000 rows. */
const EXPORT_MAX = 50_000

export const governanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...api.listSteeringGroups,
    config: signedIn,
    handler: async (request) => groups.listGroups(app.db, requireUser(request)),
  })

  app.route({
    ...api.createSteeringGroup,
    config: keepers,
    handler: async (request, reply) =>
      reply.code(201).send(await groups.createGroup(app.db, requireUser(request), request.body)),
  })

  app.route({
    ...api.getSteeringGroup,
    config: signedIn,
    handler: async (request, reply) => {
      const group = await groups.getGroup(app.db, requireUser(request), request.params.groupId)
      setEtag(reply, group.version)
      return group
    },
  })

  app.route({
    ...api.updateSteeringGroup,
    config: keepers,
    handler: async (request) =>
      groups.updateGroup(app.db, requireUser(request), request.params.groupId, {
        ...request.body,
        version: expectedVersion(request, request.body.version),
      }),
  })

  app.route({
    ...api.listMembersOn,
    config: signedIn,
    handler: async (request) =>
      groups.membersOnDate(
        app.db,
        requireUser(request),
        request.params.groupId,
        request.query.on ?? todayInSweden(),
      ),
  })

  app.route({
    ...api.addMember,
    config: keepers,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await groups.addMember(app.db, requireUser(request), request.params.groupId, request.body)),
  })

  app.route({
    ...api.updateMember,
    config: keepers,
    handler: async (request) =>
      groups.updateMember(
        app.db,
        requireUser(request),
        request.params.groupId,
        request.params.memberId,
        request.body,
      ),
  })

  app.route({
    ...api.linkProject,
    config: keepers,
    handler: async (request) =>
      groups.linkProject(
        app.db,
        requireUser(request),
        request.params.groupId,
        request.params.projectId,
        request.body,
      ),
  })

  app.route({
    ...api.unlinkProject,
    config: keepers,
    handler: async (request) =>
      groups.unlinkProject(app.db, requireUser(request), request.params.groupId, request.params.projectId),
  })

  app.route({
    ...api.createMeeting,
    config: keepers,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await meetings.createMeeting(app.db, requireUser(request), request.params.groupId, request.body),
        ),
  })

  app.route({
    ...api.getMeeting,
    config: signedIn,
    handler: async (request, reply) => {
      const meeting = await meetings.getMeeting(app.db, requireUser(request), request.params.meetingId)
      setEtag(reply, meeting.version)
      return meeting
    },
  })

  app.route({
    ...api.updateMeeting,
    config: keepers,
    handler: async (request) =>
      meetings.updateMeeting(app.db, requireUser(request), request.params.meetingId, request.body),
  })

  app.route({
    ...api.getMeetingExtract,
    config: signedIn,
    handler: async (request, reply) => {
      // The words around the decisions follow the asked language, so a cache must keep both.
      reply.header('vary', 'accept-language')
      const language = pickLanguage(request.headers['accept-language'])
      return (await meetingExtract(app.db, requireUser(request), request.params.meetingId, language)).model
    },
  })

  app.route({
    ...api.downloadMeetingExtract,
    config: signedIn,
    handler: async (request, reply) => {
      const { meetingId, format } = request.params
      const { model, fileName } = await meetingExtract(
        app.db,
        requireUser(request),
        meetingId,
        pickLanguage(request.headers['accept-language']),
      )
      return sendDocument(reply, await renderDocument(model, format), format, fileName)
    },
  })

  app.route({
    ...api.listDecisions,
    config: signedIn,
    handler: async (request) => decisions.listDecisions(app.db, requireUser(request), request.query),
  })

  app.route({
    ...api.exportDecisions,
    config: signedIn,
    handler: async (request, reply) => {
      // The archive's copy: everything that matches, not the latest page the register shows.
      const { items } = await decisions.listDecisions(app.db, requireUser(request), request.query, EXPORT_MAX)
      const language = pickLanguage(request.headers['accept-language'])
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${decisions.decisionsWorkbookName(language)}"`)
        .header('vary', 'accept-language')
        .send(await decisions.decisionsWorkbook(items, language))
    },
  })

  app.route({
    ...api.getDecision,
    config: signedIn,
    handler: async (request) =>
      decisions.getDecision(app.db, requireUser(request), request.params.decisionId),
  })

  app.route({
    ...api.listProjectDecisions,
    config: { access: access.project('project:read') },
    handler: async (request) =>
      decisions.listDecisions(app.db, requireUser(request), {
        ...request.query,
        projectId: request.params.projectId,
      }),
  })

  app.route({
    ...api.recordDecision,
    config: keepers,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await decisions.recordDecision(app.db, requireUser(request), request.params.groupId, request.body),
        ),
  })

  app.route({
    ...api.getInbox,
    config: signedIn,
    handler: async (request) => approvals.inbox(app.db, requireUser(request)),
  })

  app.route({
    ...api.listApprovalRequests,
    config: { access: access.project('project:read') },
    handler: async (request) => approvals.listProjectRequests(app.db, request.params.projectId),
  })

  app.route({
    ...api.createApprovalRequest,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await approvals.createRequest(app.db, requireUser(request), request.params.projectId, request.body),
        ),
  })

  app.route({
    ...api.approveRequest,
    config: { access: access.project('project:approve') },
    handler: async (request) =>
      approvals.decideRequest(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.requestId,
        'approved',
        request.body,
      ),
  })

  app.route({
    ...api.rejectRequest,
    config: { access: access.project('project:approve') },
    handler: async (request) =>
      approvals.decideRequest(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.requestId,
        'rejected',
        request.body,
      ),
  })

  // Route demands project:edit; the service demands an administrator reaching the project.
  app.route({
    ...api.recordOutsideDecision,
    config: { access: access.project('project:edit') },
    handler: async (request) => {
      const { outcome, decidedBy, ...input } = request.body
      return approvals.decideRequest(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.requestId,
        outcome,
        input,
        { kind: 'outside_system', decidedBy },
      )
    },
  })

  app.route({
    ...api.withdrawRequest,
    config: { access: access.project('project:edit') },
    handler: async (request) =>
      approvals.withdrawRequest(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.requestId,
        request.body.version,
      ),
  })

  app.route({
    ...api.getProjectCourse,
    config: { access: access.project('project:read') },
    handler: async (request) => projectCourse(app.db, request.params.projectId),
  })
}
