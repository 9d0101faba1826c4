import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AUDIT_EXPORT_MAX_ROWS, exportAuditLog, listAuditLog } from '@lagesbild/shared/api/audit'
import { getProjectHistory } from '@lagesbild/shared/api/history'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireUser } from '../../plugins/access.ts'
import { invalidField } from '../../plugins/problem.ts'
import { administeredOrganisations } from '../users/queries.ts'
import { auditCsv, auditXlsx } from './export.ts'
import { collectAuditLog, listProjectHistory, listAuditLog as queryAuditLog } from './queries.ts'

/** A period that ends before it starts selects nothing by mistake: say so instead. */
function checkPeriod(from: string | undefined, to: string | undefined) {
  if (from && to && to < from) {
    throw invalidField('query.to', 'before_from', {
      sv: 'Periodens slut ligger före dess början.',
      en: 'The end of the period is before its start.',
    })
  }
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...getProjectHistory,
    config: { access: access.project('project:read') },
    handler: async (request) =>
      listProjectHistory(
        app.db,
        request.params.projectId,
        request.query,
        pickLanguage(request.headers['accept-language']),
      ),
  })

  app.route({
    ...listAuditLog,
    config: { access: access.role('administrator') },
    handler: async (request) => {
      checkPeriod(request.query.from, request.query.to)
      return queryAuditLog(
        app.db,
        administeredOrganisations(requireUser(request)),
        request.query,
        pickLanguage(request.headers['accept-language']),
      )
    },
  })

  app.route({
    ...exportAuditLog,
    config: { access: access.role('administrator') },
    handler: async (request, reply) => {
      const { format, ...filters } = request.query
      checkPeriod(filters.from, filters.to)
      const language = pickLanguage(request.headers['accept-language'])
      const entries = await collectAuditLog(
        app.db,
        administeredOrganisations(requireUser(request)),
        filters,
        language,
        AUDIT_EXPORT_MAX_ROWS,
      )
      if (entries.length > AUDIT_EXPORT_MAX_ROWS) {
        throw invalidField('query.from', 'too_many_rows', {
          sv: `Urvalet har fler än ${AUDIT_EXPORT_MAX_ROWS} händelser. Välj en kortare period.`,
          en: `The selection has more than ${AUDIT_EXPORT_MAX_ROWS} events. Choose a shorter period.`,
        })
      }
      const name = `${language === 'sv' ? 'andringslogg' : 'change-log'}-${todayInSweden()}`
      reply.header('cache-control', 'no-store')
      if (format === 'xlsx') {
        reply.header('content-disposition', `attachment; filename="${name}.xlsx"`)
        reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        return reply.send(await auditXlsx(entries, language))
      }
      reply.header('content-disposition', `attachment; filename="${name}.csv"`)
      reply.type('text/csv; charset=utf-8')
      return reply.send(auditCsv(entries, language))
    },
  })
}
