import { expect } from '@playwright/test'
import { csrfToken, expectAccessible, logIn, openProject, test } from './support.ts'

test('project leader finds Tidiga insatser, edits its purpose and sees the change in the history', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await expectAccessible(page)

  await openProject(page, 'Tidiga insatser i samverkan, skola – socialtjänst')
  // The situation first: the ended project spent 63,5 % of its budget (2 858 480,10 of 4 500 000 kr).
  const situation = page.getByRole('region', { name: 'Läget just nu' })
  await expect(situation.getByText('63,5 % av budgeten')).toBeVisible()
  await expect(situation.getByText('Ingen kommande milstolpe')).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Redigera' }).click()
  const purpose = 'Tidigt stöd till föräldrar till barn som utmanar, prövat i en öppen mottagning.'
  await page.getByLabel('Syfte').fill(purpose)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Spara' }).click()
  await expect(page.getByText('Ändringarna är sparade.')).toBeVisible()
  await expect(page.getByText(purpose)).toBeVisible()

  await page.getByRole('link', { name: 'Historik' }).click()
  await expect(page.getByText(purpose).first()).toBeVisible()
  await expectAccessible(page)
})

test('viewer can read but has no edit control, and a crafted edit is refused', async ({ page }) => {
  await logIn(page, 'betraktare@demo.example')
  await openProject(page, 'Samverkan i praktiken')
  await expect(page.getByRole('link', { name: 'Redigera' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Lägg till/ })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Ändra roll/ })).toHaveCount(0)

  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0]
  const response = await page.request.patch(`/api/projects/${projectId}`, {
    headers: { 'x-csrf-token': await csrfToken(page), 'content-type': 'application/json' },
    data: { version: 1, purpose: 'Inte tillåtet' },
  })
  expect(response.status()).toBe(403)
  expect(response.headers()['content-type']).toMatch(/application\/problem\+json/)
})

test('project leader adds a member, changes the role in the members list and removes them again', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, 'Tidiga insatser i samverkan, skola – socialtjänst')
  const members = page.getByRole('region', { name: 'Medlemmar' })
  const add = members.getByRole('form', { name: 'Lägg till medlem' })
  await add.getByLabel('E-postadress').fill('styrgrupp@demo.example')
  await add.getByRole('button', { name: 'Lägg till' }).click()
  const row = members.getByRole('row', { name: /Stefan Åberg/ })
  await expect(row.getByRole('cell', { name: 'Projektmedarbetare', exact: true })).toBeVisible()

  await row.getByRole('button', { name: 'Ändra roll för Stefan Åberg' }).click()
  const role = row.getByRole('combobox', { name: 'Roll för Stefan Åberg' })
  await expect(role).toBeFocused()
  await role.selectOption({ label: 'Projektledare' })
  await expectAccessible(page)
  await row.getByRole('button', { name: 'Spara roll för Stefan Åberg' }).click()
  await expect(row.getByRole('cell', { name: 'Projektledare', exact: true })).toBeVisible()
  await expect(members.getByRole('status')).toHaveText('Stefan Åberg har nu rollen Projektledare.')
  // Focus is back on the row's own button, not lost with the closed editor.
  await expect(row.getByRole('button', { name: 'Ändra roll för Stefan Åberg' })).toBeFocused()

  // Someone else makes him a project worker again while this page still holds the older version:
  // saving from it gets 409, the alert names the role saved meanwhile, and the editor starts there.
  await row.getByRole('button', { name: 'Ändra roll för Stefan Åberg' }).click()
  await row
    .getByRole('combobox', { name: 'Roll för Stefan Åberg' })
    .selectOption({ label: 'Projektmedarbetare' })
  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0] ?? ''
  const listed = (await (await page.request.get(`/api/projects/${projectId}/members`)).json()) as {
    items: { user: { id: string; name: string }; version: number }[]
  }
  const stefan = listed.items.find((member) => member.user.name === 'Stefan Åberg')
  const meanwhile = await page.request.put(`/api/projects/${projectId}/members/${stefan?.user.id}`, {
    headers: { 'x-csrf-token': await csrfToken(page), 'content-type': 'application/json' },
    data: { version: stefan?.version, role: 'member' },
  })
  expect(meanwhile.status()).toBe(200)
  await row.getByRole('button', { name: 'Spara roll för Stefan Åberg' }).click()
  await expect(members.getByRole('alert')).toContainText(
    'Just nu har Stefan Åberg rollen Projektmedarbetare.',
  )
  await expect(row.getByRole('combobox', { name: 'Roll för Stefan Åberg' })).toHaveValue('member')
  await expectAccessible(page)
  await row.getByRole('button', { name: 'Avbryt' }).click()
  await expect(row.getByRole('cell', { name: 'Projektmedarbetare', exact: true })).toBeVisible()

  // Removing sends the version the list shows, which is the one after the role change.
  await row.getByRole('button', { name: 'Ta bort Stefan Åberg' }).click()
  await members.getByRole('button', { name: 'Bekräfta borttagning av Stefan Åberg' }).click()
  await expect(row).toHaveCount(0)
})
