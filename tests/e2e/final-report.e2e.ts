import { expect } from '@playwright/test'
import { expectAccessible, logIn, openProject, test } from './support.ts'

test('project leader writes in Tidiga insatser’s final report, with guidance and generated facts, and submits it', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, 'Tidiga insatser i samverkan, skola – socialtjänst')
  await page
    .getByRole('navigation', { name: 'Projektets delar' })
    .getByRole('link', { name: 'Slutrapport' })
    .click()
  await expectAccessible(page)
  await page.getByRole('table').getByRole('link', { name: 'Slutrapport' }).click()

  await expect(page.getByRole('heading', { level: 3, name: 'Efterkalkyl/aktiviteter' })).toBeVisible()
  await expect(page.getByText('Beskriv varför projektet startades').first()).toBeVisible()
  await expect(page.getByText('Malin Ekström (2013-09-01 – 2015-06-30)')).toBeVisible()
  // The generated tables: Efterkalkyl from the plan, Bilaga 1 from the budget and the actuals.
  const opened = page.getByRole('row', { name: /^Öppna mottagningen 2014-06-01 2014-09-22 Ca 4 månader/ })
  await expect(opened).toBeVisible()
  await expect(page.getByText('Finansiering per finansiär, kronor')).toBeVisible()
  await expect(
    page.getByText('Bilaga 1 Sammanställning projektbudget, utfall till och med 2016-09-23.'),
  ).toBeVisible()
  await expectAccessible(page)

  const summary = page.getByRole('textbox', { name: 'Sammanfattning' })
  await summary.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Styrgruppen har fått rapporten för beslut.')
  await expect(page.getByText(/^Sparat \d{4}-\d{2}-\d{2}/).first()).toBeVisible()

  await page.getByRole('button', { name: 'Lämna in rapporten' }).click()
  await page.getByRole('button', { name: 'Ja, lämna in' }).click()
  await expect(page.getByText('Rapporten är inlämnad och låst.')).toBeVisible()
  await expect(page.getByText('Styrgruppen har fått rapporten för beslut.')).toBeVisible()

  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'PDF' }).getAttribute('href')) ?? '',
  )
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')

  await page.getByRole('link', { name: 'Utskriftsversion' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Innehållsförteckning' })).toBeVisible()
  await expectAccessible(page)
})
