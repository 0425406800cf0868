// The Reports page in real Chromium against `wails dev` started with the demo
// (TL_APPARGS=demo scripts/e2e.sh): a report created in the UI shows exactly
// the figures of Reports.Version(id); a column hidden and renamed in a copy
// of the template changes the CSV Go exports; the price list shows Prices().
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const WAIT_TENANTS_MS = Number(process.env.TL_E2E_TENANTS_WAIT_MS || 90_000)
const WAIT_SYNC_MS = Number(process.env.TL_E2E_SYNC_WAIT_MS || 300_000)
const stamp = Date.now().toString(36)

let ctx
let page
let tenant = null
let skipReason = ''

/** Calls a bound Go method from the page: call('Reports', 'List', ''). */
function call(service, method, ...args) {
  return page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
}

/** A KPI value formatted as the page does it (src/reports/kpi.ts, src/format.ts), in the locale Go names. */
function fmtKpi(kind, value, currency) {
  return page.evaluate(
    async ([kind, v, cur]) => {
      const tag = await window.go.bridge.Settings.Locale()
      if (kind === 'percent') return new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(v) + ' %'
      if (kind === 'money') {
        if (cur) return new Intl.NumberFormat(tag, { style: 'currency', currency: cur }).format(v)
        return new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
      }
      return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(v)
    },
    [kind, value, currency],
  )
}

const slug = (label) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

async function text(locator) {
  await locator.waitFor({ timeout: 60_000 })
  return (await locator.innerText()).trim()
}

/** The first record of a CSV file Go wrote (UTF-8 with BOM, quoted fields). */
function csvHeader(path) {
  const s = readFileSync(path, 'utf8')
  assert.equal(s.charCodeAt(0), 0xfeff, `${path} lacks the UTF-8 BOM`)
  const fields = []
  let cur = ''
  let quoted = false
  for (let i = 1; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cur += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      fields.push(cur)
      cur = ''
    } else if (c === '\r' || c === '\n') {
      break
    } else {
      cur += c
    }
  }
  fields.push(cur)
  return fields
}

const shot = (name) => page.screenshot({ path: join(out, name), fullPage: false })

async function openReports() {
  await page.goto(base + '/#/reports', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-reports').waitFor({ timeout: 60_000 })
}

before(async () => {
  ctx = await launch()
  page = await ctx.newPage()
  await page.goto(base + '/', { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => !!window.go?.bridge?.Reports?.List, null, { timeout: 60_000 })
  let tenants = []
  const t0 = Date.now()
  for (;;) {
    tenants = (await call('Tenants', 'List')) ?? []
    if (tenants.length > 0 || Date.now() - t0 > WAIT_TENANTS_MS) break
    await page.waitForTimeout(2000)
  }
  if (tenants.length === 0) {
    skipReason = 'Tenants.List() returned no tenants: start wails dev with TL_APPARGS=demo.'
    return
  }
  const t1 = Date.now()
  while (Date.now() - t1 < WAIT_SYNC_MS) {
    tenants = (await call('Tenants', 'List')) ?? []
    if (tenants.some((t) => t.hasSnapshot) && !tenants.some((t) => t.syncing)) break
    await page.waitForTimeout(3000)
  }
  tenant = tenants.find((t) => t.hasSnapshot) ?? null
  assert.ok(tenant, `no tenant finished a sync within ${WAIT_SYNC_MS / 1000} s`)
})

after(async () => {
  await ctx?.close()
})

test('a report created in the UI shows the KPIs of Reports.Version(id)', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await openReports()
  const picker = page.getByTestId('tenant-picker')
  await page.locator(`[data-testid="tenant-picker"] option[value="${tenant.id}"]`).waitFor({ state: 'attached', timeout: 30_000 })
  await picker.selectOption(tenant.id)

  const name = `E2E review ${stamp}`
  await page.getByTestId('new-report').click()
  const dialog = page.getByTestId('new-report-dialog')
  await dialog.waitFor()
  assert.equal(await page.getByTestId('new-report-tenant').inputValue(), tenant.id)
  await page.getByTestId('new-report-name').fill(name)
  await page.getByTestId('new-report-create').click()
  await dialog.waitFor({ state: 'detached', timeout: 60_000 })

  const reports = (await call('Reports', 'List', tenant.id)) ?? []
  const rep = reports.find((r) => r.name === name)
  assert.ok(rep, `Reports.List(${tenant.id}) lacks "${name}"`)
  assert.equal(rep.versions.length, 1)
  const vid = rep.versions[0].id
  await page.getByTestId(`report-${rep.id}`).waitFor({ timeout: 30_000 })
  assert.equal(await text(page.getByTestId(`version-${vid}`).getByTestId('status-badge')), 'Draft')

  // The new version opens by itself; its cards show exactly Go's figures.
  const panel = page.getByTestId('version-panel')
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="version-panel"]')?.textContent?.includes(want),
    `${tenant.displayName} · version 1`,
    { timeout: 30_000 },
  )
  const v = await call('Reports', 'Version', vid)
  assert.ok((v.kpis ?? []).length > 0, 'Version() returned no KPIs')
  for (const k of v.kpis) {
    const id = slug(k.label)
    assert.equal(await text(panel.getByTestId(`kpi-${id}-value`)), await fmtKpi(k.kind, k.value, v.currency), `KPI ${k.label}`)
    if (!k.hasPrev) assert.equal(await text(panel.getByTestId(`kpi-${id}-prev`)), 'no previous version')
  }
  await shot('reports-tab.png')

  // A second version compares with the first: the change line is Go's change.
  await page.getByTestId(`report-${rep.id}`).getByTestId('new-version').click()
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="version-panel"]')?.textContent?.includes(want),
    `${tenant.displayName} · version 2`,
    { timeout: 60_000 },
  )
  const rep2 = ((await call('Reports', 'List', tenant.id)) ?? []).find((r) => r.id === rep.id)
  const v2 = await call('Reports', 'Version', rep2.versions[1].id)
  for (const k of v2.kpis) {
    assert.ok(k.hasPrev, `${k.label} of version 2 should have a previous value`)
    assert.match(await text(panel.getByTestId(`kpi-${slug(k.label)}-prev`)), /^was /)
    assert.ok(await panel.getByTestId(`kpi-${slug(k.label)}-change`).isVisible())
  }
  await page.mouse.move(0, 0) // no tooltip in the shot
  await shot('reports-tab-v2.png')

  // The export dialog opens from the version (Export itself would open the native save dialog).
  await page.getByTestId('version-export').click()
  await page.getByTestId('export-dialog').waitFor()
  await page.waitForTimeout(600) // let the dialog finish fading in
  await shot('reports-export-dialog.png')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' })
})

test('hiding and renaming a column in a copy of the template changes the CSV export', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await openReports()
  await page.getByTestId('tab-templates').click()
  await page.getByTestId('template-editor').waitFor({ timeout: 30_000 })
  await page.getByTestId('template-copy').click()
  const name = `E2E copy ${stamp}`
  await page.getByTestId('template-name').fill(name)
  await page.getByTestId('part-users').getByTestId('part-columns').click()
  await page.getByTestId('column-mail').getByTestId('column-visible').setChecked(false)
  await page.getByTestId('column-displayName').getByTestId('column-label').fill('Name (E2E)')
  await page.getByTestId('template-save').click()
  await page.getByTestId('template-saved').waitFor({ timeout: 30_000 })
  await shot('templates-tab.png')

  const saved = ((await call('Reports', 'Templates')) ?? []).find((x) => x.name === name)
  assert.ok(saved, `Templates() lacks "${name}"`)
  const users = saved.parts.find((p) => p.kind === 'users')
  assert.equal(users.columns.find((c) => c.key === 'mail').visible, false)
  assert.equal(users.columns.find((c) => c.key === 'displayName').label, 'Name (E2E)')

  const exportUsers = async (template, file) => {
    const res = await call('Reports', 'Export', { versionId: 0, tenantId: tenant.id, allTenants: false, template, format: 'csv', outPath: join(out, file) })
    const f = (res.files ?? []).find((p) => p.endsWith(' - Users.csv'))
    assert.ok(f, `no Users CSV among ${JSON.stringify(res.files)}`)
    return csvHeader(f)
  }
  const header = await exportUsers(name, 'x.csv')
  assert.deepEqual(header, users.columns.filter((c) => c.visible).map((c) => c.label))
  assert.equal(header[0], 'Name (E2E)')
  assert.ok(!header.includes('Email'), `Email should be hidden: ${header}`)
  // The default template still has both.
  const plain = await exportUsers('', 'default.csv')
  assert.equal(plain[0], 'Display Name')
  assert.ok(plain.includes('Email'))
})

test('the price list shows the rows of Reports.Prices()', async (t) => {
  if (skipReason) return t.skip(skipReason)
  await openReports()
  await page.getByTestId('tab-prices').click()
  const prices = (await call('Reports', 'Prices')) ?? []
  if (prices.length === 0) {
    await page.getByText('No prices yet').waitFor({ timeout: 30_000 })
  } else {
    await page.getByTestId('price-table').waitFor({ timeout: 30_000 })
    // SKUs to price come from Data.Licenses(""); then Add price is enabled.
    await page.waitForFunction(() => !document.querySelector('[data-testid="price-add"]')?.hasAttribute('disabled'), null, { timeout: 30_000 })
    assert.equal(await page.locator('[data-testid="price-table"] tbody tr').count(), prices.length)
    const p = prices[0]
    const row = page.getByTestId(`price-${p.tenantId || 'all'}/${p.skuId}`)
    assert.equal(await text(row.getByTestId('price-monthly')), await fmtKpi('money', p.monthly, p.currency))
  }
  await shot('prices-tab.png')
  // Add price offers the SKUs seen in the tenants' licences.
  const skus = new Set((((await call('Data', 'Licenses', '')) ?? {}).rows ?? []).map((r) => r.skuId))
  await page.waitForFunction(() => !document.querySelector('[data-testid="price-add"]')?.hasAttribute('disabled'), null, { timeout: 30_000 })
  await page.getByTestId('price-add').click()
  await page.getByTestId('price-dialog').waitFor()
  const offered = await page.locator('[data-testid="price-sku"] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean))
  assert.deepEqual(new Set(offered), skus)
  await page.waitForTimeout(600)
  await shot('prices-add-dialog.png')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.getByTestId('price-dialog').waitFor({ state: 'detached' })
})
