// The e2e screenshot tour of the real window (e2e/10-screens.test.mjs),
// riding on the text probe (probe.ts): a probe target whose page reads
// "route@theme" is a screenshot step. The window switches to that theme,
// opens the route, waits for the element, for loading spinners to go and
// for charts to finish drawing, reports (the test then grabs the X
// display) and holds still while the picture is taken.
// Routes may name "{client}" (the first client) or "{tenant}" (the first
// synced tenant); "a|b" takes the first alternative whose names resolve.
import type { Backend } from './api'
import { setThemePref, type ColorScheme } from './theme'
import { simulateDemoChanges } from './history/demoChanges'

export interface ShotStep {
  route: string
  theme: ColorScheme
}

/** "users@dark" → a dark step on #/users; anything else is not a screenshot step. */
export function parseShot(page: string): ShotStep | null {
  const at = page.lastIndexOf('@')
  if (at < 0) return null
  const theme = page.slice(at + 1)
  if (theme !== 'light' && theme !== 'dark') return null
  return { route: page.slice(0, at), theme }
}

export interface ShotNames {
  client?: string
  tenant?: string
}

/** The first alternative whose {names} all resolve, with them filled in (null: none). */
export function resolveRoute(route: string, names: ShotNames): string | null {
  for (const alt of route.split('|')) {
    let ok = true
    const out = alt.replace(/\{(client|tenant)\}/g, (_, k: keyof ShotNames) => {
      const v = names[k]
      if (!v) ok = false
      return encodeURIComponent(v ?? '')
    })
    if (ok) return out
  }
  return null
}

/** The first client (Go's order) and the first synced tenant. */
export async function shotNames(b: Backend): Promise<ShotNames> {
  const names: ShotNames = {}
  try {
    const t = (await b.tenants.list()).find((x) => x.hasSnapshot)
    if (t) names.tenant = t.id
  } catch {
    /* no tenants: routes naming one are skipped */
  }
  try {
    const c = (await b.clients.list())[0]
    if (c) names.client = String(c.id)
  } catch {
    /* no clients */
  }
  return names
}

/**
 * The demo only (real data is never touched): brings the fresh demo to what
 * an MSP sees after its first weeks, so each page has something to show —
 * waits for the demo's first syncs and its PSA read, maps tenants to clients
 * as Tenant mapping › Auto-map does, lets some weeks pass on one client's
 * tenant (demoChanges.ts: a directory change, then a second sync) and starts
 * that tenant's quarterly review with a finished version. Returns that
 * client and tenant for the routes; steps it could not take are logged and
 * the tour goes on with what there is.
 */
export async function prepareDemoShots(b: Backend, timeoutMs = 180_000): Promise<ShotNames> {
  const deadline = Date.now() + timeoutMs
  const log = (msg: string) => console.log(`screenshot tour: ${msg}`)
  // 1. The demo's first syncs (tenants that can be read) and its PSA clients.
  let tenants = await b.tenants.list()
  let clients = await b.clients.list()
  for (;;) {
    const ready = tenants.filter((t) => t.access === 'ready')
    if (ready.length > 0 && ready.every((t) => !t.syncing && t.lastSyncAt) && clients.length > 0) break
    if (Date.now() > deadline) {
      log('the demo did not finish its first syncs in time')
      return shotNames(b)
    }
    await sleep(500)
    ;[tenants, clients] = await Promise.all([b.tenants.list(), b.clients.list()])
  }
  // 2. Tenants mapped to their clients (nothing is remapped when some already are).
  if (!clients.some((c) => c.tenantIds.length > 0)) {
    const mapped = await b.clients.autoMap(0.8)
    log(`auto-map mapped ${mapped.length} tenants`)
    clients = await b.clients.list()
  }
  const readable = (id: string) => tenants.some((t) => t.id === id && t.hasSnapshot && t.mfaAvailable)
  const client = clients.find((c) => c.tenantIds.some(readable))
  if (!client) return shotNames(b)
  const tenant = client.tenantIds.find(readable)!
  // 3. A second snapshot for compare and the trends.
  if ((await b.history.choices({ kind: 'tenant', id: tenant })).snapshots.length < 2) {
    const ch = await simulateDemoChanges(b, tenant, undefined, Math.max(30_000, deadline - Date.now()))
    log(`${ch.tenantName}: ${ch.added.length} added, ${ch.removed.length} removed, ${ch.disabled.length} disabled, then synced again`)
  }
  // 4. A quarterly review with a finished version.
  if ((await b.reports.list('')).length === 0) {
    const rep = await b.reports.create(tenant, '', 0) // "Quarterly review <quarter>", the default template, a draft
    const v = rep.versions[0] ?? (await b.reports.newVersion(rep.id))
    await b.reports.finalize(v.id)
  }
  return { client: String(client.id), tenant }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Switches the theme and opens the route (before waiting for its element). */
export function enterShot(step: ShotStep, names: ShotNames): string | null {
  const route = resolveRoute(step.route, names)
  setThemePref(step.theme)
  if (route != null) window.location.hash = '/' + route
  return route
}

/** Waits until nothing is loading (at most `maxMs`), then lets charts and the grid settle. */
export async function settle(doc: Document, maxMs = 15_000, quietMs = 1200): Promise<void> {
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline && doc.querySelector('main [role="progressbar"], main .fui-Spinner')) await sleep(200)
  await sleep(quietMs)
}

/** How long the window holds still after reporting, for the screenshot. */
export const HOLD_MS = 1500
