import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { exportArchive } from '@lagesbild/shared/api/archive'
import { archiveRoles } from '@lagesbild/shared/domain/access'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireUser } from '../../plugins/access.ts'
import { contentDisposition } from '../documents/filename.ts'
import { buildArchivePackage } from './service.ts'

export const archiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...exportArchive,
    // The role is checked here; which projects it reaches, in the service (outside reach: 404).
    config: { access: access.role(...archiveRoles) },
    handler: async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language'])
      const archive = await buildArchivePackage(app.db, requireUser(request), request.query, language)
      return reply
        .type('application/zip')
        .header('content-disposition', contentDisposition(archive.fileName, 'zip'))
        .header('cache-control', 'private, no-store')
        .header('vary', 'accept-language')
        .send(Buffer.from(archive.zip))
    },
  })
}
