import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  addProjectMember,
  createProject,
  getProject,
  listProjectMembers,
  listProjects,
  removeProjectMember,
  setProjectMemberRole,
  updateProject,
} from '@lagesbild/shared/api/projects'
import { access, requireProjectAccess, requireUser } from '../../plugins/access.ts'
import { expectedVersion, setEtag } from '../../plugins/version.ts'
import * as members from './members.ts'
import { listProjects as queryProjects } from './queries.ts'
import * as service from './service.ts'

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...listProjects,
    config: { access: access.authenticated },
    handler: async (request) => queryProjects(app.db, requireUser(request), request.query),
  })

  app.route({
    ...getProject,
    config: { access: access.project('project:read') },
    handler: async (request, reply) => {
      const project = await service.getProject(
        app.db,
        requireUser(request),
        request.params.projectId,
        requireProjectAccess(request),
      )
      setEtag(reply, project.version)
      return project
    },
  })

  app.route({
    ...createProject,
    config: { access: access.authenticated },
    handler: async (request, reply) => {
      const project = await service.createProject(app.db, requireUser(request), request.body)
      return reply.code(201).header('location', `/api/projects/${project.id}`).send(project)
    },
  })

  app.route({
    ...updateProject,
    config: { access: access.project('project:edit') },
    handler: async (request, reply) => {
      const { version, ...patch } = request.body
      const project = await service.updateProject(
        app.db,
        requireUser(request),
        request.params.projectId,
        expectedVersion(request, version),
        patch,
      )
      setEtag(reply, project.version)
      return project
    },
  })

  app.route({
    ...listProjectMembers,
    config: { access: access.project('project:read') },
    handler: async (request) => members.listMembers(app.db, request.params.projectId),
  })

  app.route({
    ...addProjectMember,
    config: { access: access.project('project:members') },
    handler: async (request, reply) => {
      const member = await members.addMember(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.body,
      )
      setEtag(reply, member.version)
      return reply.code(201).send(member)
    },
  })

  app.route({
    ...setProjectMemberRole,
    config: { access: access.project('project:members') },
    handler: async (request, reply) => {
      const { version, role } = request.body
      const member = await members.setRole(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.userId,
        expectedVersion(request, version),
        role,
      )
      setEtag(reply, member.version)
      return member
    },
  })

  app.route({
    ...removeProjectMember,
    config: { access: access.project('project:members') },
    handler: async (request, reply) => {
      await members.removeMember(
        app.db,
        requireUser(request),
        request.params.projectId,
        request.params.userId,
        expectedVersion(request, request.query.version),
      )
      return reply.code(204).send(null)
    },
  })
}
