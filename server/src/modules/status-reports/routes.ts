import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as api from '@lagesbild/shared/api/status-reports'
import type { FastifyRequest } from 'fastify'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { sendDocument } from '../documents/filename.ts'
import { renderDocument } from '../documents/render.ts'
import { programmeStatusDocument } from './portfolio.ts'
import * as service from './service.ts'
import './personal-data.ts'

const read = { access: access.project('project:read') }
/** The leader writes and submits; the steering group acknowledges. */
const write = { access: access.project('project:edit') }
const approve = { access: access.project('project:approve') }

function optionalVersion(request: FastifyRequest, bodyVersion: number | undefined): number | null {
  if (bodyVersion === undefined && request.headers['if-match'] === undefined) return null
  return expectedVersion(request, bodyVersion)
}

export const statusReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...api.listStatusReports,
    config: read,
    handler: async (request) => service.listStatusReports(app.db, request.params.projectId),
  })

  app.route({
    ...api.putSchedule,
    config: write,
    handler: async (request, reply) => {
      const { version, ...input } = request.body
      const schedule = await service.putSchedule(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        optionalVersion(request, version),
        input,
      )
      setEtag(reply, schedule.version)
      return schedule
    },
  })

  app.route({
    ...api.createStatusReport,
    config: write,
    handler: async (request, reply) => {
      const report = await service.createStatusReport(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.body,
      )
      setEtag(reply, report.version)
      return reply.code(201).send(report)
    },
  })

  app.route({
    ...api.getStatusReport,
    config: read,
    handler: async (request, reply) => {
      const report = await service.getStatusReport(app.db, request.params.projectId, request.params.reportId)
      setEtag(reply, report.version)
      return report
    },
  })

  app.route({
    ...api.updateStatusReport,
    config: write,
    handler: async (request, reply) => {
      const { version, ...patch } = request.body
      const report = await service.updateStatusReport(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.reportId,
        expectedVersion(request, version),
        patch,
      )
      setEtag(reply, report.version)
      return report
    },
  })

  app.route({
    ...api.submitStatusReport,
    config: write,
    handler: async (request, reply) => {
      const report = await service.submitStatusReport(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.reportId,
        expectedVersion(request, request.body.version),
      )
      setEtag(reply, report.version)
      return report
    },
  })

  app.route({
    ...api.acknowledgeStatusReport,
    config: approve,
    handler: async (request) =>
      service.acknowledgeStatusReport(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.reportId,
        request.body.comment,
      ),
  })

  app.route({
    ...api.commentStatusReport,
    // The steering group comments; the leader answers in the next report or a correction.
    config: approve,
    handler: async (request, reply) => {
      const report = await service.commentOnStatusReport(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.reportId,
        request.body.text,
      )
      return reply.code(201).send(report)
    },
  })

  app.route({
    ...api.listDueStatusReports,
    config: { access: access.authenticated },
    handler: async (request) => service.dueForUser(app.db, requireUser(request)),
  })

  app.route({
    ...api.downloadProgrammeStatusReport,
    // Programmes are readable by every user; the document only holds the projects each one may see.
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const { programmeId, format } = request.params
      const { model, fileName } = await programmeStatusDocument(app.db, requireUser(request), programmeId)
      return sendDocument(reply, await renderDocument(model, format), format, fileName)
    },
  })
}
