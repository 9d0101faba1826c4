import { chromium } from '@playwright/test'
const [, , email, ...paths] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage({ baseURL: 'http://127.0.0.1:3177', locale: 'sv-SE' })
await page.goto('/login')
await page.getByLabel('E-postadress').fill(email ?? '')
await page.getByRole('textbox', { name: /^Lösenord/ }).fill('lagesbild-demo')
await page.getByRole('button', { name: 'Logga in' }).click()
await page.getByRole('navigation').first().waitFor()
for (const p of paths) {
  await page.goto(p)
  await page.waitForLoadState('networkidle')
  console.log('=====', p)
  console.log(await page.locator('main').ariaSnapshot())
}
await browser.close()
