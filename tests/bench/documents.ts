/**
 * Document pipeline benchmark: the largest demo report and a big synthetic one (200
 * activities, 50 decisions) rendered to DOCX and PDF, against a baseline in the same run
 * (building the document model only). Target: ≤ 1 s each. Not a test: nothing asserts times.
 *
 *   node_modules/.bin/node tests/bench/documents.ts [runs]
 */
import { connectPglite } from '@lagesbild/server/db/connect'
import { migrateToLatest } from '@lagesbild/server/db/migrate'
import { TIDIGA } from '@lagesbild/server/demo/foundation'
import { loadDemo } from '@lagesbild/server/demo/load-demo'
import { renderDocument } from '@lagesbild/server/modules/documents/render'
import { finalReportDocument } from '@lagesbild/server/modules/reports/service'
import {
  bulletList,
  type DocumentModel,
  type DocumentSection,
  heading,
  note,
  paragraph,
  run,
  table,
} from '@lagesbild/shared/domain/document-model'

const runs = Number(process.argv[2] ?? 5)

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; cpu: number; result: T }> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await work()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - start, cpu: (used.user + used.system) / 1000, result }
}

/**
 * Median wall-clock and CPU time of `runs` runs after one warm-up run (fonts parsed, code
 * compiled). CPU time shows the work itself when other processes share the machine's cores.
 */
async function measure<T>(work: () => Promise<T>): Promise<{ median: number; cpu: number; result: T }> {
  let last = await time(work)
  const walls: number[] = []
  const cpus: number[] = []
  for (let i = 0; i < runs; i += 1) {
    last = await time(work)
    walls.push(last.ms)
    cpus.push(last.cpu)
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
  return { median: median(walls), cpu: median(cpus), result: last.result }
}

const pad = (date: number) => String(date).padStart(2, '0')
const day = (n: number) =>
  `20${14 + Math.floor(n / 365)}-${pad(1 + (Math.floor(n / 28) % 12))}-${pad(1 + (n % 28))}`

/** A report the size a long, busy project would have: every generated table long. */
function syntheticReport(base: DocumentModel): DocumentModel {
  const activities = Array.from({ length: 200 }, (_, n) => [
    `${1 + Math.floor(n / 25)}.${(n % 25) + 1} ${['Rekrytering av föräldrastödjare', 'Utbildning i CPS för personalen', 'Workshop med stadsdelarnas representanter', 'Kartläggning av befintliga insatser', 'Uppföljning i styrgruppen'][n % 5]}`,
    ['Projektledaren', 'Samverkansteamet', 'Enhetschef, Familjestödsektionen', 'Rektor, grundskolan'][n % 4]!,
    day(n * 3),
    n % 7 === 0 ? 'Återstår' : day(n * 3 + (n % 5) * 9),
    n % 7 === 0 ? '–' : `${(n % 5) * 9} dagar`,
    n % 3 === 0
      ? 'Försenad i väntan på tillträde till lokalen; arbetet återupptogs när en ersättare anställts.'
      : '',
  ])
  const decisions = Array.from({ length: 50 }, (_, n) => [
    day(n * 20),
    n % 2 === 0 ? 'LG-SAM soc/buf' : 'Vi6 styrgrupp',
    `Beslut ${n + 1}: ${['godkänner reviderad projektplan', 'flyttar ägarskapet till BUF, Centrala Elevhälsan', 'godkänner milstolpe', 'fördelar om projektmedel för personal', 'avslutar projektet i dess nuvarande form'][n % 5]}`,
  ])
  const budget = [
    'Personal',
    'Lokaler',
    'Utrustning',
    'Utbildning',
    'Utvärdering',
    'Kommunikation',
    'Övrigt',
  ].flatMap((category) =>
    ['Folkhälsomedel', 'BUF', 'SOC'].map((funder, f) => [
      funder,
      category,
      `${(120 + f * 35) * 1000} kr`,
      `${(98 + f * 31) * 1000} kr`,
      `${(22 + f * 4) * 1000} kr`,
    ]),
  )
  const generated: Record<string, DocumentSection['blocks']> = {
    efterkalkyl: [
      table({
        caption: 'Aktiviteter: kalkyl, utfall och differens',
        columns: [
          { title: 'Aktivitet', width: 28 },
          { title: 'Ansvarig', width: 16 },
          { title: 'Kalkyl', width: 11 },
          { title: 'Utfall', width: 11 },
          { title: 'Differens', width: 10, align: 'right' },
          { title: 'Förklaring', width: 24 },
        ],
        rows: activities,
      }),
    ],
    projektforlopp: [
      table({
        columns: [{ title: 'Datum', width: 14 }, { title: 'Styrgrupp', width: 20 }, 'Beslut'],
        rows: decisions,
      }),
    ],
    projektbudget: [
      table({
        caption: 'Bilaga 1 Sammanställning projektbudget',
        columns: [
          'Finansiär',
          'Kostnadsslag',
          { title: 'Budget', align: 'right' },
          { title: 'Utfall', align: 'right' },
          { title: 'Ej förbrukat', align: 'right' },
        ],
        rows: budget,
        footerRows: [['Summa', '', '3 423 000 kr', '2 964 000 kr', '459 000 kr']],
      }),
    ],
    maluppfyllelse: [
      table({
        columns: ['Indikator', 'Utgångsvärde', 'Målvärde', 'Utfall'],
        rows: Array.from({ length: 12 }, (_, n) => [
          `Indikator ${n + 1}: andel nådda föräldrar`,
          '0',
          '60 %',
          `${60 + n} %`,
        ]),
      }),
      bulletList([
        '95 procent fick stöd i föräldrarollen',
        '85 procent fick ökade kunskaper',
        '80 procent hanterar konflikter bättre',
      ]),
    ],
  }
  return {
    ...base,
    sections: base.sections.map((section) => ({
      ...section,
      blocks: [
        ...(generated[section.key] ?? []),
        ...section.blocks.filter((b) => !(b.kind === 'note' && b.tone === 'placeholder')),
        heading(2, 'Kommentarer'),
        paragraph(
          'Avvikelserna förklaras ',
          run('i tabellen', { italic: true }),
          ' och i texten ovan – ”se även bilaga 1”.',
        ),
        note('info', 'Uppgifterna är hämtade ur Lägesbild den dag rapporten lämnades in.'),
      ],
    })),
  }
}

const db = await connectPglite({})
await migrateToLatest(db.kysely)
await loadDemo(db.kysely)
const project = await db.kysely
  .selectFrom('project')
  .where('name', '=', TIDIGA)
  .select('id')
  .executeTakeFirstOrThrow()
const report = await db.kysely
  .selectFrom('final_report')
  .where('project_id', '=', project.id)
  .where('kind', '=', 'report')
  .select('id')
  .executeTakeFirstOrThrow()

const rows: [string, string, number, number][] = []
const record = (name: string, what: string, m: { median: number; cpu: number }) =>
  rows.push([name, what, m.median, m.cpu])

const demoModel = await measure(
  async () => (await finalReportDocument(db.kysely, project.id, report.id)).model,
)
record('demo: Tidiga insatser', 'baseline: build model (DB + generated sections)', demoModel)
const demoDocx = await measure(() => renderDocument(demoModel.result, 'docx'))
record('demo: Tidiga insatser', 'DOCX', demoDocx)
const demoPdf = await measure(() => renderDocument(demoModel.result, 'pdf'))
record('demo: Tidiga insatser', 'PDF', demoPdf)

const bigModel = await measure(async () => syntheticReport(demoModel.result))
record('synthetic: 200 activities, 50 decisions', 'baseline: build model', bigModel)
const bigDocx = await measure(() => renderDocument(bigModel.result, 'docx'))
record('synthetic: 200 activities, 50 decisions', 'DOCX', bigDocx)
const bigPdf = await measure(() => renderDocument(bigModel.result, 'pdf'))
record('synthetic: 200 activities, 50 decisions', 'PDF', bigPdf)

console.log(`Document pipeline, median of ${runs} runs after a warm-up (target ≤ 1000 ms per document):`)
console.log(`  ${'report'.padEnd(42)} ${'step'.padEnd(50)} ${'wall'.padStart(9)}  ${'cpu'.padStart(9)}`)
for (const [name, what, wall, cpu] of rows) {
  console.log(
    `  ${name.padEnd(42)} ${what.padEnd(50)} ${wall.toFixed(0).padStart(6)} ms  ${cpu.toFixed(0).padStart(6)} ms`,
  )
}
console.log(
  `  sizes: demo DOCX ${(demoDocx.result.length / 1024).toFixed(0)} KiB, PDF ${(demoPdf.result.length / 1024).toFixed(0)} KiB; synthetic DOCX ${(bigDocx.result.length / 1024).toFixed(0)} KiB, PDF ${(bigPdf.result.length / 1024).toFixed(0)} KiB`,
)
await db.close()
