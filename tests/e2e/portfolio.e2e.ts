import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expectAccessible, logIn, pageReady, test } from './support.ts'

const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'

/** Presses Tab until the element has focus (at most `max` times): the journey uses no mouse. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('could not reach the element with the keyboard')
}

test('portfolio manager filters, sorts, saves a view and exports the portfolio, keyboard only', async ({
  page,
}) => {
  await logIn(page, 'portfolj@demo.example')
  await expect(page.getByRole('heading', { level: 2, name: 'Programmens läge' })).toBeVisible()
  await expectAccessible(page)

  const nav = page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Portfölj' })
  await tabTo(page, nav)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Portfölj' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Projekt i portföljen' })
  await expect(table.getByRole('link', { name: TIDIGA })).toBeVisible()
  await expectAccessible(page)

  // Filter by status from the keyboard: the select changes with the arrow keys.
  const status = page.getByLabel('Status', { exact: true })
  await tabTo(page, status)
  await status.selectOption('completed')
  await expect(page).toHaveURL(/status=completed/)
  await expect(table.getByRole('link', { name: TIDIGA })).toBeVisible()
  // An ended project has nothing late: what it left undone remains, and its budget is what it left.
  const tidiga = table.getByRole('row').filter({ has: page.getByRole('link', { name: TIDIGA, exact: true }) })
  await expect(tidiga).toContainText(/aktiviteter? återstår|Inget återstår/)
  await expect(tidiga).not.toContainText(/sena? aktivitet|Ingen sen milstolpe|Förbrukar/)
  await expect(table.getByRole('link', { name: 'Samverkan i praktiken' })).toHaveCount(0)
  await status.selectOption('')
  await expect(table.getByRole('link', { name: 'Samverkan i praktiken' })).toBeVisible()

  // Sort by slip, worst first, then flip the order.
  const slip = table.getByRole('button', { name: /^Försening/ })
  await tabTo(page, slip, 120)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/sort=slip/)
  await expect(table.getByRole('columnheader', { name: /Försening/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  await page.keyboard.press('Enter')
  await expect(table.getByRole('columnheader', { name: /Försening/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )

  // Save the current filters and sort as a view, then come back to it from a clean page.
  const name = page.getByLabel('Namn på ny vy')
  await tabTo(page, name, 120)
  await page.keyboard.type('Minst försenade')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Vyn ”Minst försenade” är sparad.')).toBeVisible()
  await page.goto('/portfolio')
  await expect(table.getByRole('columnheader', { name: /Projekt/ })).toHaveAttribute('aria-sort', 'ascending')
  await page.getByLabel('Vy', { exact: true }).selectOption({ label: 'Minst försenade' })
  await expect(page).toHaveURL(/sort=slip/)
  await expect(page).toHaveURL(/order=asc/)
  await expectAccessible(page)

  // Export what is shown as XLSX.
  const download = page.waitForEvent('download')
  const exportLink = page.getByRole('link', { name: 'Exportera till Excel' })
  await tabTo(page, exportLink, 120)
  await page.keyboard.press('Enter')
  const file = await download
  expect(file.suggestedFilename()).toBe('portfolj.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync((await file.path()) ?? '') as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  expect(sheet?.getRow(1).getCell(1).value).toBe('Projekt')
  const names = sheet?.getColumn(1).values.slice(2) ?? []
  expect(names).toContain(TIDIGA)
})

test('the programme page shows its projects on one timeline, with a table and funding', async ({ page }) => {
  await logIn(page, 'portfolj@demo.example')
  await page.goto('/programmes')
  await page
    .getByRole('link', { name: /Folkhälsomedel/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Projektens perioder' })).toBeVisible()
  await expect(
    page.getByRole('table', { name: 'Projekten i programmet med period, hälsa, försening och förbrukning' }),
  ).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Finansiering' })).toBeVisible()
  await expectAccessible(page)
})

const homes: [string, string][] = [
  ['projektledare@demo.example', 'Mina sena aktiviteter'],
  ['portfolj@demo.example', 'Projekt som snart slutar'],
  ['ekonom@demo.example', 'Ekonomi i portföljen'],
  ['betraktare@demo.example', 'Programmens läge'],
  ['styrgrupp@demo.example', 'Vad vill du göra?'],
  ['admin@demo.example', 'Slutrapporter som saknas'],
]

for (const [email, section] of homes) {
  test(`${email} lands on a home page that says what to do next`, async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 })
    await logIn(page, email)
    await expect(page.getByRole('heading', { level: 1, name: /^Hej / })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Vad vill du göra?' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()
    // Nothing wider than a tablet's screen except inside the tables' own scroll areas.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await expectAccessible(page)
  })
}

test('on a tablet (768×1024) no page is wider than the screen; wide tables scroll inside themselves', async ({
  page,
}) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  await logIn(page, 'portfolj@demo.example')
  for (const path of [
    '/',
    '/portfolio',
    '/projects',
    '/programmes',
    '/finance/portfolio',
    '/organisations',
  ]) {
    await page.goto(path)
    await pageReady(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
})
