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
