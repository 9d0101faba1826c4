import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getHome } from '@lagesbild/shared/api/home'
import * as api from '@lagesbild/shared/api/portfolio'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireProjectAccess, requireUser } from '../../plugins/access.ts'
import { notFound } from '../../plugins/problem.ts'
import { expectedVersion } from '../../plugins/version.ts'
import { XLSX_TYPE } from '../finance/export.ts'
import { portfolioWorkbook } from './export.ts'
import { home } from './home.ts'
import { programmeOverview } from './programme.ts'
import { allPortfolioRows, listPortfolio, rowsFor } from './queries.ts'
import * as views from './views.ts'
import './personal-data.ts'

/** The portfolio shows only projects the user may read, so any logged-in user may ask. */
export const portfolioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...api.getPortfolio,
    config: { access: access.authenticated },
    handler: async (request) => listPortfolio(app.db, requireUser(request), request.query),
  })

  app.route({
    ...api.getProjectSituation,
    config: { access: access.project('project:read') },
    handler: async (request) => {
      const { projectId } = requireProjectAccess(request)
      const row = (await rowsFor(app.db, [projectId], todayInSweden())).get(projectId)
      if (!row) throw notFound()
      return row
    },
  })

  app.route({
    ...api.exportPortfolio,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const rows = await allPortfolioRows(app.db, requireUser(request), request.query)
      const language = pickLanguage(request.headers['accept-language'])
      const name = language === 'sv' ? 'portfolj.xlsx' : 'portfolio.xlsx'
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await portfolioWorkbook(rows, language))
    },
  })

  app.route({
    ...api.listPortfolioViews,
    config: { access: access.authenticated },
    handler: async (request) => views.listViews(app.db, requireUser(request)),
  })

  app.route({
    ...api.createPortfolioView,
    config: { access: access.authenticated },
    handler: async (request, reply) =>
      reply.code(201).send(await views.createView(app.db, requireUser(request), request.body)),
  })

  app.route({
    ...api.updatePortfolioView,
    config: { access: access.authenticated },
    handler: async (request) => {
      const { version, ...patch } = request.body
      return views.updateView(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...api.deletePortfolioView,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      await views.deleteView(
        app.db,
        requireUser(request),
        request.params.id,
        expectedVersion(request, undefined),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.getProgrammeOverview,
    config: { access: access.authenticated },
    handler: async (request) => programmeOverview(app.db, requireUser(request), request.params.id),
  })

  app.route({
    ...getHome,
    config: { access: access.authenticated },
    handler: async (request) => home(app.db, requireUser(request)),
  })
}
