// Connect end to end: Playwright clicks Connect in the app, opens the
// sign-in link the app shows, clicks Accept on graphsim's consent page, and
// the tenant appears as connected; then the same as a partner, where the
// demo MSP's GDAP customers show ready / needs consent / no access.
// scripts/e2e.sh points the dev-mode app at a standalone emulator (no
// auto-consent) and passes its first customer's domain in TL_DIRECT_DOMAIN.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { launch, base, out } from './browser.mjs'

const domain = process.env.TL_DIRECT_DOMAIN

async function signInThroughConsentPage(ctx, page) {
  const link = page.getByTestId('signin-link').locator('a')
  await link.waitFor({ timeout: 60_000 })
  const url = await link.getAttribute('href')
  assert.match(url, /\/oauth2\/v2\.0\/authorize\?/, 'the sign-in link is an authorize URL')
  assert.match(url, /code_challenge_method=S256/)
  const consent = await ctx.newPage()
  await consent.goto(url)
  await consent.getByRole('button', { name: 'Accept' }).click()
  // graphsim redirects to TenantLens' loopback listener, which answers.
  await consent.waitForLoadState('domcontentloaded')
  assert.match(await consent.content(), /TenantLens/)
  await consent.screenshot({ path: join(out, 'connect-returned.png') })
  await consent.close()
}

test('direct connect: Connect → Accept on the consent page → the tenant is connected', { timeout: 180_000 }, async () => {
  assert.ok(domain, 'TL_DIRECT_DOMAIN not set (run through scripts/e2e.sh)')
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/tenants', { waitUntil: 'domcontentloaded' })
    await page.getByTestId('connect-tenant').first().click()
    await page.getByTestId('connect-tenant-input').fill(domain)
    await page.getByTestId('connect-start').click()
    await page.screenshot({ path: join(out, 'connect-waiting.png') })
    await signInThroughConsentPage(ctx, page)
    const result = page.getByTestId('connect-result')
    await result.waitFor({ timeout: 60_000 })
    await page.screenshot({ path: join(out, 'connect-direct-done.png') })
    await page.getByTestId('connect-close').click()
    // The Go side agrees, and the Tenants page shows it ready.
    const rows = await page.evaluate(() => window.go.bridge.Tenants.List())
    assert.equal(rows.length, 1, `one tenant after a direct connect, got ${rows.length}`)
    const row = rows[0]
    assert.equal(row.defaultDomain, domain)
    assert.equal(row.access, 'ready')
    assert.equal(row.connectionKind, 'direct')
    const badge = page.getByTestId(`tenant-row-${row.id}`).getByTestId('access-badge')
    await badge.waitFor({ timeout: 30_000 })
    assert.match(await badge.innerText(), /ready/i)
  } finally {
    await ctx.close()
  }
})

test('partner connect: every GDAP customer appears with its access state', { timeout: 300_000 }, async () => {
  const ctx = await launch()
  try {
    const page = await ctx.newPage()
    await page.goto(base + '/#/tenants', { waitUntil: 'domcontentloaded' })
    await page.getByTestId('connect-tenant').first().click()
    await page.getByTestId('connect-partner').click()
    await page.getByTestId('connect-start').click()
    await signInThroughConsentPage(ctx, page)
    await page.getByTestId('connect-result').waitFor({ timeout: 120_000 })
    await page.screenshot({ path: join(out, 'connect-partner-done.png') })
    await page.getByTestId('connect-close').click()

    const rows = await page.evaluate(() => window.go.bridge.Tenants.List())
    const states = rows.reduce((m, r) => ((m[r.access] = (m[r.access] || 0) + 1), m), {})
    for (const s of ['ready', 'needs_consent', 'no_access']) {
      assert.ok(states[s] > 0, `no tenant is ${s}: ${JSON.stringify(states)}`)
    }
    // Each row's badge says what Go decided.
    const label = { ready: /ready/i, needs_consent: /consent/i, no_access: /no access/i }
    for (const r of rows) {
      const badge = page.getByTestId(`tenant-row-${r.id}`).getByTestId('access-badge')
      await badge.waitFor({ timeout: 30_000 })
      assert.match(await badge.innerText(), label[r.access], `${r.displayName}: badge vs ${r.access}`)
    }
    // The first sync of every ready tenant runs by itself; wait for it so the
    // pages tests that follow have data.
    const deadline = Date.now() + 240_000
    let pending = []
    do {
      await page.waitForTimeout(2000)
      const now = await page.evaluate(() => window.go.bridge.Tenants.List())
      pending = now.filter((r) => r.access === 'ready' && (r.syncing || !r.lastSyncStatus))
    } while (pending.length > 0 && Date.now() < deadline)
    assert.deepEqual(pending.map((r) => r.displayName), [], 'ready tenants still syncing')
    const synced = (await page.evaluate(() => window.go.bridge.Tenants.List())).filter((r) => r.hasSnapshot)
    assert.ok(synced.length >= 3, `only ${synced.length} tenants synced`)
    await page.screenshot({ path: join(out, 'tenants-synced.png'), fullPage: true })
  } finally {
    await ctx.close()
  }
})
