import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { exportProject, importProject } from '@lagesbild/shared/api/project-export'
import { projectCreatorRoles } from '@lagesbild/shared/domain/access'
import { access, requireUser } from '../../plugins/access.ts'
import { forbidden } from '../../plugins/problem.ts'
import { recordAudit } from '../audit/record.ts'
import { hasRoleOver } from '../organisations/queries.ts'
import * as transfer from './transfer.ts'

/** A whole project's document can be large (baselines and submitted reports carry snapshots). */
const importBodyLimit = 50 * 1_048_576

export const projectTransferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...exportProject,
    // Everything the project owns, finance included: those who may edit it, not every reader.
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const document = await transfer.exportProject(app.db, request.params.projectId)
      const name = String(document.project.name ?? 'projekt')
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '')
      // An ASCII fallback for old clients; the real name (å, ä, ö) in RFC 5987 form.
      reply.header(
        'content-disposition',
        `attachment; filename="projekt.json"; filename*=UTF-8''${encodeURIComponent(name || 'projekt')}.json`,
      )
      return document
    },
  })

  app.route({
    ...importProject,
    bodyLimit: importBodyLimit,
    config: { access: access.role(...projectCreatorRoles) },
    handler: async (request, reply) => {
      const user = requireUser(request)
      const { ownerOrganisationId, name, document } = request.body
      if (!(await hasRoleOver(app.db, user, ownerOrganisationId, projectCreatorRoles))) {
        throw forbidden({
          sv: 'Du kan bara importera projekt till organisationer där du är administratör eller portföljansvarig.',
          en: 'You can only import projects into organisations where you are administrator or portfolio manager.',
        })
      }
      const outcome = await app.db.transaction().execute(async (trx) => {
        const result = await transfer.importDocument(trx, document, { ownerOrganisationId, name })
        await recordAudit(trx, {
          actorId: user.id,
          entity: 'project',
          entityId: result.id,
          projectId: result.id,
          action: 'import',
          after: {
            sourceProjectId: document.project.id,
            format: document.format,
            version: document.version,
            exportedAt: document.exportedAt,
            rows: Object.fromEntries(
              Object.entries(document.tables).map(([t, rows]) => [t, rows?.length ?? 0]),
            ),
            dropped: result.dropped,
          },
        })
        return result
      })
      return reply.code(201).header('location', `/api/projects/${outcome.id}`).send(outcome)
    },
  })
}
