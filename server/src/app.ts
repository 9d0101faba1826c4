import { readFileSync } from 'node:fs'
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { AppConfig } from './config.ts'
import type { Db } from './db/connect.ts'
import { archiveRoutes } from './modules/archive/routes.ts'
import { auditRoutes } from './modules/audit/routes.ts'
import { authRoutes } from './modules/auth/routes.ts'
import { benchRoutes } from './modules/bench/routes.ts'
import { financeRoutes } from './modules/finance/routes.ts'
import { governanceRoutes } from './modules/governance/routes.ts'
import { healthRoutes } from './modules/health/routes.ts'
import { indicatorRoutes } from './modules/indicators/routes.ts'
import { organisationRoutes } from './modules/organisations/routes.ts'
import { peopleRoutes } from './modules/people/routes.ts'
import { planRoutes } from './modules/plans/routes.ts'
import { portfolioRoutes } from './modules/portfolio/routes.ts'
import { retentionPlugin } from './modules/privacy/retention.ts'
import { privacyRoutes } from './modules/privacy/routes.ts'
import { programmeRoutes } from './modules/programmes/routes.ts'
import { projectTransferRoutes } from './modules/project-transfer/routes.ts'
import { projectRoutes } from './modules/projects/routes.ts'
import { reportRoutes } from './modules/reports/routes.ts'
import { ssoRoutes } from './modules/sso/routes.ts'
import { statusReportRoutes } from './modules/status-reports/routes.ts'
import { userRoutes } from './modules/users/routes.ts'
import { accessPlugin } from './plugins/access.ts'
import { authPlugin } from './plugins/auth.ts'
import { databasePlugin } from './plugins/database.ts'
import { docsPlugin } from './plugins/docs.ts'
import { errorsPlugin, sendProblem, toProblem } from './plugins/errors.ts'
import { securityPlugin } from './plugins/security.ts'
import { spaPlugin } from './plugins/spa.ts'
import { uploadsPlugin } from './plugins/uploads.ts'
import './report-sections.ts'

declare module 'fastify' {
  interface FastifyInstance {
    appVersion: string
  }
}

const appVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version

export interface BuildOptions {
  config: AppConfig
  db: Db
  logger?: FastifyServerOptions['logger']
}

/** The whole application on a given database; the start command and every test build it here. */
export async function buildApp({ config, db, logger }: BuildOptions) {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router raises before any route runs (malformed or over-long URLs) get problem details too.
    frameworkErrors: (error, request, reply) => {
      const { body, headers } = toProblem(error, request)
      return sendProblem(reply, body, headers)
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.decorate('appVersion', appVersion)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(errorsPlugin)
  await app.register(securityPlugin)
  await app.register(uploadsPlugin, { limitBytes: config.uploadLimitBytes })
  await app.register(databasePlugin, { db })
  await app.register(accessPlugin)
  const session = {
    secret: config.sessionSecret,
    ttlHours: config.sessionTtlHours,
    maxHours: config.sessionMaxHours,
    secureCookies: config.secureCookies,
  }
  await app.register(authPlugin, session)
  await app.register(docsPlugin, { version: appVersion })

  await app.register(healthRoutes)
  await app.register(authRoutes, { session })
  await app.register(organisationRoutes)
  await app.register(peopleRoutes)
  await app.register(programmeRoutes)
  await app.register(projectRoutes)
  await app.register(planRoutes)
  await app.register(auditRoutes)
  await app.register(privacyRoutes)
  await app.register(retentionPlugin)
  await app.register(ssoRoutes, { session, oidc: config.oidc })
  await app.register(userRoutes, {
    session,
    publicUrl: config.publicUrl,
    invitationTtlHours: config.invitationTtlHours,
    passwordBreachCheck: config.passwordBreachCheck,
  })
  await app.register(financeRoutes)
  await app.register(reportRoutes)
  await app.register(governanceRoutes)
  await app.register(indicatorRoutes)
  await app.register(statusReportRoutes)
  await app.register(projectTransferRoutes)
  if (config.benchRoutes) await app.register(benchRoutes)
  await app.register(portfolioRoutes)
  await app.register(archiveRoutes)

  await app.register(spaPlugin, { webDist: config.webDist })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
