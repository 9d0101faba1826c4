/**
 * Every module that fills a generated part of a report, imported once here so the
 * application, the demo loader and the benchmarks all see the same providers. A module adds
 * `server/src/modules/<feature>/report-sections.ts` (calling `registerReportSection`) and one
 * import line below.
 */
import './modules/reports/project-sections.ts'
import './modules/plans/report-sections.ts'
import './modules/finance/report-sections.ts'
import './modules/governance/report-sections.ts'
import './modules/indicators/report-sections.ts'
