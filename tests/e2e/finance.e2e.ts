import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { expectAccessible, logIn, openProject, test } from './support.ts'

const financeTab = (page: Page) =>
  page.getByRole('navigation', { name: 'Projektets delar' }).getByRole('link', { name: 'Ekonomi' }).click()

const fixture = (name: string) => readFileSync(new URL(`../fixtures/finance/${name}`, import.meta.url))

async function openImportPage(page: Page) {
  await logIn(page, 'ekonom@demo.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Ekonomi', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ekonomi i portföljen' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Importera utfall' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Importera utfall' })).toBeVisible()
}

async function importFile(page: Page, name: string) {
  await page.getByLabel(/^Fil/).setInputFiles({ name, mimeType: 'text/csv', buffer: fixture(name) })
  await page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }).click()
  await expect(
    page.getByRole('heading', { name: new RegExp(`Upptäckta inställningar: ${name}`) }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Kontrollera alla rader' }).click()
}

// Importing the sample export, its effect on burn and re-importing it: journey 3 in journeys.e2e.ts.

test('the broken export is refused with row errors; the project and the portfolio show the money', async ({
  page,
}) => {
  await openImportPage(page)
  await importFile(page, 'broken-export.csv')
  await expect(page.getByText('4 av 12 rader har fel.', { exact: false })).toBeVisible()
  const errors = page.getByRole('table', { name: 'Fel per rad' })
  await expect(errors.getByRole('row')).toHaveCount(5)
  await expect(errors).toContainText('2016-02-30')
  await expect(page.getByRole('button', { name: /^Importera \d+ rader/ })).toHaveCount(0)
  await expectAccessible(page)

  await page.goto('/finance/portfolio')
  await page.getByRole('link', { name: 'Tidiga insatser i samverkan, skola – socialtjänst' }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Bilaga 1 Sammanställning projektbudget' }),
  ).toBeVisible()
  await expect(page.getByText(/Ej förbrukade medel: /)).toBeVisible()
  await page.getByRole('button', { name: 'Visa som tabell' }).click()
  await expect(page.getByRole('table', { name: 'Ackumulerat per månad' })).toBeVisible()
  await expectAccessible(page)

  const download = page.waitForEvent('download')
  await page.goto('/finance/portfolio')
  await page.getByRole('link', { name: 'Ladda ner som Excel' }).click()
  expect((await download).suggestedFilename()).toBe('portfolj-ekonomi.xlsx')
})

test('a project leader sees the money and proposes a budget change; a viewer only reads', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, 'Tidiga insatser i samverkan, skola – socialtjänst')
  await financeTab(page)
  await expect(page.getByRole('heading', { level: 2, name: 'Finansieringsplan' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Registrera' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Föreslå ändring' }).click()
  await page.getByLabel('Personal 2016').fill('100 000')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Spara' }).click()
  await expect(page.getByRole('group', { name: /Budgetversion/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Föreslå för godkännande' }).click()
  await expect(page.getByRole('cell', { name: 'Föreslagen' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Godkänn' })).toHaveCount(0)

  await page.context().clearCookies()
  await logIn(page, 'betraktare@demo.example')
  await openProject(page, 'Samverkan i praktiken')
  await financeTab(page)
  await expect(page.getByRole('heading', { level: 2, name: 'Budget', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Föreslå ändring' })).toHaveCount(0)
  await expect(page.getByRole('table', { name: 'Ursprunglig budget jämförd med gällande' })).toBeVisible()
})

test('finance edits the cost categories and account rules; a category in use cannot be removed', async ({
  page,
}) => {
  await logIn(page, 'ekonom@demo.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Ekonomi', exact: true }).click()
  await page.getByRole('link', { name: 'Kostnadskategorier' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kostnadskategorier och konton' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('textbox', { name: 'Namn på svenska för training' }).fill('Kompetensutveckling')
  await page
    .getByLabel(/^Namn på svenska/)
    .last()
    .fill('Resor')
  await page
    .getByLabel(/^Namn på engelska/)
    .last()
    .fill('Travel')
  await page.getByRole('button', { name: 'Lägg till kategori' }).click()
  await expect(page.getByRole('row', { name: /resor/ })).toBeVisible()
  await page.getByRole('button', { name: 'Flytta upp Resor' }).click()
  await page.getByRole('button', { name: 'Lägg till regel' }).click()
  const prefix = page.getByRole('textbox', { name: /^Kontoprefix, rad/ }).last()
  await expect(prefix).toBeFocused()
  await prefix.fill('71')
  await page.getByRole('combobox', { name: 'Kategori för konto 71' }).selectOption('resor')
  await page.getByLabel('Prova ett konto').fill('7110')
  await expect(page.getByText('Konto 7110 förs till: Resor')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Spara ändringarna' }).click()
  await expect(page.getByText('Kostnadskategorier och kontoregler är sparade.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Namn på svenska för training' })).toHaveValue(
    'Kompetensutveckling',
  )
  const codes = await page
    .getByRole('table', { name: 'Kostnadskategorier i ordning' })
    .locator('tbody th')
    .allTextContents()
  expect(codes.indexOf('resor')).toBe(codes.length - 2)

  // The demo budgets use staff costs: removing the category is refused with the server's reason.
  await page.getByRole('button', { name: 'Ta bort kategorin Personal' }).click()
  await page.getByRole('button', { name: 'Spara ändringarna' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'används i budgetar eller utfall' })).toBeVisible()
  await expectAccessible(page)
})
