// History end to end in real Chromium against `wails dev` started with the
// demo (TL_APPARGS=demo TL_E2E_TESTS=e2e/history.test.mjs scripts/e2e.sh):
// the Overview's clients table in Go's order → a client dashboard whose
// trend values equal Go's stored runs → compare two stored snapshots of a
// tenant lists exactly Go's comparison → users grid filter → export.
//
// Between two syncs the directory must change for the compare to show
// something: when the demo binds a mutate hook (History.DemoMutate, demo
// mode only) the test calls it and re-syncs; otherwise it compares the
// tenant's two newest stored snapshots (each demo start syncs once) and
// says so in the output.
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

function call(service, method, ...args) {
  return page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
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
  if (!ts.some((t) => t.hasSnapshot)) skipReason = 'no synced demo tenant: start wails dev with TL_APPARGS=demo.'
})

after(async () => {
  await ctx?.close()
})

test('overview → client dashboard → trends equal the stored runs → compare two dates → users filter → export', async (t) => {
  if (skipReason) return t.skip(skipReason)

  // 1. Overview: Go's rows, Go's order (worst problems first).
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('overview-clients').waitFor({ timeout: 60_000 })
  const ov = await call('History', 'ClientsOverview', 'worst', false)
  const names = await page.getByTestId('overview-clients').getByTestId('overview-open').allInnerTexts()
  assert.deepEqual(names, ov.rows.map((r) => r.name))
  assert.equal(Number(await page.getByTestId('attention').getAttribute('data-total')), ov.attention.total)
  await shot('history-overview.png')

  // 2. A client with a synced tenant: its dashboard.
  const row = ov.rows.find((r) => r.kind === 'client' && r.synced > 0)
  assert.ok(row, 'no client with a synced tenant in the demo overview')
  await page.getByTestId(`overview-client-client-${row.clientId}`).getByTestId('overview-open').click()
  await page.getByTestId('client-dashboard').waitFor({ timeout: 60_000 })
  await page.getByTestId('trend-licensed-values').waitFor({ timeout: 60_000 })

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

  // 4. Compare two stored snapshots of one of its tenants.
  const tenantId = row.tenantIds.find(Boolean)
  if (await page.evaluate(() => !!window.go.bridge.History.DemoMutate)) {
    const changed = await call('History', 'DemoMutate', tenantId)
    console.log(`demo mutate: ${JSON.stringify(changed)}`)
    await call('Tenants', 'SyncNow', tenantId)
    await page.waitForTimeout(2000)
    await settle()
  } else {
    console.log('no demo mutate hook bound: comparing the two newest stored snapshots as they are')
  }
  const ch = await call('History', 'CompareChoices', tenantId, 0)
  if ((ch.snapshots ?? []).length < 2) return t.skip('the tenant has one stored snapshot: start the demo twice (each start syncs) or bind a mutate hook')
  const [to, from] = [ch.snapshots[0].date, ch.snapshots[1].date]
  await page.goto(base + `/#/compare/tenant/${encodeURIComponent(tenantId)}`, { waitUntil: 'domcontentloaded' })
  await page.getByTestId('compare-from').waitFor({ timeout: 60_000 })
  await page.getByTestId('compare-from').selectOption(from)
  await page.getByTestId('compare-to').selectOption(to)
  const cmp = await call('History', 'Compare', { tenantId, clientId: 0, from, to, fromRunId: 0, toRunId: 0 })
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="kpi-cmp-added-value"]')?.getAttribute('data-value') === String(n),
    cmp.totals.usersAdded,
    { timeout: 30_000 },
  )
  const upns = (id) => page.locator(`[data-testid="compare-${id}-row"]`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-upn')))
  assert.deepEqual(await upns('added'), (cmp.added ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('removed'), (cmp.removed ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('gained'), (cmp.licencesGained ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('lost'), (cmp.licencesLost ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('mfa-registered'), (cmp.mfaRegistered ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('mfa-lost'), (cmp.mfaLost ?? []).map((u) => u.userPrincipalName))
  assert.deepEqual(await upns('disabled'), (cmp.disabled ?? []).map((u) => u.userPrincipalName))
  await shot('history-compare.png')

  // 5. Users grid filter on that tenant: exactly Go's disabled-MFA users.
  await page.goto(base + '/#/users', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('users-grid').waitFor({ timeout: 60_000 })
  const all = ((await call('Data', 'Users', '')) ?? {}).rows ?? []
  const disabled = all.filter((u) => u.mfaStatus === 'Disabled').length
  if (disabled > 0 && disabled < all.length) {
    await page.getByTestId('filter-mfa').selectOption('Disabled')
    assert.equal(await page.getByTestId('user-count').innerText(), `${await fmt('int', disabled)} of ${await fmt('int', all.length)} users`)
  }

  // 6. Export (the button opens a native dialog: give Go the path, as reports.test does).
  const res = await call('Reports', 'Export', { versionId: 0, tenantId, allTenants: false, template: '', format: 'xlsx', outPath: join(out, 'history-export.xlsx') })
  assert.ok((res.files ?? []).length > 0, 'the export wrote no file')
  const bytes = readFileSync(res.files[0])
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04')
})

test('Ctrl+K jumps to a tenant dashboard; Esc closes the palette', async (t) => {
  if (skipReason) return t.skip(skipReason)
  const tenants = (await call('Tenants', 'List')).filter((x) => x.hasSnapshot)
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-overview').waitFor({ timeout: 60_000 })
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').waitFor()
  await page.keyboard.type(tenants[0].defaultDomain)
  await page.locator(`[data-testid="palette-item"][data-key="tenant:${tenants[0].id}"]`).waitFor({ timeout: 30_000 })
  await page.keyboard.press('Enter')
  await page.getByTestId('page-tenant-dashboard').waitFor({ timeout: 30_000 })
  assert.equal(await page.getByTestId('dash-name').innerText(), tenants[0].displayName || tenants[0].defaultDomain)
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('palette').waitFor({ state: 'detached' })
})
