import {
  type DocumentBlock,
  type FactsBlock,
  runsText,
  type TableBlock,
} from '@lagesbild/shared/domain/document-model'
import { kronor } from '@lagesbild/shared/domain/money'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORALDRASUPPORTEN, SAMVERKAN, TABB_OREBRO, TIDIGA } from '../../demo/foundation.ts'
import { createTestApp, type TestContext } from '../../test/helper.ts'
import { addToRollup, costsOf } from './cost-rollup.ts'
import { fundingFacts, projectBudget } from './report-sections.ts'

let t: TestContext

const projectId = async (name: string) =>
  (await t.db.selectFrom('project').where('name', '=', name).select('id').executeTakeFirstOrThrow()).id

const factsOf = (blocks: DocumentBlock[]) =>
  Object.fromEntries(
    blocks
      .filter((b): b is FactsBlock => b.kind === 'facts')
      .flatMap((b) => b.items.map((i) => [i.label, runsText(i.value)])),
  )
const tableCaptioned = (blocks: DocumentBlock[], caption: string) =>
  blocks.find((b): b is TableBlock => b.kind === 'table' && b.caption === caption)
const cells = (rows: TableBlock['rows'] | undefined) => (rows ?? []).map((r) => r.map(runsText))

beforeAll(async () => {
  t = await createTestApp({ demo: true })
})
afterAll(() => t.close())

describe('Bakgrund: funding', () => {
  it("shows Samverkan i praktiken's grants per funder and year with shares adding up to 100 %", async () => {
    const blocks = await fundingFacts(t.db, await projectId(SAMVERKAN), '2019-02-20')
    expect(factsOf(blocks).Finansiering).toBe('4\u00a0806\u00a0000\u00a0kr från 3 finansiärer')
    const table = tableCaptioned(blocks, 'Finansiering per finansiär, kronor')
    expect(table?.headerRows[0]?.map(runsText)).toEqual([
      'Finansiär',
      '2017',
      '2018',
      '2019',
      'Summa',
      'Andel',
    ])
    expect(cells(table?.rows).map((r) => [r[0], r[4], r[5]])).toEqual([
      ['Folkhälsomedel (Kommunstyrelsen)', '2\u00a0806\u00a0000', '58,38 %'],
      ['Barn- och utbildningsförvaltningen', '1\u00a0000\u00a0000', '20,81 %'],
      ['Socialförvaltningen', '1\u00a0000\u00a0000', '20,81 %'],
    ])
    expect(cells(table?.footerRows)[0]).toEqual([
      'Summa',
      '1\u00a0600\u00a0000',
      '1\u00a0636\u00a0000',
      '1\u00a0570\u00a0000',
      '4\u00a0806\u00a0000',
      '100,00 %',
    ])
  })

  it('says a project run within existing budget has no cash funding, and values its in-kind work', async () => {
    const blocks = await fundingFacts(t.db, await projectId(TABB_OREBRO), '2022-06-30')
    expect(blocks).toHaveLength(1)
    expect(blocks[0]?.kind === 'paragraph' && runsText(blocks[0].runs)).toMatch(
      /^Projektet har ingen finansiering i pengar och genomförs inom befintlig budget\. .* värderade till [\d\u00a0]+\u00a0kr\.$/,
    )
  })
})

describe('Projektbudget (Bilaga 1)', () => {
  it('puts in-kind contributions beside the cash, also when there is no cash at all', async () => {
    const blocks = await projectBudget(t.db, await projectId(TABB_OREBRO), '2023-06-30')
    const facts = factsOf(blocks)
    expect(facts.Budget).toBe('0\u00a0kr')
    expect(facts['Insatser in natura']).toMatch(/^[1-9][\d\u00a0]*\u00a0kr$/)
    expect(facts['Budget och insatser in natura sammanlagt']).toBe(facts['Insatser in natura'])
    const inKind = tableCaptioned(
      blocks,
      'Insatser in natura (tjänstetid och annat som inte betalas ut i pengar)',
    )
    expect(inKind?.rows).toHaveLength(7)
    // By year, then contributor.
    expect(cells(inKind?.rows).map((r) => r.slice(0, 3))[0]).toEqual([
      'Barn- och ungdomspsykiatrin',
      'Behandlare: konsultation till elevhälsan',
      '2022',
    ])
    expect(cells(inKind?.rows).map((r) => r[2])).toEqual([
      '2022',
      '2022',
      '2022',
      '2022',
      '2022',
      '2023',
      '2023',
    ])
    expect(cells(inKind?.footerRows)[0]?.[3]).toBe(facts['Insatser in natura'])
    expect(tableCaptioned(blocks, 'Per finansiär')).toBeUndefined()
  })

  it('counts only costs up to the report date, and names an overrun as such', async () => {
    const samverkan = await projectId(SAMVERKAN)
    const before = factsOf(await projectBudget(t.db, samverkan, '2019-02-20'))
    expect(before).toMatchObject({
      Budget: '4\u00a0800\u00a0000\u00a0kr',
      Utfall: '1\u00a0342\u00a0452\u00a0kr',
    })
    expect(before['Ej förbrukade medel']).toBe('3\u00a0457\u00a0548\u00a0kr')

    // Costs are kept by the municipality, as an import writes them.
    const lulea = await t.db
      .selectFrom('organisation')
      .where('name', '=', 'Luleå kommun')
      .select('id')
      .executeTakeFirstOrThrow()
    const correction = uuid()
    await t.db
      .insertInto('actual_cost')
      .values({
        id: correction,
        project_id: samverkan,
        organisation_id: lulea.id,
        entry_date: '2018-12-20',
        amount_ore: kronor(3_500_000),
        category: 'staff',
        description: 'Rättelse: personalkostnader 2018',
        source: 'manual',
      })
      .execute()
    await addToRollup(t.db, costsOf.entry(correction))
    const after = await projectBudget(t.db, samverkan, '2019-02-20')
    expect(factsOf(after)).toMatchObject({
      Utfall: '4\u00a0842\u00a0452\u00a0kr',
      Överskridande: '42\u00a0452\u00a0kr',
    })
    expect(factsOf(after)['Ej förbrukade medel']).toBeUndefined()
    const staff = cells(tableCaptioned(after, 'Per kostnadsslag')?.rows).find((r) => r[0] === 'Personal')
    expect(staff?.at(-1)).toBe('−1\u00a0175\u00a0752\u00a0kr')
    // A report dated before the cost does not see it.
    expect(factsOf(await projectBudget(t.db, samverkan, '2018-12-19')).Utfall).toBe(
      '1\u00a0342\u00a0452\u00a0kr',
    )
  })

  it("gives a sub-project whose money is kept on the main project the main budget's lines marked with it", async () => {
    const blocks = await projectBudget(t.db, await projectId(FORALDRASUPPORTEN), '2016-09-23')
    const intro = blocks[0]?.kind === 'paragraph' ? runsText(blocks[0].runs) : ''
    expect(intro).toContain(`ingår i huvudprojektet ${TIDIGA}`)
    const facts = factsOf(blocks)
    // 2014–2016 lines of Tidiga's budget marked FöräldraSupporten.
    expect(facts['Budget för delprojektet']).toBe('2\u00a0530\u00a0000\u00a0kr')
    expect(facts['Ej förbrukade medel']).toMatch(/kr$/)
    expect(facts.Överskridande).toBeUndefined()
    const byCategory = cells(tableCaptioned(blocks, 'Per kostnadsslag')?.rows)
    expect(byCategory.find((r) => r[0] === 'Lokaler')?.[1]).toBe('300\u00a0000\u00a0kr')
    expect(tableCaptioned(blocks, 'Per finansiär')).toBeUndefined()

    const funding = await fundingFacts(t.db, await projectId(FORALDRASUPPORTEN), '2016-09-23')
    expect(funding.map((b) => (b.kind === 'paragraph' ? runsText(b.runs) : b.kind))).toEqual([
      `Delprojektet finansieras inom huvudprojektet ${TIDIGA}, och finansieringen redovisas där.`,
    ])
  })
})
