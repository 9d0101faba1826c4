import { expect, type Page } from '@playwright/test'
import { expectAccessible, logIn, test } from './support.ts'

/*
 * Every page of the app, in Swedish and in English, through axe-core (WCAG 2.1 A and AA).
 * An administrator sees every page; the ids come from the demo data through the API.
 */

interface Ids {
  group: string | null
  meeting: string | null
  project: string
  programme: string
  organisation: string
  template: string
  user: string
  person: string
  report: string
  statusReportProject: string
  statusReport: string
}

async function first(page: Page, url: string): Promise<string> {
  const response = await page.request.get(url)
  expect(response.status(), url).toBe(200)
  const body = (await response.json()) as { items: { id: string }[] }
  const id = body.items[0]?.id
  if (!id) throw new Error(`no item at ${url}`)
  return id
}

async function demoIds(page: Page): Promise<Ids> {
  const project = await first(page, `/api/projects?q=${encodeURIComponent('Tidiga insatser')}`)
  const tabb = await first(page, `/api/projects?q=${encodeURIComponent('Tillsammans för samverkan')}`)
  const groups = (await (await page.request.get('/api/steering-groups')).json()) as {
    items: { id: string }[]
  }
  const group = groups.items[0]?.id ?? null
  const detail = group
    ? ((await (await page.request.get(`/api/steering-groups/${group}`)).json()) as {
        meetings: { id: string }[]
      })
    : null
  return {
    group,
    meeting: detail?.meetings[0]?.id ?? null,
    project,
    programme: await first(page, '/api/programmes'),
    organisation: await first(page, '/api/organisations'),
    template: await first(page, '/api/report-templates'),
    user: await first(page, '/api/users'),
    person: await first(page, '/api/people'),
    report: await first(page, `/api/projects/${project}/final-reports`),
    // Tidiga insatser ended before status reports; the TABB pilot has them.
    statusReportProject: tabb,
    statusReport: await first(page, `/api/projects/${tabb}/status-reports`),
  }
}

const pages = (ids: Ids) => [
  '/',
  '/portfolio',
  '/projects',
  '/projects/new',
  `/projects/${ids.project}`,
  `/projects/${ids.project}/edit`,
  `/projects/${ids.project}/plan`,
  `/projects/${ids.project}/efterkalkyl`,
  `/projects/${ids.project}/timeline`,
  `/projects/${ids.project}/goals`,
  `/projects/${ids.project}/baselines`,
  `/projects/${ids.project}/staffing`,
  `/projects/${ids.project}/risks`,
  `/projects/${ids.project}/finance`,
  `/projects/${ids.project}/final-report`,
  `/projects/${ids.project}/final-report/${ids.report}`,
  `/projects/${ids.project}/history`,
  `/print/final-report/${ids.project}/${ids.report}`,
  '/programmes',
  `/programmes/${ids.programme}`,
  '/organisations',
  `/organisations/${ids.organisation}`,
  '/finance/portfolio',
  '/finance/imports',
  '/finance/settings',
  '/report-templates',
  `/report-templates/${ids.template}`,
  '/admin/users',
  '/admin/users/new',
  `/admin/users/${ids.user}`,
  `/admin/users/${ids.user}/extract`,
  '/admin/people',
  '/admin/people/new',
  `/admin/people/${ids.person}`,
  `/admin/people/${ids.person}/extract`,
  '/admin/audit',
  '/admin/privacy',
  '/account',
  '/account/extract',
  '/decide',
  '/decisions',
  '/steering-groups',
  '/steering-groups/new',
  ...(ids.group ? [`/steering-groups/${ids.group}`] : []),
  ...(ids.meeting ? [`/meetings/${ids.meeting}`, `/print/meeting-extract/${ids.meeting}`] : []),
  `/projects/${ids.project}/governance`,
  `/projects/${ids.project}/indicators`,
  `/projects/${ids.project}/status-reports`,
  `/projects/${ids.statusReportProject}/status-reports/${ids.statusReport}`,
]

// The two languages are the longest journeys here; let them run on both workers at once.
test.describe.configure({ mode: 'parallel' })

for (const language of ['sv', 'en'] as const) {
  test(`every page passes axe in ${language === 'sv' ? 'Swedish' : 'English'}`, async ({ page }) => {
    test.setTimeout(600_000)
    await logIn(page, 'admin@demo.example')
    // The language is the device's choice, remembered in local storage; set it before every page.
    await page.addInitScript((lang) => localStorage.setItem('lagesbild.language', lang), language)
    const ids = await demoIds(page)
    for (const path of pages(ids)) {
      await test.step(path, async () => {
        await page.goto(path)
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
        await expect(page.locator('html')).toHaveAttribute('lang', language)
        await expectAccessible(page)
      })
    }
    await page.context().clearCookies()
    // The public pages: the login, and a one-time link that has expired or was never valid.
    for (const path of ['/login', '/invitation#not-a-valid-token']) {
      await test.step(path, async () => {
        await page.goto(path)
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
        await expect(page.locator('html')).toHaveAttribute('lang', language)
        await expectAccessible(page)
      })
    }
  })
}
