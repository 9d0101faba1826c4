import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as api from '@lagesbild/shared/api/finance'
import * as imports from '@lagesbild/shared/api/finance-imports'
import * as portfolioApi from '@lagesbild/shared/api/finance-portfolio'
import { pickLanguage } from '@lagesbild/shared/http/language'
import type { FastifyRequest } from 'fastify'
import { access, requireProjectAccess, requireUser } from '../../plugins/access.ts'
import { fileKinds, withUpload } from '../../plugins/uploads.ts'
import { expectedVersion } from '../../plugins/version.ts'
import * as actuals from './actuals.ts'
import * as budget from './budget.ts'
import { portfolioWorkbook, projectWorkbook, XLSX_TYPE } from './export.ts'
import * as followUp from './follow-up.ts'
import * as funding from './funding.ts'
import * as importService from './imports/service.ts'
import * as inKind from './in-kind.ts'
import { getProjectFinance } from './overview.ts'
import { portfolioFinance } from './portfolio.ts'
import { brokenExportCsv, sampleExportCsv } from './sample.ts'
import * as settings from './settings.ts'
import './personal-data.ts'

/** Largest finance export accepted: a year's ledger of a large municipality is far below this. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

const language = (request: FastifyRequest) => pickLanguage(request.headers['accept-language'])
const financeAccess = access.project('project:finance')
const readAccess = access.project('project:read')
const financeRole = access.role('finance', 'administrator')

export const financeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...api.getProjectFinance,
    config: { access: readAccess },
    handler: async (request) =>
      getProjectFinance(app.db, requireProjectAccess(request), request.params.projectId),
  })

  app.route({
    ...api.createFundingEntry,
    config: { access: financeAccess },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await funding.createFunding(app.db, requireUser(request), request.params.projectId, request.body),
        ),
  })

  app.route({
    ...api.updateFundingEntry,
    config: { access: financeAccess },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return funding.updateFunding(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.entryId,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...api.deleteFundingEntry,
    config: { access: financeAccess },
    handler: async (request, reply) => {
      await funding.deleteFunding(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.entryId,
        expectedVersion(request, undefined),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.listBudgetVersions,
    config: { access: readAccess },
    handler: async (request) => ({
      items: await budget.listBudgetVersions(app.db, request.params.projectId),
    }),
  })

  app.route({
    ...api.getBudgetVersion,
    config: { access: readAccess },
    handler: async (request) =>
      budget.getBudgetVersion(app.db, request.params.projectId, request.params.budgetVersionId),
  })

  app.route({
    ...api.createBudgetVersion,
    config: { access: readAccess },
    handler: async (request, reply) => {
      const created = await budget.createBudgetVersion(
        app.db,
        requireUser(request),
        requireProjectAccess(request),
        request.params.projectId,
        request.body,
      )
      return reply.code(201).send(created)
    },
  })

  app.route({
    ...api.updateBudgetVersion,
    config: { access: readAccess },
    handler: async (request) => {
      const { version, ...input } = request.body
      return budget.updateBudgetVersion(
        app.db,
        requireUser(request),
        requireProjectAccess(request),
        request.params.projectId,
        request.params.budgetVersionId,
        expectedVersion(request, version),
        input,
      )
    },
  })

  app.route({
    ...api.deleteBudgetVersion,
    config: { access: readAccess },
    handler: async (request, reply) => {
      await budget.deleteBudgetVersion(
        app.db,
        requireUser(request),
        requireProjectAccess(request),
        request.params.projectId,
        request.params.budgetVersionId,
        expectedVersion(request, undefined),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.proposeBudgetVersion,
    config: { access: readAccess },
    handler: async (request) =>
      budget.proposeBudgetVersion(
        app.db,
        requireUser(request),
        requireProjectAccess(request),
        request.params.projectId,
        request.params.budgetVersionId,
        expectedVersion(request, request.body.version),
      ),
  })

  app.route({
    ...api.approveBudgetVersionDirect,
    config: { access: financeAccess },
    handler: async (request) =>
      budget.approveBudgetVersionDirect(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.budgetVersionId,
        expectedVersion(request, request.body.version),
        request.body.comment,
      ),
  })

  app.route({
    ...api.rejectBudgetVersion,
    config: { access: financeAccess },
    handler: async (request) =>
      budget.rejectBudgetVersion(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.budgetVersionId,
        expectedVersion(request, request.body.version),
        request.body.comment,
      ),
  })

  app.route({
    ...api.createInKind,
    config: { access: financeAccess },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inKind.createInKind(app.db, requireUser(request), request.params.projectId, request.body),
        ),
  })

  app.route({
    ...api.updateInKind,
    config: { access: financeAccess },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return inKind.updateInKind(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.entryId,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...api.deleteInKind,
    config: { access: financeAccess },
    handler: async (request, reply) => {
      await inKind.deleteInKind(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.entryId,
        expectedVersion(request, undefined),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.listActuals,
    config: { access: readAccess },
    handler: async (request) => actuals.listActuals(app.db, request.params.projectId, request.query),
  })

  app.route({
    ...api.createActual,
    config: { access: financeAccess },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await actuals.createActual(app.db, requireUser(request), request.params.projectId, request.body),
        ),
  })

  app.route({
    ...api.deleteActual,
    config: { access: financeAccess },
    handler: async (request, reply) => {
      await actuals.deleteActual(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.entryId,
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.listFinanceCodes,
    config: { access: readAccess },
    handler: async (request) => ({ items: await actuals.listCodes(app.db, [request.params.projectId]) }),
  })

  app.route({
    ...api.createFinanceCode,
    config: { access: financeAccess },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await actuals.createCode(app.db, requireUser(request), request.params.projectId, request.body.code),
        ),
  })

  app.route({
    ...api.deleteFinanceCode,
    config: { access: financeAccess },
    handler: async (request, reply) => {
      await actuals.deleteCode(app.db, requireUser(request), request.params.projectId, request.params.entryId)
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.putForecast,
    config: { access: financeAccess },
    handler: async (request) =>
      followUp.putForecast(
        app.db,
        requireUser(request),
        request.params.projectId,
        expectedVersion(request, request.body.version),
        request.body.entries,
      ),
  })

  app.route({
    ...api.patchFinanceSettings,
    config: { access: financeAccess },
    handler: async (request) =>
      followUp.patchSettings(
        app.db,
        requireUser(request),
        request.params.projectId,
        expectedVersion(request, request.body.version),
        request.body.deviationThresholdBp,
      ),
  })

  app.route({
    ...api.getBurn,
    config: { access: readAccess },
    handler: async (request) => followUp.burnReport(app.db, request.params.projectId, request.query),
  })

  app.route({
    ...api.getBudgetSummary,
    config: { access: readAccess },
    handler: async (request) => followUp.budgetSummary(app.db, request.params.projectId, request.query.asOf),
  })

  app.route({
    ...api.exportProjectFinance,
    config: { access: readAccess },
    handler: async (request, reply) => {
      const buffer = await projectWorkbook(app.db, request.params.projectId)
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="projektekonomi.xlsx"')
        .send(buffer)
    },
  })

  app.route({
    ...imports.listFinanceOrganisations,
    config: { access: access.authenticated },
    handler: async (request) => ({
      items: await settings.financeOrganisations(app.db, requireUser(request)),
    }),
  })

  app.route({
    ...imports.getFinanceOrganisationSettings,
    config: { access: financeRole },
    handler: async (request) =>
      settings.getOrganisationSettings(app.db, requireUser(request), request.params.organisationId),
  })

  app.route({
    ...imports.putFinanceOrganisationSettings,
    config: { access: financeRole },
    handler: async (request) => {
      const { version, ...input } = request.body
      return settings.putOrganisationSettings(
        app.db,
        requireUser(request),
        request.params.organisationId,
        expectedVersion(request, version),
        input,
      )
    },
  })

  app.route({
    ...imports.listImports,
    config: { access: financeRole },
    handler: async (request) => importService.listImports(app.db, requireUser(request), request.query),
  })

  app.route({
    ...imports.uploadImport,
    config: { access: financeRole },
    handler: async (request, reply) => {
      const user = requireUser(request)
      // Whose finance it is, before a byte of the file is read.
      await settings.servedOrganisation(app.db, user, request.query.organisationId)
      // The file streams to a temporary file and from there into the database, never whole in memory.
      const created = await withUpload(
        request,
        { kinds: [fileKinds.csv, fileKinds.xlsx], maxBytes: MAX_IMPORT_BYTES },
        (upload) =>
          importService.uploadImport(
            app.db,
            user,
            request.query.organisationId,
            { fileName: upload.filename, head: upload.head, size: upload.size, open: upload.open },
            language(request),
          ),
      )
      return reply.code(201).header('location', `/api/finance/imports/${created.id}`).send(created)
    },
  })

  app.route({
    ...imports.getImport,
    config: { access: financeRole },
    handler: async (request) =>
      importService.getImport(app.db, requireUser(request), request.params.importId, language(request)),
  })

  app.route({
    ...imports.putImportSettings,
    config: { access: financeRole },
    handler: async (request) =>
      importService.putImportSettings(
        app.db,
        requireUser(request),
        request.params.importId,
        expectedVersion(request, request.body.version),
        request.body.settings,
        request.body.remember ?? false,
        language(request),
      ),
  })

  app.route({
    ...imports.validateImport,
    config: { access: financeRole },
    handler: async (request) =>
      importService.validateImport(app.db, requireUser(request), request.params.importId),
  })

  app.route({
    ...imports.listImportErrors,
    config: { access: financeRole },
    handler: async (request) =>
      importService.listImportErrors(
        app.db,
        requireUser(request),
        request.params.importId,
        request.query,
        language(request),
      ),
  })

  app.route({
    ...imports.commitImport,
    config: { access: financeRole },
    handler: async (request) =>
      importService.commitImport(app.db, requireUser(request), request.params.importId),
  })

  app.route({
    ...imports.rollbackImport,
    config: { access: financeRole },
    handler: async (request) =>
      importService.rollbackImport(
        app.db,
        requireUser(request),
        request.params.importId,
        request.body.reason ?? '',
      ),
  })

  app.route({
    ...imports.discardImport,
    config: { access: financeRole },
    handler: async (request, reply) => {
      await importService.discardImport(app.db, requireUser(request), request.params.importId)
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...imports.downloadSampleExport,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const broken = request.query.variant === 'broken'
      return reply
        .type('text/csv; charset=windows-1252')
        .header(
          'content-disposition',
          `attachment; filename="${broken ? 'exempel-export-med-fel.csv' : 'exempel-export.csv'}"`,
        )
        .send(broken ? brokenExportCsv() : sampleExportCsv())
    },
  })

  app.route({
    ...portfolioApi.getPortfolioFinance,
    config: { access: access.authenticated },
    handler: async (request) => portfolioFinance(app.db, requireUser(request), request.query),
  })

  app.route({
    ...portfolioApi.exportPortfolioFinance,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const buffer = await portfolioWorkbook(
        await portfolioFinance(app.db, requireUser(request), request.query),
      )
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="portfolj-ekonomi.xlsx"')
        .send(buffer)
    },
  })
}
