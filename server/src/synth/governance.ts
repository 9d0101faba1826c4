import { lifecycleNames } from '../modules/governance/effects.ts'
import {
  addDays,
  daysBetween,
  Rng,
  type SynthContext,
  type SynthMemberRole,
  type SynthMembership,
  type SynthOrganisation,
  type SynthProject,
  type SynthSteeringGroup,
} from './context.ts'
import { projectCode } from './foundation.ts'
import type { Cell } from './writer.ts'

/**
 * Steering groups as the governance module keeps them: each governs three to five of its
 * organisation's projects that start about the same time, with managers as members whose
 * seats change hands over the years, meetings five or six times a year, and the decision
 * register those meetings fill: every lifecycle move of every project (the project's status
 * is only ever changed by a decision), milestones approved on the leader's request, and the
 * group's own decisions, a few of which later decisions supersede. Rows are written as the
 * module's functions write them (decision text, request payloads, milestone approvals), in
 * bulk; like the other parts, without audit events.
 */

/** The account of a chair in the largest municipality, for the benchmark and the inbox. */
export const SYNTH_STEERING_ACCOUNT = 'styrgrupp@synth.example'

const FIRST = [
  'Kerstin',
  'Göran',
  'Helena',
  'Per',
  'Åsa',
  'Mats',
  'Lena',
  'Stefan',
  'Ingrid',
  'Hans',
  'Birgitta',
]
const LAST = [
  'Lundberg',
  'Bergström',
  'Holmgren',
  'Sundqvist',
  'Engström',
  'Wiklund',
  'Forsberg',
  'Nyström',
  'Marklund',
  'Öhman',
  'Lidström',
  'Åberg',
  'Sandberg',
]
const TITLES = ['Förvaltningschef', 'Verksamhetschef', 'Enhetschef']
const PLACES = [
  'Stadshuset, sammanträdesrum 2',
  'Kommunhuset, Lilla salen',
  'Digitalt (Teams)',
  'Förvaltningshuset',
]
const AGENDA = [
  'Lägesrapporter från projekten',
  'Ekonomisk uppföljning',
  'Milstolpar att godkänna',
  'Risker och åtgärder',
  'Samverkan med skolan',
  'Implementering i ordinarie verksamhet',
  'Kommunikation och spridning',
]
const MINUTES = [
  'Styrgruppen gick igenom lägesrapporterna. Projekten följer i huvudsak planen; förseningarna i rekryteringen följs upp till nästa möte.',
  'Ekonomin följer budget. Styrgruppen diskuterade hur arbetet ska tas över av linjen när projektperioden är slut.',
  'Projektledarna redogjorde för arbetet i målgruppen. Samverkan med skolorna fungerar bättre sedan i våras.',
]
const OTHER_DECISIONS = [
  'Styrgruppen lägger lägesrapporterna till handlingarna.',
  'Styrgruppen ger projektledaren i uppdrag att ta fram en plan för hur arbetet ska föras över till ordinarie verksamhet.',
  'Styrgruppen beslutar att utvärderingen genomförs av extern utvärderare enligt förslaget.',
  'Styrgruppen beslutar att referensgruppen utökas med en representant för elevhälsan.',
  'Styrgruppen godkänner kommunikationsplanen.',
  'Styrgruppen ger förvaltningarna i uppdrag att frigöra tid för personalens medverkan i utbildningen.',
]
/** Lifecycle requests' summaries, by the state they lead to. */
const LIFECYCLE_SUMMARY: Record<string, string> = {
  approved: 'Projektplanen är klar och projektet föreslås beslutas.',
  active: 'Projektet startar enligt plan.',
  paused: 'Projektet pausas i väntan på ny projektledare.',
  completed: 'Projektperioden är slut och slutrapporten är skriven.',
  terminated: 'Projektet avslutas i förtid: förutsättningarna för att nå målen saknas.',
  made_permanent: 'Arbetssättet permanentas i ordinarie verksamhet.',
  handed_over: 'Arbetet överförs till linjen.',
}

const ENDED = new Set(['completed', 'made_permanent', 'handed_over', 'terminated'])

/** Moves a date off the weekend (meetings are on weekdays). */
function weekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date
}

const stamp = (date: string, time = '14:00') => `${date}T${time}:00+01:00`
const earlierOf = (a: string, b: string) => (a <= b ? a : b)
const laterOf = (a: string, b: string) => (a >= b ? a : b)

interface Person {
  personId: string
  userId: string
  name: string
  title: string
  email: string
  organisationId: string
}

interface Meeting {
  id: string
  group: SynthSteeringGroup
  date: string
  /** Decisions taken so far: the next one's paragraph. */
  paragraphs: number
}

interface Decision {
  id: string
  group: SynthSteeringGroup
  meeting: Meeting | null
  date: string
  paragraph: string | null
  text: string
  kind: string
  outcome: 'approved' | 'rejected' | null
  project: SynthProject
  subject: { kind: 'project' | 'activity'; id: string }
  supersedesId: string | null
  recordedBy: string | null
}

interface Request {
  id: string
  project: SynthProject
  kind: 'milestone' | 'lifecycle'
  payload: Record<string, string>
  summary: string
  status: 'pending' | 'approved' | 'rejected'
  requestedAt: string
  decision: Decision | null
  comment: string
}

interface Milestone {
  id: string
  projectId: string
  label: string
  status: string
  actualEnd: string | null
}

/** Managers per administration, and a public-health strategist per organisation (the secretary). */
function buildManagers(ctx: SynthContext): Map<string, Person[]> {
  const managers = new Map<string, Person[]>()
  let n = 0
  const person = (organisationId: string, title: string): Person => {
    n += 1
    return {
      personId: ctx.id(),
      userId: ctx.id(),
      name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`,
      title,
      email: `chef.${n}@synth.example`,
      organisationId,
    }
  }
  for (const org of ctx.organisations) {
    for (const a of org.administrations)
      managers.set(
        a.id,
        TITLES.map((t) => person(a.id, t)),
      )
    managers.set(org.id, [person(org.id, org.kind === 'region' ? 'Folkhälsoutvecklare' : 'Folkhälsostrateg')])
  }
  const chair = managers.get(ctx.organisations[0]?.administrations[0]?.id ?? '')?.[0]
  if (chair) chair.email = SYNTH_STEERING_ACCOUNT
  return managers
}

/** Groups of three to five projects of one organisation that start about the same time. */
function buildGroups(ctx: SynthContext, rng: Rng, managers: Map<string, Person[]>): void {
  const byOrganisation = new Map<SynthOrganisation, SynthProject[]>()
  for (const p of ctx.projects) byOrganisation.set(p.top, [...(byOrganisation.get(p.top) ?? []), p])
  const firstOrganisation = ctx.organisations[0]
  for (const org of ctx.organisations) {
    const projects = (byOrganisation.get(org) ?? []).sort(
      (a, b) => a.start.localeCompare(b.start) || a.index - b.index,
    )
    const names = new Set<string>()
    for (let i = 0; i < projects.length; ) {
      const size = rng.int(3, 5)
      const governed = projects.slice(i, i + size)
      i += size
      const first = governed[0]
      if (!first) break
      const start = addDays(
        governed.reduce((min, p) => earlierOf(p.start, min), first.start),
        -rng.int(70, 120),
      )
      const lastEnd = governed.reduce((max, p) => laterOf(p.end, max), first.end)
      const end = addDays(lastEnd, rng.int(14, 60))
      const theme = first.top.name.replace(/s kommun$/, '')
      let name = `Styrgrupp folkhälsa ${theme} ${start.slice(0, 4)}`
      for (let k = 2; names.has(name); k += 1)
        name = `Styrgrupp folkhälsa ${theme} ${start.slice(0, 4)} (${k})`
      names.add(name)
      const group: SynthSteeringGroup = {
        id: ctx.id(),
        name,
        top: org,
        ownerId: first.ownerId,
        projects: governed,
        start,
        end: end < ctx.today ? end : null,
        members: [],
      }
      group.members = seats(ctx, rng, group, managers, org === firstOrganisation)
      ctx.steeringGroups.push(group)
      for (const p of governed) ctx.groupOfProject.set(p.id, group)
    }
  }
}

/**
 * The chair from the owning administration, two or three members from the others and the
 * strategist as secretary. A seat changes hands now and then; the group's end closes them all.
 */
function seats(
  ctx: SynthContext,
  rng: Rng,
  group: SynthSteeringGroup,
  managers: Map<string, Person[]>,
  first: boolean,
): SynthMembership[] {
  const own = managers.get(group.ownerId) ?? []
  const others = group.top.administrations
    .filter((a) => a.id !== group.ownerId)
    .flatMap((a) => managers.get(a.id) ?? [])
  const secretary = managers.get(group.top.id) ?? []
  // The named chair chairs the largest municipality's groups for good, so the account always
  // has groups to sit in and requests to decide.
  const keepsChair = first
  const named = managers.get(group.top.administrations[0]?.id ?? '')?.slice(0, 1) ?? []
  const plan: [SynthMemberRole, Person[]][] = [
    ['chair', keepsChair ? named : own],
    ['secretary', secretary],
    ...Array.from({ length: rng.int(2, 3) }, (): [SynthMemberRole, Person[]] => ['member', others]),
  ]
  const last = group.end ?? ctx.today
  const members: SynthMembership[] = []
  const taken = new Set<string>()
  for (const [role, pool] of plan) {
    const free = pool.filter((p) => !taken.has(p.personId))
    let holder = free.length > 0 ? rng.pick(free) : undefined
    if (!holder) continue
    taken.add(holder.personId)
    let from = group.start
    while (holder) {
      // About one change a seat in four years.
      const change = role === 'chair' && keepsChair ? null : addDays(from, rng.int(400, 2600))
      if (!change || change >= last) {
        members.push({ personId: holder.personId, userId: holder.userId, role, from, to: group.end })
        break
      }
      members.push({ personId: holder.personId, userId: holder.userId, role, from, to: addDays(change, -1) })
      const next = pool.filter((p) => !taken.has(p.personId))
      holder = next.length > 0 ? rng.pick(next) : undefined
      if (holder) taken.add(holder.personId)
      from = change
    }
  }
  // Now and then a project leader is co-opted for half a year.
  const leader = group.projects[0]?.leader
  if (leader && rng.chance(0.2)) {
    const from = addDays(group.start, rng.int(60, 300))
    if (from < last)
      members.push({
        personId: leader.personId,
        userId: leader.userId,
        role: 'co_opted',
        from,
        to: earlierOf(addDays(from, 180), group.end ?? addDays(from, 180)),
      })
  }
  return members
}

const holding = (group: SynthSteeringGroup, role: SynthMemberRole, date: string) =>
  group.members.find((m) => m.role === role && m.from <= date && (m.to === null || m.to >= date))

function meetingsOf(ctx: SynthContext, rng: Rng, group: SynthSteeringGroup): Meeting[] {
  const meetings: Meeting[] = []
  const last = group.end ?? addDays(ctx.today, 200)
  for (
    let d = weekday(addDays(group.start, rng.int(7, 21)));
    d <= last;
    d = weekday(addDays(d, rng.int(50, 80)))
  ) {
    meetings.push({ id: ctx.id(), group, date: d, paragraphs: 0 })
    // One meeting ahead of today for a working group, none further.
    if (d > ctx.today) break
  }
  return meetings
}

/**
 * Everything the group decides about its projects, in date order: each lifecycle move and each
 * done milestone is asked for on a day and decided at the next meeting within ten weeks
 * (otherwise per capsulam); a milestone asked for too recently still waits.
 */
class Register {
  readonly decisions: Decision[] = []
  readonly requests: Request[] = []
  readonly approvals: { activityId: string; decision: Decision }[] = []

  private readonly ctx: SynthContext
  private readonly rng: Rng
  private readonly group: SynthSteeringGroup
  private readonly meetings: Meeting[]

  constructor(ctx: SynthContext, rng: Rng, group: SynthSteeringGroup, meetings: Meeting[]) {
    this.ctx = ctx
    this.rng = rng
    this.group = group
    this.meetings = meetings
  }

  /**
   * Who recorded a decision: the chair of the day. A project made permanent after its group was
   * dissolved is decided per capsulam by the group's last chair.
   */
  private recorder(date: string) {
    const chairs = this.group.members.filter((m) => m.role === 'chair')
    return (holding(this.group, 'chair', date) ?? chairs.at(-1))?.userId ?? null
  }

  /** The day it is decided and the meeting it is decided at, if any. */
  private when(asked: string, mustDecide: boolean): { date: string; meeting: Meeting | null } | null {
    const meeting = this.meetings.find((m) => m.date >= asked && daysBetween(asked, m.date) <= 70)
    if (meeting && meeting.date <= this.ctx.today) return { date: meeting.date, meeting }
    const date = weekday(addDays(asked, this.rng.int(3, 14)))
    if (date <= this.ctx.today) return { date, meeting: null }
    return mustDecide ? { date: earlierOf(asked, this.ctx.today), meeting: null } : null
  }

  decide(
    input: Omit<Decision, 'id' | 'group' | 'paragraph' | 'meeting' | 'date' | 'recordedBy'>,
    at: {
      date: string
      meeting: Meeting | null
    },
  ): Decision {
    const decision: Decision = {
      ...input,
      id: this.ctx.id(),
      group: this.group,
      meeting: at.meeting,
      date: at.date,
      paragraph: at.meeting ? String(++at.meeting.paragraphs) : null,
      recordedBy: this.recorder(at.date),
    }
    this.decisions.push(decision)
    return decision
  }

  /** A request of the project leader, decided as the approval flow decides it. */
  request(
    project: SynthProject,
    kind: Request['kind'],
    asked: string,
    payload: Record<string, string>,
    summary: string,
    decisionKind: string,
    subject: Decision['subject'],
    mustDecide: boolean,
  ): Decision | null {
    const at = this.when(asked, mustDecide)
    const request: Request = {
      id: this.ctx.id(),
      project,
      kind,
      payload,
      summary,
      status: 'pending',
      requestedAt: asked,
      decision: null,
      comment: '',
    }
    this.requests.push(request)
    if (!at) return null
    // One milestone request in twenty is sent back once before it is approved.
    if (kind === 'milestone' && this.rng.chance(0.05)) {
      const comment = 'Underlaget räcker inte: redovisa hur målgruppen har nåtts innan milstolpen godkänns.'
      request.status = 'rejected'
      request.comment = comment
      request.decision = this.decide(
        {
          text: `Styrgruppen avslår: ${summary}\n\n(${payload.change})\n\n${comment}`,
          kind: decisionKind,
          outcome: 'rejected',
          project,
          subject,
          supersedesId: null,
        },
        at,
      )
      return this.request(
        project,
        kind,
        addDays(at.date, this.rng.int(14, 40)),
        payload,
        summary,
        decisionKind,
        subject,
        mustDecide,
      )
    }
    request.status = 'approved'
    request.decision = this.decide(
      {
        text: `Styrgruppen godkänner: ${summary}\n\n(${payload.change})`,
        kind: decisionKind,
        outcome: 'approved',
        project,
        subject,
        supersedesId: null,
      },
      at,
    )
    return request.decision
  }

  lifecycle(project: SynthProject, from: string, to: string, asked: string) {
    const kind =
      to === 'terminated'
        ? 'terminate_early'
        : to === 'made_permanent' || to === 'handed_over'
          ? 'make_permanent'
          : 'change_lifecycle'
    const names = lifecycleNames as Record<string, string>
    this.request(
      project,
      'lifecycle',
      asked,
      { from, to, change: `${names[from]} → ${names[to]}` },
      LIFECYCLE_SUMMARY[to] ?? 'Projektet byter fas.',
      kind,
      { kind: 'project', id: project.id },
      true,
    )
  }

  milestone(project: SynthProject, m: Milestone) {
    if (!m.actualEnd || m.status !== 'done') return
    const asked = addDays(m.actualEnd, this.rng.int(1, 10))
    if (asked > this.ctx.today) return
    const decision = this.request(
      project,
      'milestone',
      asked,
      { activityId: m.id, change: `Milstolpen ”${m.label}” godkänns` },
      'Milstolpen är nådd.',
      'approve_milestone',
      { kind: 'activity', id: m.id },
      false,
    )
    if (decision) this.approvals.push({ activityId: m.id, decision })
  }

  /** The group's own decisions at its meetings, recorded by hand; now and then one is replaced. */
  ownDecisions() {
    const superseded: Decision[] = []
    for (const meeting of this.meetings) {
      if (meeting.date > this.ctx.today) break
      const running = this.group.projects.filter((p) => p.start <= meeting.date && meeting.date <= p.end)
      const earlier = superseded.shift()
      if (earlier) {
        this.decide(
          {
            text: `Beslutet ersätter § ${earlier.paragraph} den ${earlier.date}. ${this.rng.pick(OTHER_DECISIONS)}`,
            kind: 'other',
            outcome: null,
            project: earlier.project,
            subject: earlier.subject,
            supersedesId: earlier.id,
          },
          { date: meeting.date, meeting },
        )
      }
      if (running.length === 0 || !this.rng.chance(0.55)) continue
      const project = this.rng.pick(running)
      const decision = this.decide(
        {
          text: this.rng.pick(OTHER_DECISIONS),
          kind: 'other',
          outcome: null,
          project,
          subject: { kind: 'project', id: project.id },
          supersedesId: null,
        },
        { date: meeting.date, meeting },
      )
      if (this.rng.chance(0.05)) superseded.push(decision)
    }
  }
}

/** The moves of the project's lifecycle, from the decision to run it to where it is today. */
function lifecycleOf(ctx: SynthContext, rng: Rng, register: Register, p: SynthProject) {
  if (p.status === 'draft') return
  register.lifecycle(p, 'draft', 'approved', earlierOf(addDays(p.start, -rng.int(20, 60)), ctx.today))
  if (p.status === 'approved') return
  register.lifecycle(p, 'approved', 'active', p.start)
  if (p.status === 'paused') {
    const span = Math.max(1, daysBetween(p.start, ctx.today))
    register.lifecycle(p, 'active', 'paused', addDays(p.start, rng.int(Math.floor(span / 2), span)))
  }
  if (!ENDED.has(p.status)) return
  const ended = p.status === 'terminated' ? 'terminated' : 'completed'
  register.lifecycle(p, 'active', ended, p.end)
  if (p.status === 'made_permanent' || p.status === 'handed_over')
    register.lifecycle(p, ended, p.status, earlierOf(addDays(p.end, rng.int(20, 90)), ctx.today))
}

async function loadMilestones(ctx: SynthContext): Promise<Map<string, Milestone[]>> {
  const rows = await ctx.db
    .selectFrom('activity')
    .where('milestone', '=', true)
    .select(['id', 'project_id', 'number', 'title', 'status', 'actual_end_to', 'position'])
    .execute()
  rows.sort((a, b) => a.project_id.localeCompare(b.project_id) || a.position - b.position)
  const byProject = new Map<string, Milestone[]>()
  for (const r of rows) {
    const list = byProject.get(r.project_id) ?? []
    list.push({
      id: r.id,
      projectId: r.project_id,
      label: r.number ? `${r.number} ${r.title}` : r.title,
      status: r.status,
      actualEnd: r.actual_end_to,
    })
    byProject.set(r.project_id, list)
  }
  return byProject
}

export async function synthGovernance(ctx: SynthContext): Promise<void> {
  const rng = new Rng(0x60e7a11)
  const managers = buildManagers(ctx)
  buildGroups(ctx, rng, managers)
  const people = [...managers.values()].flat()

  const hash = await ctx.db
    .selectFrom('app_user')
    .where('password_hash', 'is not', null)
    .select('password_hash')
    .limit(1)
    .executeTakeFirstOrThrow()
  await ctx.copy(
    'person',
    ['id', 'organisation_id', 'name', 'title', 'email'],
    people.map((p) => [p.personId, p.organisationId, p.name, p.title, p.email]),
  )
  await ctx.copy(
    'app_user',
    ['id', 'email', 'name', 'organisation_id', 'person_id', 'password_hash'],
    people.map((p) => [p.userId, p.email, p.name, p.organisationId, p.personId, hash.password_hash]),
  )

  await ctx.copy(
    'steering_group',
    ['id', 'owner_organisation_id', 'name', 'description'],
    ctx.steeringGroups.map((g) => [
      g.id,
      g.ownerId,
      g.name,
      'Styrgrupp för folkhälsoprojekten i förvaltningarnas samverkan.',
    ]),
  )
  await ctx.copy(
    'steering_group_organisation',
    ['steering_group_id', 'organisation_id'],
    ctx.steeringGroups.flatMap((g) => g.top.administrations.map((a): Cell[] => [g.id, a.id])),
  )
  await ctx.copy(
    'steering_group_project',
    ['steering_group_id', 'project_id', 'from_date', 'to_date'],
    ctx.steeringGroups.flatMap((g) => g.projects.map((p): Cell[] => [g.id, p.id, p.start, null])),
  )
  await ctx.copy(
    'steering_group_member',
    ['id', 'steering_group_id', 'person_id', 'role', 'from_date', 'to_date'],
    ctx.steeringGroups.flatMap((g) =>
      g.members.map((m): Cell[] => [ctx.id(), g.id, m.personId, m.role, m.from, m.to]),
    ),
  )

  const milestones = await loadMilestones(ctx)
  const meetings: Meeting[] = []
  const registers: Register[] = []
  for (const group of ctx.steeringGroups) {
    const own = meetingsOf(ctx, rng, group)
    meetings.push(...own)
    const register = new Register(ctx, rng, group, own)
    for (const p of group.projects) {
      lifecycleOf(ctx, rng, register, p)
      for (const m of milestones.get(p.id) ?? []) register.milestone(p, m)
    }
    register.ownDecisions()
    registers.push(register)
  }

  await ctx.copy(
    'meeting',
    ['id', 'steering_group_id', 'meeting_date', 'place', 'agenda', 'minutes', 'created_at'],
    meetings.map((m) => [
      m.id,
      m.group.id,
      m.date,
      rng.pick(PLACES),
      JSON.stringify(
        [AGENDA[0], rng.pick(AGENDA.slice(1)), rng.pick(AGENDA.slice(1))].filter(
          (a, i, all) => all.indexOf(a) === i,
        ),
      ),
      m.date <= ctx.today ? rng.pick(MINUTES) : '',
      stamp(addDays(m.date, -rng.int(7, 21)), '09:00'),
    ]),
  )
  await ctx.copy('meeting_attendee', ['meeting_id', 'person_id'], attendeeRows(ctx, rng, meetings))

  await ctx.copy(
    'decision',
    [
      'id',
      'steering_group_id',
      'meeting_id',
      'per_capsulam',
      'decided_on',
      'paragraph',
      'diary_number',
      'text',
      'kind',
      'outcome',
      'project_id',
      'subject_kind',
      'subject_id',
      'decided_by',
      'outside_system',
      'supersedes_id',
      'recorded_by',
      'created_at',
    ],
    decisionRows(registers),
  )
  await ctx.copy(
    'approval_request',
    [
      'id',
      'project_id',
      'kind',
      'payload',
      'summary',
      'status',
      'requested_by',
      'requested_at',
      'decided_by',
      'decided_at',
      'comment',
      'decision_id',
      'version',
      'updated_at',
    ],
    requestRows(registers),
  )
  await ctx.copy(
    'milestone_approval',
    ['id', 'activity_id', 'decision_id', 'recorded_at'],
    registers.flatMap((r) =>
      r.approvals.map((a): Cell[] => [
        ctx.id(),
        a.activityId,
        a.decision.id,
        stamp(a.decision.date, '16:00'),
      ]),
    ),
  )
}

/** Who was there: the members of the day, one in ten away. */
function* attendeeRows(ctx: SynthContext, rng: Rng, meetings: Meeting[]): Generator<Cell[]> {
  for (const m of meetings) {
    if (m.date > ctx.today) continue
    const seen = new Set<string>()
    for (const member of m.group.members) {
      if (member.from > m.date || (member.to !== null && member.to < m.date) || seen.has(member.personId))
        continue
      seen.add(member.personId)
      if (rng.chance(0.9)) yield [m.id, member.personId]
    }
  }
}

function* decisionRows(registers: Register[]): Generator<Cell[]> {
  for (const r of registers)
    for (const d of r.decisions)
      yield [
        d.id,
        d.group.id,
        d.meeting?.id ?? null,
        d.meeting === null,
        d.date,
        d.paragraph,
        projectCode(d.project),
        d.text,
        d.kind,
        d.outcome,
        d.project.id,
        d.subject.kind,
        d.subject.id,
        d.group.name,
        false,
        d.supersedesId,
        d.recordedBy,
        stamp(d.date, '16:00'),
      ]
}

function* requestRows(registers: Register[]): Generator<Cell[]> {
  for (const r of registers)
    for (const q of r.requests) {
      const decided = q.decision
      yield [
        q.id,
        q.project.id,
        q.kind,
        JSON.stringify(q.payload),
        q.summary,
        q.status,
        q.project.leader.userId,
        stamp(q.requestedAt, '10:00'),
        decided?.recordedBy ?? null,
        decided ? stamp(decided.date, '16:00') : null,
        q.comment,
        decided?.id ?? null,
        decided ? 2 : 1,
        stamp(decided?.date ?? q.requestedAt, decided ? '16:00' : '10:00'),
      ]
    }
}
