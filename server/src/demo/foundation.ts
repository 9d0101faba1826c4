import type { OrganisationRole, ProjectRole } from '@lagesbild/shared/domain/access'
import type { LifecycleStatus } from '@lagesbild/shared/domain/lifecycle'
import { hashPassword } from '../modules/auth/passwords.ts'
import type { DemoContext } from './context.ts'

/** Shared by every demo account; named in the README. */
export const DEMO_PASSWORD = 'lagesbild-demo'

// Organisations as in the seeds: municipality/region → administration → unit.
type OrgSpec = [name: string, kind: string, shortName?: string, children?: OrgSpec[]]

const organisations: OrgSpec[] = [
  [
    'Luleå kommun',
    'municipality',
    undefined,
    [
      ['Kommunstyrelsen', 'committee', 'KS'],
      [
        'Barn- och utbildningsförvaltningen',
        'administration',
        'BUF',
        [['Centrala Elevhälsan', 'unit', 'CEH']],
      ],
      [
        'Socialförvaltningen',
        'administration',
        'SOC',
        [
          ['Barn- och familjesektionen', 'unit'],
          ['Familjestödsektionen', 'unit'],
        ],
      ],
      ['Fritidsförvaltningen', 'administration', 'FRI'],
      ['Kulturförvaltningen', 'administration', 'KUL'],
      ['Arbetsmarknadsförvaltningen', 'administration', 'AMF'],
      ['Samhällsutvecklingskontoret', 'administration', 'SUK'],
    ],
  ],
  [
    'Region Örebro län',
    'region',
    undefined,
    [
      [
        'Hälso- och sjukvården',
        'administration',
        'HoS',
        [
          ['Barn- och ungdomspsykiatrin', 'unit', 'BUP'],
          ['Barn- och ungdomshabiliteringen', 'unit', 'HAB'],
        ],
      ],
    ],
  ],
  [
    'Örebro kommun',
    'municipality',
    undefined,
    [
      ['Förvaltningen förskola och skola', 'administration', 'FoS', [['Västra Engelbrektsskolan', 'unit']]],
      [
        'Förvaltningen för sociala insatser',
        'administration',
        'FSI',
        [
          ['Myndighetsenheten', 'unit'],
          ['Förebyggande enheten', 'unit'],
        ],
      ],
    ],
  ],
  ['Askersunds kommun', 'municipality'],
  ['Degerfors kommun', 'municipality'],
  ['Nora kommun', 'municipality'],
  [
    'Stockholms stad',
    'municipality',
    undefined,
    [
      ['Socialförvaltningen, Stockholm', 'administration', 'SOF'],
      ['Utbildningsförvaltningen, Stockholm', 'administration', 'UTB'],
      ['Hässelby-Vällingby stadsdelsförvaltning', 'administration'],
      ['Rinkeby-Kista stadsdelsförvaltning', 'administration'],
      ['Spånga-Tensta stadsdelsförvaltning', 'administration'],
      ['Enskede-Årsta-Vantör stadsdelsförvaltning', 'administration'],
      ['Skarpnäcks stadsdelsförvaltning', 'administration'],
      ['Farsta stadsdelsförvaltning', 'administration'],
      ['Älvsjö stadsdelsförvaltning', 'administration'],
      ['Skärholmens stadsdelsförvaltning', 'administration'],
    ],
  ],
]

// Fictional staff; the roles are those the seeds describe.
const people: [name: string, title: string, organisation: string][] = [
  ['Alva Lund', 'Systemförvaltare', 'Luleå kommun'],
  ['Petra Holm', 'Folkhälsostrateg', 'Kommunstyrelsen'],
  ['Erik Sjöberg', 'Controller', 'Barn- och utbildningsförvaltningen'],
  ['Elin Nordin', 'Projektledare', 'Socialförvaltningen'],
  ['Stefan Åberg', 'Sektionschef', 'Socialförvaltningen'],
  ['Bo Viklund', 'Nämndledamot', 'Kommunstyrelsen'],
  ['Malin Ekström', 'Projektledare', 'Socialförvaltningen'],
  ['Jonas Berg', 'Processledare', 'Socialförvaltningen'],
  ['Sara Lundmark', 'Projektledare', 'Socialförvaltningen'],
  ['Maja Öberg', 'Projektledare', 'Centrala Elevhälsan'],
  ['Ingela Wiberg', 'Verksamhetschef', 'Centrala Elevhälsan'],
  ['Kristina Stenlund', 'Projektledare', 'Förvaltningen förskola och skola'],
  ['Anneli Wester', 'Projektledare', 'Förvaltningen förskola och skola'],
  ['Katja Arvidsson', 'Förvaltningschef', 'Förvaltningen förskola och skola'],
  ['Henrik Dahl', 'Enhetschef', 'Socialförvaltningen, Stockholm'],
]

const programmes: [name: string, owner: string, start: string, end: string, description: string][] = [
  [
    'Särskilda folkhälsomedel 2013–2016',
    'Luleå kommun',
    '2013-01-01',
    '2016-12-31',
    'Kommunens särskilda folkhälsomedel med utgångspunkt i programmet Alla jämlika.',
  ],
  [
    'Folkhälsomedel 2017',
    'Luleå kommun',
    '2017-01-01',
    '2019-12-31',
    'Projekt som kommunstyrelsen beviljat folkhälsomedel 2017, medfinansierade av förvaltningarna.',
  ],
  [
    'TABB – Tillsammans för alla barns bästa',
    'Region Örebro län',
    '2019-01-01',
    '2023-12-31',
    'Regionalt huvudprojekt efter Skottlandsmodellen (GIRFEC) med pilotprojekt i Askersund, Degerfors, Nora och Örebro.',
  ],
  [
    'Samverkan skola–socialtjänst',
    'Stockholms stad',
    '2013-06-01',
    '2014-12-31',
    'Pilotprojekt i 16 skolor och 8 stadsdelsförvaltningar med multikompetenta team för elever i årskurs 7–9.',
  ],
]

interface ProjectSpec {
  name: string
  code?: string
  owner: string
  programme?: string
  parent?: string
  client: string
  purpose?: string
  background?: string
  targetGroup?: string
  plannedStart: string
  plannedEnd: string
  actualEnd?: string
  status: LifecycleStatus
  leaders?: [person: string, from: string, to?: string][]
}

const stockholmPilots: [school: string, district: string][] = [
  ['Hässelbygårdsskolan', 'Hässelby-Vällingby stadsdelsförvaltning'],
  ['Grimstaskolan', 'Hässelby-Vällingby stadsdelsförvaltning'],
  ['Rinkebyskolan', 'Rinkeby-Kista stadsdelsförvaltning'],
  ['Husbygårdsskolan', 'Rinkeby-Kista stadsdelsförvaltning'],
  ['Akalla grundskola', 'Rinkeby-Kista stadsdelsförvaltning'],
  ['Årvingeskolan', 'Rinkeby-Kista stadsdelsförvaltning'],
  ['Hjulstaskolan', 'Spånga-Tensta stadsdelsförvaltning'],
  ['Rågsvedsskolan', 'Enskede-Årsta-Vantör stadsdelsförvaltning'],
  ['Bagarmossens skola', 'Skarpnäcks stadsdelsförvaltning'],
  ['Hökarängsskolan', 'Farsta stadsdelsförvaltning'],
  ['Gubbängsskolan', 'Farsta stadsdelsförvaltning'],
  ['Kvickentorpsskolan', 'Farsta stadsdelsförvaltning'],
  ['Tätorpsskolan', 'Farsta stadsdelsförvaltning'],
  ['Solbergaskolan', 'Älvsjö stadsdelsförvaltning'],
  ['Sätraskolan', 'Skärholmens stadsdelsförvaltning'],
  ['Bredängsskolan', 'Skärholmens stadsdelsförvaltning'],
]

export const SAMVERKAN = 'Samverkan i praktiken'
export const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'
export const FORALDRASUPPORTEN = 'FöräldraSupporten'
export const KARTLAGGNING = 'Kartläggning/välfärdsanalys'
export const TABB_OREBRO = 'Tillsammans för samverkan på Västra Engelbrektsskolan'
export const stockholmPilotName = (school: string) => `Multikompetent team – ${school}`

const projects: ProjectSpec[] = [
  {
    name: SAMVERKAN,
    code: 'BUN 2017/0412',
    owner: 'Centrala Elevhälsan',
    programme: 'Folkhälsomedel 2017',
    client: 'Barn- och utbildningsförvaltningen och Socialförvaltningen',
    purpose:
      'Att tidigt fånga upp signaler från barn och unga som riskerar framtida skolproblem, och att ta fram metoder och rutiner för långsiktiga resultat. Ett team med socionom och specialpedagog ska agera i glappet mellan skola och socialförvaltning så att utsatta elever och familjer snabbt får hjälp.',
    background:
      'Förvaltningarna har i tidigare samverkansprojekt sett att de samverkande insatserna runt elever med skolfrånvaro och andra risksignaler kommer in för sent. Kommunstyrelsen beviljade 2 806 000 kr i folkhälsomedel till ett treårigt projekt; BUF och SOC satsar vardera 1 000 000 kr.',
    targetGroup: 'Elever från förskoleklass till och med årskurs 7 och deras familjer.',
    plannedStart: '2017-01-01',
    plannedEnd: '2019-12-31',
    actualEnd: '2018-10-09',
    status: 'handed_over',
    leaders: [
      ['Sara Lundmark', '2017-01-01', '2018-06-10'],
      ['Maja Öberg', '2018-06-11', '2018-10-09'],
    ],
  },
  {
    name: TIDIGA,
    code: 'SN 2013/0231',
    owner: 'Socialförvaltningen',
    programme: 'Särskilda folkhälsomedel 2013–2016',
    client: 'Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå',
    purpose:
      'Att ge tidigt stöd till barn som utmanar och deras föräldrar, och att skapa en resurs för att följa barn och ungas utveckling i kommunen som underlag för framtida beslut i socioekonomisk anda.',
    background:
      'Socialförvaltningen och barn- och utbildningsförvaltningen har funnit att det behövs mer kunskap om barn och ungas livsförutsättningar för att bättre förutsäga behov av framtida insatser. Fler tidiga, lättillgängliga insatser och ökad samverkan är nödvändiga för att förhindra att unga hamnar utanför samhället.',
    targetGroup:
      'Barn i åldrarna 6–13 år med utagerande beteende och deras föräldrar; barn och unga i Luleå.',
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
    actualEnd: '2016-06-30',
    status: 'completed',
    leaders: [
      ['Malin Ekström', '2013-09-01', '2015-06-30'],
      ['Elin Nordin', '2015-07-01'],
    ],
  },
  {
    name: FORALDRASUPPORTEN,
    owner: 'Socialförvaltningen',
    parent: TIDIGA,
    client: 'Barn- och utbildningsförvaltningen och Socialförvaltningen i Luleå',
    purpose:
      'Del a: en lättillgänglig mottagning som ger föräldrar till barn som utmanar, 6–13 år, stöd i ett tidigt skede innan problemen växer sig stora.',
    targetGroup: 'Föräldrar till barn i åldrarna 6–13 år med utagerande beteende.',
    plannedStart: '2013-09-01',
    plannedEnd: '2016-06-30',
    actualEnd: '2016-06-30',
    status: 'made_permanent',
    leaders: [
      ['Malin Ekström', '2013-09-01', '2015-06-30'],
      ['Elin Nordin', '2015-07-01'],
    ],
  },
  {
    name: KARTLAGGNING,
    owner: 'Socialförvaltningen',
    parent: TIDIGA,
    client: 'Vi6 styrgrupp (sex förvaltningar)',
    purpose:
      'Del b: en kartläggning och välfärdsanalys av barn och ungas situation i Luleå, och en handlingsplan för samverkan kring barn och unga.',
    targetGroup: 'Barn och unga i Luleå kommun.',
    plannedStart: '2014-01-01',
    plannedEnd: '2016-08-31',
    status: 'completed',
    leaders: [
      ['Malin Ekström', '2014-01-01', '2015-06-30'],
      ['Jonas Berg', '2016-02-01', '2016-08-31'],
    ],
  },
  {
    name: TABB_OREBRO,
    code: 'FoS 2019/0877',
    owner: 'Förvaltningen förskola och skola',
    programme: 'TABB – Tillsammans för alla barns bästa',
    client: 'Förvaltningschef, Förvaltningen förskola och skola',
    purpose:
      'Förbättrade samverkansformer mellan skola, socialtjänst och hälso- och sjukvård utifrån barns och ungas behov och förutsättningar.',
    background:
      'Ett av fyra pilotprojekt i Region Örebro läns huvudprojekt TABB, som bygger på Skottlandsmodellen. Projektet initierades våren 2019, pausades av covid-19 och fick ny projektledare inför hösten 2021; projektplanen reviderades 2022-02-01.',
    targetGroup:
      'Barn och elever i förskoleklass till och med årskurs 3 på Västra Engelbrektsskolan samt deras vårdnadshavare.',
    plannedStart: '2019-08-01',
    plannedEnd: '2023-06-30',
    status: 'active',
    leaders: [
      ['Kristina Stenlund', '2019-08-01', '2021-06-30'],
      ['Anneli Wester', '2021-08-01'],
    ],
  },
  ...['Askersunds kommun', 'Degerfors kommun', 'Nora kommun'].map(
    (municipality): ProjectSpec => ({
      name: `TABB-pilot ${municipality.replace(/s? kommun$/, '')}`,
      owner: municipality,
      programme: 'TABB – Tillsammans för alla barns bästa',
      client: `${municipality}`,
      targetGroup: 'Barn och unga och deras vårdnadshavare.',
      plannedStart: '2019-08-01',
      plannedEnd: '2023-06-30',
      status: 'active',
    }),
  ),
  ...stockholmPilots.map(
    ([school, district]): ProjectSpec => ({
      name: stockholmPilotName(school),
      owner: district,
      programme: 'Samverkan skola–socialtjänst',
      client: 'Socialnämnden och utbildningsnämnden, Stockholms stad',
      purpose:
        'Ökad skolnärvaro och måluppfyllelse för eleverna i målgruppen genom ett multikompetent team på skolan.',
      targetGroup:
        'Elever i årskurs 7–9 med låg måluppfyllelse, hög frånvaro och risk att inte bli behöriga till gymnasiet.',
      plannedStart: '2013-09-01',
      plannedEnd: '2014-12-31',
      status: 'active',
    }),
  ),
]

interface UserSpec {
  email: string
  person: string
  organisation: string
  roles: OrganisationRole[]
  projects?: [project: string, role: ProjectRole][]
}

const demoRoots = ['Luleå kommun', 'Region Örebro län', 'Örebro kommun', 'Stockholms stad']

export const demoUsers: UserSpec[] = [
  {
    email: 'admin@demo.example',
    person: 'Alva Lund',
    organisation: 'Luleå kommun',
    roles: ['administrator'],
  },
  {
    email: 'portfolj@demo.example',
    person: 'Petra Holm',
    organisation: 'Kommunstyrelsen',
    roles: ['portfolio_manager'],
  },
  {
    email: 'ekonom@demo.example',
    person: 'Erik Sjöberg',
    organisation: 'Barn- och utbildningsförvaltningen',
    roles: ['finance'],
  },
  {
    email: 'projektledare@demo.example',
    person: 'Elin Nordin',
    organisation: 'Socialförvaltningen',
    roles: [],
    projects: [
      [TIDIGA, 'leader'],
      [TABB_OREBRO, 'leader'],
    ],
  },
  { email: 'styrgrupp@demo.example', person: 'Stefan Åberg', organisation: 'Socialförvaltningen', roles: [] },
  {
    email: 'betraktare@demo.example',
    person: 'Bo Viklund',
    organisation: 'Kommunstyrelsen',
    roles: ['viewer'],
  },
]

async function insertOrganisations(ctx: DemoContext, specs: OrgSpec[], parentId: string | null) {
  for (const [name, kind, shortName, children] of specs) {
    const id = ctx.newId('organisation', name)
    await ctx.db
      .insertInto('organisation')
      .values({ id, parent_id: parentId, name, kind, short_name: shortName ?? null })
      .execute()
    if (children) await insertOrganisations(ctx, children, id)
  }
}

export async function loadFoundationDemo(ctx: DemoContext): Promise<void> {
  await insertOrganisations(ctx, organisations, null)

  await ctx.db
    .insertInto('person')
    .values(
      people.map(([name, title, organisation]) => ({
        id: ctx.newId('person', name),
        name,
        title,
        email: `${name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/\s+/g, '.')}@demo.example`,
        organisation_id: ctx.organisation(organisation),
      })),
    )
    .execute()

  await ctx.db
    .insertInto('programme')
    .values(
      programmes.map(([name, owner, start, end, description]) => ({
        id: ctx.newId('programme', name),
        name,
        owner_organisation_id: ctx.organisation(owner),
        period_start: start,
        period_end: end,
        description,
      })),
    )
    .execute()

  for (const spec of projects) {
    const id = ctx.newId('project', spec.name)
    const row = {
      id,
      name: spec.name,
      code: spec.code ?? null,
      owner_organisation_id: ctx.organisation(spec.owner),
      programme_id: spec.programme ? ctx.programme(spec.programme) : null,
      parent_id: spec.parent ? ctx.project(spec.parent) : null,
      client: spec.client,
      purpose: spec.purpose ?? '',
      background: spec.background ?? '',
      target_group: spec.targetGroup ?? '',
      planned_start: spec.plannedStart,
      planned_end: spec.plannedEnd,
      actual_end: spec.actualEnd ?? null,
      status: spec.status,
    }
    await ctx.db.insertInto('project').values(row).execute()
    await ctx.db
      .insertInto('audit_event')
      .values({
        actor_id: null,
        entity: 'project',
        entity_id: id,
        project_id: id,
        action: 'import',
        after: JSON.stringify({ name: spec.name, status: spec.status, source: 'demo' }),
      })
      .execute()
    for (const [person, from, to] of spec.leaders ?? []) {
      await ctx.db
        .insertInto('project_leader')
        .values({
          id: ctx.newId('project_leader', `${spec.name}/${person}/${from}`),
          project_id: id,
          person_id: ctx.person(person),
          from_date: from,
          to_date: to ?? null,
        })
        .execute()
    }
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  for (const user of demoUsers) {
    const id = ctx.newId('user', user.email)
    await ctx.db
      .insertInto('app_user')
      .values({
        id,
        email: user.email,
        name: user.person,
        person_id: ctx.person(user.person),
        organisation_id: ctx.organisation(user.organisation),
        password_hash: passwordHash,
      })
      .execute()
    for (const role of user.roles) {
      await ctx.db
        .insertInto('role_grant')
        .values(demoRoots.map((root) => ({ user_id: id, role, organisation_id: ctx.organisation(root) })))
        .execute()
    }
    for (const [project, role] of user.projects ?? []) {
      await ctx.db
        .insertInto('project_member')
        .values({ project_id: ctx.project(project), user_id: id, role })
        .execute()
    }
  }
}
