/// <reference types="node" />
/*
 * Run after `vite build`: prints the gzipped size of the JavaScript a first visit loads and
 * exits non-zero above the budget, so the build fails.
 */
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { initialFiles, judgeBudget, type Manifest } from '../src/lib/bundle-budget.ts'

// The build's directory: web/dist, or another given as the first argument.
const dist = process.argv[2]
  ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`)
  : new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8')) as Manifest
const report = judgeBudget(
  initialFiles(manifest).map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length,
  })),
)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
console.log('Initial JavaScript (gzipped):')
for (const f of report.files) console.log(`  ${kb(f.gzipBytes).padStart(9)}  ${f.file}`)
console.log(`  ${kb(report.totalBytes).padStart(9)}  total, budget ${kb(report.budgetBytes)}`)
if (!report.withinBudget) {
  console.error(`Initial JavaScript is ${kb(report.totalBytes - report.budgetBytes)} over the budget.`)
  process.exit(1)
}
