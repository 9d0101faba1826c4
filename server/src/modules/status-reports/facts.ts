import { StatusFacts, Suggestions } from '@lagesbild/shared/api/status-reports'
import type { CalendarDate } from '@lagesbild/shared/domain/calendar-date'
import { type LightFacts, suggestLights } from '@lagesbild/shared/domain/traffic-light'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import type { Database } from '../../db/schema.ts'
import { burnStatus } from '../finance/follow-up.ts'
import { indicatorFacts } from '../indicators/service.ts'
import { listRisks } from '../plans/risks.ts'
import { listLateActivities } from '../plans/service.ts'

export type Facts = Static<typeof StatusFacts>
export type SuggestionsT = Static<typeof Suggestions>

/**
 * What the project's own data says on a day: late activities (plans), burn against the
 * budget (finance), indicator progress (indicators) and open risks (plans), each read
 * through its module's query functions. Run in the submitting transaction, it is what freezes.
 */
export async function collectFacts(
  db: Kysely<Database>,
  projectId: string,
  asOf: CalendarDate,
): Promise<Facts> {
  const late = await listLateActivities(db, projectId, asOf)
  const burn = await burnStatus(db, projectId, asOf)
  const indicators = await indicatorFacts(db, projectId, asOf)
  const risks = (await listRisks(db, projectId)).items
  const open = risks.filter((r) => r.status === 'open' || r.status === 'mitigating')
  const facts: Facts = {
    schemaVersion: 1,
    asOf,
    lateActivities: late.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      plannedEnd: a.plannedEnd?.to ?? null,
      overdueDays: a.deviation.overdueDays ?? 0,
      milestone: a.milestone,
    })),
    burn:
      burn.budgetTotalOre === 0 && burn.spentToDateOre === 0
        ? null
        : {
            state: burn.state,
            deviationBp: burn.deviationBp,
            thresholdBp: burn.thresholdBp,
            budgetTotalOre: burn.budgetTotalOre,
            plannedToDateOre: burn.plannedToDateOre,
            spentToDateOre: burn.spentToDateOre,
          },
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      latestPeriod: i.latestPeriod,
      latest: i.latest,
      target: i.target,
      status: i.status,
      reason: i.reason,
    })),
    risks: {
      open: open.length,
      high: open.filter((r) => r.level === 'high').length,
      medium: open.filter((r) => r.level === 'medium').length,
      occurred: risks.filter((r) => r.status === 'occurred').length,
    },
  }
  if (!Value.Check(StatusFacts, facts)) throw new Error('status report facts do not match their schema')
  return facts
}

export function lightFacts(facts: Facts): LightFacts {
  return {
    late: {
      count: facts.lateActivities.length,
      milestones: facts.lateActivities.filter((a) => a.milestone).length,
      maxDaysLate: Math.max(0, ...facts.lateActivities.map((a) => a.overdueDays)),
    },
    burn: facts.burn,
    indicators: facts.indicators.map((i) => i.status),
    risks: facts.risks,
  }
}

export const suggestionsFor = (facts: Facts): SuggestionsT => suggestLights(lightFacts(facts))

/** The frozen part of a submitted report. */
export interface Snapshot {
  facts: Facts
  suggestions: SuggestionsT
}

export function readSnapshot(value: unknown): Snapshot {
  const snapshot = value as Partial<Snapshot> | null
  if (
    !snapshot ||
    !Value.Check(StatusFacts, snapshot.facts) ||
    !Value.Check(Suggestions, snapshot.suggestions)
  )
    throw new Error('stored status report snapshot has an unknown shape')
  return { facts: snapshot.facts, suggestions: snapshot.suggestions }
}
