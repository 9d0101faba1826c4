import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as api from '@lagesbild/shared/api/indicators'
import { pickLanguage } from '@lagesbild/shared/http/language'
import type { FastifyRequest } from 'fastify'
import { access, requireUser } from '../../plugins/access.ts'
import { fileKinds, readUpload } from '../../plugins/uploads.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import { importMeasurements } from './import.ts'
import { indicatorRollup } from './rollup.ts'
import * as service from './service.ts'
import './personal-data.ts'

const read = { access: access.project('project:read') }
/** Defining indicators is the leader's; entering values is for everyone who works on the plan. */
const define = { access: access.project('project:edit') }
const enter = { access: access.project('project:plan') }

const language = (request: FastifyRequest) => pickLanguage(request.headers['accept-language'])

/** A measurement file is small: a few indicators × periods. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** The version the client read, or null when it sent none (it saw an empty cell). */
function optionalVersion(request: FastifyRequest, bodyVersion: number | undefined): number | null {
  if (bodyVersion === undefined && request.headers['if-match'] === undefined) return null
  return expectedVersion(request, bodyVersion)
}

export const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...api.listIndicators,
    config: read,
    handler: async (request) => service.listIndicators(app.db, request.params.projectId, language(request)),
  })

  app.route({
    ...api.createIndicator,
    config: define,
    handler: async (request, reply) => {
      const created = await service.createIndicator(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.body,
        language(request),
      )
      setEtag(reply, created.version)
      return reply.code(201).send(created)
    },
  })

  app.route({
    ...api.updateIndicator,
    config: define,
    handler: async (request, reply) => {
      const { version, ...patch } = request.body
      const updated = await service.updateIndicator(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.indicatorId,
        expectedVersion(request, version),
        patch,
        language(request),
      )
      setEtag(reply, updated.version)
      return updated
    },
  })

  app.route({
    ...api.deleteIndicator,
    config: define,
    handler: async (request, reply) => {
      await service.deleteIndicator(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.indicatorId,
        expectedVersion(request, request.query.version),
        language(request),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.getIndicatorGrid,
    config: read,
    handler: async (request) =>
      service.indicatorGrid(app.db, request.params.projectId, request.query, language(request)),
  })

  app.route({
    ...api.putMeasurement,
    config: enter,
    handler: async (request, reply) => {
      const { version, ...input } = request.body
      const saved = await service.putMeasurement(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.indicatorId,
        request.params.period,
        optionalVersion(request, version),
        input,
      )
      setEtag(reply, saved.version)
      return saved
    },
  })

  app.route({
    ...api.deleteMeasurement,
    config: enter,
    handler: async (request, reply) => {
      await service.deleteMeasurement(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.indicatorId,
        request.params.period,
        expectedVersion(request, request.query.version),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...api.importMeasurements,
    config: enter,
    handler: async (request) => {
      const upload = await readUpload(request, {
        kinds: [fileKinds.csv, fileKinds.xlsx],
        maxBytes: MAX_IMPORT_BYTES,
      })
      return importMeasurements(app.db, requireUser(request).id, request.params.projectId, upload)
    },
  })

  app.route({
    ...api.getIndicatorRollup,
    // Programmes are readable by every user; the sums only count the projects each one may see.
    config: { access: access.authenticated },
    handler: async (request) => indicatorRollup(app.db, requireUser(request), request.params.programmeId),
  })
}
