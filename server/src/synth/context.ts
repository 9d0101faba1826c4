import type { Kysely } from 'kysely'
import { v7 as uuid } from 'uuid'
import type { Database } from '../db/schema.ts'
import type { Cell, RowWriter } from './writer.ts'

export type ScaleName = 'national' | 'regional' | 'small'

/** How much to make. Activities and cost entries are totals, spread unevenly over the projects. */
export interface Scale {
  name: ScaleName
  regions: number
  municipalities: number
  projects: number
  activities: number
  costEntries: number
}

export const scales: Record<ScaleName, Scale> = {
  // Sweden: 290 municipalities and 21 regions, ten years of public-health projects.
  national: {
    name: 'national',
    regions: 21,
    municipalities: 290,
    projects: 15_000,
    activities: 1_000_000,
    costEntries: 5_000_000,
  },
  // One county's worth: enough to see query plans change shape, a minute to build.
  regional: {
    name: 'regional',
    regions: 2,
    municipalities: 20,
    projects: 1_500,
    activities: 100_000,
    costEntries: 500_000,
  },
  // Tests and the CI smoke benchmark: seconds, on either driver.
  small: {
    name: 'small',
    regions: 1,
    municipalities: 4,
    projects: 40,
    activities: 1_200,
    costEntries: 4_000,
  },
}

export const isScaleName = (value: string): value is ScaleName => value in scales

/** A small, seeded generator (mulberry32): the same scale gives the same shape every time. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  chance(p: number): boolean {
    return this.next() < p
  }
}

export interface SynthOrganisation {
  id: string
  name: string
  kind: 'municipality' | 'region'
  /** Administrations below it, where projects are owned. */
  administrations: { id: string; name: string }[]
  /** Staff who lead and work in projects: person and user ids. */
  staff: { personId: string; userId: string; name: string }[]
  programmes: { id: string; start: string; end: string }[]
  /** Relative size: big municipalities run many projects. */
  weight: number
}

export interface SynthProject {
  id: string
  top: SynthOrganisation
  ownerId: string
  start: string
  end: string
  status: string
  leader: { personId: string; userId: string; name: string }
  /** Index among all projects: codes and spreading of counts use it. */
  index: number
}

export type SynthMemberRole = 'chair' | 'member' | 'secretary' | 'co_opted'

/** A seat held over a period (to null: still held). Every synthesized member has an account. */
export interface SynthMembership {
  personId: string
  userId: string
  role: SynthMemberRole
  from: string
  to: string | null
}

export interface SynthSteeringGroup {
  id: string
  name: string
  top: SynthOrganisation
  /** The administration that keeps its records. */
  ownerId: string
  projects: SynthProject[]
  start: string
  /** The day the group was dissolved, after its last project ended; null while it works. */
  end: string | null
  members: SynthMembership[]
}

export type SynthIndicatorUnit = 'count' | 'percentage' | 'hours' | 'kronor'

/** An amount as the indicator tables store it: a value, or a numerator over a denominator. */
export interface SynthQuantity {
  value: number | null
  numerator: number | null
  denominator: number | null
}

/**
 * An indicator of a project. Its measurements are not kept (a few million at national scale):
 * they are a pure function of the indicator (its seed), recomputed where a later part needs them.
 */
export interface SynthIndicator {
  id: string
  project: SynthProject
  name: string
  unit: SynthIndicatorUnit
  direction: 'increase' | 'decrease'
  frequency: 'monthly' | 'quarterly' | 'term'
  baseline: SynthQuantity
  target: SynthQuantity
  /** How well the work goes: 1 follows the plan to the target, below 1 lags behind it. */
  pace: number
  seed: number
}

/**
 * What the parts share: the database, the writer, the random source, the scale, and what
 * earlier parts made (organisations, staff, projects) for later parts to hang rows on.
 */
export class SynthContext {
  readonly db: Kysely<Database>
  readonly write: RowWriter
  readonly scale: Scale
  readonly rng: Rng
  readonly organisations: SynthOrganisation[] = []
  readonly projects: SynthProject[] = []
  /** Governance's steering groups, and the group of each project. */
  readonly steeringGroups: SynthSteeringGroup[] = []
  readonly groupOfProject = new Map<string, SynthSteeringGroup>()
  /** Indicators per project id. */
  readonly indicators = new Map<string, SynthIndicator[]>()
  /** Rows written per table, for the summary. */
  readonly counts: Record<string, number> = {}
  /** The day the data set is seen from: statuses and actual costs stop here. */
  readonly today: string

  constructor(db: Kysely<Database>, write: RowWriter, scale: Scale, today: string) {
    this.db = db
    this.write = write
    this.scale = scale
    this.rng = new Rng(0x1a6e5b11)
    this.today = today
  }

  id = () => uuid()

  async copy(table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<void> {
    const n = await this.write(table, columns, rows)
    this.counts[table] = (this.counts[table] ?? 0) + n
  }

  /**
   * Spreads `total` over the projects unevenly (half to twice the mean) so that the sum is
   * close to the total and big projects exist; the same project gets the same share each call.
   */
  share(total: number, project: SynthProject): number {
    const mean = total / this.scale.projects
    const wobble = 0.5 + ((project.index * 2654435761) % 1000) / 1000
    return Math.max(1, Math.round(mean * wobble))
  }
}

export type SynthPart = (ctx: SynthContext) => Promise<void>

const DAY_MS = 86_400_000

/** A calendar date `days` after `date` (both 'YYYY-MM-DD'). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}
