// Clients end to end in real Chromium against the dev-mode app started with the
// demo (TL_APPARGS=demo scripts/e2e.sh): import a contacts CSV the test
// writes (a company named like one demo tenant — its suggested client's
// name when the demo PSA already has one — with contacts that are real
// users of that tenant and one contact without an account), see the
// preview, import, map the tenant by its suggestion on the mapping page,
// open the client, check the merge's categories and the findings against
// Go's, and export the client workbook.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const WAIT_TENANTS_MS = Number(process.env.TL_E2E_TENANTS_WAIT_MS || 90_000)
const WAIT_SYNC_MS = Number(process.env.TL_E2E_SYNC_WAIT_MS || 300_000)
const WAIT_PSA_MS = Number(process.env.TL_E2E_PSA_WAIT_MS || 60_000)
const stamp = Date.now().toString(36)

let ctx
let page
let skipReason = ''
let tenant = null
let members = []
let ghost = ''
let company = ''
let csvPath = ''

/** Calls a bound Go method from the page: call('Clients', 'List'). */
function call(service, method, ...args) {
  return page.evaluate(([s, m, a]) => window.go.bridge[s][m](...a), [service, method, args])
}

const shot = (name) => page.screenshot({ path: join(out, name), fullPage: false })
const lower = (s) => (s || '').toLowerCase()

async function fmtInt(n) {
  return page.evaluate(async (v) => new Intl.NumberFormat(await window.go.bridge.Settings.Locale(), { maximumFractionDigits: 0 }).format(v), n)
}

async function open(hash) {
  await page.goto(base + '/#/' + hash, { waitUntil: 'domcontentloaded' })
  await page.getByTestId('page-' + hash).waitFor({ timeout: 60_000 })
}

before(async () => {
  ctx = await launch()
  page = await ctx.newPage()
  await page.goto(base + '/', { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => !!window.go?.bridge?.Clients?.List, null, { timeout: 60_000 })
  let tenants = []
  const t0 = Date.now()
  for (;;) {
    tenants = (await call('Tenants', 'List')) ?? []
    if (tenants.length > 0 || Date.now() - t0 > WAIT_TENANTS_MS) break
    await page.waitForTimeout(2000)
  }
  if (tenants.length === 0) {
    skipReason = 'Tenants.List() returned no tenants: start scripts/e2e.sh with TL_APPARGS=demo.'
    return
  }
  const t1 = Date.now()
  while (Date.now() - t1 < WAIT_SYNC_MS) {
    tenants = (await call('Tenants', 'List')) ?? []
    if (tenants.some((t) => t.hasSnapshot) && !tenants.some((t) => t.syncing)) break
    await page.waitForTimeout(3000)
  }
  // The demo reads its PSA behind the window: let the client list settle
  // (with no PSA connected there is nothing to wait for).
  const t2 = Date.now()
  let prev = -1
  const psa = await call('PSA', 'Status')
  while (psa?.connected && Date.now() - t2 < WAIT_PSA_MS) {
    const n = ((await call('Clients', 'Refs')) ?? []).length
    if (n > 0 && n === prev) break
    prev = n
    await page.waitForTimeout(3000)
  }

  // A synced, unmapped tenant with three member users no contact claims yet.
  const mapping = await call('Clients', 'Mapping', 0)
  const rowOf = (id) => (mapping.tenants ?? []).find((r) => r.tenantId === id)
  const candidates = tenants.filter((t) => t.hasSnapshot).sort((a, b) => (rowOf(a.id)?.clientId ? 1 : 0) - (rowOf(b.id)?.clientId ? 1 : 0))
  for (const t of candidates) {
    const row = rowOf(t.id)
    const top = (row?.suggestions ?? [])[0]
    const name = row?.clientId ? row.clientName : top ? top.clientName : t.displayName
    const clientId = row?.clientId || top?.clientId || 0
    const claimed = new Set()
    if (clientId) {
      const d = await call('Clients', 'Detail', clientId, '')
      for (const r of d.rows ?? []) if (r.contactName) claimed.add(lower(r.email))
    }
    const users = ((await call('Data', 'Users', t.id)) ?? {}).rows ?? []
    const free = users.filter(
      (u) => u.userType === 'Member' && !u.resourceAccount && !u.deleted && u.userPrincipalName.includes('@') &&
        !claimed.has(lower(u.userPrincipalName)) && !claimed.has(lower(u.mail)),
    )
    if (free.length >= 3) {
      tenant = t
      company = name
      members = free.slice(0, 3)
      if (row?.clientId) await call('Clients', 'Unmap', t.id) // the test maps it itself
      break
    }
  }
  assert.ok(tenant, 'no synced demo tenant has three member users without a contact')
  ghost = `nobody.${stamp}@${tenant.defaultDomain}`
  const q = (s) => `"${s.replaceAll('"', '""')}"`
  const lines = ['Company;First name;Last name;E-mail']
  members.forEach((u, i) => lines.push([q(company), q('E2E'), q(`Member ${i + 1}`), q(u.userPrincipalName)].join(';')))
  lines.push([q(company), q('Ghost'), q('Contact'), q(ghost)].join(';'))
  csvPath = join(out, `contacts-${stamp}.csv`)
  writeFileSync(csvPath, '\ufeff' + lines.join('\r\n') + '\r\n')
})

after(async () => {
  await ctx?.close()
})

test('import a CSV, map the tenant by suggestion, see the merge and findings, export the client workbook', async (t) => {
  if (skipReason) return t.skip(skipReason)

  // 1. The import wizard: pick the file, see Go's preview.
  await open('clients')
  await page.getByTestId('import-contacts').click()
  await page.getByTestId('import-wizard').waitFor()
  await page.getByTestId('import-file').setInputFiles(csvPath)
  await page.getByTestId('import-preview-panel').waitFor({ timeout: 60_000 })
  const content = readFileSync(csvPath).toString('base64')
  const preview = await call('Clients', 'PreviewImport', { path: '', content, fileName: 'x.csv', preset: '', mapping: null })
  assert.equal(preview.failure ?? null, null, `Go rejected the CSV: ${JSON.stringify(preview.failure)}`)
  assert.equal(preview.contacts, 4)
  assert.equal(preview.encoding, 'utf-8-bom')
  for (const id of ['rows', 'contacts', 'added', 'updated', 'unchanged', 'deactivated']) {
    const el = page.getByTestId(`import-${id}`).locator('[data-value]')
    assert.equal(Number(await el.getAttribute('data-value')), preview[id], `preview ${id}`)
  }
  assert.equal(preview.added, 4, 'four new contacts')
  assert.equal(await page.getByTestId('import-encoding').innerText(), 'UTF-8 with BOM')
  await page.waitForTimeout(400)
  await shot('clients-import-preview.png')

  // 2. Import.
  await page.getByTestId('import-commit').click()
  await page.getByTestId('import-committed').waitFor({ timeout: 60_000 })
  assert.equal(Number(await page.getByTestId('import-added').locator('[data-value]').getAttribute('data-value')), 4)
  await page.getByTestId('import-close').click()
  await page.getByTestId('import-wizard').waitFor({ state: 'detached' })

  // 3. The mapping page: the tenant's top suggestion is the CSV's company.
  await open('mapping')
  const row = page.getByTestId(`mapping-row-${tenant.id}`)
  await row.waitFor({ timeout: 60_000 })
  const before = await call('Clients', 'Mapping', 0)
  const mine = before.tenants.find((r) => r.tenantId === tenant.id)
  assert.equal(mine.clientId, 0, 'the tenant should be unmapped before the test maps it')
  assert.equal(lower(mine.suggestions[0]?.clientName), lower(company), `top suggestion for ${tenant.displayName}`)
  const clientId = mine.suggestions[0].clientId
  assert.equal(await page.getByTestId('kpi-mapping-unmapped-value').innerText(), await fmtInt(before.unmapped))
  await shot('clients-mapping.png')
  await row.getByTestId('mapping-map-suggested').click()
  await page.waitForFunction((id) => document.querySelector(`[data-testid="mapping-row-${id}"]`)?.getAttribute('data-mapped') === 'true', tenant.id, { timeout: 30_000 })
  const after = await call('Clients', 'Mapping', 0)
  assert.equal(after.tenants.find((r) => r.tenantId === tenant.id).clientId, clientId)
  assert.equal(after.mapped, before.mapped + 1)

  // 4. The client: Go's merge categories and findings.
  await open('clients')
  await page.getByTestId(`client-open-${clientId}`).click()
  await page.getByTestId('client-detail').waitFor()
  await page.getByTestId('kpi-client-users-value').waitFor({ timeout: 60_000 })
  const d = await call('Clients', 'Detail', clientId, '')
  const byEmail = (e) => (d.rows ?? []).filter((r) => lower(r.email) === lower(e) || lower(r.userPrincipalName) === lower(e))
  for (const u of members) {
    const rows = byEmail(u.userPrincipalName)
    assert.ok(rows.length > 0 && rows.every((r) => r.match === 'matched'), `${u.userPrincipalName}: ${JSON.stringify(rows.map((r) => r.match))}`)
  }
  assert.deepEqual(byEmail(ghost).map((r) => r.match), ['contact_only'])
  const count = (m) => (d.rows ?? []).filter((r) => r.match === m).length
  assert.equal(count('matched'), d.client.matched)
  assert.equal(count('contact_only'), d.client.contactOnly)
  assert.equal(count('account_only'), d.client.accountOnly)
  assert.equal(await page.getByTestId('kpi-client-users-value').innerText(), await fmtInt(d.kpis.users))
  await page.getByTestId('client-tab-contacts').click()
  assert.equal(
    await page.getByTestId('contacts-counts').innerText(),
    `${await fmtInt(d.client.matched)} matched · ${await fmtInt(d.client.contactOnly)} contact only · ${await fmtInt(d.client.accountOnly)} account only`,
  )
  await page.getByTestId('contacts-match').selectOption('contact_only')
  await page.getByTestId('contacts-grid').getByText(ghost).waitFor({ timeout: 30_000 })
  await shot('clients-contacts.png')
  await page.getByTestId('client-tab-findings').click()
  const finding = page.locator('[data-testid="finding"][data-kind="contact_without_account"]', { hasText: ghost })
  await finding.waitFor({ timeout: 30_000 })
  assert.equal(await page.getByTestId('finding').count(), d.findings.length)
  assert.ok(d.findings.some((f) => f.kind === 'contact_without_account' && f.sentence.includes(ghost)))
  await shot('clients-findings.png')

  // 5. The client workbook (the button opens the native save dialog, so the
  // test gives Go the path as the dialog would).
  assert.ok(await page.getByTestId('client-export').isVisible())
  const file = join(out, `client-${stamp}.xlsx`)
  const res = await call('Clients', 'ExportWorkbook', { clientId, template: '', format: 'xlsx', outPath: file })
  assert.deepEqual(res.files, [file])
  const bytes = readFileSync(file)
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'the workbook is not a zip')
  assert.ok(bytes.includes(Buffer.from('xl/workbook.xml')), 'the zip is not an xlsx workbook')
})
