// Hash routes for the history views, beside the shell's pages (nav.ts):
//   #/client/<id>          a client's dashboard (ClientDetail, Dashboard tab)
//   #/tenant/<id>          a tenant's dashboard
//   #/compare/<kind>/<id>  compare two stored snapshots (kind: client | tenant)
// nav.ts' pageFromHash maps these to 'overview' (the tab they start from).

export type Scope = { kind: 'client'; id: number } | { kind: 'tenant'; id: string }

export type HistoryRoute = { view: 'dashboard'; scope: Scope } | { view: 'compare'; scope: Scope }

function scopeOf(kind: string, raw: string): Scope | null {
  const id = decodeURIComponent(raw)
  if (kind === 'client') {
    const n = Number(id)
    return Number.isInteger(n) && n > 0 ? { kind: 'client', id: n } : null
  }
  if (kind === 'tenant') return id !== '' ? { kind: 'tenant', id } : null
  return null
}

/** The history route in a location hash, or null for an ordinary page. */
export function historyRoute(hash: string): HistoryRoute | null {
  const parts = hash.replace(/^#\/?/, '').split('/')
  if (parts.length === 2 && (parts[0] === 'client' || parts[0] === 'tenant')) {
    const scope = scopeOf(parts[0], parts[1])
    return scope ? { view: 'dashboard', scope } : null
  }
  if (parts.length === 3 && parts[0] === 'compare') {
    const scope = scopeOf(parts[1], parts[2])
    return scope ? { view: 'compare', scope } : null
  }
  return null
}

export function dashboardHash(s: Scope): string {
  return `#/${s.kind}/${encodeURIComponent(String(s.id))}`
}

export function compareHash(s: Scope): string {
  return `#/compare/${s.kind}/${encodeURIComponent(String(s.id))}`
}

/** Opens a history view (the shell follows hashchange). */
export function openHash(h: string): void {
  window.location.hash = h
}
