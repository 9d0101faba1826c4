import type { DeviationKind } from '@lagesbild/shared/domain/deviation'
import { runsText, type TableBlock } from '@lagesbild/shared/domain/document-model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TABB_OREBRO } from '../../demo/foundation.ts'
import { createTestApp, type TestContext } from '../../test/helper.ts'
import { activityPostCalculation, efterkalkylCells, staffingPlan } from './report-sections.ts'

const day = (from: string, note: string | null = null) => ({
  from,
  to: from,
  precision: 'day' as const,
  note,
})

const row = (
  kind: DeviationKind,
  days: { min: number; max: number } | null,
  extra: Partial<Parameters<typeof efterkalkylCells>[0]> = {},
): Parameters<typeof efterkalkylCells>[0] => ({
  activityId: '00000000-0000-7000-8000-000000000000',
  number: null,
  title: 'Workshop med stadsdelarna',
  status: kind === 'remaining' ? 'remaining' : kind === 'cancelled' ? 'cancelled' : 'done',
  plannedStart: null,
  plannedEnd: day('2015-10-15'),
  actualStart: null,
  actualEnd: kind === 'remaining' || kind === 'cancelled' ? null : day('2015-09-24'),
  deviation: { kind, days, late: false, overdueDays: null },
  explanation: '',
  ...extra,
})

describe('Efterkalkyl cells', () => {
  it('writes the difference as a person does, with a capital as the seed writes its cells', () => {
    expect(efterkalkylCells(row('early', { min: -21, max: -21 }))).toEqual([
      'Workshop med stadsdelarna',
      '2015-10-15',
      '2015-09-24',
      '3 veckor tidigare',
      '',
    ])
    expect(efterkalkylCells(row('on_time', { min: 0, max: 0 }))[3]).toBe('I tid')
    expect(efterkalkylCells(row('unknown', null, { actualEnd: null }))).toEqual([
      'Workshop med stadsdelarna',
      '2015-10-15',
      '–',
      '–',
      '',
    ])
  })

  it('says Återstår or Inställd in the Utfall column and leaves Differens empty, as the seed does', () => {
    expect(efterkalkylCells(row('remaining', null)).slice(2, 4)).toEqual(['Återstår', ''])
    expect(efterkalkylCells(row('cancelled', null)).slice(2, 4)).toEqual(['Inställd', ''])
  })

  it('numbers the activity and keeps the explanation and what the source said about its dates', () => {
    const cells = efterkalkylCells(
      row(
        'on_time',
        { min: 0, max: 0 },
        {
          number: '2.4',
          plannedStart: day('2014-08-12'),
          plannedEnd: day('2014-08-14', 'I planen: "2014-08-12 & 14".'),
          actualEnd: day('2014-08-14', 'I planen: "2014-08-12 & 14".'),
          explanation: 'Genomförd enligt plan.',
        },
      ),
    )
    expect(cells[0]).toBe('2.4 Workshop med stadsdelarna')
    expect(cells[1]).toBe('2014-08-12 – 2014-08-14')
    expect(cells[4]).toBe('Genomförd enligt plan.\nI planen: "2014-08-12 & 14".')
  })
  // Kalkyl and Utfall spans: formatDateSpan in shared/src/domain/date-precision.test.ts.
})

describe('Efterkalkyl of a project without sub-projects', () => {
  let t: TestContext

  beforeAll(async () => {
    t = await createTestApp({ demo: true })
  })
  afterAll(() => t.close())

  it("gives TABB's numbered activities in one table, without a part's caption", async () => {
    const project = await t.db
      .selectFrom('project')
      .where('name', '=', TABB_OREBRO)
      .select('id')
      .executeTakeFirstOrThrow()
    const blocks = await activityPostCalculation(t.db, project.id, '2022-12-31')
    const tables = blocks.filter((b): b is TableBlock => b.kind === 'table')
    expect(tables).toHaveLength(1)
    expect(tables[0]?.caption).toBeUndefined()
    const first = tables[0]?.rows.map((r) => runsText(r[0] ?? []))
    expect(first?.[0]).toMatch(/^1\.1 /)
    expect(first?.at(-1)).toBe('Skriva rapport')
    const intro = blocks[0]?.kind === 'paragraph' ? runsText(blocks[0].runs) : ''
    expect(intro).toMatch(
      new RegExp(`^Enligt aktivitetsplanen per 2022-12-31: ${first?.length} aktiviteter: `),
    )
  })
})

describe('Bemanningsplan', () => {
  let t: TestContext

  beforeAll(async () => {
    t = await createTestApp({ demo: true })
  })
  afterAll(() => t.close())

  it("gives TABB's staffing plan as the seed writes it: time not stated, periods, oral agreements", async () => {
    const project = await t.db
      .selectFrom('project')
      .where('name', '=', TABB_OREBRO)
      .select('id')
      .executeTakeFirstOrThrow()
    const [plan] = (await staffingPlan(t.db, project.id, '2022-02-01')).filter(
      (b): b is TableBlock => b.kind === 'table',
    )
    expect(plan?.caption).toBe('Bemanningsplan')
    const rows = (plan?.rows ?? []).map((r) => r.map(runsText))
    expect(rows).toHaveLength(11)
    expect(rows[0]).toEqual([
      'Kristina Stenlund',
      'Projektledare',
      'Förvaltningen förskola och skola',
      'Ej uttalat',
      'Hösten 2019 t.o.m. Juni 2021',
      'Muntligt',
    ])
    expect(rows[1]?.[4]).toBe('Augusti 2021 ff')
    // Before the pilot began nobody was staffed yet.
    expect(await staffingPlan(t.db, project.id, '2019-01-01')).toEqual([
      {
        kind: 'note',
        tone: 'info',
        runs: [{ text: 'Ingen i bemanningsplanen hade börjat arbeta i projektet den 2019-01-01.' }],
      },
    ])
  })
})
