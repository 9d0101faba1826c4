import { expect, type Page, test } from '@playwright/test'
import { csrfToken, expectAccessible, logIn } from './support.ts'

/*
 * The journeys 4 and 5 in a real browser, from the keyboard. Journeys 1–3 live in
 * plans, finance and final-report e2e files; the steering-group journey (2) and the status
 * report of journey 1 wait for their web pages.
 */

const TIDIGA = 'Tidiga insatser i samverkan, skola – socialtjänst'

async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('could not reach the element with the keyboard')
}

async function openProject(page: Page, name: string) {
  await page.goto('/projects')
  await page.getByRole('searchbox', { name: 'Sök' }).fill(name)
  const link = page.getByRole('link', { name, exact: true })
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('journey 4: the project leader opens the final report and downloads it as DOCX and PDF', async ({
  page,
}) => {
  await logIn(page, 'projektledare@demo.example')
  await openProject(page, TIDIGA)
  const tab = page
    .getByRole('navigation', { name: 'Projektets delar' })
    .getByRole('link', { name: 'Slutrapport' })
  await tabTo(page, tab)
  await page.keyboard.press('Enter')
  const report = page.getByRole('table').getByRole('link', { name: 'Slutrapport' }).first()
  await tabTo(page, report)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 3, name: 'Efterkalkyl/aktiviteter' })).toBeVisible()
  await expectAccessible(page)

  for (const [name, type, suffix] of [
    ['Word (.docx)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
    ['PDF', 'application/pdf', '.pdf'],
  ] as const) {
    const link = page.getByRole('link', { name, exact: true })
    const download = page.waitForEvent('download')
    await tabTo(page, link)
    await page.keyboard.press('Enter')
    const file = await download
    expect(file.suggestedFilename()).toMatch(new RegExp(`\\${suffix}$`))
    const response = await page.request.get((await link.getAttribute('href')) ?? '')
    expect(response.headers()['content-type']).toBe(type)
    expect((await response.body()).length).toBeGreaterThan(1000)
  }
})

test('journey 5: a viewer reads every part of a project with no edit control, and crafted writes are refused', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await logIn(page, 'betraktare@demo.example')
  await openProject(page, TIDIGA)
  const projectId = page.url().split('/projects/')[1]?.split(/[/?#]/)[0] ?? ''
  const editControl =
    /^(Redigera|Lägg till|Ny |Spara|Ta bort|Föreslå|Registrera|Importera|Skapa|Lämna in|Frys)/
  for (const part of [
    '',
    '/plan',
    '/efterkalkyl',
    '/timeline',
    '/goals',
    '/baselines',
    '/staffing',
    '/risks',
    '/finance',
    '/final-report',
    '/history',
  ]) {
    await page.goto(`/projects/${projectId}${part}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await expect(page.getByRole('main').getByRole('button', { name: editControl }), part).toHaveCount(0)
    await expect(page.getByRole('main').getByRole('link', { name: editControl }), part).toHaveCount(0)
    await expectAccessible(page)
  }
  await page.goto('/portfolio')
  await expect(page.getByRole('table', { name: 'Projekt i portföljen' })).toBeVisible()

  const headers = { 'x-csrf-token': await csrfToken(page), 'content-type': 'application/json' }
  for (const [method, url, data] of [
    ['PATCH', `/api/projects/${projectId}`, { version: 1, purpose: 'Inte tillåtet' }],
    ['POST', `/api/projects/${projectId}/activities`, { title: 'Inte tillåtet' }],
    ['POST', `/api/projects/${projectId}/final-reports`, {}],
  ] as const) {
    const response = await page.request.fetch(url, { method, headers, data })
    expect([403, 404], `${method} ${url}`).toContain(response.status())
    expect(response.headers()['content-type']).toMatch(/application\/problem\+json/)
  }
})
