import { expect } from '@playwright/test'
import { expectAccessible, logIn, openProject, test } from './support.ts'

const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'
const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'

test('leader asks for milestone approval, the steering member approves it in Att besluta, the decision is in the register', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TABB)
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
  // No meeting in the last two weeks: per capsulam by default; the member records it at the
  // 2022-02-01 meeting instead, where § 1 is taken and § 2 is suggested.
  const meeting = request.getByLabel('Möte', { exact: true })
  await expect(meeting.locator('option:checked')).toHaveText('Per capsulam (utan möte)')
  await meeting.selectOption({ label: 'Möte 2022-02-01' })
  const paragraph = request.getByRole('textbox', { name: /^Paragraf/ })
  await expect(paragraph).toHaveValue('2')
  await paragraph.fill('§ 1')
  await request.getByRole('textbox', { name: /^Kommentar/ }).fill('Godkänd, bra arbete.')
  await request.getByRole('button', { name: 'Godkänn' }).click()
  await expect(request.getByText('§ 1 finns redan i mötets protokoll.')).toBeVisible()
  await expectAccessible(page)
  await paragraph.fill('2')
  await request.getByRole('button', { name: 'Godkänn' }).click()
  await expect(page.getByText('Begäran är godkänd och beslutet finns i registret.')).toBeVisible()
  await expect(page.getByRole('article').filter({ hasText: 'Kommunikationsplanen är klar.' })).toHaveCount(0)

  await page.getByRole('navigation').getByRole('link', { name: 'Beslut', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Beslutsregister' })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: 'Kommunikationsplanen är klar.' })
  await expect(row).toContainText('Godkänd milstolpe')
  await expect(row).toContainText('Godkänd, bra arbete.')
  await expect(row).toContainText('2022-02-01')
  await expect(page.getByRole('button', { name: /Ändra|Ta bort/ })).toHaveCount(0)
  await expectAccessible(page)
})

test('steering group with members over time, a meeting’s protocol extract, and Samverkan’s course with both seed decisions', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logIn(page, 'admin@demo.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Styrgrupper' }).click()
  await page.getByRole('link', { name: 'LG-SAM soc/buf' }).click()
  await expect(page.getByRole('table', { name: 'Alla ledamöter över tid' })).toContainText('Kerstin Wiklund')
  await page.getByLabel('Ledamöter den').fill('2017-06-01')
  await expect(page.getByRole('table', { name: 'Ledamöter den 2017-06-01' })).not.toContainText(
    'Kerstin Wiklund',
  )
  await expectAccessible(page)

  // The keeper enters a decision from the minutes of the latest meeting: § 3 is next there.
  const record = page.getByRole('form', { name: 'För in ett beslut' })
  await expect(record.getByLabel('Möte', { exact: true }).locator('option:checked')).toHaveText(
    'Möte 2018-10-09',
  )
  await expect(record.getByRole('textbox', { name: /^Paragraf/ })).toHaveValue('3')
  await record.getByLabel('Projekt', { exact: true }).selectOption({ label: 'Samverkan i praktiken' })
  await record
    .getByRole('textbox', { name: /^Beslutstext/ })
    .fill('Slutrapporten lämnas till förvaltningsledningen senast i december.')
  await record.getByRole('button', { name: 'För in beslutet' }).click()
  await expect(record.getByRole('status')).toHaveText('Beslutet är infört i registret som § 3.')
  await expectAccessible(page)

  await page.getByRole('region', { name: 'Möten' }).getByRole('link', { name: 'Möte 2018-10-09' }).click()
  await expect(page.getByRole('table', { name: 'Protokollsutdrag' })).toContainText(
    'Slutrapporten lämnas till förvaltningsledningen',
  )
  await expect(page.getByRole('table', { name: 'Protokollsutdrag' })).toContainText('avslutas projektet')
  await expectAccessible(page)
  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'Ladda ner som PDF' }).getAttribute('href')) ?? '',
  )
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')

  await page.getByRole('link', { name: 'Protokollsutdrag för utskrift' }).click()
  const extract = page.getByRole('main').getByRole('article')
  await expect(extract.getByRole('heading', { level: 1 })).toContainText(
    'LG-SAM soc/buf, sammanträde 2018-10-09',
  )
  await expect(extract.getByRole('heading', { name: /^§ 1 Avslutas i förtid/ })).toBeVisible()
  await expect(extract).toContainText('Rätt utdraget intygar')
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Tillbaka till mötet' }).click()

  await page
    .getByRole('table', { name: 'Protokollsutdrag' })
    .getByRole('link', { name: 'Samverkan i praktiken' })
    .first()
    .click()
  const course = page.locator('.course-list li').filter({ hasText: 'Beslut:' })
  await expect(course.first()).toContainText('2018-06-11')
  await expect(course.first()).toContainText('Byte av projektägare')
  await expect(page.locator('.course-list')).toContainText('Avslutas i förtid')
  await expectAccessible(page)
})

test('a keeper creates a steering group, adds a member and links a project; the leader asks for a milestone from the plan grid and the member approves it', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const groupName = `Uppföljningsgrupp Tidiga insatser ${Date.now()}`
  await logIn(page, 'admin@demo.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Styrgrupper' }).click()
  await page.getByRole('link', { name: 'Ny styrgrupp' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ny styrgrupp eller ledningsgrupp' }),
  ).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('textbox', { name: /^Namn/ }).fill(groupName)
  await page.getByLabel('Slag av grupp').selectOption({ label: 'Ledningsgrupp' })
  await page.getByRole('checkbox', { name: 'Socialförvaltningen (SOC)' }).check()
  await page.getByRole('button', { name: 'Skapa gruppen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible()
  await expect(page.getByText('Gruppen är skapad.')).toBeVisible()
  await expect(
    page.getByText(
      /^Ledningsgrupp · Organisation: Luleå kommun · Representerade organisationer: Socialförvaltningen/,
    ),
  ).toBeVisible()

  const addMember = page.getByRole('form', { name: 'Lägg till ledamot' })
  await addMember
    .getByLabel(/^Namn/)
    .selectOption({ label: 'Stefan Åberg, Sektionschef, Socialförvaltningen' })
  await addMember.getByLabel('Roll').selectOption({ label: 'Ordförande' })
  await addMember.getByRole('button', { name: 'Lägg till ledamot' }).click()
  await expect(addMember.getByRole('status')).toHaveText(/är tillagd/)
  await expect(page.getByRole('table', { name: 'Alla ledamöter över tid' })).toContainText('Stefan Åberg')

  // Linking from the keyboard: search, then Tab to the project's button and press Enter.
  const governed = page.getByRole('region', { name: 'Projekt som gruppen styr' })
  await governed.getByRole('searchbox', { name: /^Sök projekt/ }).fill('Tidiga insatser')
  const linkButton = governed.getByRole('button', { name: `Koppla ${TIDIGA} till gruppen` })
  await expect(linkButton).toBeVisible()
  await linkButton.focus()
  await page.keyboard.press('Enter')
  await expect(governed.getByRole('status')).toHaveText(`Gruppen styr nu ${TIDIGA}.`)
  await expect(governed.getByRole('table')).toContainText(TIDIGA)
  await expectAccessible(page)

  // The project leader asks for approval of a milestone straight from the plan grid, by keyboard.
  await page.context().clearCookies()
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
  const grid = page.getByRole('grid')
  await expect(grid).toBeVisible()
  const row = grid.getByRole('row', { name: /Öppna mottagningen/ })
  await row.getByRole('gridcell').nth(1).click()
  await page.keyboard.press('End')
  const ask = row.getByRole('link', { name: 'Begär godkännande av milstolpen Öppna mottagningen' })
  await expect(ask).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Begär beslut av styrgruppen' })).toBeVisible()
  await expect(page.getByLabel('Vad ska beslutas?')).toHaveValue('milestone')
  await expect(page.getByLabel('Milstolpe', { exact: true }).locator('option:checked')).toHaveText(
    'Öppna mottagningen',
  )
  await page
    .getByRole('textbox', { name: /^Sammanfattning till styrgruppen/ })
    .fill('Mottagningen för föräldrar har öppnat.')
  await page.getByRole('button', { name: 'Skicka till styrgruppen' }).click()
  await expect(page.getByText('Begäran är skickad till styrgruppen.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
  await expect(grid.getByRole('row', { name: /Öppna mottagningen/ })).toContainText('Väntar på beslut')
  await expect(
    grid.getByRole('link', { name: 'Begär godkännande av milstolpen Öppna mottagningen' }),
  ).toHaveCount(0)
  await expectAccessible(page)

  // The new group's member decides; the plan then shows the milestone approved.
  await page.context().clearCookies()
  await logIn(page, 'styrgrupp@demo.example')
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Att besluta/ })
    .click()
  const request = page.getByRole('article').filter({ hasText: 'Mottagningen för föräldrar har öppnat.' })
  await request.getByRole('textbox', { name: /^Kommentar/ }).fill('Godkänd.')
  await request.getByRole('button', { name: 'Godkänn' }).click()
  await expect(page.getByText('Begäran är godkänd och beslutet finns i registret.')).toBeVisible()
  await openProject(page, TIDIGA)
  await page.getByRole('link', { name: 'Aktivitetsplan' }).click()
  await expect(page.getByRole('grid').getByRole('row', { name: /Öppna mottagningen/ })).toContainText(
    /Godkänd \d{4}-\d{2}-\d{2}/,
  )
  await expectAccessible(page)
})

test('an administrator records a decision the steering group took on paper, stating who decided', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logIn(page, 'admin@demo.example')
  await openProject(page, TIDIGA)
  await page.getByRole('link', { name: 'Beslut och förlopp' }).click()
  await page.getByLabel('Vad ska beslutas?').selectOption('plan_revision')
  await page.getByRole('textbox', { name: /^Namn på revisionen/ }).fill('Reviderad plan hösten')
  await page
    .getByRole('textbox', { name: /^Sammanfattning till styrgruppen/ })
    .fill('Planen revideras efter omorganisationen.')
  await page.getByRole('button', { name: 'Skicka till styrgruppen' }).click()
  await expect(page.getByText('Begäran är skickad till styrgruppen.')).toBeVisible()

  const outside = page.getByRole('region', { name: 'Beslut fattat utanför Lägesbild' })
  // Other journeys may have left requests pending on the project too (the final report's).
  const request = outside.getByLabel('Begäran')
  const revision = request.locator('option', { hasText: 'Planen revideras efter omorganisationen.' })
  await request.selectOption((await revision.getAttribute('value')) ?? '')
  await expect(request.locator('option:checked')).toContainText('Planen revideras efter omorganisationen.')
  await outside.getByRole('button', { name: 'Registrera beslutet' }).click()
  await expect(outside.getByText('Ange vem som fattade beslutet.')).toBeVisible()
  await expectAccessible(page)
  await outside.getByLabel(/^Beslutsdatum/).fill('2025-03-01')
  await outside.getByRole('textbox', { name: /^Beslutat av/ }).fill('Styrgruppen, protokoll 2025-03-01')
  await outside.getByRole('button', { name: 'Registrera beslutet' }).click()
  await expect(outside.getByRole('status')).toHaveText('Beslutet är registrerat: begäran är godkänd.')
  const row = page.getByRole('region', { name: 'Beslut', exact: true }).getByRole('row', {
    name: /Planen revideras efter omorganisationen/,
  })
  await expect(row).toContainText('Fattat utanför Lägesbild')
})
