import { expect, type Page } from '@playwright/test'
import { csrfToken, expectAccessible, logIn, openProject, test } from './support.ts'

const today = () =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())

const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'
const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'

test("project leader reads Tidiga insatser's Efterkalkyl with the seed's deviations", async ({ page }) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  await page.getByRole('link', { name: 'Efterkalkyl' }).click()
  const opened = page.getByRole('row', { name: /Öppna mottagningen/ })
  await expect(opened).toContainText('2014-06-01')
  await expect(opened).toContainText('2014-09-22')
  await expect(opened).toContainText('ca 4 månader')
  await expect(page.getByRole('row', { name: /Djupare kartläggning/ })).toContainText('Våren 2016')
  await expect(page.getByRole('row', { name: /Uppföljning genomförs/ })).toContainText('Återstår')
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible()
  await expectAccessible(page)
})

test('project leader marks an activity done from the keyboard and sees it on the timeline', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TABB)
  await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
  const grid = page.getByRole('grid')
  await expect(grid).toBeVisible()
  await expectAccessible(page)

  const row = grid.getByRole('row', { name: /Kommande: Erbjuda fortbildning om funktionsnedsättningar/ })
  await row.getByRole('gridcell').nth(1).click()
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Enter')
  const editor = page.getByRole('combobox', { name: /Ändra Status/ })
  await expect(editor).toBeFocused()
  await page.keyboard.type('Klar')
  await page.keyboard.press('Enter')
  await expect(row.getByRole('gridcell').nth(7)).toHaveText('Klar')
  await expect(row.getByRole('gridcell').nth(6)).toHaveText(today())

  await page.getByRole('link', { name: 'Tidslinje' }).click()
  await expect(page.getByRole('img', { name: /Tidslinje för \d+ aktiviteter/ })).toBeVisible()
  await page.getByRole('radio', { name: 'År' }).check()
  await page.getByText('Tidslinjen som tabell').click()
  await expect(
    page.getByRole('row', { name: /Kommande: Erbjuda fortbildning om funktionsnedsättningar/ }),
  ).toContainText(today())
  await expectAccessible(page)
})

test('a second browser editing the same row gets the conflict view and can re-apply', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage()
  const second = await (await browser.newContext()).newPage()
  await logIn(first, 'projektledare@demo.example')
  await logIn(second, 'admin@demo.example')
  for (const page of [first, second]) {
    await openProject(page, TABB)
    await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
    await expect(page.getByRole('grid')).toBeVisible()
  }
  const rowOf = (page: Page) => page.getByRole('grid').getByRole('row', { name: /Informera politiker/ })
  const responsible = (page: Page) => rowOf(page).getByRole('gridcell').nth(2)

  await responsible(first).dblclick()
  await first.keyboard.press('Control+A')
  await first.keyboard.type('Projektledare och projektägare')
  await first.keyboard.press('Enter')
  await expect(responsible(first)).toHaveText('Projektledare och projektägare')

  await responsible(second).dblclick()
  await second.keyboard.press('Control+A')
  await second.keyboard.type('Styrgruppen')
  await second.keyboard.press('Enter')
  const conflict = second.getByRole('alert').filter({ hasText: 'Någon annan har ändrat' })
  await expect(conflict).toContainText('Projektledare och projektägare')
  await expect(conflict).toContainText('Styrgruppen')
  await expectAccessible(second)
  await second.getByRole('button', { name: 'Gör om min ändring' }).click()
  await expect(responsible(second)).toHaveText('Styrgruppen')
})

test('the plan exports to Excel and imports back unchanged', async ({ page }) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0]
  await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Exportera planen som Excel' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/)

  await page.getByText('Importera från Excel eller CSV').click()
  await page.getByLabel('Fil (.xlsx eller .csv)').setInputFiles(await file.path())
  await page.getByRole('button', { name: 'Förhandsgranska' }).click()
  await expect(page.getByText(/0 nya, 0 ändrade, 15 oförändrade, 0 med fel/)).toBeVisible()
  await expect(page.getByText('Filen innehåller inga ändringar.')).toBeVisible()

  const csrf = await csrfToken(page)
  const exported = await page.request.get(`/api/projects/${projectId}/plan/export?format=xlsx`)
  const response = await page.request.post(`/api/projects/${projectId}/plan/import`, {
    headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
    data: { format: 'xlsx', content: (await exported.body()).toString('base64') },
  })
  expect(await response.json()).toEqual({ created: 0, updated: 0, unchanged: 15 })
})

test('goals, revisions, staffing and risks of the TABB pilot are readable and accessible', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TABB)
  await page.getByRole('link', { name: 'Mål', exact: true }).click()
  await expect(page.getByText('Delmål 4:')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Revisioner' }).click()
  await expect(page.getByRole('row', { name: /Rev. projektplan/ })).toContainText('2022-02-01')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Bemanning' }).click()
  await expect(page.getByRole('row', { name: /Vakant BUP/ })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Risker' }).click()
  await expect(page.getByRole('row', { name: /Omorganisation och personalomsättning/ })).toContainText('Hög')
  await expectAccessible(page)
})
