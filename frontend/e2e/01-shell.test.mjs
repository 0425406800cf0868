// The shell renders in real Chromium against the app in Wails' dev mode, and a bound Go
// method (Doctor) answers through the live bindings.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

test('shell renders with navigation and the empty state', async () => {
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/', { waitUntil: 'domcontentloaded' })
    for (const label of ['Overview', 'Clients', 'Tenants', 'Users', 'Licenses', 'MFA', 'Reports', 'Settings']) {
      await page.getByRole('tab', { name: label }).waitFor({ timeout: 60_000 })
    }
    await page.getByTestId('empty-state').waitFor()
    assert.ok(await page.getByRole('button', { name: 'Connect a tenant' }).isVisible())
    await page.screenshot({ path: join(out, 'shell.png') })
  } finally {
    await ctx.close()
  }
})

test('a bound Go method answers: doctor runs from the Settings page', async () => {
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/settings', { waitUntil: 'domcontentloaded' })
    // The binding is reachable from the page itself.
    const info = await page.waitForFunction(() => (window).go?.main?.App?.Info?.(), null, { timeout: 60_000 })
    const infoVal = await info.jsonValue()
    assert.equal(infoVal.dataDir, process.env.TENANTLENS_HOME)
    await page.getByTestId('run-doctor').click()
    const table = page.getByTestId('doctor-table')
    await table.waitFor({ timeout: 60_000 })
    const text = await table.innerText()
    for (const check of ['data folder', 'sqlite', 'keychain', 'webkitgtk']) {
      assert.match(text, new RegExp(check), `doctor row ${check} missing`)
    }
    assert.doesNotMatch(text, /\bfail\b/, `a doctor check failed:\n${text}`)
    await page.screenshot({ path: join(out, 'settings-doctor.png') })
  } finally {
    await ctx.close()
  }
})
