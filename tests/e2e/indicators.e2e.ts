import { expect } from '@playwright/test'
import { expectAccessible, logIn, openProject, test } from './support.ts'

const FORALDRASUPPORTEN = 'FöräldraSupporten'
const TABB = 'Tillsammans för samverkan på Västra Engelbrektsskolan'

test('the project leader enters values in the indicator grid by keyboard', async ({ page }) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, FORALDRASUPPORTEN)
  await page.getByRole('link', { name: 'Indikatorer' }).click()
  const first = page.getByRole('textbox', { name: 'Barn vars föräldrar fått stöd, 2014' })
  await expect(first).toBeVisible()
  await expectAccessible(page)
  await first.click()
  await page.keyboard.type('25')
  await page.keyboard.press('ArrowRight')
  const next = page.getByRole('textbox', { name: 'Barn vars föräldrar fått stöd, 2015' })
  await expect(next).toBeFocused()
  await page.keyboard.type('70')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Sparat: Barn vars föräldrar fått stöd, 2015.')).toBeAttached()
  // A share is typed as numerator/denominator; the row below is reached with the arrow key.
  await next.focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('textbox', { name: 'Föräldrar som känt sig stödda, 2015' })).toBeFocused()
  await page.keyboard.type('45/50')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Sparat: Föräldrar som känt sig stödda, 2015.')).toBeAttached()
  await expect(page.getByText(/Någon annan har ändrat/)).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Barn vars föräldrar fått stöd, 2015' })).toHaveValue('70')
  await expect(page.getByRole('textbox', { name: 'Föräldrar som känt sig stödda, 2015' })).toHaveValue(
    '45/50',
  )
  await page.getByRole('button', { name: 'Visa som tabell' }).click()
  await expect(page.getByRole('table', { name: 'Barn vars föräldrar fått stöd per period' })).toBeVisible()
  await expectAccessible(page)

  // Submitting the due status report is journey 1 in journeys.e2e.ts.
})

test('the portfolio manager sees the Stockholm pilots’ shared indicators rolled up on the programme page', async ({
  page,
}) => {
  await logIn(page, 'portfolj@demo.example')
  await page.goto('/programmes')
  await page.getByRole('link', { name: 'Samverkan skola–socialtjänst' }).click()
  const reach = page.getByRole('table', { name: /^Räckvidd .*: totalt och per projekt/ })
  await expect(reach).toBeVisible()
  await expect(reach.getByRole('row', { name: /^Totalt/ })).toContainText('av 119')
  await expect(reach.getByRole('rowheader', { name: 'Multikompetent team – Rinkebyskolan' })).toBeVisible()
  // The programme's target is the pilots' targets summed: parts over the 119 pupils of all four.
  await expect(reach.getByRole('columnheader', { name: 'Målvärde' })).toBeVisible()
  const total = reach.getByRole('row', { name: /^Totalt/ })
  await expect(total.getByRole('cell').nth(1)).toContainText('av 119')
  // The chart draws the roll-up, or one pilot, against baseline and target; the table stays.
  const chart = page.getByRole('region', { name: 'Över tid mot utgångsläge och målvärde' })
  await chart
    .getByRole('combobox', { name: 'Indikator i diagrammet' })
    .selectOption({ label: 'Räckvidd (elever i insatsen / målgruppens storlek)' })
  await expect(
    chart.getByRole('img', { name: /^Räckvidd.*, Alla projekt \(summa\), över tid/ }),
  ).toBeVisible()
  await chart
    .getByRole('combobox', { name: 'Visa' })
    .selectOption({ label: 'Multikompetent team – Rinkebyskolan' })
  await expect(
    chart.getByRole('img', { name: /, Multikompetent team – Rinkebyskolan, över tid/ }),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: 'Ladda ned som PDF' })).toBeVisible()
  await expectAccessible(page)
})
test('a steering-group member is reminded of a submitted status report, acknowledges it and comments', async ({
  page,
}) => {
  await logIn(page, 'styrgrupp@demo.example')
  await page.goto('/')
  // The home page and Att besluta both remind of the report no one in the group has acknowledged.
  await expect(
    page
      .getByRole('region', { name: 'Lägesrapporter att kvittera' })
      .getByRole('link', { name: `${TABB}, lägesrapport 2022-HT` }),
  ).toBeVisible()
  await page.goto('/decide')
  const waiting = page.getByRole('region', { name: 'Lägesrapporter att kvittera' })
  await expect(waiting.getByRole('link', { name: `${TABB}, lägesrapport 2022-VT` })).toHaveCount(0)
  await expectAccessible(page)
  await waiting.getByRole('link', { name: `${TABB}, lägesrapport 2022-HT` }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesrapport 2022-HT' })).toBeVisible()
  // A steering-group member reads the report but cannot change it.
  await expect(page.getByRole('button', { name: 'Spara utkastet' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Skriv en rättelse' })).toHaveCount(0)
  const form = page.getByRole('form', { name: 'Kvittera rapporten' })
  await form
    .getByRole('textbox', { name: /Kommentar/ })
    .fill('Styrgruppen tar ställning till fortsättningen på mötet i maj.')
  await expectAccessible(page)
  await form.getByRole('button', { name: 'Kvittera' }).click()
  await expect(page.getByText('Rapporten är kvitterad.')).toBeVisible()
  const acknowledgements = page.getByRole('region', { name: 'Styrgruppens kvittenser' })
  await expect(
    acknowledgements.getByText(
      /Stefan Åberg, .*: Styrgruppen tar ställning till fortsättningen på mötet i maj\./,
    ),
  ).toBeVisible()
  await expectAccessible(page)
  // Acknowledged once: the form is gone, after a reload too.
  await expect(page.getByRole('form', { name: 'Kvittera rapporten' })).toHaveCount(0)
  await page.reload()
  await expect(acknowledgements.getByText(/Styrgruppen tar ställning till fortsättningen/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Kvittera' })).toHaveCount(0)

  // Comments: any number, oldest first, and the form stays for the next one.
  const comments = page.getByRole('region', { name: 'Styrgruppens kommentarer' })
  const commentForm = page.getByRole('form', { name: 'Kommentera rapporten' })
  await commentForm.getByRole('button', { name: 'Skicka kommentaren' }).click()
  await expect(commentForm.getByText('Skriv en kommentar.')).toBeVisible()
  await commentForm.getByRole('textbox', { name: /Kommentar/ }).fill('Hur går det med samtyckesblanketten?')
  await commentForm.getByRole('button', { name: 'Skicka kommentaren' }).click()
  await expect(page.getByText('Kommentaren är sparad.')).toBeVisible()
  await commentForm.getByRole('textbox', { name: /Kommentar/ }).fill('Vi tar upp den på mötet i maj.')
  await commentForm.getByRole('button', { name: 'Skicka kommentaren' }).click()
  await expect(comments.getByRole('listitem')).toHaveCount(2)
  await expect(comments.getByRole('listitem').first()).toContainText('Hur går det med samtyckesblanketten?')
  await expect(comments.getByRole('listitem').last()).toContainText('Vi tar upp den på mötet i maj.')
  await expect(comments.getByRole('listitem').first()).toContainText('Stefan Åberg')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Alla lägesrapporter' }).click()
  await expect(page.getByRole('row', { name: /2022-HT/ })).toContainText('Kvitterad')
  // Acknowledged, it no longer waits in Att besluta.
  await page.goto('/decide')
  await expect(
    page
      .getByRole('region', { name: 'Lägesrapporter att kvittera' })
      .getByRole('link', { name: `${TABB}, lägesrapport 2022-HT` }),
  ).toHaveCount(0)
})

test('the project leader sees no acknowledge button', async ({ page }) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TABB)
  await page.getByRole('link', { name: 'Lägesrapporter' }).click()
  await page.getByRole('link', { name: 'Öppna rapporten för 2022-VT' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesrapport 2022-VT' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Styrgruppens kvittenser' })).toContainText(
    'ställer sig bakom den reviderade planen',
  )
  await expect(page.getByRole('button', { name: 'Kvittera' })).toHaveCount(0)
  // The leader reads the group's comments but does not write them.
  await expect(page.getByRole('region', { name: 'Styrgruppens kommentarer' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Kommentera rapporten' })).toHaveCount(0)
})

test('the project leader edits and deletes an indicator, and a concurrent edit is not overwritten', async ({
  page,
  context,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, FORALDRASUPPORTEN)
  await page.getByRole('link', { name: 'Indikatorer' }).click()
  const add = page.getByRole('region', { name: 'Lägg till indikator' })
  await add.getByRole('textbox', { name: 'Namn' }).fill('Träffar med vårdnadshavare')
  await add.getByRole('combobox', { name: 'Rapporteras' }).selectOption({ label: 'Per år' })
  await add.getByRole('button', { name: 'Lägg till' }).click()
  const manage = page.getByRole('region', { name: 'Indikatorerna' })
  await manage.getByRole('button', { name: 'Ändra Träffar med vårdnadshavare' }).click()
  const form = page.getByRole('form', { name: 'Ändra Träffar med vårdnadshavare' })
  await expect(form.getByRole('textbox', { name: 'Namn' })).toBeFocused()
  await form.getByRole('textbox', { name: 'Målvärde', exact: true }).fill('40')
  await expectAccessible(page)

  // Meanwhile the same indicator is changed in another tab.
  const other = await context.newPage()
  await other.goto(page.url())
  await other
    .getByRole('region', { name: 'Indikatorerna' })
    .getByRole('button', { name: 'Ändra Träffar med vårdnadshavare' })
    .click()
  const otherForm = other.getByRole('form', { name: 'Ändra Träffar med vårdnadshavare' })
  await otherForm.getByRole('textbox', { name: 'Källa' }).fill('Mottagningens statistik')
  await otherForm.getByRole('button', { name: 'Spara ändringarna' }).click()
  await expect(other.getByText('Träffar med vårdnadshavare är sparad.')).toBeVisible()
  await other.close()

  await form.getByRole('button', { name: 'Spara ändringarna' }).click()
  await expect(form.getByRole('alert')).toContainText('Någon annan har ändrat indikatorn')
  await expect(form.getByRole('textbox', { name: 'Källa' })).toHaveValue('Mottagningens statistik')
  await form.getByRole('textbox', { name: 'Namn' }).fill('Träffar med föräldrar')
  await form.getByRole('textbox', { name: 'Målvärde', exact: true }).fill('40')
  await form.getByRole('button', { name: 'Spara ändringarna' }).click()
  await expect(page.getByText('Träffar med föräldrar är sparad.')).toBeVisible()
  await expect(page.getByRole('rowheader', { name: /Träffar med föräldrar/ })).toBeVisible()

  await manage.getByRole('button', { name: 'Ta bort Träffar med föräldrar' }).click()
  const confirm = page.getByRole('group', { name: 'Ta bort Träffar med föräldrar?' })
  await expect(confirm.getByRole('button', { name: 'Avbryt' })).toBeFocused()
  await expectAccessible(page)
  await confirm.getByRole('button', { name: 'Avbryt' }).click()
  await expect(page.getByRole('rowheader', { name: /Träffar med föräldrar/ })).toBeVisible()
  await manage.getByRole('button', { name: 'Ta bort Träffar med föräldrar' }).click()
  await page
    .getByRole('group', { name: 'Ta bort Träffar med föräldrar?' })
    .getByRole('button', { name: 'Ja, ta bort' })
    .click()
  await expect(page.getByText('Träffar med föräldrar är borttagen.')).toBeVisible()
  await expect(page.getByRole('rowheader', { name: /Träffar med föräldrar/ })).toHaveCount(0)
})
