import { expect, test } from '@playwright/test'
import { expectAccessible, logIn } from './support.ts'

const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'

test('leader asks for milestone approval, the steering member approves it in Att besluta, the decision is in the register', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Projekt', exact: true }).click()
  await page.getByRole('searchbox', { name: 'Sök' }).fill('Västra Engelbrektsskolan')
  await page.getByRole('link', { name: TABB }).click()
  await page
    .getByRole('navigation', { name: 'Projektets delar' })
    .getByRole('link', { name: 'Beslut och förlopp' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Projektförlopp' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Vad ska beslutas?').selectOption('milestone')
  await page
    .getByLabel('Milstolpe', { exact: true })
    .selectOption({ label: '4.4 Ta fram en kommunikationsplan.' })
  await page
    .getByRole('textbox', { name: /^Sammanfattning till styrgruppen/ })
    .fill('Kommunikationsplanen är klar.')
  await page.getByRole('button', { name: 'Skicka till styrgruppen' }).click()
  await expect(page.getByText('Begäran är skickad till styrgruppen.')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Kommunikationsplanen är klar.' })).toBeVisible()

  await page.context().clearCookies()
  await logIn(page, 'styrgrupp@demo.example')
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Att besluta/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Att besluta' })).toBeVisible()
  await expectAccessible(page)
  const request = page.getByRole('article').filter({ hasText: 'Kommunikationsplanen är klar.' })
  await request.getByRole('textbox', { name: /^Kommentar/ }).fill('Godkänd, bra arbete.')
  await request.getByRole('button', { name: 'Godkänn' }).click()
  await expect(page.getByText('Begäran är godkänd och beslutet finns i registret.')).toBeVisible()
  await expect(page.getByRole('article').filter({ hasText: 'Kommunikationsplanen är klar.' })).toHaveCount(0)

  await page.getByRole('navigation').getByRole('link', { name: 'Beslut', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Beslutsregister' })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: 'Kommunikationsplanen är klar.' })
  await expect(row).toContainText('Godkänd milstolpe')
  await expect(row).toContainText('Godkänd, bra arbete.')
  await expect(page.getByRole('button', { name: /Ändra|Ta bort/ })).toHaveCount(0)
  await expectAccessible(page)
})
