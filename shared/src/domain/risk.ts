/** Risks are judged on two four-step scales; their product places them in the matrix. */
export const riskScale = [1, 2, 3, 4] as const
export type RiskGrade = (typeof riskScale)[number]

export const riskStatuses = ['open', 'mitigating', 'closed', 'occurred'] as const
export type RiskStatus = (typeof riskStatuses)[number]

export type RiskLevel = 'low' | 'medium' | 'high'

export function riskScore(probability: RiskGrade, consequence: RiskGrade): number {
  return probability * consequence
}

/** 1–3 low, 4–8 medium, 9–16 high: the usual three colours of a 4 × 4 matrix. */
export function riskLevel(probability: RiskGrade, consequence: RiskGrade): RiskLevel {
  const score = riskScore(probability, consequence)
  return score >= 9 ? 'high' : score >= 4 ? 'medium' : 'low'
}
