// History end to end in real Chromium against the dev-mode app started with the
// demo (TL_APPARGS=demo TL_E2E_TESTS=e2e/history.test.mjs scripts/e2e.sh):
// the Overview's clients table in Go's order → a client dashboard whose
// trend values equal Go's stored runs → compare two stored snapshots of a
// tenant lists exactly Go's comparison → users grid filter → export.
//
// Between two syncs the demo changes its emulated directory
// (History.DemoChangeDirectory, demo mode only: a fixed set of graphsim
// changes, reported exactly); the test syncs the tenant again and the
// Compare view must list exactly those changes (and Go's comparison).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const WAIT_TENANTS_MS = Number(process.env.TL_E2E_TENANTS_WAIT_MS || 90_000)
const WAIT_SYNC_MS = Number(process.env.TL_E2E_SYNC_WAIT_MS || 300_000)

let ctx
let page
let skipReason = ''

async function call(service, method, ...args) {
  for (let i = 0; ; i++) {
    try {
      return await page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
    } catch (e) {
      // the app navigated (first start): wait for the bindings and ask again
      if (i >= 5 || !/Execution context was destroyed/.test(String(e))) throw e
      await page.waitForFunction(() => !!window.go?.bridge?.History?.Trends, null, { timeout: 60_000 })
    }
  }
}
const shot = (name) => page.screenshot({ path: join(out, name), fullPage: false })
const fmt = (kind, v, cur) =>
  page.evaluate(async ([k, x, c]) => {
    const loc = await window.go.bridge.Settings.Locale()
    if (k === 'int') return new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(x)
    return new Intl.NumberFormat(loc, { style: 'currency', currency: c }).format(x)
  }, [kind, v, cur])

async function settle() {
  const t0 = Date.now()
  for (;;) {
    const ts = (await call('Tenants', 'List')) ?? []
    if (ts.length > 0 && ts.some((t) => t.hasSnapshot) && !ts.some((t) => t.syncing)) return ts
    if (Date.now() - t0 > WAIT_SYNC_MS) return ts
    await page.waitForTimeout(3000)
  }
}

before(async () => {
  ctx = await launch()
  page = await ctx.newPage()
  await page.goto(base + '/', { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => !!window.go?.bridge?.History?.Trends, null, { timeout: 60_000 })
  const t0 = Date.now()
  while (((await call('Tenants', 'List')) ?? []).length === 0 && Date.now() - t0 < WAIT_TENANTS_MS) await page.waitForTimeout(2000)
  const ts = await settle()
  if (!ts.some((t) => t.hasSnapshot)) skipReason = 'no synced demo tenant: start scripts/e2e.sh with TL_APPARGS=demo.'
})

after(async () => {
  await ctx?.close()
})

test('overview → client dashboard → trends equal the stored runs → compare two dates → users filter → export', async (t) => {
  if (skipReason) return t.skip(skipReason)

  // 0. The demo reads its PSA's clients after connecting; map the tenants to
  // them as a user would (Clients → Auto-map, Go's default confidence).
  const t0 = Date.now()
  let ov = await call('History', 'ClientsOverview', 'worst', false)
  while (!ov.rows.some((r) => r.kind === 'client' && r.synced > 0) && Date.now() - t0 < WAIT_TENANTS_MS) {
    if (ov.rows.some((r) => r.kind === 'client')) {
      const mapped = (await call('Clients', 'AutoMap', 0)).filter((m) => m.mapped).length
      console.log(`auto-map: ${mapped} tenants mapped to their clients`)
    }
    await page.waitForTimeout(2000)
    ov = await call('History', 'ClientsOverview', 'worst', false)
  }

  // 1. Overview: Go's rows, Go's order (worst problems first). A hash change
  // alone keeps the overview loaded before the auto-map: load the page again.
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.reload({ waitUntil: 'domcontentloaded' })
  await page.getByTestId('overview-clients').waitFor({ timeout: 60_000 })
  ov = await call('History', 'ClientsOverview', 'worst', false)
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="overview-clients"] [data-testid="overview-open"]').length === n,
    ov.rows.length,
    { timeout: 30_000 },
  )
  const names = await page.getByTestId('overview-clients').getByTestId('overview-open').allInnerTexts()
  assert.deepEqual(names, ov.rows.map((r) => r.name))
  assert.equal(Number(await page.getByTestId('attention').getAttribute('data-total')), ov.attention.total)
  await shot('history-overview.png')

  // 2. A client with a synced tenant: its dashboard.
  const row = ov.rows.find((r) => r.kind === 'client' && r.synced > 0)
  assert.ok(row, 'no client with a synced tenant in the demo overview')
  await page.getByTestId(`overview-client-client-${row.clientId}`).getByTestId('overview-open').click()
  await page.getByTestId('client-dashboard').waitFor({ timeout: 60_000 })
  await page.getByTestId('trend-licensed-values').waitFor({ state: 'attached', timeout: 60_000 }) // a visually hidden table of the chart's values

  // 3. Trend values equal Go's stored runs (the client's trend, all runs).
  await page.getByTestId('trend-range-all').click()
  const tr = await call('History', 'Trends', { tenantId: '', clientId: row.clientId, range: 'all' })
  await page.waitForFunction((n) => document.querySelector('[data-testid="trends"]')?.getAttribute('data-points') === String(n), tr.points.length, { timeout: 30_000 })
  const values = (id) => page.locator(`[data-testid="trend-${id}-values"] tbody tr`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-value')))
  assert.deepEqual(await values('licensed'), tr.points.map((p) => String(p.licensed)))
  assert.deepEqual(await values('unused'), tr.points.map((p) => String(p.unusedLicenses)))
  assert.deepEqual(await values('mfa'), tr.points.map((p) => (p.mfaAvailable ? String(p.mfaCoveragePct) : '')))
  assert.ok(tr.points.length >= 1, 'the client has no stored run')
  await shot('history-client-dashboard.png')

  // 4. Change the demo directory, sync again, compare the two newest snapshots.
  const tenantId = row.tenantIds.find(Boolean)
  const before = ((await call('History', 'CompareChoices', tenantId, 0)).snapshots ?? []).length
  const changed = await call('History', 'DemoChangeDirectory', tenantId)
  console.log(`demo directory change: ${JSON.stringify(changed)}`)
  assert.equal(changed.tenantId, tenantId)
  assert.ok(changed.added.length === 1 && changed.removed.length === 1 && changed.disabled.length === 1, 'the demo changed less than its fixed set')
  const t1 = Date.now()
  for (;;) {
    try {
      await call('Tenants', 'SyncNow', tenantId)
      break
    } catch (e) {
      // the manual-sync cooldown (30 s after the last sync): wait it out
      if (Date.now() - t1 > 120_000) throw e
      await page.waitForTimeout(3000)
    }
  }
  const t2 = Date.now()
  let ch
  for (;;) {
    ch = await call('History', 'CompareChoices', tenantId, 0)
    if ((ch.snapshots ?? []).length > before) break
    if (Date.now() - t2 > WAIT_SYNC_MS) assert.fail('the sync after the directory change stored no new snapshot')
    await page.waitForTimeout(2000)
  }
  const [to, from] = [ch.snapshots[0].date, ch.snapshots[1].date]
  await page.goto(base + `/#/compare/tenant/${encodeURIComponent(tenantId)}`, { waitUntil: 'domcontentloaded' })
  await page.getByTestId('compare-from').waitFor({ timeout: 60_000 })
  await page.getByTestId('compare-from').selectOption(from)
  await page.getByTestId('compare-to').selectOption(to)
  const q = { tenantId, clientId: 0, from, to, fromRunId: 0, toRunId: 0 }
  const cmp = await call('History', 'Compare', q)
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="kpi-cmp-added-value"]')?.getAttribute('data-value') === String(n),
    cmp.totals.usersAdded,
    { timeout: 30_000 },
  )
  const upns = (id) => page.locator(`[data-testid="compare-${id}-row"]`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-upn')))
  const sorted = (xs) => [...xs].sort()
  const reported = (xs) => sorted((xs ?? []).map((u) => u.userPrincipalName))
  for (const [id, goList, demoList] of [
    ['added', cmp.added, changed.added],
    ['removed', cmp.removed, changed.removed],
    ['gained', cmp.licencesGained, changed.licencesGained],
    ['lost', cmp.licencesLost, changed.licencesLost],
    ['mfa-registered', cmp.mfaRegistered, changed.mfaRegistered],
    ['mfa-lost', cmp.mfaLost, changed.mfaLost],
    ['disabled', cmp.disabled, changed.disabled],
  ]) {
    const shown = await upns(id)
    assert.deepEqual(shown, (goList ?? []).map((u) => u.userPrincipalName), `${id}: the view differs from Go's comparison`)
    assert.deepEqual(sorted(shown), reported(demoList), `${id}: the view differs from what the demo changed`)
  }
  assert.deepEqual(
    sorted((cmp.licencesGained ?? []).map((l) => `${l.userId}|${l.skuId.toLowerCase()}`)),
    sorted(changed.licencesGained.map((l) => `${l.userId}|${l.skuId}`)),
  )
  assert.deepEqual(
    sorted((cmp.licencesLost ?? []).map((l) => `${l.userId}|${l.skuId.toLowerCase()}`)),
    sorted(changed.licencesLost.map((l) => `${l.userId}|${l.skuId}`)),
  )
  assert.deepEqual(await upns('reenabled'), [])
  await shot('history-compare.png')

  // 4b. The What changed export: the button is offered; it opens a native
  // save dialog, so the test gives Go the path itself.
  assert.ok(await page.getByTestId('compare-export').isEnabled(), 'the What changed export button is missing or disabled')
  const res = await call('History', 'ExportComparison', q, join(out, 'history-what-changed.xlsx'))
  assert.ok((res.files ?? []).length > 0, 'the What changed export wrote no file')
  assert.equal(readFileSync(res.files[0]).subarray(0, 4).toString('binary'), 'PK\x03\x04')
  assert.ok(res.rows >= cmp.totals.usersAdded + cmp.totals.usersRemoved, `the export has ${res.rows} rows`)

  // 5. Users grid filter on that tenant: exactly Go's disabled-MFA users.
  await page.goto(base + '/#/users', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('users-grid').waitFor({ timeout: 60_000 })
  const all = ((await call('Data', 'Users', '')) ?? {}).rows ?? []
  const disabled = all.filter((u) => u.mfaStatus === 'Disabled').length
  if (disabled > 0 && disabled < all.length) {
    await page.getByTestId('filter-mfa').selectOption('Disabled')
    assert.equal(await page.getByTestId('user-count').innerText(), `${await fmt('int', disabled)} of ${await fmt('int', all.length)} users`)
  }

  // 6. Export the tenant's workbook (the Reports export, path given).
  const rep = await call('Reports', 'Export', { versionId: 0, tenantId, allTenants: false, template: '', format: 'xlsx', outPath: join(out, 'history-export.xlsx') })
  assert.ok((rep.files ?? []).length > 0, 'the export wrote no file')
  assert.equal(readFileSync(rep.files[0]).subarray(0, 4).toString('binary'), 'PK\x03\x04')
})

test('Ctrl+K jumps to a tenant dashboard; Esc closes the palette', async (t) => {
  if (skipReason) return t.skip(skipReason)
  const tenants = (await call('Tenants', 'List')).filter((x) => x.hasSnapshot)
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-overview').waitFor({ timeout: 60_000 })
  await page.mouse.move(1, 1) // the keyboard alone drives the palette
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').waitFor()
  await page.keyboard.type(tenants[0].defaultDomain)
  await page.locator(`[data-testid="palette-item"][data-key="tenant:${tenants[0].id}"]`).waitFor({ timeout: 30_000 })
  // Users of the tenant match its domain too: walk to the tenant's item with
  // the arrow keys (no mouse), then Enter.
  const keys = await page.locator('[data-testid="palette-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))
  const at = keys.indexOf(`tenant:${tenants[0].id}`)
  assert.ok(at >= 0, `the tenant is not among the palette's items ${keys}`)
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown')
  await page.waitForFunction(
    (k) => document.querySelector('[data-testid="palette-item"][aria-selected="true"]')?.getAttribute('data-key') === k,
    `tenant:${tenants[0].id}`,
    { timeout: 10_000 },
  )
  await page.keyboard.press('Enter')
  await page.getByTestId('page-tenant-dashboard').waitFor({ timeout: 30_000 })
  const want = tenants[0].displayName || tenants[0].defaultDomain
  await page.waitForFunction((w) => document.querySelector('[data-testid="dash-name"]')?.textContent === w, want, { timeout: 30_000 })
  assert.equal(await page.getByTestId('dash-name').innerText(), want)
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('palette').waitFor({ state: 'detached' })
})
