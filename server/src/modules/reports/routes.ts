import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  createReportTemplate,
  downloadFinalReportDocument,
  getFinalReport,
  getFinalReportDocument,
  getReportTemplate,
  listFinalReports,
  listReportTemplates,
  reviseFinalReport,
  saveFinalReportSection,
  startFinalReport,
  startFinalReportAddendum,
  submitFinalReport,
  updateFinalReport,
  updateReportTemplate,
} from '@lagesbild/shared/api/reports'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { sendDocument } from '../documents/filename.ts'
import { renderDocument } from '../documents/render.ts'
import * as reports from './service.ts'
import * as templates from './templates.ts'
import './personal-data.ts'

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onReady', async () => {
    await templates.ensureBuiltInTemplate(app.db)
  })

  app.route({
    ...listReportTemplates,
    config: { access: access.authenticated },
    handler: async (request) => templates.listTemplates(app.db, requireUser(request)),
  })

  app.route({
    ...getReportTemplate,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const template = await templates.getTemplate(app.db, requireUser(request), request.params.templateId)
      setEtag(reply, template.version)
      return template
    },
  })

  app.route({
    ...createReportTemplate,
    config: { access: access.role('administrator') },
    handler: async (request, reply) => {
      const template = await templates.createTemplate(app.db, requireUser(request), request.body)
      return reply.code(201).header('location', `/api/report-templates/${template.id}`).send(template)
    },
  })

  app.route({
    ...updateReportTemplate,
    config: { access: access.role('administrator') },
    handler: async (request, reply) => {
      const { version, ...input } = request.body
      const template = await templates.updateTemplate(
        app.db,
        requireUser(request),
        request.params.templateId,
        expectedVersion(request, version),
        input,
      )
      setEtag(reply, template.version)
      return template
    },
  })

  app.route({
    ...listFinalReports,
    config: { access: access.project('project:read') },
    handler: async (request) => reports.listFinalReports(app.db, request.params.projectId),
  })

  app.route({
    ...startFinalReport,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { projectId } = request.params
      const report = await reports.startFinalReport(app.db, requireUser(request), projectId, request.body)
      return reply
        .code(201)
        .header('location', `/api/projects/${projectId}/final-reports/${report.id}`)
        .send(report)
    },
  })

  app.route({
    ...getFinalReport,
    config: { access: access.project('project:read') },
    handler: async (request, reply) => {
      const report = await reports.getFinalReport(app.db, request.params.projectId, request.params.reportId)
      setEtag(reply, report.version)
      return report
    },
  })

  app.route({
    ...updateFinalReport,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { version, ...patch } = request.body
      const { projectId, reportId } = request.params
      const report = await reports.updateFinalReport(
        app.db,
        requireUser(request),
        projectId,
        reportId,
        expectedVersion(request, version),
        patch,
      )
      setEtag(reply, report.version)
      return report
    },
  })

  app.route({
    ...saveFinalReportSection,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { projectId, reportId, sectionKey } = request.params
      const saved = await reports.saveFinalReportSection(
        app.db,
        requireUser(request),
        projectId,
        reportId,
        sectionKey,
        expectedVersion(request, request.body.version),
        request.body.content,
      )
      setEtag(reply, saved.version)
      return saved
    },
  })

  app.route({
    ...submitFinalReport,
    config: { access: access.project('project:edit') },
    handler: async (request) => {
      const { projectId, reportId } = request.params
      return reports.submitFinalReport(
        app.db,
        requireUser(request),
        projectId,
        reportId,
        expectedVersion(request, request.body.version),
      )
    },
  })

  app.route({
    ...reviseFinalReport,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { projectId, reportId } = request.params
      const report = await reports.reviseFinalReport(app.db, requireUser(request), projectId, reportId)
      return reply
        .code(201)
        .header('location', `/api/projects/${projectId}/final-reports/${report.id}`)
        .send(report)
    },
  })

  app.route({
    ...startFinalReportAddendum,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { projectId, reportId } = request.params
      const report = await reports.startAddendum(
        app.db,
        requireUser(request),
        projectId,
        reportId,
        request.body,
      )
      return reply
        .code(201)
        .header('location', `/api/projects/${projectId}/final-reports/${report.id}`)
        .send(report)
    },
  })

  app.route({
    ...getFinalReportDocument,
    config: { access: access.project('project:read') },
    handler: async (request) => {
      const { model } = await reports.finalReportDocument(
        app.db,
        request.params.projectId,
        request.params.reportId,
      )
      return model
    },
  })

  app.route({
    ...downloadFinalReportDocument,
    config: { access: access.project('project:read') },
    handler: async (request, reply) => {
      const { projectId, reportId, format } = request.params
      const { model, fileName } = await reports.finalReportDocument(app.db, projectId, reportId)
      return sendDocument(reply, await renderDocument(model, format), format, fileName)
    },
  })
}
