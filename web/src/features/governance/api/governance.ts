import * as financeApi from '@lagesbild/shared/api/finance'
import * as api from '@lagesbild/shared/api/governance'
import type { EndpointInput, EndpointOutput } from '@lagesbild/shared/http/endpoint'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import i18next from 'i18next'
import { apiRequest } from '../../../lib/api-client'
import { queryKeys } from '../../../lib/query-keys'

export { type GovernanceTabSearch, parseDecisionSearch, parseGovernanceTabSearch } from './search'

export type ApprovalRequest = EndpointOutput<typeof api.getInbox>['mine'][number]
export type InboxRequest = EndpointOutput<typeof api.getInbox>['toDecide'][number]
export type DecidingGroup = EndpointOutput<typeof api.getInbox>['decidingGroups'][number]
export type Inbox = EndpointOutput<typeof api.getInbox>
export type Decision = EndpointOutput<typeof api.listDecisions>['items'][number]
export type DecisionFilter = NonNullable<EndpointInput<typeof api.listDecisions>['query']>
export type SteeringGroup = EndpointOutput<typeof api.getSteeringGroup>
export type SteeringGroupSummary = EndpointOutput<typeof api.listSteeringGroups>['items'][number]
export type Meeting = EndpointOutput<typeof api.getMeeting>
export type CourseEvent = EndpointOutput<typeof api.getProjectCourse>['items'][number]
export type RequestCreate = EndpointInput<typeof api.createApprovalRequest>['body']
export type GroupCreate = EndpointInput<typeof api.createSteeringGroup>['body']
export type GroupPatch = EndpointInput<typeof api.updateSteeringGroup>['body']
export type MemberPatch = EndpointInput<typeof api.updateMember>['body']
export type ProjectRequest = EndpointOutput<typeof api.listApprovalRequests>['items'][number]

export const inboxQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.governance.inbox,
    queryFn: ({ signal }) => apiRequest(api.getInbox, {}, { signal }),
  })
export const useInbox = () => useQuery(inboxQueryOptions())

export const decisionsQueryOptions = (filter: DecisionFilter) =>
  queryOptions({
    queryKey: queryKeys.governance.decisions(filter),
    queryFn: ({ signal }) => apiRequest(api.listDecisions, { query: filter }, { signal }),
  })
export const useDecisions = (filter: DecisionFilter) => useQuery(decisionsQueryOptions(filter))

export function decisionsExportUrl(filter: DecisionFilter): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, String(value))
  const text = query.toString()
  return `/api/decisions/export${text ? `?${text}` : ''}`
}

export const steeringGroupsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.governance.groups,
    queryFn: ({ signal }) => apiRequest(api.listSteeringGroups, {}, { signal }),
  })
export const useSteeringGroups = () => useQuery(steeringGroupsQueryOptions())

export const steeringGroupQueryOptions = (groupId: string) =>
  queryOptions({
    queryKey: queryKeys.governance.group(groupId),
    queryFn: ({ signal }) => apiRequest(api.getSteeringGroup, { params: { groupId } }, { signal }),
  })
export const useSteeringGroup = (groupId: string) => useQuery(steeringGroupQueryOptions(groupId))

export const membersOnQueryOptions = (groupId: string, on: string) =>
  queryOptions({
    queryKey: queryKeys.governance.membersOn(groupId, on),
    queryFn: ({ signal }) =>
      apiRequest(api.listMembersOn, { params: { groupId }, query: { on } }, { signal }),
  })
export const useMembersOn = (groupId: string, on: string) => useQuery(membersOnQueryOptions(groupId, on))

export const meetingQueryOptions = (meetingId: string) =>
  queryOptions({
    queryKey: queryKeys.governance.meeting(meetingId),
    queryFn: ({ signal }) => apiRequest(api.getMeeting, { params: { meetingId } }, { signal }),
  })
export const useMeeting = (meetingId: string) => useQuery(meetingQueryOptions(meetingId))

export const projectRequestsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.governance.projectRequests(projectId),
    queryFn: ({ signal }) => apiRequest(api.listApprovalRequests, { params: { projectId } }, { signal }),
  })
export const useProjectRequests = (projectId: string, enabled = true) =>
  useQuery({ ...projectRequestsQueryOptions(projectId), enabled })

/** The extract in the language asked for (the request's Accept-Language), cached per language. */
export const meetingExtractQueryOptions = (meetingId: string, language: string = i18next.language || 'sv') =>
  queryOptions({
    queryKey: [...queryKeys.governance.meeting(meetingId), 'extract', language] as const,
    queryFn: ({ signal }) => apiRequest(api.getMeetingExtract, { params: { meetingId } }, { signal }),
  })

export const meetingExtractFileUrl = (meetingId: string, format: 'pdf' | 'docx') =>
  `/api/meetings/${encodeURIComponent(meetingId)}/extract.${format}`

export const courseQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.governance.course(projectId),
    queryFn: ({ signal }) => apiRequest(api.getProjectCourse, { params: { projectId } }, { signal }),
  })
export const useCourse = (projectId: string) => useQuery(courseQueryOptions(projectId))

/** Every governance query (and the project, whose status and leaders a decision may change) is refetched. */
function useGovernanceMutation<T, R>(call: (input: T) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.governance.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.projects.all }),
        queryClient.invalidateQueries({ queryKey: ['plans'] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }),
      ])
    },
  })
}

export const useCreateRequest = (projectId: string) =>
  useGovernanceMutation((body: RequestCreate) =>
    apiRequest(api.createApprovalRequest, { params: { projectId }, body }),
  )

/** Where a decision is recorded: at a held meeting with its §, or per capsulam on a date. */
export type DecisionPlace =
  | { meetingId: string; paragraph: string | null }
  | { meetingId: null; paragraph: string | null; date: string }

export const useDecideRequest = () =>
  useGovernanceMutation(
    ({
      request,
      outcome,
      comment,
      place,
    }: {
      request: ApprovalRequest
      outcome: 'approve' | 'reject'
      comment: string
      place?: DecisionPlace
    }) =>
      apiRequest(outcome === 'approve' ? api.approveRequest : api.rejectRequest, {
        params: { projectId: request.project.id, requestId: request.id },
        body: { version: request.version, comment, ...(place ?? {}) },
      }),
  )

export const useRecordDecision = (groupId: string) =>
  useGovernanceMutation((body: EndpointInput<typeof api.recordDecision>['body']) =>
    apiRequest(api.recordDecision, { params: { groupId }, body }),
  )

export const useRecordOutside = () =>
  useGovernanceMutation(
    ({
      request,
      body,
    }: {
      request: ApprovalRequest
      body: EndpointInput<typeof api.recordOutsideDecision>['body']
    }) =>
      apiRequest(api.recordOutsideDecision, {
        params: { projectId: request.project.id, requestId: request.id },
        body,
      }),
  )

export const useWithdrawRequest = () =>
  useGovernanceMutation((request: ApprovalRequest) =>
    apiRequest(api.withdrawRequest, {
      params: { projectId: request.project.id, requestId: request.id },
      body: { version: request.version },
    }),
  )

export const useAddMember = (groupId: string) =>
  useGovernanceMutation((body: EndpointInput<typeof api.addMember>['body']) =>
    apiRequest(api.addMember, { params: { groupId }, body }),
  )

export const useEndMember = (groupId: string) =>
  useGovernanceMutation(({ memberId, version, to }: { memberId: string; version: number; to: string }) =>
    apiRequest(api.updateMember, { params: { groupId, memberId }, body: { version, to } }),
  )

export const useCreateGroup = () =>
  useGovernanceMutation((body: GroupCreate) => apiRequest(api.createSteeringGroup, { body }))

export const useUpdateGroup = (groupId: string) =>
  useGovernanceMutation((body: GroupPatch) =>
    apiRequest(api.updateSteeringGroup, { params: { groupId }, body }),
  )

export const useUpdateMember = (groupId: string) =>
  useGovernanceMutation(({ memberId, ...body }: MemberPatch & { memberId: string }) =>
    apiRequest(api.updateMember, { params: { groupId, memberId }, body }),
  )

export const useLinkProject = (groupId: string) =>
  useGovernanceMutation(
    ({ projectId, from, to }: { projectId: string; from: string | null; to: string | null }) =>
      apiRequest(api.linkProject, { params: { groupId, projectId }, body: { from, to } }),
  )

export const useUnlinkProject = (groupId: string) =>
  useGovernanceMutation((projectId: string) =>
    apiRequest(api.unlinkProject, { params: { groupId, projectId } }),
  )

export const useCreateMeeting = (groupId: string) =>
  useGovernanceMutation((body: EndpointInput<typeof api.createMeeting>['body']) =>
    apiRequest(api.createMeeting, { params: { groupId }, body }),
  )

export const useUpdateMeeting = (meetingId: string) =>
  useGovernanceMutation((body: EndpointInput<typeof api.updateMeeting>['body']) =>
    apiRequest(api.updateMeeting, { params: { meetingId }, body }),
  )

/** Budget versions proposed and so ready to go to the steering group as a budget change. */
export const useProposedBudgetVersions = (projectId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...queryKeys.finance.project(projectId), 'versions', 'proposed'],
    queryFn: ({ signal }) => apiRequest(financeApi.listBudgetVersions, { params: { projectId } }, { signal }),
    select: (data) => data.items.filter((v) => v.status === 'proposed'),
    enabled,
  })
