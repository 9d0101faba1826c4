import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { comparePlans, createBaseline, getBaseline, listBaselines } from '@lagesbild/shared/api/baselines'
import { createGoal, deleteGoal, getGoalTree, moveGoal, updateGoal } from '@lagesbild/shared/api/goals'
import {
  createActivity,
  deleteActivity,
  exportPlan,
  getActivity,
  getEfterkalkyl,
  importPlan,
  listActivities,
  previewPlanImport,
  updateActivity,
} from '@lagesbild/shared/api/plans'
import { createRisk, deleteRisk, listRisks, updateRisk } from '@lagesbild/shared/api/risks'
import { createStaffing, deleteStaffing, listStaffing, updateStaffing } from '@lagesbild/shared/api/staffing'
import { todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import { pickLanguage } from '@lagesbild/shared/http/language'
import { access, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import * as activities from './activities.ts'
import * as baselines from './baselines.ts'
import * as goals from './goals.ts'
import { planToCsv, planToXlsx } from './plan-file.ts'
import { commitImport, previewImport } from './plan-import.ts'
import * as risks from './risks.ts'
import { activityPlan, efterkalkyl } from './service.ts'
import * as staffing from './staffing.ts'
import './personal-data.ts'

const read = { access: access.project('project:read') }
const plan = { access: access.project('project:plan') }

/** Content-Disposition that keeps å, ä, ö for browsers that read filename*. */
function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\w.-]+/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...listActivities,
    config: read,
    handler: async (request) =>
      activityPlan(app.db, request.params.projectId, request.query.asOf ?? todayInSweden()),
  })

  app.route({
    ...getActivity,
    config: read,
    handler: async (request, reply) => {
      const scope = await activities.loadScope(app.db, request.params.projectId)
      const activity = await activities.getActivity(app.db, scope, request.params.activityId)
      setEtag(reply, activity.version)
      return activity
    },
  })

  app.route({
    ...createActivity,
    config: plan,
    handler: async (request, reply) => {
      const scope = await activities.loadScope(app.db, request.params.projectId)
      const activity = await activities.createActivity(app.db, requireUser(request).id, scope, request.body)
      setEtag(reply, activity.version)
      return reply.code(201).send(activity)
    },
  })

  app.route({
    ...updateActivity,
    config: plan,
    handler: async (request, reply) => {
      const { version, ...patch } = request.body
      const scope = await activities.loadScope(app.db, request.params.projectId)
      const activity = await activities.updateActivity(
        app.db,
        requireUser(request).id,
        scope,
        request.params.activityId,
        expectedVersion(request, version),
        patch,
      )
      setEtag(reply, activity.version)
      return activity
    },
  })

  app.route({
    ...deleteActivity,
    config: plan,
    handler: async (request, reply) => {
      const scope = await activities.loadScope(app.db, request.params.projectId)
      await activities.deleteActivity(
        app.db,
        requireUser(request).id,
        scope,
        request.params.activityId,
        expectedVersion(request, request.query.version),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...getEfterkalkyl,
    config: read,
    handler: async (request) =>
      efterkalkyl(app.db, request.params.projectId, request.query.asOf ?? todayInSweden()),
  })

  app.route({
    ...exportPlan,
    config: read,
    handler: async (request, reply) => {
      const format = request.query.format ?? 'xlsx'
      const planned = await activityPlan(app.db, request.params.projectId)
      const name = `Aktivitetsplan ${planned.project.name} ${planned.asOf}.${format}`
      const file =
        format === 'csv' ? planToCsv(planned.items) : await planToXlsx(planned.items, planned.project.name)
      return reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', attachment(name))
        .send(file)
    },
  })

  app.route({
    ...previewPlanImport,
    config: plan,
    handler: async (request) => {
      const scope = await activities.loadScope(app.db, request.params.projectId)
      return previewImport(app.db, scope, request.body, pickLanguage(request.headers['accept-language']))
    },
  })

  app.route({
    ...importPlan,
    config: plan,
    handler: async (request) => {
      const scope = await activities.loadScope(app.db, request.params.projectId)
      return commitImport(app.db, requireUser(request).id, scope, request.body)
    },
  })

  app.route({
    ...getGoalTree,
    config: read,
    handler: async (request) => goals.goalTree(app.db, request.params.projectId),
  })

  app.route({
    ...createGoal,
    config: plan,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await goals.createGoal(app.db, requireUser(request).id, request.params.projectId, request.body),
        ),
  })

  app.route({
    ...updateGoal,
    config: plan,
    handler: async (request) => {
      const { version, ...patch } = request.body
      return goals.updateGoal(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.goalId,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...moveGoal,
    config: plan,
    handler: async (request) =>
      goals.moveGoal(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.goalId,
        expectedVersion(request, request.body.version),
        request.body.position,
      ),
  })

  app.route({
    ...deleteGoal,
    config: plan,
    handler: async (request, reply) => {
      const { version, ...removal } = request.query
      await goals.deleteGoal(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.goalId,
        expectedVersion(request, version),
        removal,
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...listBaselines,
    config: read,
    handler: async (request) => baselines.listBaselines(app.db, request.params.projectId),
  })

  app.route({
    ...getBaseline,
    config: read,
    handler: async (request) =>
      baselines.getBaseline(app.db, request.params.projectId, request.params.baselineId),
  })

  app.route({
    ...createBaseline,
    config: plan,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await baselines.saveBaseline(
            app.db,
            requireUser(request).id,
            request.params.projectId,
            request.body,
          ),
        ),
  })

  app.route({
    ...comparePlans,
    config: read,
    handler: async (request) => baselines.comparePlans(app.db, request.params.projectId, request.query),
  })

  app.route({
    ...listStaffing,
    config: read,
    handler: async (request) => staffing.listStaffing(app.db, request.params.projectId),
  })

  app.route({
    ...createStaffing,
    config: plan,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await staffing.createStaffing(
            app.db,
            requireUser(request).id,
            request.params.projectId,
            request.body,
          ),
        ),
  })

  app.route({
    ...updateStaffing,
    config: plan,
    handler: async (request) => {
      const { version, ...patch } = request.body
      return staffing.updateStaffing(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.staffingId,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...deleteStaffing,
    config: plan,
    handler: async (request, reply) => {
      await staffing.deleteStaffing(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.staffingId,
        expectedVersion(request, request.query.version),
      )
      return reply.code(204).send(null)
    },
  })

  app.route({
    ...listRisks,
    config: read,
    handler: async (request) => risks.listRisks(app.db, request.params.projectId),
  })

  app.route({
    ...createRisk,
    config: plan,
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await risks.createRisk(app.db, requireUser(request).id, request.params.projectId, request.body),
        ),
  })

  app.route({
    ...updateRisk,
    config: plan,
    handler: async (request) => {
      const { version, ...patch } = request.body
      return risks.updateRisk(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.riskId,
        expectedVersion(request, version),
        patch,
      )
    },
  })

  app.route({
    ...deleteRisk,
    config: plan,
    handler: async (request, reply) => {
      await risks.deleteRisk(
        app.db,
        requireUser(request).id,
        request.params.projectId,
        request.params.riskId,
        expectedVersion(request, request.query.version),
      )
      return reply.code(204).send(null)
    },
  })
}
