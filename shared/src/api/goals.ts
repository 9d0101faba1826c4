import { Type } from 'typebox'
import { Id, Name, Nullable, ProjectParams, Ref, Text, Version } from '../http/common.ts'
import { endpoint } from '../http/endpoint.ts'
import { problemResponses } from '../http/problem.ts'
import { IfMatchHeaders } from './projects.ts'

export const goalKinds = ['overall', 'project', 'sub'] as const
export const GoalKind = Type.Enum(goalKinds)

export const Goal = Type.Object({
  id: Id,
  kind: GoalKind,
  parentId: Nullable(Id),
  position: Type.Integer({ minimum: 1 }),
  /** Sub-goals are numbered 1, 2, … across the project (Delmål 1–4); activities follow them. */
  number: Nullable(Type.Integer()),
  title: Type.String(),
  description: Type.String(),
  activityCount: Type.Integer(),
  version: Version,
})

const GoalTreePart = {
  purpose: Type.String({ description: 'Syfte, from the project' }),
  targetGroup: Type.String({ description: 'Målgrupp, from the project' }),
  overall: Type.Array(Goal),
  project: Type.Array(Goal),
  sub: Type.Array(Goal),
}

export const GoalTree = Type.Object({
  projectId: Id,
  ...GoalTreePart,
  subProjects: Type.Array(Type.Object({ subProject: Ref, ...GoalTreePart }), {
    description: "Sub-projects' own goal trees, edited on each sub-project",
  }),
})

export const GoalCreate = Type.Object(
  {
    kind: GoalKind,
    parentId: Type.Optional(Nullable(Id)),
    title: Name(1000),
    description: Type.Optional(Text(10_000)),
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
)

export const GoalPatch = Type.Object(
  {
    version: Type.Optional(Version),
    title: Type.Optional(Name(1000)),
    description: Type.Optional(Text(10_000)),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
)

export const GoalMove = Type.Object(
  {
    version: Type.Optional(Version),
    position: Type.Integer({ minimum: 1, maximum: 1000, description: 'New place; sub-goals are renumbered' }),
  },
  { additionalProperties: false },
)

export const GoalDeleteQuery = Type.Object(
  {
    version: Type.Optional(Version),
    moveActivitiesTo: Type.Optional(Id),
    detachActivities: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const GoalParams = Type.Object({ projectId: Id, goalId: Id })

const tags = ['goals']

export const getGoalTree = endpoint({
  method: 'GET',
  url: '/api/projects/:projectId/goals',
  schema: {
    summary: 'The goal tree: purpose, overall goals, project goals, numbered sub-goals, target group',
    tags,
    params: ProjectParams,
    response: { 200: GoalTree, ...problemResponses },
  },
})

export const createGoal = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/goals',
  schema: {
    summary: 'Add an overall goal, project goal or sub-goal',
    tags,
    params: ProjectParams,
    body: GoalCreate,
    response: { 201: Goal, ...problemResponses },
  },
})

export const updateGoal = endpoint({
  method: 'PATCH',
  url: '/api/projects/:projectId/goals/:goalId',
  schema: {
    summary: 'Edit a goal',
    tags,
    params: GoalParams,
    headers: IfMatchHeaders,
    body: GoalPatch,
    response: { 200: Goal, ...problemResponses },
  },
})

export const moveGoal = endpoint({
  method: 'POST',
  url: '/api/projects/:projectId/goals/:goalId/move',
  schema: {
    summary: "Move a goal to another place; sub-goals are renumbered and their activities' numbers follow",
    tags,
    params: GoalParams,
    headers: IfMatchHeaders,
    body: GoalMove,
    response: { 200: GoalTree, ...problemResponses },
  },
})

export const deleteGoal = endpoint({
  method: 'DELETE',
  url: '/api/projects/:projectId/goals/:goalId',
  schema: {
    summary: 'Remove a goal; a sub-goal with activities needs moveActivitiesTo or detachActivities',
    tags,
    params: GoalParams,
    headers: IfMatchHeaders,
    querystring: GoalDeleteQuery,
    response: { 204: Type.Null(), ...problemResponses },
  },
})
