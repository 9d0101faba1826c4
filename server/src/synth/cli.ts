/**
 * Fills a PostgreSQL database with a synthetic data set for benchmarks:
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/lagesbild_scale pnpm synth --scale national
 *
 * Scales: national (default), regional, small. `--replace` rebuilds a database that holds
 * another synthesized scale. The database is created when missing.
 */
import { parseArgs } from 'node:util'
import { isScaleName, scales } from './context.ts'
import { prepareSynthDatabase } from './prepare.ts'

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'national' }, replace: { type: 'boolean', default: false } },
})
const url = process.env.DATABASE_URL
if (!url) {
  console.error(
    'Set DATABASE_URL to a PostgreSQL database of its own, e.g. postgres://root@127.0.0.1:5432/lagesbild_scale',
  )
  process.exit(2)
}
if (!isScaleName(values.scale)) {
  console.error(`Unknown scale "${values.scale}": use ${Object.keys(scales).join(', ')}`)
  process.exit(2)
}
try {
  const marker = await prepareSynthDatabase(url, scales[values.scale], {
    replace: values.replace,
    log: (line) => console.log(line),
  })
  console.log(`done: ${values.scale} in ${marker.seconds} s`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
