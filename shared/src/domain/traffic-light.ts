import type { BurnState } from './burn.ts'
import type { ProgressStatus } from './indicator-progress.ts'

/**
 * The lights of a status report and the system's suggestion for each, worked out from
 * the facts the project already has. The leader chooses; the suggestion stands beside it.
 */
export const lights = ['green', 'yellow', 'red'] as const
export type Light = (typeof lights)[number]

export const lightAspects = ['schedule', 'budget', 'goals', 'risks', 'overall'] as const
export type LightAspect = (typeof lightAspects)[number]

export interface LightFacts {
  late: { count: number; milestones: number; maxDaysLate: number }
  /** Null when the project has no budget to burn against. */
  burn: { state: BurnState; deviationBp: number | null; thresholdBp: number } | null
  indicators: readonly ProgressStatus[]
  risks: { high: number; medium: number; occurred: number }
}

export interface Suggestion {
  /** Null when the data gives no basis for a light. */
  light: Light | null
  because: { sv: string; en: string }
}

/** A late activity this many days past its planned end makes the schedule red on its own. */
export const LATE_DAYS_RED = 60

function schedule({ late }: LightFacts): Suggestion {
  if (late.count === 0)
    return { light: 'green', because: { sv: 'Inga försenade aktiviteter.', en: 'No late activities.' } }
  const counts = {
    sv: `${late.count} försenade aktiviteter, varav ${late.milestones} milstolpar; längst ${late.maxDaysLate} dagar.`,
    en: `${late.count} late activities, ${late.milestones} of them milestones; at most ${late.maxDaysLate} days.`,
  }
  if (late.milestones > 0 || late.maxDaysLate > LATE_DAYS_RED) {
    return {
      light: 'red',
      because: {
        sv: `${counts.sv} Rött när en milstolpe är försenad eller något är mer än ${LATE_DAYS_RED} dagar sent.`,
        en: `${counts.en} Red when a milestone is late or anything is more than ${LATE_DAYS_RED} days late.`,
      },
    }
  }
  return { light: 'yellow', because: counts }
}

const percent = (bp: number) => `${(bp / 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`

function budget({ burn }: LightFacts): Suggestion {
  if (!burn || burn.state === 'no_plan' || burn.deviationBp === null) {
    if (burn && burn.state === 'overspend') {
      return { light: 'red', because: { sv: 'Kostnader utan budget.', en: 'Costs without a budget.' } }
    }
    return { light: null, because: { sv: 'Ingen budget att jämföra med.', en: 'No budget to compare with.' } }
  }
  const deviation = Math.abs(burn.deviationBp)
  const text = {
    sv: `Förbrukningen avviker ${percent(burn.deviationBp)} från plan hittills (gräns ${percent(burn.thresholdBp)}).`,
    en: `Spending deviates ${percent(burn.deviationBp)} from plan to date (threshold ${percent(burn.thresholdBp)}).`,
  }
  if (burn.state === 'on_track') return { light: 'green', because: text }
  return { light: deviation > 2 * burn.thresholdBp ? 'red' : 'yellow', because: text }
}

function goals({ indicators }: LightFacts): Suggestion {
  const n = (s: ProgressStatus) => indicators.filter((x) => x === s).length
  const [on, risk, off] = [n('on_track'), n('at_risk'), n('off_track')]
  if (on + risk + off === 0) {
    return {
      light: null,
      because: {
        sv: 'Inga indikatorer med mål och mätvärden.',
        en: 'No indicators with targets and values.',
      },
    }
  }
  const because = {
    sv: `Indikatorer: ${on} i fas, ${risk} i riskzonen, ${off} ur fas.`,
    en: `Indicators: ${on} on track, ${risk} at risk, ${off} off track.`,
  }
  return { light: off > 0 ? 'red' : risk > 0 ? 'yellow' : 'green', because }
}

function risks({ risks: r }: LightFacts): Suggestion {
  const because = {
    sv: `Öppna risker: ${r.high} höga, ${r.medium} medelhöga; ${r.occurred} inträffade.`,
    en: `Open risks: ${r.high} high, ${r.medium} medium; ${r.occurred} occurred.`,
  }
  return { light: r.high > 0 || r.occurred > 0 ? 'red' : r.medium > 0 ? 'yellow' : 'green', because }
}

const rank: Record<Light, number> = { green: 0, yellow: 1, red: 2 }

/** The worst of the other lights: one red aspect makes the whole red. */
export function worstLight(values: readonly (Light | null)[]): Light | null {
  let worst: Light | null = null
  for (const v of values) if (v && (!worst || rank[v] > rank[worst])) worst = v
  return worst
}

export function suggestLights(facts: LightFacts): Record<LightAspect, Suggestion> {
  const parts = { schedule: schedule(facts), budget: budget(facts), goals: goals(facts), risks: risks(facts) }
  const overall = worstLight(Object.values(parts).map((p) => p.light))
  return {
    ...parts,
    overall: {
      light: overall,
      because: { sv: 'Den sämsta av de övriga lamporna.', en: 'The worst of the other lights.' },
    },
  }
}
