import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import {
  activate,
  arrowTo,
  csrfToken,
  expectAccessible,
  logInByKeyboard,
  pageReady,
  searchProjects,
  tabTo,
  test,
  typeInto,
} from './support.ts'

/*
 * The five journeys in a real browser, each from a person's first page to the result,
 * with axe on every page visited, and keyboard-only: every control is reached by Tab or Shift+Tab
 * from where focus is, the plan grid and radio groups with the arrow keys, and used with Enter or
 * Space (see tabTo in support.ts); nothing is clicked or focused from the script. Other e2e files
 * go deeper into one feature each.
 */

// The long journeys take about a minute on an idle machine; the limit leaves room for a busy one.
const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'
const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'
const SAMVERKAN = 'Samverkan i praktiken'

/**
 * Moves the plan grid's focus to a cell with the arrow keys (rows first, then columns), entering
 * the grid by Tab when focus is outside it.
 */
async function gridTo(page: Page, cell: Locator) {
  await tabTo(page, page.getByRole('grid'))
  for (let presses = 0; presses < 100; presses++) {
    const move = await cell.evaluate((target) => {
      const position = (el: Element | null | undefined) =>
        (el?.closest('[data-cell]')?.getAttribute('data-cell') ?? '-1:-1').split(':').map(Number)
      const [row = -1, col = -1] = position(document.activeElement)
      const [toRow = -1, toCol = -1] = position(target)
      if (row !== toRow) return row < toRow ? 'ArrowDown' : 'ArrowUp'
      if (col !== toCol) return col < toCol ? 'ArrowRight' : 'ArrowLeft'
      return null
    })
    if (!move) return
    await page.keyboard.press(move)
  }
  throw new Error(`the arrow keys did not reach ${cell}`)
}

/** Edits one cell of the plan grid from the keyboard: arrows to it, Enter opens the editor, Enter saves. */
async function editCell(row: Locator, column: number, value: string) {
  const page = row.page()
  const cell = row.getByRole('gridcell').nth(column)
  await gridTo(page, cell)
  await page.keyboard.press('Enter')
  // Type only once the editor has focus: keys sent before it renders would go to the cell.
  await expect(cell.locator('input, select')).toBeFocused()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(value)
  await page.keyboard.press('Enter')
}

/** Picks a radio button of a group: Tab into the group, arrow keys to the choice, Space. */
async function choose(page: Page, group: Locator, choice: string) {
  await tabTo(page, group)
  const radio = group.getByRole('radio', { name: choice })
  await arrowTo(page, radio, 'ArrowRight')
  await page.keyboard.press('Space')
  await expect(radio).toBeChecked()
}

/** Holds back requests to a path (whatever their query string) with the given method until released. */
async function holdBack(page: Page, method: string, path: string): Promise<() => void> {
  let open: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (route.request().method() !== method) return route.fallback()
      await gate
      await route.continue()
    },
  )
  // Once opened the route passes everything straight on; unrouting would race the held request.
  return open
}

const mainMenu = (page: Page, name: string | RegExp) =>
  page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })

const projectTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Projektets delar' }).getByRole('link', { name, exact: true })

/** From any page: Projekt in the main menu, the name in the search box, the project's link. */
async function openProject(page: Page, name: string) {
  await activate(page, mainMenu(page, 'Projekt'))
  await expect(page.getByRole('heading', { level: 1, name: 'Projekt' })).toBeVisible()
  await searchProjects(page, name, () => typeInto(page, page.getByRole('searchbox', { name: 'Sök' }), name))
  await activate(page, page.getByRole('link', { name, exact: true }))
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('journey 1: the project leader records actual dates and status, sees the deviation and the Gantt change, and submits the status report', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await logInByKeyboard(page, 'projektledare@demo.example')
  // The home page names the report that is due.
  const inbox = page.getByRole('region', { name: 'Lägesrapporter att skriva' })
  await expect(inbox.getByRole('link', { name: `${TABB}: 2023-VT` })).toBeVisible()
  // And what the steering group answered: the demo acknowledges 2022-VT when it is loaded.
  const replies = page.getByRole('region', { name: 'Svar från styrgruppen' })
  await expect(replies.getByRole('link', { name: `${TABB}, lägesrapport 2022-VT` })).toBeVisible()
  await expectAccessible(page)

  await openProject(page, TABB)
  await activate(page, projectTab(page, 'Aktivitetsplan'))
  const grid = page.getByRole('grid')
  const row = grid.getByRole('row', { name: /Dialog om läget med Styrgrupp för samverkan/ })
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('2023-06-30')
  await expect(row.getByRole('gridcell').nth(8)).toHaveText(/sen/)
  await expectAccessible(page)

  await editCell(row, 5, '2022-09-01')
  await expect(row.getByRole('gridcell').nth(5)).toHaveText('2022-09-01')
  await editCell(row, 6, '2023-08-31')
  await expect(row.getByRole('gridcell').nth(6)).toHaveText('2023-08-31')
  await editCell(row, 7, 'Klar')
  await expect(row.getByRole('gridcell').nth(7)).toHaveText('Klar')
  // Finished two months after the planned end: the deviation says so and the row is no longer late.
  await expect(row.getByRole('gridcell').nth(8)).toHaveText(/^ca 2 månader$/i)
  await expect(row).not.toHaveClass(/plan-table__row--late/)

  await activate(page, projectTab(page, 'Tidslinje'))
  await expect(page.getByRole('img', { name: /Tidslinje för \d+ aktiviteter/ })).toBeVisible()
  await activate(page, page.getByText('Tidslinjen som tabell'))
  const bar = page.getByRole('row', { name: /Dialog om läget med Styrgrupp för samverkan/ })
  await expect(bar).toContainText('2022-09-01')
  await expect(bar).toContainText('2023-08-31')
  await expectAccessible(page)

  await activate(page, projectTab(page, 'Lägesrapporter'))
  await expect(page.getByRole('table', { name: /Lägesrapporter med valda färger/ })).toBeVisible()
  await expectAccessible(page)
  await activate(page, page.getByRole('button', { name: 'Skriv rapporten för 2023-VT' }))
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesrapport 2023-VT' })).toBeVisible()
  await expect(page.getByText(/Fakta fryses när rapporten skickas in/)).toBeVisible()
  for (const aspect of ['Tidplan', 'Budget', 'Mål', 'Risker', 'Helhet']) {
    await choose(page, page.getByRole('group', { name: aspect }), 'Gul')
  }
  await typeInto(
    page,
    page.getByRole('textbox', { name: /Vad har hänt/ }),
    'Dialogen med styrgruppen för samverkan är klar, två månader senare än planerat.',
  )
  await typeInto(
    page,
    page.getByRole('textbox', { name: /Beslut som behövs/ }),
    'Hur arbetet förs över till linjen.',
  )
  await expectAccessible(page)
  await activate(page, page.getByRole('button', { name: 'Skicka in till styrgruppen' }))
  await expect(page.getByText('Rapporten är inskickad och kan inte ändras.')).toBeVisible()
  // The form went away with the button; focus is on the report, not back at the page's start.
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesrapport 2023-VT' })).toBeFocused()
  await expect(page.getByText(/Fakta som de var 2023-06-30/)).toBeVisible()
  await activate(page, page.getByRole('link', { name: 'Alla lägesrapporter' }))
  await expect(page.getByText('Inga rapporter att skriva just nu.')).toBeVisible()
  await expect(page.getByRole('row', { name: /2023-VT/ })).toContainText('Inskickad')
  await expectAccessible(page)
})

test('journey 2: the leader asks for approval of a revised plan; the steering group approves it and the waiting milestone; the decisions are in the register and on the course, and the revision is frozen', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const label = 'Förlängd spridning 2023'
  const summary = 'Spridningsarbetet förlängs till årets slut.'
  // The demo's leader has already asked for approval of milestone 2.1; it waits in the inbox.
  const milestoneSummary = 'Arbetsgruppen är bildad och har regelbundna träffar inplanerade.'
  await logInByKeyboard(page, 'projektledare@demo.example')
  await openProject(page, TABB)
  await activate(page, projectTab(page, 'Aktivitetsplan'))
  const row = page
    .getByRole('grid')
    .getByRole('row', { name: /Arbeta med att göra projektet känt i alla led/ })
  await editCell(row, 4, '2023-12-31')
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('2023-12-31')

  await activate(page, projectTab(page, 'Revisioner'))
  const compared = page
    .getByRole('table', { name: 'Planerat slut i varje version och vad som har ändrats' })
    .getByRole('row', { name: /Arbeta med att göra projektet känt i alla led/ })
  // Before the decision the current plan differs from the approved one.
  await expect(compared.getByRole('cell').nth(2)).toHaveText('2023-06-30')
  await expect(compared.getByRole('cell').nth(3)).toHaveText('2023-12-31')
  await expectAccessible(page)
  await activate(page, page.getByRole('link', { name: 'Begär godkännande av reviderad plan' }))
  await expect(page.getByLabel('Vad ska beslutas?')).toHaveValue('plan_revision')
  await typeInto(page, page.getByRole('textbox', { name: /^Namn på revisionen/ }), label)
  await typeInto(page, page.getByRole('textbox', { name: /^Sammanfattning till styrgruppen/ }), summary)
  await expectAccessible(page)
  await activate(page, page.getByRole('button', { name: 'Skicka till styrgruppen' }))
  await expect(page.getByText('Begäran är skickad till styrgruppen.')).toBeVisible()
  await expect(page.getByRole('cell', { name: summary })).toBeVisible()

  await page.context().clearCookies()
  await logInByKeyboard(page, 'styrgrupp@demo.example')
  await activate(page, mainMenu(page, /^Att besluta/))
  await expect(page.getByRole('heading', { level: 1, name: 'Att besluta' })).toBeVisible()
  const revision = page.getByRole('article').filter({ hasText: summary })
  const milestone = page.getByRole('article').filter({ hasText: milestoneSummary })
  await expect(revision).toContainText(`Planen fryses som godkänd revision ”${label}”`)
  await expect(milestone).toBeVisible()
  await expectAccessible(page)
  for (const [request, comment] of [
    [milestone, 'Arbetsgruppen är i gång.'],
    [revision, 'Godkänd förlängning.'],
  ] as const) {
    await typeInto(page, request.getByRole('textbox', { name: /^Kommentar/ }), comment)
    await activate(page, request.getByRole('button', { name: 'Godkänn' }))
    await expect(page.getByText('Begäran är godkänd och beslutet finns i registret.')).toBeVisible()
    // The card went away with the button; focus is at the top of the list, the next request a Tab away.
    await expect(page.getByRole('heading', { level: 2, name: 'Att besluta' })).toBeFocused()
    await expect(request).toHaveCount(0)
  }

  await activate(page, mainMenu(page, 'Beslut'))
  await expect(page.getByRole('heading', { level: 1, name: 'Beslutsregister' })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: summary })).toContainText('Godkänd planrevision')
  await expect(page.getByRole('row').filter({ hasText: milestoneSummary })).toContainText('Godkänd milstolpe')
  await expectAccessible(page)

  await openProject(page, TABB)
  await activate(page, projectTab(page, 'Beslut och förlopp'))
  await expect(page.getByRole('heading', { level: 2, name: 'Projektförlopp' })).toBeVisible()
  const course = page.locator('.course-list li')
  await expect(
    course.filter({ hasText: 'Beslut: Godkänd planrevision' }).filter({ hasText: summary }),
  ).toHaveCount(1)
  await expect(
    course.filter({ hasText: /Planrevision: Planrevision \d+ \(godkänd\)/ }).filter({ hasText: label }),
  ).toHaveCount(1)
  await expect(
    course.filter({ hasText: 'Beslut: Godkänd milstolpe' }).filter({ hasText: milestoneSummary }),
  ).toHaveCount(1)
  await expectAccessible(page)

  await activate(page, projectTab(page, 'Revisioner'))
  const frozen = page
    .getByRole('table', { name: 'Sparade revisioner' })
    .getByRole('row', { name: new RegExp(label) })
  await expect(frozen).toContainText('Godkänd revision')
  await expect(compared.getByRole('cell').nth(2)).toHaveText('2023-12-31')
  await expectAccessible(page)
})

const fixture = (name: string) => readFileSync(new URL(`../fixtures/finance/${name}`, import.meta.url))

/** The burn cell of a project in the portfolio table: Portfölj in the main menu, then a search. */
async function portfolioBurn(page: Page, name: string) {
  await activate(page, mainMenu(page, 'Portfölj'))
  await typeInto(page, page.getByRole('searchbox', { name: 'Sök' }), name)
  await expect(page).toHaveURL(/[?&]q=/)
  const table = page.getByRole('table', { name: 'Projekt i portföljen' })
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
  await expect(table.getByRole('row')).toHaveCount(2)
  return row.getByRole('cell').nth(4)
}

async function projectSpent(page: Page, name: string) {
  await openProject(page, name)
  await activate(page, projectTab(page, 'Ekonomi'))
  return page.getByRole('region', { name: 'Förbrukning mot plan' })
}

/** Ekonomi in the main menu, Importera utfall, and the sample file given to the file chooser. */
async function chooseImportFile(page: Page) {
  await activate(page, mainMenu(page, 'Ekonomi'))
  await expect(page.getByRole('heading', { level: 1, name: 'Ekonomi i portföljen' })).toBeVisible()
  await activate(page, page.getByRole('link', { name: 'Importera utfall' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Importera utfall' })).toBeVisible()
  const chooser = page.waitForEvent('filechooser')
  // Space opens the file chooser, as it does for a person.
  await activate(page, page.getByLabel(/^Fil/), 'Space')
  await (await chooser).setFiles({
    name: 'sample-export.csv',
    mimeType: 'text/csv',
    buffer: fixture('sample-export.csv'),
  })
}

test('journey 3: finance imports the sample export with mapping and preview, burn moves in the project and the portfolio, and the XLSX has the numbers', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await logInByKeyboard(page, 'ekonom@demo.example')
  const before = await portfolioBurn(page, SAMVERKAN)
  await expect(before).toContainText('28 % av budgeten')
  const spentBefore = await projectSpent(page, SAMVERKAN)
  await expect(spentBefore.getByRole('definition').nth(2)).toHaveText('1 342 452 kr')
  await expect(spentBefore.getByRole('status')).toContainText('−72,03 % mot plan')

  await chooseImportFile(page)
  await expectAccessible(page)
  // The upload is held back a moment so that its progress can be seen: busy button, announced status.
  const release = await holdBack(page, 'POST', '/api/finance/imports')
  const upload = page.getByRole('button', { name: 'Ladda upp och förhandsgranska' })
  await activate(page, upload)
  await expect(upload).toBeDisabled()
  await expect(upload).toHaveAttribute('aria-busy', 'true')
  await expect(page.getByRole('status').filter({ hasText: 'Filen laddas upp och läses …' })).toBeVisible()
  release()
  await expect(
    page.getByRole('heading', { name: /Upptäckta inställningar: sample-export.csv/ }),
  ).toBeVisible()
  // The detected settings, the mapping saved for the organisation, and the first rows matched to projects.
  await expect(page.getByLabel('Teckenkodning')).toHaveValue('windows-1252')
  await expect(page.getByText('Kolumnvalen från förra importen används.')).toBeVisible()
  const preview = page.getByRole('table', { name: 'De första raderna som de kommer att läsas' })
  await expect(preview.getByRole('row').nth(1)).toContainText('Lön föräldrastödjare jan')
  await expect(preview.getByRole('row').nth(1)).toContainText('FöräldraSupporten')
  await expectAccessible(page)
  await activate(page, page.getByRole('button', { name: 'Kontrollera alla rader' }))
  await expect(page.getByText(/68 rader är klara att importeras/)).toBeVisible()
  await activate(page, page.getByRole('button', { name: 'Importera 68 rader' }))
  await expect(
    page.getByText('Klart: 68 nya rader importerades. 0 rader fanns redan och hoppades över.'),
  ).toBeVisible()
  await expectAccessible(page)

  // Samverkan's 38 rows add 828 952,40 kr: spent 1 342 452 → 2 171 404,40 of a 4 800 000 budget.
  const spentAfter = await projectSpent(page, SAMVERKAN)
  await expect(spentAfter.getByRole('definition').nth(2)).toHaveText('2 171 404,40 kr')
  await expect(spentAfter.getByRole('status')).toContainText('−54,76 % mot plan')
  await expectAccessible(page)
  const after = await portfolioBurn(page, SAMVERKAN)
  await expect(after).toContainText('45,2 % av budgeten')

  // The same file again adds nothing.
  await chooseImportFile(page)
  await activate(page, page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }))
  await activate(page, page.getByRole('button', { name: 'Kontrollera alla rader' }))
  await activate(page, page.getByRole('button', { name: 'Importera 68 rader' }))
  await expect(
    page.getByText('Klart: 0 nya rader importerades. 68 rader fanns redan och hoppades över.'),
  ).toBeVisible()
  await expect(await portfolioBurn(page, SAMVERKAN)).toContainText('45,2 % av budgeten')

  await activate(page, mainMenu(page, 'Ekonomi'))
  await expect(page.getByRole('heading', { level: 1, name: 'Ekonomi i portföljen' })).toBeVisible()
  const download = page.waitForEvent('download')
  const exporting = await holdBack(page, 'GET', '/api/finance/portfolio/export')
  const exportLink = page.getByRole('link', { name: 'Ladda ner som Excel' })
  await activate(page, exportLink)
  await expect(exportLink).toHaveAttribute('aria-busy', 'true')
  await expect(exportLink).toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByRole('status').filter({ hasText: 'Filen skapas …' })).toBeVisible()
  exporting()
  const file = await download
  await expect(
    page.getByRole('status').filter({ hasText: 'Klart: portfolj-ekonomi.xlsx är nedladdad.' }),
  ).toBeVisible()
  await expect(exportLink).not.toHaveAttribute('aria-busy', 'true')
  expect(file.suggestedFilename()).toBe('portfolj-ekonomi.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync((await file.path()) ?? '') as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const header = (sheet?.getRow(1).values ?? []) as unknown[]
  const spentColumn = header.indexOf('Utfall (kr)')
  const samverkan = sheet?.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === SAMVERKAN)
  // A real number cell in kronor, not text.
  expect(samverkan?.getCell(spentColumn).value).toBe(2171404.4)
})

test('journey 4: the project leader opens the final report and downloads it as DOCX and PDF', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logInByKeyboard(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  await activate(page, projectTab(page, 'Slutrapport'))
  await activate(page, page.getByRole('table').getByRole('link', { name: 'Slutrapport' }).first())
  await expect(page.getByRole('heading', { level: 3, name: 'Efterkalkyl/aktiviteter' })).toBeVisible()
  await expectAccessible(page)

  for (const [name, type, suffix] of [
    ['Word (.docx)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
    ['PDF', 'application/pdf', '.pdf'],
  ] as const) {
    const link = page.getByRole('link', { name, exact: true })
    const download = page.waitForEvent('download')
    await activate(page, link)
    const file = await download
    expect(file.suggestedFilename()).toMatch(new RegExp(`\\${suffix}$`))
    await expect(
      page.getByRole('status').filter({ hasText: `${file.suggestedFilename()} är nedladdad.` }),
    ).toBeVisible()
    const response = await page.request.get((await link.getAttribute('href')) ?? '')
    expect(response.headers()['content-type']).toBe(type)
    expect((await response.body()).length).toBeGreaterThan(1000)
  }
})

test('journey 5: a viewer reads every part of a project with no edit control, and crafted writes are refused', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logInByKeyboard(page, 'betraktare@demo.example')
  await openProject(page, TIDIGA)
  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0] ?? ''
  const editControl =
    /^(Redigera|Lägg till|Ny |Spara|Ta bort|Föreslå|Registrera|Importera|Skapa|Lämna in|Frys)/
  // Every part by its tab, from the keyboard: focus stays on the tab, the next one is a Tab away.
  for (const part of [
    'Översikt',
    'Aktivitetsplan',
    'Efterkalkyl',
    'Tidslinje',
    'Mål',
    'Revisioner',
    'Bemanning',
    'Risker',
    'Ekonomi',
    'Slutrapport',
    'Historik',
  ]) {
    await activate(page, projectTab(page, part))
    await expect(projectTab(page, part)).toHaveAttribute('aria-current', 'page')
    await pageReady(page)
    await expect(page.getByRole('main').getByRole('button', { name: editControl }), part).toHaveCount(0)
    await expect(page.getByRole('main').getByRole('link', { name: editControl }), part).toHaveCount(0)
    await expectAccessible(page)
  }
  await activate(page, mainMenu(page, 'Portfölj'))
  await expect(page.getByRole('table', { name: 'Projekt i portföljen' })).toBeVisible()

  const headers = { 'x-csrf-token': await csrfToken(page), 'content-type': 'application/json' }
  for (const [method, url, data] of [
    ['PATCH', `/api/projects/${projectId}`, { version: 1, purpose: 'Inte tillåtet' }],
    ['POST', `/api/projects/${projectId}/activities`, { title: 'Inte tillåtet' }],
    ['POST', `/api/projects/${projectId}/final-reports`, {}],
  ] as const) {
    const response = await page.request.fetch(url, { method, headers, data })
    expect([403, 404], `${method} ${url}`).toContain(response.status())
    expect(response.headers()['content-type']).toMatch(/application\/problem\+json/)
  }
})
