import { addDays, todayInSweden } from '@lagesbild/shared/domain/calendar-date'
import type { DecisionKind, GroupKind, MemberRole } from '@lagesbild/shared/domain/governance'
import { openApprovalRequest } from '../modules/governance/approvals.ts'
import { insertDecision } from '../modules/governance/decisions.ts'
import { approvalHandler } from '../modules/governance/registry.ts'
import type { DemoContext } from './context.ts'
import { FORALDRASUPPORTEN, KARTLAGGNING, SAMVERKAN, TABB_OREBRO, TIDIGA } from './foundation.ts'

/**
 * Steering groups, their members over time, meetings and decisions from the seeds: LG-SAM soc/buf
 * (seed 000), the FöräldraSupporten steering group and Vi6 styrgrupp (seed 001), and the TABB pilot
 * in Örebro (seed 002). Where a seed names a role but not the person, the demo gives the role a
 * name. The demo steering-group account (Stefan Åberg) also sits in the TABB group today, so that
 * "Att besluta" has a live request to decide.
 */

/** People the seeds describe by role only. */
const extraPeople: [name: string, title: string, organisation: string][] = [
  ['Kerstin Wiklund', 'Ansvarig chef', 'Centrala Elevhälsan'],
  ['Annika Forsberg', 'Förvaltningschef', 'Barn- och utbildningsförvaltningen'],
  ['Lars Nyström', 'Förvaltningschef', 'Socialförvaltningen'],
  ['Göran Lidström', 'Förvaltningschef', 'Fritidsförvaltningen'],
  ['Karin Öhman', 'Förvaltningschef', 'Kulturförvaltningen'],
  ['Mats Engström', 'Förvaltningschef', 'Arbetsmarknadsförvaltningen'],
  ['Lena Sundqvist', 'Kontorschef', 'Samhällsutvecklingskontoret'],
  ['Eva Lindqvist', 'Verksamhetschef f-6', 'Barn- och utbildningsförvaltningen'],
  ['Per Sandberg', 'Elevhälsochef', 'Barn- och utbildningsförvaltningen'],
  ['Helena Marklund', 'Sektionschef', 'Familjestödsektionen'],
  ['Åsa Holmgren', 'Verksamhetschef förskola', 'Barn- och utbildningsförvaltningen'],
]

interface DecisionSpec {
  date: string
  paragraph: string
  kind: DecisionKind
  project: string
  text: string
  /** Date of the meeting it was taken at; per capsulam otherwise. */
  meeting?: string
  decidedBy?: string
}

interface GroupSpec {
  name: string
  /** LG-SAM is the administrations' ledningsgrupp; the others are styrgrupper. */
  kind?: GroupKind
  owner: string
  organisations: string[]
  projects: [project: string, from: string | null][]
  members: [person: string, role: MemberRole, from: string, to: string | null][]
  meetings: { date: string; agenda: string[]; minutes: string }[]
  decisions: DecisionSpec[]
}

const groups: GroupSpec[] = [
  {
    name: 'LG-SAM soc/buf',
    kind: 'management_group',
    owner: 'Luleå kommun',
    organisations: ['Socialförvaltningen', 'Barn- och utbildningsförvaltningen'],
    projects: [[SAMVERKAN, '2017-01-01']],
    members: [
      ['Lars Nyström', 'chair', '2017-01-01', null],
      ['Annika Forsberg', 'member', '2017-01-01', null],
      ['Stefan Åberg', 'member', '2017-01-01', '2018-12-31'],
      ['Kerstin Wiklund', 'co_opted', '2018-06-11', null],
    ],
    meetings: [
      {
        date: '2018-06-11',
        agenda: ['Uppföljning av projektets första år', 'Projektets förankring och mandat', 'Ägarskap'],
        minutes:
          'Uppföljningen i maj visade att projektets förankring och mandat behöver förstärkas. Skolan är arenan för arbetet; projektet flyttas till BUF och Centrala Elevhälsan.',
      },
      {
        date: '2018-10-09',
        agenda: ['Ny projektplan för omstart (Centrala Elevhälsan)', 'Projektets fortsättning'],
        minutes:
          'Centrala Elevhälsan presenterade ett förslag till omstart. Mot bakgrund av det ekonomiska läget inför 2019 avslutas projektet i sin nuvarande form.',
      },
    ],
    decisions: [
      {
        date: '2018-06-11',
        paragraph: '1',
        kind: 'change_owner',
        project: SAMVERKAN,
        meeting: '2018-06-11',
        text: 'Projektet flyttas från socialförvaltningen till barn- och utbildningsförvaltningen (BUF), med ägandeskap BUF och tillhörighet Centrala Elevhälsan. Ansvarig chef: Kerstin Wiklund.',
      },
      {
        date: '2018-06-11',
        paragraph: '2',
        kind: 'change_project_leader',
        project: SAMVERKAN,
        meeting: '2018-06-11',
        text: 'Maja Öberg, Centrala Elevhälsan, utses till projektledare från 2018-06-11. Rekryteringen av en ny projektmedarbetare avbryts tills projektet setts över i sin helhet.',
      },
      {
        date: '2018-10-09',
        paragraph: '1',
        kind: 'terminate_early',
        project: SAMVERKAN,
        meeting: '2018-10-09',
        decidedBy: 'Förvaltningsledningen SOC och BUF (LG-SAM soc/buf)',
        text: 'Mot bakgrund av det rådande ekonomiska läget avslutas projektet Samverkan i praktiken i sin nuvarande form.',
      },
      {
        date: '2018-10-09',
        paragraph: '2',
        kind: 'make_permanent',
        project: SAMVERKAN,
        meeting: '2018-10-09',
        decidedBy: 'Förvaltningsledningen SOC och BUF (LG-SAM soc/buf)',
        text: 'Projektets mål och intentioner överförs till den ordinarie organisationen som ett utvecklingsarbete i samverkan mellan skola och socialförvaltning, med befintliga strukturer som utgångspunkt.',
      },
    ],
  },
  {
    name: 'Styrgrupp FöräldraSupporten',
    owner: 'Socialförvaltningen',
    organisations: ['Socialförvaltningen', 'Barn- och utbildningsförvaltningen'],
    projects: [
      [TIDIGA, '2013-09-01'],
      [FORALDRASUPPORTEN, '2013-09-01'],
    ],
    // Reformed twice; at the turn of 2014/2015 after reorganisation (seed 001).
    members: [
      ['Stefan Åberg', 'chair', '2013-09-01', '2014-12-31'],
      ['Eva Lindqvist', 'member', '2013-09-01', '2016-06-30'],
      ['Per Sandberg', 'member', '2013-09-01', '2014-12-31'],
      ['Helena Marklund', 'chair', '2015-01-01', '2016-06-30'],
      ['Åsa Holmgren', 'member', '2015-01-01', '2016-06-30'],
    ],
    meetings: [],
    decisions: [
      {
        date: '2016-04-01',
        paragraph: '1',
        kind: 'make_permanent',
        project: FORALDRASUPPORTEN,
        decidedBy: 'Socialförvaltningen',
        text: 'Mot bakgrund av mottagningens framgångsrika arbete och tillströmningen av föräldrar permanentas FöräldraSupporten (del a) från projektets slut, våren 2016.',
      },
    ],
  },
  {
    name: 'Vi6 styrgrupp',
    owner: 'Luleå kommun',
    organisations: [
      'Socialförvaltningen',
      'Barn- och utbildningsförvaltningen',
      'Fritidsförvaltningen',
      'Kulturförvaltningen',
      'Arbetsmarknadsförvaltningen',
      'Samhällsutvecklingskontoret',
    ],
    projects: [[KARTLAGGNING, '2014-01-01']],
    members: [
      ['Lars Nyström', 'chair', '2014-01-01', '2016-08-31'],
      ['Annika Forsberg', 'member', '2014-01-01', '2016-08-31'],
      ['Göran Lidström', 'member', '2014-01-01', '2016-08-31'],
      ['Karin Öhman', 'member', '2014-01-01', '2016-08-31'],
      ['Mats Engström', 'member', '2014-01-01', '2016-08-31'],
      ['Lena Sundqvist', 'member', '2014-01-01', '2016-08-31'],
      // The project leader was secretary and kept it after leaving the project in June 2015.
      ['Malin Ekström', 'secretary', '2014-01-01', '2016-08-31'],
    ],
    meetings: [
      {
        date: '2014-04-01',
        agenda: ['Kartläggning och välfärdsanalys i samverkan', 'Samverkansteam'],
        minutes: 'Vi6 styrgrupp beslutade att genomföra kartläggningen i förvaltningsövergripande samverkan.',
      },
    ],
    decisions: [
      {
        date: '2014-04-01',
        paragraph: '1',
        kind: 'other',
        project: KARTLAGGNING,
        meeting: '2014-04-01',
        text: 'Kartläggningen/välfärdsanalysen genomförs i samverkan mellan de sex förvaltningarna. Ett samverkansteam med nyckelpersoner från respektive nämnd utses för att genomföra analysen.',
      },
    ],
  },
  {
    name: 'Styrgrupp TABB Västra Engelbrektsskolan',
    owner: 'Förvaltningen förskola och skola',
    organisations: [
      'Förvaltningen förskola och skola',
      'Förvaltningen för sociala insatser',
      'Hälso- och sjukvården',
    ],
    projects: [[TABB_OREBRO, '2019-08-01']],
    members: [
      ['Katja Arvidsson', 'chair', '2019-08-01', null],
      // The demo steering-group account, so the inbox has something to decide.
      ['Stefan Åberg', 'member', '2021-08-01', null],
    ],
    meetings: [
      {
        date: '2022-02-01',
        agenda: ['Reviderad projektplan', 'Ny styrgrupp'],
        minutes: 'Den reviderade projektplanen med nya mål och aktiviteter godkändes.',
      },
    ],
    decisions: [
      {
        date: '2021-08-01',
        paragraph: '1',
        kind: 'change_project_leader',
        project: TABB_OREBRO,
        text: 'Anneli Wester utses till projektledare från 2021-08-01 efter Kristina Stenlund.',
      },
      {
        date: '2022-02-01',
        paragraph: '1',
        kind: 'approve_plan_revision',
        project: TABB_OREBRO,
        meeting: '2022-02-01',
        text: 'Den reviderade projektplanen daterad 2022-02-01 godkänns.',
      },
    ],
  },
]

async function insertGroup(ctx: DemoContext, spec: GroupSpec) {
  const id = ctx.newId('steering_group', spec.name)
  await ctx.db
    .insertInto('steering_group')
    .values({
      id,
      owner_organisation_id: ctx.organisation(spec.owner),
      name: spec.name,
      kind: spec.kind ?? 'steering_group',
    })
    .execute()
  await ctx.db
    .insertInto('steering_group_organisation')
    .values(spec.organisations.map((o) => ({ steering_group_id: id, organisation_id: ctx.organisation(o) })))
    .execute()
  for (const [project, from] of spec.projects) {
    await ctx.db
      .insertInto('steering_group_project')
      .values({ steering_group_id: id, project_id: ctx.project(project), from_date: from })
      .execute()
  }
  for (const [person, role, from, to] of spec.members) {
    await ctx.db
      .insertInto('steering_group_member')
      .values({
        id: ctx.newId('steering_group_member', `${spec.name}/${person}/${from}`),
        steering_group_id: id,
        person_id: ctx.person(person),
        role,
        from_date: from,
        to_date: to,
      })
      .execute()
  }
  const meetings = new Map<string, string>()
  for (const meeting of spec.meetings) {
    const meetingId = ctx.newId('meeting', `${spec.name}/${meeting.date}`)
    meetings.set(meeting.date, meetingId)
    await ctx.db
      .insertInto('meeting')
      .values({
        id: meetingId,
        steering_group_id: id,
        meeting_date: meeting.date,
        agenda: JSON.stringify(meeting.agenda),
        minutes: meeting.minutes,
      })
      .execute()
  }
  for (const d of spec.decisions) {
    const project = await ctx.db
      .selectFrom('project')
      .where('id', '=', ctx.project(d.project))
      .select(['id', 'code'])
      .executeTakeFirstOrThrow()
    await insertDecision(ctx.db, {
      steeringGroupId: id,
      meetingId: d.meeting ? (meetings.get(d.meeting) ?? null) : null,
      perCapsulam: !d.meeting,
      date: d.date,
      paragraph: d.paragraph,
      diaryNumber: project.code,
      text: d.text,
      kind: d.kind,
      outcome: 'approved',
      projectId: project.id,
      subject: { kind: 'project', id: project.id },
      decidedBy: d.decidedBy ?? spec.name,
      outsideSystem: true,
      recordedBy: null,
    })
  }
  return id
}

export async function loadGovernanceDemo(ctx: DemoContext): Promise<void> {
  await ctx.db
    .insertInto('person')
    .values(
      extraPeople.map(([name, title, organisation]) => ({
        id: ctx.newId('person', name),
        name,
        title,
        organisation_id: ctx.organisation(organisation),
      })),
    )
    .execute()
  for (const spec of groups) await insertGroup(ctx, spec)

  // A meeting ahead, for "Mitt arbete".
  const tabbGroup = ctx.id('steering_group', 'Styrgrupp TABB Västra Engelbrektsskolan')
  await ctx.db
    .insertInto('meeting')
    .values({
      id: ctx.newId('meeting', 'TABB/upcoming'),
      steering_group_id: tabbGroup,
      meeting_date: addDays(todayInSweden(), 14),
      place: 'Västra Engelbrektsskolan',
      agenda: JSON.stringify(['Lägesrapport', 'Milstolpar att godkänna']),
    })
    .execute()

  // The TABB leader asks the steering group to approve milestone 2.1: waits in "Att besluta".
  const tabb = ctx.project(TABB_OREBRO)
  const milestone = await ctx.db
    .selectFrom('activity')
    .where('project_id', '=', tabb)
    .where('number', '=', '2.1')
    .where('milestone', '=', true)
    .select('id')
    .executeTakeFirstOrThrow()
  const input = {
    kind: 'milestone' as const,
    summary: 'Arbetsgruppen är bildad och har regelbundna träffar inplanerade.',
    activityId: milestone.id,
  }
  await openApprovalRequest(ctx.db, {
    projectId: tabb,
    kind: 'milestone',
    payload: await approvalHandler('milestone').prepare(ctx.db, tabb, input),
    summary: input.summary,
    requestedBy: ctx.user('projektledare@demo.example'),
  })
}
