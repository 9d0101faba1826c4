import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

export const E2E_FIRST_PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2)

/** Every worker talks to its own server (port per parallel index), so journeys never share data. */
export const test = base.extend({
  baseURL: async ({ baseURL: _configured }, use, testInfo) => {
    await use(`http://127.0.0.1:${E2E_FIRST_PORT + testInfo.parallelIndex}`)
  },
})

export const DEMO_PASSWORD = 'lagesbild-demo'

export async function logIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-postadress').fill(email)
  await page.getByRole('textbox', { name: /^Lösenord/ }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('navigation').first()).toBeVisible()
}

/**
 * The page has drawn what it is about: its h1 is visible and nothing says it is still loading
 * (a Loading spinner, or a busy section or button). This is what a person waits for; network idle
 * is not, and waiting for it cost half a second or more on every page.
 */
export async function pageReady(page: Page) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
  await expect(page.locator('.loading, [aria-busy="true"]')).toHaveCount(0)
}

/** WCAG 2.1 A/AA as axe-core checks it; zero violations on every page a journey visits. */
export async function expectAccessible(page: Page) {
  await pageReady(page)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}

/** The CSRF token of the page's session, for crafted requests a journey sends itself. */
export async function csrfToken(page: Page): Promise<string> {
  const me = await page.request.get('/api/me')
  return ((await me.json()) as { csrfToken: string }).csrfToken
}
