// The data pages in real Chromium against `wails dev` started with the demo
// (TL_APPARGS=demo scripts/e2e.sh): each page shows exactly the numbers the
// bound Go methods return, called from the same page.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const WAIT_TENANTS_MS = Number(process.env.TL_E2E_TENANTS_WAIT_MS || 90_000)
const WAIT_SYNC_MS = Number(process.env.TL_E2E_SYNC_WAIT_MS || 300_000)

let ctx
let page
let tenants = []
let skipReason = ''

// Formatting as the page does it (src/format.ts): Intl with the explicit
// tag Go names (Settings.Locale), never the engine's default locale.
async function fmt(kind, value, currency = '') {
  return page.evaluate(
    async ([kind, v, cur]) => {
      const tag = await window.go.bridge.Settings.Locale()
      const int = (n) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(n)
      if (kind === 'int') return int(v)
      if (kind === 'pct') return new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(v) + ' %'
      if (kind === 'money') {
        if (cur) return new Intl.NumberFormat(tag, { style: 'currency', currency: cur }).format(v)
        return new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
      }
      throw new Error('unknown format ' + kind)
    },
    [kind, value, currency],
  )
}

/** Calls a bound Go method from the page: call('Data', 'Users', ''). */
function call(service, method, ...args) {
  return page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
}

async function text(testId) {
  const el = page.getByTestId(testId).first()
  await el.waitFor({ timeout: 60_000 })
  return (await el.innerText()).trim()
}

async function open(hash) {
  await page.goto(base + '/#/' + hash, { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-' + hash).waitFor({ timeout: 60_000 })
}

async function pickTenant(id) {
  const sel = page.getByTestId('tenant-picker')
  await sel.waitFor({ timeout: 60_000 })
  // Options fill in once Tenants.List() answers.
  if (id) await page.locator(`[data-testid="tenant-picker"] option[value="${id}"]`).waitFor({ state: 'attached', timeout: 30_000 })
  await sel.selectOption(id)
}

const shot = (name) => page.screenshot({ path: join(out, name), fullPage: false })

before(async () => {
  ctx = await launch()
  page = await ctx.newPage()
  await page.goto(base + '/', { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => !!window.go?.bridge?.Tenants?.List, null, { timeout: 60_000 })
  // The demo connects on its own at start; give it time to list its tenants.
  const t0 = Date.now()
  for (;;) {
    tenants = await call('Tenants', 'List')
    tenants = tenants ?? []
    if (tenants.length > 0 || Date.now() - t0 > WAIT_TENANTS_MS) break
    await page.waitForTimeout(2000)
  }
  if (tenants.length === 0) {
    skipReason =
      'Tenants.List() returned no tenants: the demo data is not wired yet (start wails dev with TL_APPARGS=demo once the demo auto-connects).'
    return
  }
  // Then let the first syncs finish so the numbers are settled.
  const t1 = Date.now()
  while (Date.now() - t1 < WAIT_SYNC_MS) {
    tenants = (await call('Tenants', 'List')) ?? []
    if (tenants.some((t) => t.hasSnapshot) && !tenants.some((t) => t.syncing)) break
    await page.waitForTimeout(3000)
  }
  assert.ok(tenants.some((t) => t.hasSnapshot), `no tenant finished a sync within ${WAIT_SYNC_MS / 1000} s`)
  assert.ok(!tenants.some((t) => t.syncing), 'syncs still running; numbers would move under the test')
})

after(async () => {
  await ctx?.close()
})

test('Overview shows the KPIs of Tenants.Overview()', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await page.goto(base + '/#/overview', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-overview').waitFor({ timeout: 60_000 })
  const ov = await call('Tenants', 'Overview')
  assert.equal(await text('kpi-tenants-value'), await fmt('int', ov.tenants))
  assert.equal(await text('kpi-users-value'), await fmt('int', ov.users))
  assert.equal(await text('kpi-licensed-value'), await fmt('int', ov.licensed))
  assert.equal(await text('kpi-mfa-value'), await fmt('pct', ov.mfaCoveragePct))
  assert.equal(await text('kpi-unused-value'), await fmt('int', ov.unusedLicenses))
  assert.equal(await text('kpi-waste-value'), await fmt('money', ov.monthlyWaste, ov.currency))
  assert.equal(await page.locator('[data-testid^="overview-row-"]').count(), ov.rows.length)
  await page.getByRole('img', { name: 'MFA coverage per tenant' }).waitFor()
  await shot('page-overview.png')
})

test('Tenants lists every tenant with its access state', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await open('tenants')
  const list = await call('Tenants', 'List')
  await page.getByTestId('tenants-table').waitFor({ timeout: 60_000 })
  assert.equal(await page.getByTestId('sync-all').isDisabled(), false, 'Sync all is disabled with tenants listed')
  assert.equal(await page.locator('[data-testid^="tenant-row-"]').count(), list.length)
  const labels = { ready: 'Ready', needs_consent: 'Needs consent', no_access: 'No access' }
  for (const row of list) {
    const el = page.getByTestId('tenant-row-' + row.id)
    const txt = await el.innerText()
    assert.ok(txt.includes(row.displayName || row.defaultDomain), `row ${row.id} lacks its name`)
    if (labels[row.access]) assert.ok(txt.includes(labels[row.access]), `row ${row.id} should say ${labels[row.access]}`)
  }
  await shot('page-tenants.png')
  // The log viewer opens on a synced tenant.
  const synced = list.find((r) => r.hasSnapshot)
  if (synced) {
    await page.getByTestId('tenant-row-' + synced.id).getByTestId('view-log').click()
    await page.getByTestId('runs-table').waitFor({ timeout: 30_000 })
    await page.waitForTimeout(600) // the drawer slides in
    await shot('page-tenants-log.png')
    await page.keyboard.press('Escape')
  }
})

test('Users shows the rows of Data.Users() for all tenants and for one', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await open('users')
  await pickTenant('')
  const all = await call('Data', 'Users', '')
  const rows = all.rows ?? []
  assert.ok(rows.length > 0, 'Data.Users("") returned no rows after a sync')
  assert.equal(await text('user-count'), `${await fmt('int', rows.length)} users`)
  // A filter narrows to exactly the rows Go marked Disabled.
  const disabled = rows.filter((u) => u.mfaStatus === 'Disabled').length
  if (disabled > 0 && disabled < rows.length) {
    await page.getByTestId('filter-mfa').selectOption('Disabled')
    assert.equal(await text('user-count'), `${await fmt('int', disabled)} of ${await fmt('int', rows.length)} users`)
    await page.getByRole('button', { name: 'Clear filters' }).click()
  }
  // The grid renders the first user Go returned.
  const first = rows[0].displayName
  await page.getByTestId('users-grid').getByText(first, { exact: true }).first().waitFor({ timeout: 30_000 })
  await shot('page-users.png')

  const one = tenants.find((x) => x.hasSnapshot)
  await pickTenant(one.id)
  const mine = (await call('Data', 'Users', one.id)).rows ?? []
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="user-count"]')?.textContent === want,
    `${await fmt('int', mine.length)} users`,
    { timeout: 30_000 },
  )
  await pickTenant('')
})

test('Licenses shows the totals and rows of Data.Licenses()', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await open('licenses')
  await pickTenant('')
  const v = await call('Data', 'Licenses', '')
  const rows = v.rows ?? []
  assert.ok(rows.length > 0, 'Data.Licenses("") returned no rows after a sync')
  assert.equal(await text('kpi-monthly-value'), await fmt('money', v.monthlyTotal, v.currency))
  assert.equal(await text('kpi-unused-cost-value'), await fmt('money', v.unusedTotal, v.currency))
  assert.equal(await text('kpi-flagged-value'), await fmt('int', v.flaggedCount))
  assert.equal(await text('license-count'), `${await fmt('int', rows.length)} SKUs`)
  await page.getByTestId('licenses-grid').getByText(rows[0].name, { exact: true }).first().waitFor({ timeout: 30_000 })
  await shot('page-licenses.png')
})

test('MFA shows the coverage of Data.MFA()', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await open('mfa')
  await pickTenant('')
  const v = await call('Data', 'MFA', '')
  if (v.available) {
    assert.equal(await text('kpi-coverage-value'), await fmt('pct', v.coveragePct))
    await page.getByRole('img', { name: 'MFA registered and not registered' }).waitFor()
  } else {
    assert.ok((await text('mfa-unavailable')).includes(v.reason))
  }
  assert.equal(await text('mfa-registered'), `${await fmt('int', v.registered)} of ${await fmt('int', v.eligible)} users registered`)
  assert.equal(await text('kpi-unregistered-value'), await fmt('int', v.unregistered))
  assert.equal(await text('kpi-admins-value'), await fmt('int', v.adminsWithout))
  const rows = v.rows ?? []
  if (rows.length > 0) {
    await page.getByTestId('mfa-grid').getByText(rows[0].displayName, { exact: true }).first().waitFor({ timeout: 30_000 })
  }
  await shot('page-mfa.png')
  // One tenant without P1 or with no registration data: its page still answers.
  const per = tenants.filter((x) => x.hasSnapshot)
  for (const x of per.slice(0, 3)) {
    await pickTenant(x.id)
    const one = await call('Data', 'MFA', x.id)
    const want = one.available ? await fmt('pct', one.coveragePct) : 'Unavailable'
    await page.waitForFunction(
      (w) => document.querySelector('[data-testid="kpi-coverage-value"]')?.textContent === w,
      want,
      { timeout: 30_000 },
    )
  }
  await pickTenant('')
})
