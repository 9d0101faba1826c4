import type { Migration } from 'kysely/migration'
import * as foundation from './2026-11-25-0001-foundation.ts'
import * as plans from './2026-11-25-0002-plans.ts'
import * as governance from './2026-11-25-0003-governance.ts'
import * as finance from './2026-11-25-0004-finance.ts'
import * as admin from './2026-11-25-0005-admin.ts'
import * as indicators from './2026-11-25-0006-indicators.ts'
import * as reports from './2026-11-25-0007-reports.ts'
import * as portfolio from './2026-11-25-0008-portfolio.ts'
import * as scale from './2026-11-25-0009-scale.ts'
import * as governanceLinks from './2026-11-25-0099-governance-links.ts'
import * as steeringGroupKind from './2026-11-26-0001-steering-group-kind.ts'
import * as costRollup from './2026-11-26-0020-cost-rollup.ts'
import * as statusReportComments from './2026-11-26-0040-status-report-comments.ts'
import * as baselineBudget from './2026-11-26-0060-baseline-budget.ts'
import * as projectMemberVersion from './2026-11-26-0070-project-member-version.ts'
import * as finalReportDiaryNumber from './2026-11-26-0080-final-report-diary-number.ts'
import * as financeImportPieces from './2026-11-26-0090-finance-import-pieces.ts'

/**
 * Every migration, registered by name; they run in the order of their names. Listed explicitly rather
 * than found on disk, so bundlers and test runners see the same set.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-0001-foundation': foundation,
  '2026-11-25-0002-plans': plans,
  '2026-11-25-0003-governance': governance,
  '2026-11-25-0004-finance': finance,
  '2026-11-25-0005-admin': admin,
  '2026-11-25-0006-indicators': indicators,
  '2026-11-25-0007-reports': reports,
  '2026-11-25-0008-portfolio': portfolio,
  '2026-11-25-0009-scale': scale,
  '2026-11-25-0099-governance-links': governanceLinks,
  '2026-11-26-0001-steering-group-kind': steeringGroupKind,
  '2026-11-26-0020-cost-rollup': costRollup,
  '2026-11-26-0040-status-report-comments': statusReportComments,
  '2026-11-26-0060-baseline-budget': baselineBudget,
  '2026-11-26-0070-project-member-version': projectMemberVersion,
  '2026-11-26-0080-final-report-diary-number': finalReportDiaryNumber,
  '2026-11-26-0090-finance-import-pieces': financeImportPieces,
}
