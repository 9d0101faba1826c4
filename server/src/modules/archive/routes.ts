import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { exportArchive } from '@lagesbild/shared/api/archive'
import { archiveRoles } from '@lagesbild/shared/domain/access'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireUser } from '../../plugins/access.ts'
import { contentDisposition } from '../documents/filename.ts'
import { openArchivePackage } from './service.ts'

/** The chunks again, the first one already taken. */
async function* resumed(first: IteratorResult<Uint8Array>, rest: AsyncGenerator<Uint8Array>) {
  if (!first.done) yield first.value
  yield* rest
}

export const archiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...exportArchive,
    // The role is checked here; which projects it reaches, in the service (outside reach: 404).
    config: { access: access.role(...archiveRoles) },
    handler: async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language'])
      // The selection, its reach and the lists of what goes in are settled before anything is sent,
      // and so is the first entry (the decision register): a failure up to here is an ordinary
      // problem+json answer, not a download.
      const archive = await openArchivePackage(app.db, requireUser(request), request.query, language)
      const first = await archive.chunks.next()
      // The package streams, one document rendered at a time as the client reads, so a whole
      // municipality's archive is never held in memory; a client that goes away stops the
      // rendering at the next document. Once the 200 and the first bytes are out, a failure can no
      // longer become an error answer: the stream is destroyed and Fastify tears the connection
      // down without the chunked encoding's last chunk, so the client sees a broken download.
      // Ending the stream instead would deliver a ZIP cut off after some entries, without the
      // central directory that is written last, which a streaming reader could take for the whole.
      const body = Readable.from(resumed(first, archive.chunks), { objectMode: false })
      body.on('error', (error) => {
        request.log.error(
          { err: error, archive: archive.fileName },
          'archive package broke off while streaming',
        )
      })
      return reply
        .type('application/zip')
        .header('content-disposition', contentDisposition(archive.fileName, 'zip'))
        .header('cache-control', 'private, no-store')
        .header('vary', 'accept-language')
        .send(body)
    },
  })
}
