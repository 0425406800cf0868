// Settings against the dev-mode app: scripts/e2e.sh sets TENANTLENS_CLIENT_ID from
// the emulator, so the client ID comes from the environment and cannot be
// edited; a behaviour setting saved in the page persists across a reload
// (Go stores it) and Reset returns it to its default.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const clientId = process.env.TENANTLENS_CLIENT_ID

async function settingOf(page, key) {
  const v = await page.evaluate(() => window.go.bridge.Settings.Get())
  return v.values.find((x) => x.key === key)
}

test('Configuration: client ID from the environment; a saved setting persists, then resets', { timeout: 180_000 }, async () => {
  assert.ok(clientId, 'TENANTLENS_CLIENT_ID not set (run through scripts/e2e.sh)')
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/settings', { waitUntil: 'domcontentloaded' })
    await page.getByTestId('settings-config').waitFor({ timeout: 60_000 })

    await page.screenshot({ path: join(out, 'settings-top.png') })
    // The client ID: from the environment, shown, and locked.
    assert.equal(await page.getByTestId('source-client_id').innerText(), 'environment')
    const idInput = page.getByTestId('setting-client_id')
    assert.equal(await idInput.inputValue(), clientId)
    assert.ok(await idInput.isDisabled(), 'an environment-sourced input is disabled')
    assert.match(await page.getByTestId('setting-row-client_id').innerText(), /TENANTLENS_CLIENT_ID/)
    assert.equal(await page.getByTestId('app-client-id').innerText(), clientId)

    const before = await settingOf(page, 'sync.concurrency')
    assert.equal(before.source, 'default', 'a fresh data folder starts from the default')
    assert.notEqual(before.value, '3')

    // Save "Tenants synced at once" = 3: only that key goes to Go.
    const conc = page.getByTestId('setting-sync.concurrency')
    await conc.fill('3')
    await page.getByTestId('settings-save').click()
    const msg = page.getByTestId('settings-message')
    await msg.waitFor()
    assert.equal(await msg.innerText(), 'Saved 1 setting.')
    await page.screenshot({ path: join(out, 'settings-saved.png'), fullPage: true })

    // It persists: a reload reads it back from Go's store.
    await page.reload({ waitUntil: 'domcontentloaded' })
    await page.getByTestId('settings-config').waitFor({ timeout: 60_000 })
    assert.equal(await page.getByTestId('setting-sync.concurrency').inputValue(), '3')
    assert.equal(await page.getByTestId('source-sync.concurrency').innerText(), 'setting')
    assert.deepEqual(await settingOf(page, 'sync.concurrency').then((v) => [v.value, v.source]), ['3', 'setting'])
    // The environment still wins for the client ID.
    assert.equal(await page.getByTestId('source-client_id').innerText(), 'environment')

    // Reset: back to the default, in the page and in Go.
    await page.getByTestId('reset-sync.concurrency').click()
    await page.getByText('Tenants synced at once is back to its default.').waitFor()
    assert.equal(await page.getByTestId('setting-sync.concurrency').inputValue(), before.value)
    assert.equal(await page.getByTestId('source-sync.concurrency').innerText(), 'default')
    assert.deepEqual(await settingOf(page, 'sync.concurrency').then((v) => [v.value, v.source]), [before.value, 'default'])
  } finally {
    await ctx.close()
  }
})

test('Configuration: Go refuses an out-of-range value and the page says why', { timeout: 120_000 }, async () => {
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/settings', { waitUntil: 'domcontentloaded' })
    await page.getByTestId('settings-config').waitFor({ timeout: 60_000 })
    await page.getByTestId('setting-sync.concurrency').fill('99')
    await page.getByTestId('settings-save').click()
    const msg = page.getByTestId('settings-message')
    await msg.waitFor()
    assert.notEqual(await msg.innerText(), 'Saved 1 setting.')
    assert.match(await msg.innerText(), /99|64/, 'the message names the bad value or the range')
    const after = await settingOf(page, 'sync.concurrency')
    assert.equal(after.source, 'default', 'nothing was stored')
    await page.screenshot({ path: join(out, 'settings-refused.png'), fullPage: true })
  } finally {
    await ctx.close()
  }
})
