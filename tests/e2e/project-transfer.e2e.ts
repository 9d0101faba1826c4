import { expect } from '@playwright/test'
import { expectAccessible, logIn, openProject, test } from './support.ts'

test('administrator exports Tidiga insatser as JSON and imports it as a new project', async ({
  page,
}, info) => {
  await logIn(page, 'admin@demo.example')
  await openProject(page, 'Tidiga insatser i samverkan, skola – socialtjänst')

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Exportera projekt (JSON)' }).click()
  const file = info.outputPath('tidiga.json')
  await (await download).saveAs(file)

  await page.goto('/projects/new')
  await expect(page.getByRole('heading', { name: 'Importera projekt från fil' })).toBeVisible()
  await page.getByRole('button', { name: 'Importera projekt' }).click()
  await expect(page.getByText('Välj en fil att importera.')).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Exporterad fil (JSON)').setInputFiles(file)
  await page.getByLabel('Ägande organisation för det nya projektet').selectOption({ index: 1 })
  // A name of its own, so the copy is not mistaken for the original (other tests search for it).
  await page.getByLabel('Namn på det nya projektet (valfritt)').fill('Tidiga insatser – importerad kopia')
  await page.getByRole('button', { name: 'Importera projekt' }).click()
  await expect(page.getByText('Projektet är importerat.')).toBeVisible()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tidiga insatser – importerad kopia' }),
  ).toBeVisible()
  await expectAccessible(page)
})
