import { expect, type Page } from '@playwright/test'
import { expectAccessible, logIn, test } from './support.ts'

/** Every console message about the Content-Security-Policy: the app must need no exception. */
function watchCsp(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

test('an administrator invites a project leader, who sets a password and sees only their project', async ({
  page,
  browser,
}) => {
  const csp = watchCsp(page)
  await logIn(page, 'admin@demo.example')
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Administration' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Bjud in användare' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Bjud in användare' })).toBeVisible()
  await page.getByLabel(/^Namn/).fill('Nora Ny')
  await page.getByLabel(/^E-postadress/).fill('nora.ny@demo.example')
  const organisation = page.getByLabel(/^Organisation/)
  const soc = await organisation
    .locator('option', { hasText: 'Socialförvaltningen (SOC)' })
    .first()
    .getAttribute('value')
  await organisation.selectOption(soc ?? '')
  const project = page.getByLabel('Projekt (frivilligt)')
  const foraldra = await project.locator('option', { hasText: 'FöräldraSupporten' }).getAttribute('value')
  await project.selectOption(foraldra ?? '')
  await page.getByLabel('Roll i projektet').selectOption('leader')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Skapa inbjudan' }).click()
  const link = await page.getByRole('textbox', { name: 'Länk' }).inputValue()
  expect(link).toMatch(/\/invitation#[A-Za-z0-9_-]{40,}$/)
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Till användaren' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nora Ny' })).toBeVisible()
  await expect(page.getByText('Inbjuden', { exact: true })).toBeVisible()
  await expectAccessible(page)

  const invitee = await browser.newContext({ locale: 'sv-SE' })
  const inviteePage = await invitee.newPage()
  const inviteeCsp = watchCsp(inviteePage)
  await inviteePage.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await expect(inviteePage.getByRole('heading', { level: 1, name: 'Välkommen till Lägesbild' })).toBeVisible()
  await expectAccessible(inviteePage)
  await inviteePage.getByLabel(/^Nytt lösenord/).fill('sommar2024')
  await inviteePage.getByLabel(/^Upprepa lösenordet/).fill('sommar2024')
  await inviteePage.getByRole('button', { name: 'Spara lösenord och logga in' }).click()
  await expect(inviteePage.getByText('Lösenordet måste ha minst 12 tecken.')).toBeVisible()
  await inviteePage.getByLabel(/^Nytt lösenord/).fill('fyra hästar sprang i Luleå')
  await inviteePage.getByLabel(/^Upprepa lösenordet/).fill('fyra hästar sprang i Luleå')
  await inviteePage.getByRole('button', { name: 'Spara lösenord och logga in' }).click()
  await expect(inviteePage.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible()
  await inviteePage.goto('/projects')
  await expect(inviteePage.getByRole('link', { name: 'FöräldraSupporten' })).toBeVisible()
  await expect(inviteePage.getByRole('link', { name: 'Samverkan i praktiken' })).toHaveCount(0)
  await invitee.close()

  await page.reload()
  await expect(page.getByText('Aktiv', { exact: true })).toBeVisible()
  expect([...csp, ...inviteeCsp]).toEqual([])
})

test('the change log, data-protection settings, account and register extract work under the CSP', async ({
  page,
}) => {
  const csp = watchCsp(page)
  await logIn(page, 'admin@demo.example')
  await page.goto('/admin/audit')
  await expect(page.getByRole('heading', { level: 1, name: 'Ändringslogg' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Hämta CSV' })).toHaveAttribute(
    'href',
    /\/api\/audit\/export\?format=csv/,
  )
  await expectAccessible(page)

  await page.goto('/admin/privacy')
  await expect(page.getByRole('heading', { level: 1, name: 'Dataskydd' })).toBeVisible()
  await expectAccessible(page)

  await page.goto('/account')
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Visa registerutdrag' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Användarkonton' })).toBeVisible()
  await expect(page.getByRole('main').getByText('admin@demo.example').first()).toBeVisible()
  await expectAccessible(page)

  // The API documentation runs under its own, slightly relaxed policy; it must render too.
  await page.goto('/api/docs')
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Lägesbild API', { timeout: 30_000 })
  expect(csp).toEqual([])
})
