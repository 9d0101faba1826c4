import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { csrfToken, expectAccessible, logIn, test } from './support.ts'

/*
 * The five journeys in a real browser, each from a person's first page to the result,
 * with axe on every page visited. Buttons and links are used from the keyboard (focus, then a key);
 * a plan-grid cell is picked with a click (plans.e2e.ts walks the grid with the arrow keys) and a
 * file is given to the file chooser directly. Other e2e files go deeper into one feature each; the
 * steering group's milestone approval is in governance.e2e.ts.
 */

// The long journeys take about a minute on an idle machine; the limit leaves room for a busy one.
const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'
const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'
const SAMVERKAN = 'Samverkan i praktiken'

async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('could not reach the element with the keyboard')
}

/** Uses a control the way a keyboard user does: focus it, press the key. */
async function press(target: Locator, key = 'Enter') {
  await target.focus()
  await target.press(key)
}

/** Edits one cell of the plan grid from the keyboard: Enter opens the editor, Enter saves. */
async function editCell(row: Locator, column: number, value: string) {
  const cell = row.getByRole('gridcell').nth(column)
  await cell.click()
  await cell.press('Enter')
  // Type only once the editor has focus: keys sent before it renders would go to the cell.
  await expect(cell.locator('input, select')).toBeFocused()
  const page = row.page()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(value)
  await page.keyboard.press('Enter')
}

/**
 * Holds requests to `url` until the returned function is called, so a test can see the busy
 * state of work that is otherwise over too quickly to observe.
 */
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

const projectTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Projektets delar' }).getByRole('link', { name, exact: true })

async function openProject(page: Page, name: string) {
  await page.goto('/projects')
  await page.getByRole('searchbox', { name: 'Sök' }).fill(name)
  const link = page.getByRole('link', { name, exact: true })
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('journey 1: the project leader records actual dates and status, sees the deviation and the Gantt change, and submits the status report', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await logIn(page, 'projektledare@demo.example')
  // The home page names the report that is due.
  const inbox = page.getByRole('region', { name: 'Lägesrapporter att skriva' })
  await expect(inbox.getByRole('link', { name: `${TABB}: 2023-VT` })).toBeVisible()
  await expectAccessible(page)

  await openProject(page, TABB)
  await press(projectTab(page, 'Aktivitetsplan'))
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

  await press(projectTab(page, 'Tidslinje'))
  await expect(page.getByRole('img', { name: /Tidslinje för \d+ aktiviteter/ })).toBeVisible()
  await press(page.getByText('Tidslinjen som tabell'))
  const bar = page.getByRole('row', { name: /Dialog om läget med Styrgrupp för samverkan/ })
  await expect(bar).toContainText('2022-09-01')
  await expect(bar).toContainText('2023-08-31')
  await expectAccessible(page)

  await press(projectTab(page, 'Lägesrapporter'))
  await expect(page.getByRole('table', { name: /Lägesrapporter med valda färger/ })).toBeVisible()
  await expectAccessible(page)
  await press(page.getByRole('button', { name: 'Skriv rapporten för 2023-VT' }))
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesrapport 2023-VT' })).toBeVisible()
  await expect(page.getByText(/Fakta fryses när rapporten skickas in/)).toBeVisible()
  for (const aspect of ['Tidplan', 'Budget', 'Mål', 'Risker', 'Helhet']) {
    await press(page.getByRole('group', { name: aspect }).getByRole('radio', { name: 'Gul' }), 'Space')
  }
  await page
    .getByRole('textbox', { name: /Vad har hänt/ })
    .fill('Dialogen med styrgruppen för samverkan är klar, två månader senare än planerat.')
  await page.getByRole('textbox', { name: /Beslut som behövs/ }).fill('Hur arbetet förs över till linjen.')
  await expectAccessible(page)
  await press(page.getByRole('button', { name: 'Skicka in till styrgruppen' }))
  await expect(page.getByText('Rapporten är inskickad och kan inte ändras.')).toBeVisible()
  await expect(page.getByText(/Fakta som de var 2023-06-30/)).toBeVisible()
  await press(page.getByRole('link', { name: 'Alla lägesrapporter' }))
  await expect(page.getByText('Inga rapporter att skriva just nu.')).toBeVisible()
  await expect(page.getByRole('row', { name: /2023-VT/ })).toContainText('Inskickad')
  await expectAccessible(page)
})

test('journey 2: the leader asks for approval of a revised plan; the steering group approves it; the decision is on the course and the revision is frozen', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const label = 'Förlängd spridning 2023'
  const summary = 'Spridningsarbetet förlängs till årets slut.'
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TABB)
  const projectUrl = page.url()
  await press(projectTab(page, 'Aktivitetsplan'))
  const row = page
    .getByRole('grid')
    .getByRole('row', { name: /Arbeta med att göra projektet känt i alla led/ })
  await editCell(row, 4, '2023-12-31')
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('2023-12-31')

  await press(projectTab(page, 'Revisioner'))
  const compared = page
    .getByRole('table', { name: 'Planerat slut i varje version och vad som har ändrats' })
    .getByRole('row', { name: /Arbeta med att göra projektet känt i alla led/ })
  // Before the decision the current plan differs from the approved one.
  await expect(compared.getByRole('cell').nth(2)).toHaveText('2023-06-30')
  await expect(compared.getByRole('cell').nth(3)).toHaveText('2023-12-31')
  await expectAccessible(page)
  await press(page.getByRole('link', { name: 'Begär godkännande av reviderad plan' }))
  await expect(page.getByLabel('Vad ska beslutas?')).toHaveValue('plan_revision')
  await page.getByRole('textbox', { name: /^Namn på revisionen/ }).fill(label)
  await page.getByRole('textbox', { name: /^Sammanfattning till styrgruppen/ }).fill(summary)
  await expectAccessible(page)
  await press(page.getByRole('button', { name: 'Skicka till styrgruppen' }))
  await expect(page.getByText('Begäran är skickad till styrgruppen.')).toBeVisible()
  await expect(page.getByRole('cell', { name: summary })).toBeVisible()

  await page.context().clearCookies()
  await logIn(page, 'styrgrupp@demo.example')
  await press(page.getByRole('navigation').getByRole('link', { name: /^Att besluta/ }))
  await expect(page.getByRole('heading', { level: 1, name: 'Att besluta' })).toBeVisible()
  const request = page.getByRole('article').filter({ hasText: summary })
  await expect(request).toContainText(`Planen fryses som godkänd revision ”${label}”`)
  await expectAccessible(page)
  await request.getByRole('textbox', { name: /^Kommentar/ }).fill('Godkänd förlängning.')
  await press(request.getByRole('button', { name: 'Godkänn' }))
  await expect(page.getByText('Begäran är godkänd och beslutet finns i registret.')).toBeVisible()

  await press(page.getByRole('navigation').getByRole('link', { name: 'Beslut', exact: true }))
  const decision = page.getByRole('row').filter({ hasText: summary })
  await expect(decision).toContainText('Godkänd planrevision')
  await expectAccessible(page)

  await page.goto(projectUrl)
  await press(projectTab(page, 'Beslut och förlopp'))
  await expect(page.getByRole('heading', { level: 2, name: 'Projektförlopp' })).toBeVisible()
  const course = page.locator('.course-list li')
  await expect(
    course.filter({ hasText: 'Beslut: Godkänd planrevision' }).filter({ hasText: summary }),
  ).toHaveCount(1)
  await expect(
    course.filter({ hasText: /Planrevision: Planrevision \d+ \(godkänd\)/ }).filter({ hasText: label }),
  ).toHaveCount(1)
  await expectAccessible(page)

  await press(projectTab(page, 'Revisioner'))
  const frozen = page
    .getByRole('table', { name: 'Sparade revisioner' })
    .getByRole('row', { name: new RegExp(label) })
  await expect(frozen).toContainText('Godkänd revision')
  await expect(compared.getByRole('cell').nth(2)).toHaveText('2023-12-31')
  await expectAccessible(page)
})

const fixture = (name: string) => readFileSync(new URL(`../fixtures/finance/${name}`, import.meta.url))

/** The burn cell of a project in the portfolio table, found by searching for it. */
async function portfolioBurn(page: Page, name: string) {
  await page.goto(`/portfolio?q=${encodeURIComponent(name)}`)
  const table = page.getByRole('table', { name: 'Projekt i portföljen' })
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
  return row.getByRole('cell').nth(4)
}

async function projectSpent(page: Page, name: string) {
  await openProject(page, name)
  await press(projectTab(page, 'Ekonomi'))
  return page.getByRole('region', { name: 'Förbrukning mot plan' })
}

test('journey 3: finance imports the sample export with mapping and preview, burn moves in the project and the portfolio, and the XLSX has the numbers', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await logIn(page, 'ekonom@demo.example')
  const before = await portfolioBurn(page, SAMVERKAN)
  await expect(before).toContainText('28 % av budgeten')
  const spentBefore = await projectSpent(page, SAMVERKAN)
  await expect(spentBefore.getByRole('definition').nth(2)).toHaveText('1 342 452 kr')
  await expect(spentBefore.getByRole('status')).toContainText('−72,03 % mot plan')

  await press(
    page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ekonomi', exact: true }),
  )
  await expect(page.getByRole('heading', { level: 1, name: 'Ekonomi i portföljen' })).toBeVisible()
  await press(page.getByRole('link', { name: 'Importera utfall' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Importera utfall' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel(/^Fil/).setInputFiles({
    name: 'sample-export.csv',
    mimeType: 'text/csv',
    buffer: fixture('sample-export.csv'),
  })
  // The upload is held back a moment so that its progress can be seen: busy button, announced status.
  const release = await holdBack(page, 'POST', '/api/finance/imports')
  const upload = page.getByRole('button', { name: 'Ladda upp och förhandsgranska' })
  await press(upload)
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
  await press(page.getByRole('button', { name: 'Kontrollera alla rader' }))
  await expect(page.getByText(/68 rader är klara att importeras/)).toBeVisible()
  const commit = page.getByRole('button', { name: 'Importera 68 rader' })
  await press(commit)
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
  await page.goto('/finance/imports')
  await page.getByLabel(/^Fil/).setInputFiles({
    name: 'sample-export.csv',
    mimeType: 'text/csv',
    buffer: fixture('sample-export.csv'),
  })
  await press(page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }))
  await press(page.getByRole('button', { name: 'Kontrollera alla rader' }))
  await press(page.getByRole('button', { name: 'Importera 68 rader' }))
  await expect(
    page.getByText('Klart: 0 nya rader importerades. 68 rader fanns redan och hoppades över.'),
  ).toBeVisible()
  await expect(await portfolioBurn(page, SAMVERKAN)).toContainText('45,2 % av budgeten')

  await page.goto('/finance/portfolio')
  const download = page.waitForEvent('download')
  const exporting = await holdBack(page, 'GET', '/api/finance/portfolio/export')
  const exportLink = page.getByRole('link', { name: 'Ladda ner som Excel' })
  await press(exportLink)
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
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  const tab = page
    .getByRole('navigation', { name: 'Projektets delar' })
    .getByRole('link', { name: 'Slutrapport' })
  await tabTo(page, tab)
  await page.keyboard.press('Enter')
  const report = page.getByRole('table').getByRole('link', { name: 'Slutrapport' }).first()
  await tabTo(page, report)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 3, name: 'Efterkalkyl/aktiviteter' })).toBeVisible()
  await expectAccessible(page)

  for (const [name, type, suffix] of [
    ['Word (.docx)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
    ['PDF', 'application/pdf', '.pdf'],
  ] as const) {
    const link = page.getByRole('link', { name, exact: true })
    const download = page.waitForEvent('download')
    await tabTo(page, link)
    await page.keyboard.press('Enter')
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
  await logIn(page, 'betraktare@demo.example')
  await openProject(page, TIDIGA)
  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0] ?? ''
  const editControl =
    /^(Redigera|Lägg till|Ny |Spara|Ta bort|Föreslå|Registrera|Importera|Skapa|Lämna in|Frys)/
  for (const part of [
    '',
    '/plan',
    '/efterkalkyl',
    '/timeline',
    '/goals',
    '/baselines',
    '/staffing',
    '/risks',
    '/finance',
    '/final-report',
    '/history',
  ]) {
    await page.goto(`/projects/${projectId}${part}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await expect(page.getByRole('main').getByRole('button', { name: editControl }), part).toHaveCount(0)
    await expect(page.getByRole('main').getByRole('link', { name: editControl }), part).toHaveCount(0)
    await expectAccessible(page)
  }
  await page.goto('/portfolio')
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
