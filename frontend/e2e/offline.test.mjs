// Acceptance 4 end to end: with the emulator stopped, the app starts on the
// last snapshot with the offline banner. scripts/e2e.sh runs this after the
// other tests: it stops the emulator and wails dev, then starts wails dev
// again (not the demo) on the same data folder, so Microsoft's sign-in and
// Graph hosts (the stopped emulator's address) refuse connections
// (TL_E2E_OFFLINE=1 marks that run).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

let ctx
let page

function call(service, method, ...args) {
  return page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
}

before(async () => {
  ctx = await launch()
  page = await ctx.newPage()
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => !!window.go?.bridge?.History?.Connectivity, null, { timeout: 60_000 })
})

after(async () => {
  await ctx?.close()
})

test('with the emulator stopped the app opens on the last snapshot with the offline banner', async (t) => {
  if (process.env.TL_E2E_OFFLINE !== '1') return t.skip('run by scripts/e2e.sh after stopping the emulator')
  const tenants = ((await call('Tenants', 'List')) ?? []).filter((x) => x.hasSnapshot)
  assert.ok(tenants.length > 0, 'the data folder has no synced tenant: the online tests must sync first')

  // Go says offline: its probe of the (stopped) authority and Graph hosts fails.
  const c = await call('History', 'Connectivity')
  assert.equal(c.offline, true, `Go's connectivity: ${JSON.stringify(c)}`)
  assert.equal(c.reachable, false)
  assert.ok(c.reason.length > 0)

  // The banner says so, in Go's words.
  const banner = page.getByTestId('offline-banner')
  await banner.waitFor({ timeout: 60_000 })
  const text = await banner.innerText()
  assert.match(text, /Offline/)
  assert.ok(text.includes(c.reason), `banner "${text}" lacks Go's reason "${c.reason}"`)

  // The last snapshot is shown: every synced tenant's row with Go's figures.
  const ov = await call('Tenants', 'Overview')
  await page.getByTestId('overview-tenants').waitFor({ timeout: 60_000 })
  for (const r of (ov.rows ?? []).filter((x) => x.hasSnapshot)) {
    const row = page.getByTestId(`overview-row-${r.id}`)
    await row.waitFor({ timeout: 30_000 })
    const cells = await row.locator('td').allInnerTexts()
    assert.ok(cells[0].includes(r.displayName || r.defaultDomain), `row ${r.id}: ${cells[0]}`)
    const n = await page.evaluate(async (v) => new Intl.NumberFormat(await window.go.bridge.Settings.Locale(), { maximumFractionDigits: 0 }).format(v), r.users)
    assert.equal(cells[3], n, `row ${r.id} users`)
  }
  assert.ok((ov.rows ?? []).some((r) => r.hasSnapshot && r.users > 0), 'no synced tenant has users')
  await page.screenshot({ path: join(out, 'offline-overview.png'), fullPage: false })
})
