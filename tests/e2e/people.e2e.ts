import { expect } from '@playwright/test'
import { csrfToken, expectAccessible, logIn, test } from './support.ts'

test('an administrator registers a member of staff, edits them, meets a stale edit, and erases them', async ({
  page,
}) => {
  await logIn(page, 'admin@demo.example')
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Administration' })
    .click()
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Personer' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Personer' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Personer' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Lägg till person' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lägg till person' })).toBeVisible()
  await page.getByRole('button', { name: 'Lägg till', exact: true }).click()
  await expect(page.getByText('Ange personens namn.')).toBeVisible()
  await expect(page.getByLabel(/^Namn/)).toBeFocused()
  await page.getByLabel(/^Namn/).fill('Edit Exempelsson')
  await page.getByLabel(/^Titel/).fill('Samordnare')
  await page.getByLabel(/^E-post/).fill('edit.exempelsson@demo.example')
  const organisation = page.getByLabel(/^Organisation/)
  const soc = await organisation
    .locator('option', { hasText: 'Socialförvaltningen (SOC)' })
    .first()
    .getAttribute('value')
  await organisation.selectOption(soc ?? '')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Lägg till', exact: true }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Edit Exempelsson' })).toBeVisible()
  await expect(page.getByText('Inget konto', { exact: true })).toBeVisible()
  const personId = page.url().split('/').at(-1) ?? ''

  await page.getByRole('button', { name: 'Ändra', exact: true }).click()
  await page.getByLabel(/^Titel/).fill('Utvecklingsledare')
  await page.getByRole('button', { name: 'Spara', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Uppgifterna är sparade.' })).toBeVisible()
  await expect(page.getByText('Utvecklingsledare', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Ändra', exact: true })).toBeFocused()

  // Someone else saves while the form is open: the save that follows gets 409 and the saved record.
  await page.getByRole('button', { name: 'Ändra', exact: true }).click()
  const current = (await (await page.request.get(`/api/people/${personId}`)).json()) as { version: number }
  const other = await page.request.patch(`/api/people/${personId}`, {
    headers: { 'x-csrf-token': await csrfToken(page) },
    data: { version: current.version, title: 'Enhetschef' },
  })
  expect(other.status()).toBe(200)
  await page.getByLabel(/^Titel/).fill('Processledare')
  await page.getByRole('button', { name: 'Spara', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat personen' })).toBeVisible()
  await expect(page.getByLabel(/^Titel/)).toHaveValue('Enhetschef')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Avbryt' }).click()

  // The list finds the person by name within their organisation.
  await page.getByRole('link', { name: 'Personer' }).first().click()
  await page.getByRole('searchbox', { name: 'Sök på namn eller e-post' }).fill('exempelsson')
  await expect(page.getByRole('link', { name: 'Edit Exempelsson' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption(soc ?? '')
  await expect(page.getByRole('link', { name: 'Edit Exempelsson' })).toBeVisible()
  await expect(page).toHaveURL(/organisationId=/)

  // Without an account, the register extract and erasure are on the person's page.
  await page.getByRole('link', { name: 'Edit Exempelsson' }).click()
  await page.getByRole('link', { name: 'Visa registerutdrag' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registerutdrag: Edit Exempelsson' }),
  ).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Tillbaka till personen' }).click()
  await page.getByRole('button', { name: 'Radera personen' }).click()
  await page.getByLabel(/^Skriv personens namn för att bekräfta/).fill('Edit Exempelsson')
  await page.getByRole('button', { name: 'Radera för alltid' }).click()
  await expect(page.getByText(/Personen är raderad och visas nu som/)).toBeVisible()
  await expect(page.getByText('Personen är raderad. Namnet är en pseudonym')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Ändra', exact: true })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Exempelsson' })).toHaveCount(0)
})
