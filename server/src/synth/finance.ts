import { sql } from 'kysely'
import { addToRollup, costsOf } from '../modules/finance/cost-rollup.ts'
import { addDays, daysBetween, type SynthContext, type SynthProject } from './context.ts'
import type { Cell } from './writer.ts'

const BUDGET_CATEGORIES = ['staff', 'premises', 'training', 'evaluation', 'communication'] as const
/** Account classes that the default account rules map to the categories above. */
const ACCOUNTS: Record<string, string[]> = {
  staff: ['5011', '5411', '5020'],
  premises: ['6110', '6130'],
  training: ['5620'],
  evaluation: ['7390'],
  communication: ['6910'],
  equipment: ['6410'],
}
const COST_CATEGORIES = [
  'staff',
  'staff',
  'staff',
  'premises',
  'training',
  'evaluation',
  'communication',
  'equipment',
]

/** The earlier of two calendar dates ('YYYY-MM-DD' orders as text). */
const earlier = (a: string, b: string) => (a <= b ? a : b)

const yearsOf = (p: SynthProject) => {
  const years: number[] = []
  for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y += 1) years.push(y)
  return years
}

/** A yearly budget of 0.4–2 million kronor, in öre; staff the largest part, as in the seeds. */
const yearlyBudgetOre = (ctx: SynthContext) => ctx.rng.int(400, 2000) * 1000 * 100

function* fundingRows(ctx: SynthContext): Generator<Cell[]> {
  for (const p of ctx.projects) {
    const administration = p.top.administrations.find((a) => a.id === p.ownerId)
    for (const year of yearsOf(p)) {
      const granted = year <= Number(ctx.today.slice(0, 4))
      yield [
        ctx.id(),
        p.id,
        'Folkhälsomedel',
        'public_health_fund',
        p.top.id,
        year,
        yearlyBudgetOre(ctx),
        granted ? 'paid_out' : 'applied',
        `FHR ${year}/${p.index}`,
      ]
      if (ctx.rng.chance(0.5))
        yield [
          ctx.id(),
          p.id,
          administration?.name ?? 'Förvaltningen',
          'administration',
          p.ownerId,
          year,
          yearlyBudgetOre(ctx) / 4,
          granted ? 'granted' : 'applied',
          '',
        ]
    }
  }
}

function* budgetLineRows(ctx: SynthContext, versions: Map<string, string>): Generator<Cell[]> {
  for (const p of ctx.projects) {
    const versionId = versions.get(p.id)
    for (const year of yearsOf(p)) {
      const total = yearlyBudgetOre(ctx)
      for (const [i, category] of BUDGET_CATEGORIES.entries()) {
        // Staff 60 %, the rest 10 % each.
        const share = i === 0 ? 0.6 : 0.1
        yield [ctx.id(), versionId ?? '', year, category, Math.round(total * share), '']
      }
    }
  }
}

/**
 * Cost entries from the project's start up to its end or today, whichever is first: the
 * finance system's ledger as imports would have left it, entered as manual rows (the
 * import bookkeeping, files and row keys, is the import benchmark's business).
 */
function* costRows(ctx: SynthContext): Generator<Cell[]> {
  const { rng } = ctx
  for (const p of ctx.projects) {
    const last = earlier(p.end, ctx.today)
    const length = daysBetween(p.start, last)
    if (length < 0) continue
    const count = ctx.share(ctx.scale.costEntries, p)
    for (let i = 0; i < count; i += 1) {
      const category = rng.pick(COST_CATEGORIES)
      const amount = category === 'staff' ? rng.int(20_000, 60_000) : rng.int(300, 25_000)
      yield [
        ctx.id(),
        p.id,
        p.top.id,
        addDays(p.start, rng.int(0, length)),
        // One in fifty is a correction (a credit).
        (rng.chance(0.02) ? -amount : amount) * 100,
        category,
        rng.pick(ACCOUNTS[category] ?? ['7010']),
        String(6000 + (p.index % 1000)),
        String(1_000_000 + p.index * 1000 + Math.floor(i / 3)),
        `${category === 'staff' ? 'Lön' : 'Faktura'} ${p.start.slice(0, 4)}-${i + 1}`,
        'manual',
      ]
    }
  }
}

export async function synthFinance(ctx: SynthContext): Promise<void> {
  await ctx.copy(
    'funding_entry',
    [
      'id',
      'project_id',
      'funder_name',
      'funder_kind',
      'funder_organisation_id',
      'year',
      'amount_ore',
      'status',
      'decision_reference',
    ],
    fundingRows(ctx),
  )
  await ctx.copy(
    'finance_code',
    ['id', 'organisation_id', 'code', 'project_id'],
    ctx.projects.map((p) => [ctx.id(), p.top.id, `FH${String(p.index).padStart(5, '0')}`, p.id]),
  )

  // Budgets are written as drafts and approved afterwards in one statement: the trigger
  // refuses lines under an approved version, exactly as it should for real edits.
  const versions = new Map(ctx.projects.map((p) => [p.id, ctx.id()]))
  await ctx.copy(
    'budget_version',
    ['id', 'project_id', 'number', 'status', 'note'],
    ctx.projects.map((p) => [versions.get(p.id) ?? '', p.id, 1, 'draft', 'Ursprunglig budget']),
  )
  await ctx.copy(
    'budget_line',
    ['id', 'budget_version_id', 'year', 'category', 'amount_ore', 'comment'],
    budgetLineRows(ctx, versions),
  )
  await sql`update budget_version set status = 'approved', approval_seq = 1, decided_at = now()
    where status = 'draft' and project_id in (select id from project where status <> 'draft')`.execute(ctx.db)

  await ctx.copy(
    'actual_cost',
    [
      'id',
      'project_id',
      'organisation_id',
      'entry_date',
      'amount_ore',
      'category',
      'account',
      'cost_centre',
      'voucher',
      'description',
      'source',
    ],
    costRows(ctx),
  )
  // COPY goes around the services: the roll-ups are filled from the entries in one pass.
  await addToRollup(ctx.db, costsOf.all)
}
