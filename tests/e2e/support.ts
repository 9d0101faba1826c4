import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'

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

/**
 * Runs `type` (the name going into the project list's search box) and waits until the list says
 * it shows the answer to exactly that text. It keeps the old rows while it asks, so a link found
 * before the answer could be swapped under the pointer or the focus.
 */
export async function searchProjects(page: Page, text: string, type: () => Promise<void>) {
  await type()
  await expect(page.getByText(`som matchar ”${text}”`)).toBeVisible()
}

/** Projekt in the main menu, the name in the search box, then the project's own link. */
export async function openProject(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Projekt', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Projekt' })).toBeVisible()
  const search = page.getByRole('searchbox', { name: 'Sök' })
  await searchProjects(page, name, () => search.fill(name))
  await page.getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** WCAG 2.1 A/AA as axe-core checks it; zero violations on every page a journey visits. */
export async function expectAccessible(page: Page) {
  await pageReady(page)
  const results = await new AxeBuilder({ page })
    // The same rules on the same page; only the violations are collected in full (axe-core's own
    // advice for speed), not every passing node. Axe, not waiting, was most of a sweep's time.
    // Before withTags: options() replaces the whole option object, tags included.
    .options({ resultTypes: ['violations'] })
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

/*
 * Keyboard-only use. The journeys reach every control the way a keyboard user does: Tab and
 * Shift+Tab from wherever focus is (the page's start, or the h1 the app focuses after a change of
 * page), arrow keys inside grids and radio groups, Enter and Space to act. Nothing is focused or
 * clicked from the script, so a control the keyboard cannot reach fails the journey.
 */

/** Where focus is, and whether it is on (or inside) the target; in the browser. */
function focusState(target: Element): { reached: boolean; after: boolean; name: string } {
  const active = document.activeElement
  if (!active || active === document.body) return { reached: false, after: false, name: '(page)' }
  const tag = active.tagName.toLowerCase()
  const role = active.getAttribute('role')
  const fieldLabel = active instanceof HTMLInputElement ? active.labels?.[0]?.textContent : null
  const label = active.getAttribute('aria-label') ?? fieldLabel ?? active.textContent ?? ''
  const text = label.replace(/\s+/g, ' ').trim().slice(0, 50)
  return {
    reached: target === active || target.contains(active),
    // The target comes before focus in the document: Shift+Tab goes there.
    after: Boolean(active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING),
    name: `${tag}${role ? `[role=${role}]` : ''}${text ? ` "${text}"` : ''}`,
  }
}

export interface TabOptions {
  /** Most key presses before giving up. */
  max?: number
}

/**
 * Presses Tab (or Shift+Tab, when the target comes before focus) until focus is on the target or
 * inside it (a radio group, a grid); fails with every element focus passed through.
 */
export async function tabTo(page: Page, target: Locator, { max = 150 }: TabOptions = {}) {
  await expect(target).toBeVisible()
  const visited: string[] = []
  let key: 'Tab' | 'Shift+Tab' | null = null
  for (let presses = 0; ; presses++) {
    const state = await target.evaluate(focusState)
    if (state.reached) return
    visited.push(state.name)
    if (presses >= max) break
    // The direction is chosen once: a walk that turns at every step would never pass a stray stop.
    key ??= state.after ? 'Shift+Tab' : 'Tab'
    await page.keyboard.press(key)
  }
  throw new Error(`${key} did not reach ${target} in ${max} presses; focus went ${visited.join(' → ')}`)
}

/** Presses an arrow key until focus is on the target (inside a grid, a radio group, a menu). */
export async function arrowTo(page: Page, target: Locator, key: string, { max = 60 }: TabOptions = {}) {
  const visited: string[] = []
  for (let presses = 0; ; presses++) {
    const state = await target.evaluate(focusState)
    if (state.reached) return
    visited.push(state.name)
    if (presses >= max) break
    await page.keyboard.press(key)
  }
  throw new Error(`${key} did not reach ${target} in ${max} presses; focus went ${visited.join(' → ')}`)
}

/** Tabs to a control and presses a key on it (Enter for links and buttons, Space for checkboxes). */
export async function activate(page: Page, target: Locator, key = 'Enter', options?: TabOptions) {
  await tabTo(page, target, options)
  await page.keyboard.press(key)
}

/** Tabs to a text field and types into it, replacing what was there. */
export async function typeInto(page: Page, field: Locator, text: string, options?: TabOptions) {
  await tabTo(page, field, options)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

/** Logs in from the keyboard only, from the login page's start. */
export async function logInByKeyboard(page: Page, email: string) {
  await page.goto('/login')
  await typeInto(page, page.getByLabel('E-postadress'), email)
  await typeInto(page, page.getByRole('textbox', { name: /^Lösenord/ }), DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('navigation').first()).toBeVisible()
}
