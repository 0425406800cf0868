// The command palette's list (Ctrl+K): pages, clients, tenants and users,
// all from data Go already gave the UI. Matching is a plain filter; the
// order of equal matches is Go's order.
import { navItems, type PageKey } from '../nav'
import { dashboardHash } from './route'

export type EntryKind = 'page' | 'client' | 'tenant' | 'user'

export interface Entry {
  kind: EntryKind
  /** Unique across the palette (testids use it). */
  key: string
  label: string
  detail: string
  /** Where it goes: a location hash. */
  hash: string
  /** A user: the tenant to pick on the Users page and the UPN to look for. */
  tenantId?: string
  search?: string
}

export interface PaletteSources {
  clients: { id: number; name: string }[]
  tenants: { id: string; displayName: string; defaultDomain: string }[]
  users: { tenantId: string; tenantName: string; userPrincipalName: string; displayName: string }[]
}

export const kindLabels: Record<EntryKind, string> = { page: 'Page', client: 'Client', tenant: 'Tenant', user: 'User' }

export function pageEntries(): Entry[] {
  return navItems.map((n) => ({ kind: 'page', key: `page:${n.key}`, label: n.label, detail: 'Go to page', hash: `#/${n.key as PageKey}` }))
}

export function buildEntries(src: PaletteSources): Entry[] {
  const out = pageEntries()
  for (const c of src.clients) {
    out.push({ kind: 'client', key: `client:${c.id}`, label: c.name, detail: 'Client dashboard', hash: dashboardHash({ kind: 'client', id: c.id }) })
  }
  for (const t of src.tenants) {
    out.push({
      kind: 'tenant',
      key: `tenant:${t.id}`,
      label: t.displayName || t.defaultDomain,
      detail: t.defaultDomain,
      hash: dashboardHash({ kind: 'tenant', id: t.id }),
    })
  }
  for (const u of src.users) {
    out.push({
      kind: 'user',
      key: `user:${u.tenantId}:${u.userPrincipalName}`,
      label: u.displayName || u.userPrincipalName,
      detail: `${u.userPrincipalName} · ${u.tenantName}`,
      hash: '#/users',
      tenantId: u.tenantId,
      search: u.userPrincipalName,
    })
  }
  return out
}

/** 0 = the label starts with the query, 1 = a word in it does, 2 = contains; -1 = no match. */
function rank(e: Entry, tokens: string[]): number {
  const label = e.label.toLowerCase()
  const hay = `${label} ${e.detail.toLowerCase()} ${kindLabels[e.kind].toLowerCase()}`
  if (!tokens.every((t) => hay.includes(t))) return -1
  const q = tokens.join(' ')
  if (label.startsWith(q)) return 0
  if (label.split(/[\s.@_-]+/).some((w) => w.startsWith(tokens[0]))) return 1
  return 2
}

/** The entries matching `query` (every word must appear), best first, at most `limit`. */
export function filterEntries(entries: Entry[], query: string, limit = 50): Entry[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (tokens.length === 0) return entries.filter((e) => e.kind !== 'user').slice(0, limit)
  const scored: { e: Entry; r: number; i: number }[] = []
  entries.forEach((e, i) => {
    const r = rank(e, tokens)
    if (r >= 0) scored.push({ e, r, i })
  })
  scored.sort((a, b) => a.r - b.r || a.i - b.i)
  return scored.slice(0, limit).map((s) => s.e)
}

/** True for the palette's shortcut: Ctrl+K (Cmd+K on a Mac). */
export function isPaletteKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k'
}

/** Where the Users page finds the user the palette jumped to (read once). */
export const USER_SEARCH_KEY = 'tenantlens.userSearch'

/** The user search the palette left for the Users page ("" when none). */
export function pendingUserSearch(): string {
  try {
    return window.sessionStorage.getItem(USER_SEARCH_KEY) ?? ''
  } catch {
    return ''
  }
}

/** Forgets the palette's user search once the Users page has read it. */
export function clearUserSearch(): void {
  try {
    window.sessionStorage.removeItem(USER_SEARCH_KEY)
  } catch {
    /* storage disabled: nothing was kept */
  }
}
