import { hashPassword } from '../modules/auth/passwords.ts'
import {
  addDays,
  daysBetween,
  type SynthContext,
  type SynthOrganisation,
  type SynthProject,
} from './context.ts'
import type { Cell } from './writer.ts'

/** The password of every synthesized account (the demo's, so the same habits work). */
export const SYNTH_PASSWORD = 'lagesbild-demo'

/**
 * Accounts the benchmark logs in with. All but `nationell` work in the first (largest)
 * municipality; `nationell` is portfolio manager over every municipality and region, the
 * worst case for visibility filters.
 */
export const synthAccounts = {
  administrator: 'admin@synth.example',
  portfolio: 'portfolj@synth.example',
  finance: 'ekonom@synth.example',
  projectLeader: 'projektledare@synth.example',
  national: 'nationell@synth.example',
} as const

const REGIONS = [
  'Region Stockholm',
  'Västra Götalandsregionen',
  'Region Skåne',
  'Region Östergötland',
  'Region Uppsala',
  'Region Jönköpings län',
  'Region Halland',
  'Region Örebro län',
  'Region Gävleborg',
  'Region Dalarna',
  'Region Värmland',
  'Region Västmanland',
  'Region Sörmland',
  'Region Kalmar län',
  'Region Västernorrland',
  'Region Norrbotten',
  'Region Västerbotten',
  'Region Kronoberg',
  'Region Blekinge',
  'Region Jämtland Härjedalen',
  'Region Gotland',
]

// Place names built from common Swedish elements; 25 × 12 = 300 distinct names.
const PLACE_START = [
  'Al',
  'Berg',
  'Björk',
  'Bo',
  'Ek',
  'Fal',
  'Gran',
  'Hag',
  'Hammar',
  'Kal',
  'Lind',
  'Lju',
  'Mal',
  'Nor',
  'Ny',
  'Ren',
  'Sand',
  'Sol',
  'Stor',
  'Sund',
  'Tor',
  'Vall',
  'Väster',
  'Ås',
  'Öster',
]
const PLACE_END = ['by', 'sjö', 'holm', 'vik', 'berga', 'ryd', 'hult', 'näs', 'stad', 'köping', 'torp', 'dal']

const MUNICIPAL_ADMINISTRATIONS = [
  'Socialförvaltningen',
  'Utbildningsförvaltningen',
  'Kultur- och fritidsförvaltningen',
]
const REGION_ADMINISTRATIONS = ['Hälso- och sjukvårdsförvaltningen', 'Regional utveckling']
const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Mikael',
  'Eva',
  'Ali',
  'Fatima',
  'Nils',
]
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Hassan',
  'Lindqvist',
]
const THEMES = [
  'Tidiga insatser för barn och unga',
  'Föräldrastöd i samverkan',
  'Trygg skolväg',
  'Psykisk hälsa bland unga',
  'Fysisk aktivitet för äldre',
  'Alkohol- och drogförebyggande arbete',
  'Mötesplatser för nyanlända',
  'Jämlik hälsa i bostadsområdet',
  'Våld i nära relationer',
  'Hälsosamma matvanor i förskolan',
  'Ensamhet bland äldre',
  'Sommarlovsaktiviteter',
]

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

function municipalityName(i: number): string {
  const start = PLACE_START[i % PLACE_START.length] ?? 'Sol'
  const end = PLACE_END[Math.floor(i / PLACE_START.length) % PLACE_END.length] ?? 'by'
  return `${start}${end}s kommun`
}

function buildOrganisations(ctx: SynthContext): void {
  const { regions, municipalities } = ctx.scale
  for (let i = 0; i < municipalities + regions; i += 1) {
    const isRegion = i >= municipalities
    const name = isRegion ? (REGIONS[i - municipalities] ?? `Region ${i}`) : municipalityName(i)
    const administrations = (isRegion ? REGION_ADMINISTRATIONS : MUNICIPAL_ADMINISTRATIONS).map((n) => ({
      id: ctx.id(),
      name: n,
    }))
    // Rank-based sizes: a few big cities and many small municipalities, as in Sweden.
    const rank = isRegion ? i - municipalities : i
    ctx.organisations.push({
      id: ctx.id(),
      name,
      kind: isRegion ? 'region' : 'municipality',
      administrations,
      staff: [],
      programmes: [],
      weight: 1 / (rank + 1) ** 0.7 + 0.05,
    })
  }
}

/** Projects over ten years, handed out to organisations by weight. */
function buildProjects(ctx: SynthContext): void {
  const { rng } = ctx
  const totalWeight = ctx.organisations.reduce((sum, o) => sum + o.weight, 0)
  const cumulative: number[] = []
  let acc = 0
  for (const o of ctx.organisations) {
    acc += o.weight / totalWeight
    cumulative.push(acc)
  }
  const firstYear = Number(ctx.today.slice(0, 4)) - 10
  const span = daysBetween(`${firstYear}-01-01`, ctx.today)
  for (let index = 0; index < ctx.scale.projects; index += 1) {
    // The first organisation always has projects, so the benchmark accounts see some.
    const r = index < 5 ? 0 : rng.next()
    const at = cumulative.findIndex((c) => c >= r)
    const top = ctx.organisations[at === -1 ? ctx.organisations.length - 1 : at]
    if (!top) throw new Error('no organisations')
    const start = addDays(`${firstYear}-01-01`, rng.int(0, span))
    const end = addDays(start, rng.int(300, 1400))
    const status =
      start > ctx.today
        ? rng.pick(['draft', 'approved'])
        : end < ctx.today
          ? rng.pick(['completed', 'completed', 'made_permanent', 'handed_over', 'terminated'])
          : rng.pick(['active', 'active', 'active', 'paused'])
    ctx.projects.push({
      id: ctx.id(),
      top,
      ownerId: rng.pick(top.administrations).id,
      start,
      end,
      status,
      leader: { personId: '', userId: '', name: '' },
      index,
    })
  }
}

/** Staff per organisation: one person (with an account) per three projects, at least three. */
function buildStaff(ctx: SynthContext): void {
  const projectsPerOrg = new Map<SynthOrganisation, number>()
  for (const p of ctx.projects) projectsPerOrg.set(p.top, (projectsPerOrg.get(p.top) ?? 0) + 1)
  let n = 0
  for (const org of ctx.organisations) {
    const count = Math.max(3, Math.ceil((projectsPerOrg.get(org) ?? 0) / 3))
    for (let i = 0; i < count; i += 1) {
      n += 1
      org.staff.push({
        personId: ctx.id(),
        userId: ctx.id(),
        name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`,
      })
    }
  }
  for (const p of ctx.projects) p.leader = ctx.rng.pick(p.top.staff)
}

function* organisationRows(ctx: SynthContext): Generator<Cell[]> {
  for (const o of ctx.organisations) yield [o.id, null, o.name, o.kind]
  for (const o of ctx.organisations)
    for (const a of o.administrations) yield [a.id, o.id, a.name, 'administration']
}

function* personRows(ctx: SynthContext): Generator<Cell[]> {
  for (const o of ctx.organisations)
    for (const [i, s] of o.staff.entries())
      yield [s.personId, o.id, s.name, 'Projektledare', `${i + 1}.${slug(o.name)}@synth.example`]
}

interface Account {
  id: string
  email: string
  name: string
  organisationId: string
  personId: string | null
}

function accounts(ctx: SynthContext): { staff: Account[]; named: Account[] } {
  const first = ctx.organisations[0]
  if (!first) throw new Error('no organisations')
  const staff = ctx.organisations.flatMap((o) =>
    o.staff.map((s, i) => ({
      id: s.userId,
      email: `${i + 1}.${slug(o.name)}@synth.example`,
      name: s.name,
      organisationId: o.id,
      personId: s.personId,
    })),
  )
  const named = Object.entries(synthAccounts).map(([key, email]) => ({
    id: ctx.id(),
    email,
    name: `Syntetisk ${key}`,
    organisationId: first.id,
    personId: null,
  }))
  return { staff, named }
}

function* programmeRows(ctx: SynthContext): Generator<Cell[]> {
  const firstYear = Number(ctx.today.slice(0, 4)) - 10
  for (const o of ctx.organisations) {
    for (let from = firstYear; from < firstYear + 10; from += 5) {
      const programme = { id: ctx.id(), start: `${from}-01-01`, end: `${from + 4}-12-31` }
      o.programmes.push(programme)
      yield [
        programme.id,
        o.id,
        `Folkhälsoprogram ${o.name} ${from}–${from + 4}`,
        'Satsningar på jämlik hälsa finansierade med folkhälsomedel.',
        programme.start,
        programme.end,
      ]
    }
  }
}

/** The project's code, as the finance system and the decision register's diary numbers know it. */
export const projectCode = (p: SynthProject) =>
  `FH-${p.start.slice(0, 4)}-${String(p.index).padStart(5, '0')}`

function* projectRows(ctx: SynthContext): Generator<Cell[]> {
  for (const p of ctx.projects) {
    const theme = THEMES[p.index % THEMES.length] ?? 'Folkhälsa'
    const programme = p.top.programmes.find((g) => g.start <= p.start && p.start <= g.end)
    const ended = ['completed', 'made_permanent', 'handed_over', 'terminated'].includes(p.status)
    yield [
      p.id,
      programme && p.index % 10 < 7 ? programme.id : null,
      p.ownerId,
      `${theme} ${p.top.name.replace(/s kommun$/, '')} ${p.start.slice(0, 4)}`,
      projectCode(p),
      'Folkhälsorådet',
      `Att ${theme.toLowerCase()} ska nå fler genom samverkan mellan förvaltningarna.`,
      'Kartläggningen visade att insatserna var splittrade och nådde få.',
      'Barn, unga och vårdnadshavare i kommunen (räknas i antal, inte som personer).',
      p.start,
      p.end,
      ended ? p.end : null,
      p.status,
    ]
  }
}

export async function synthFoundation(ctx: SynthContext): Promise<void> {
  buildOrganisations(ctx)
  buildProjects(ctx)
  buildStaff(ctx)
  await ctx.copy('organisation', ['id', 'parent_id', 'name', 'kind'], organisationRows(ctx))
  await ctx.copy('person', ['id', 'organisation_id', 'name', 'title', 'email'], personRows(ctx))

  // One hash for every account: argon2 is deliberately slow, and the accounts are synthetic.
  const passwordHash = await hashPassword(SYNTH_PASSWORD)
  const { staff, named } = accounts(ctx)
  await ctx.copy(
    'app_user',
    ['id', 'email', 'name', 'organisation_id', 'person_id', 'password_hash'],
    [...staff, ...named].map((a) => [a.id, a.email, a.name, a.organisationId, a.personId, passwordHash]),
  )
  const first = ctx.organisations[0]
  const byEmail = new Map(named.map((a) => [a.email, a.id]))
  const grant = (email: string, role: string, organisationId: string): Cell[] => [
    byEmail.get(email) ?? '',
    role,
    organisationId,
  ]
  if (!first) throw new Error('no organisations')
  await ctx.copy(
    'role_grant',
    ['user_id', 'role', 'organisation_id'],
    [
      grant(synthAccounts.administrator, 'administrator', first.id),
      grant(synthAccounts.portfolio, 'portfolio_manager', first.id),
      grant(synthAccounts.finance, 'finance', first.id),
      ...ctx.organisations.map((o) => grant(synthAccounts.national, 'portfolio_manager', o.id)),
    ],
  )

  await ctx.copy(
    'programme',
    ['id', 'owner_organisation_id', 'name', 'description', 'period_start', 'period_end'],
    programmeRows(ctx),
  )
  await ctx.copy(
    'project',
    [
      'id',
      'programme_id',
      'owner_organisation_id',
      'name',
      'code',
      'client',
      'purpose',
      'background',
      'target_group',
      'planned_start',
      'planned_end',
      'actual_end',
      'status',
    ],
    projectRows(ctx),
  )
  await ctx.copy(
    'project_leader',
    ['id', 'project_id', 'person_id', 'from_date'],
    ctx.projects.map((p) => [ctx.id(), p.id, p.leader.personId, p.start]),
  )
  await ctx.copy('project_member', ['project_id', 'user_id', 'role'], memberRows(ctx, byEmail))
}

/** The leader, one or two colleagues, and the named project leader in the first projects. */
function* memberRows(ctx: SynthContext, named: Map<string, string>): Generator<Cell[]> {
  const leaderAccount = named.get(synthAccounts.projectLeader)
  for (const p of ctx.projects) {
    yield [p.id, p.leader.userId, 'leader']
    const colleague = ctx.rng.pick(p.top.staff)
    if (colleague.userId !== p.leader.userId) yield [p.id, colleague.userId, 'member']
    if (p.index < 5 && leaderAccount) yield [p.id, leaderAccount, 'leader']
  }
}
