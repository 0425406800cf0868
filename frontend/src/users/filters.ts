// Filtering of the Users grid. Pure: rows in, rows out. The only inputs are
// fields Go computed (DaysInactive, ResourceAccount, MFAStatus, …).
import type { UserRow } from '../api/types'
import { currentLocale } from '../format'

export type Tri = 'all' | 'only' | 'exclude'

export interface UserFilters {
  department: string // '' = any; NO_VALUE = users without one
  userType: string // '' = any
  resource: Tri
  licence: string // '' = any; UNLICENSED = users with none
  mfa: string // '' = any
  inactiveDays: number | null // null = off; otherwise DaysInactive > N (unknown excluded)
  search: string
}

export const NO_VALUE = '\u0000none'
export const UNLICENSED = '\u0000unlicensed'

export const noFilters: UserFilters = {
  department: '',
  userType: '',
  resource: 'all',
  licence: '',
  mfa: '',
  inactiveDays: null,
  search: '',
}

function tri(mode: Tri, v: boolean): boolean {
  return mode === 'all' || (mode === 'only' ? v : !v)
}

// The quick filter runs on every keystroke over up to tens of thousands of
// rows: each row's lower-cased text is built once per row object and locale.
const hayCache = new WeakMap<UserRow, { locale: string; text: string }>()

/** The text a quick search looks in. */
export function haystack(u: UserRow, locale = currentLocale()): string {
  const c = hayCache.get(u)
  if (c && c.locale === locale) return c.text
  const text = [u.displayName, u.userPrincipalName, u.mail, u.department, u.jobTitle, u.tenantName, ...u.licenseNames]
    .join('\n')
    .toLocaleLowerCase(locale)
  hayCache.set(u, { locale, text })
  return text
}

/**
 * Builds the quick filter's text for every row in the background, a slice
 * per task, so the first keystroke does not pay for it. Returns a cancel.
 */
export function warmHaystacks(rows: UserRow[], slice = 2000): () => void {
  let i = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const step = () => {
    const locale = currentLocale()
    const end = Math.min(rows.length, i + slice)
    for (; i < end; i++) haystack(rows[i], locale)
    timer = i < rows.length ? setTimeout(step, 0) : null
  }
  timer = setTimeout(step, 0)
  return () => {
    if (timer) clearTimeout(timer)
  }
}

/** The quick filter's words, lower-cased (none: the filter is off). */
export function searchWords(search: string, locale = currentLocale()): string[] {
  return search.trim().toLocaleLowerCase(locale).split(/\s+/).filter(Boolean)
}

export function matches(u: UserRow, f: UserFilters, words = searchWords(f.search)): boolean {
  if (f.department) {
    if (f.department === NO_VALUE ? u.department !== '' : u.department !== f.department) return false
  }
  if (f.userType && u.userType !== f.userType) return false
  if (!tri(f.resource, u.resourceAccount)) return false
  if (f.licence) {
    if (f.licence === UNLICENSED ? u.licenseNames.length > 0 : !u.licenseNames.includes(f.licence)) return false
  }
  if (f.mfa && u.mfaStatus !== f.mfa) return false
  if (f.inactiveDays != null && !(u.daysInactive >= 0 && u.daysInactive > f.inactiveDays)) return false
  if (words.length > 0) {
    const h = haystack(u)
    if (!words.every((w) => h.includes(w))) return false
  }
  return true
}

export function filterUsers(rows: UserRow[], f: UserFilters): UserRow[] {
  if (activeCount(f) === 0) return rows
  const words = searchWords(f.search)
  return rows.filter((u) => matches(u, f, words))
}

/** How many filters are set (for a "Clear filters" affordance). */
export function activeCount(f: UserFilters): number {
  return (
    (f.department ? 1 : 0) +
    (f.userType ? 1 : 0) +
    (f.resource !== 'all' ? 1 : 0) +
    (f.licence ? 1 : 0) +
    (f.mfa ? 1 : 0) +
    (f.inactiveDays != null ? 1 : 0) +
    (f.search.trim() ? 1 : 0)
  )
}

export interface Facets {
  departments: string[]
  userTypes: string[]
  licences: string[]
  mfaStatuses: string[]
  hasNoDepartment: boolean
  hasUnlicensed: boolean
  unknownActivity: number // rows with DaysInactive -1 (an inactivity filter hides them)
}

const sorted = (s: Set<string>) => [...s].filter(Boolean).sort((a, b) => a.localeCompare(b, currentLocale()))

/** The values the filter drop-downs offer, from the rows themselves. */
export function facets(rows: UserRow[]): Facets {
  const dep = new Set<string>()
  const types = new Set<string>()
  const lic = new Set<string>()
  const mfa = new Set<string>()
  let noDep = false
  let unlicensed = false
  let unknown = 0
  for (const u of rows) {
    if (u.department) dep.add(u.department)
    else noDep = true
    types.add(u.userType)
    if (u.licenseNames.length === 0) unlicensed = true
    for (const l of u.licenseNames) lic.add(l)
    mfa.add(u.mfaStatus)
    if (u.daysInactive < 0) unknown++
  }
  return {
    departments: sorted(dep),
    userTypes: sorted(types),
    licences: sorted(lic),
    mfaStatuses: sorted(mfa),
    hasNoDepartment: noDep,
    hasUnlicensed: unlicensed,
    unknownActivity: unknown,
  }
}

/** Parses the "inactive more than N days" box: '' → off. */
export function parseDays(text: string): number | null {
  const t = text.trim()
  if (!t) return null
  const n = Number(t)
  return Number.isInteger(n) && n >= 0 ? n : null
}

/**
 * The inactivity box starts at the Settings threshold Go applies everywhere
 * else (UsersView.inactiveDays); the filter itself starts off.
 */
export function inactiveDefault(threshold: number | undefined | null): string {
  return threshold != null && Number.isInteger(threshold) && threshold > 0 ? String(threshold) : ''
}

/** Turning "Inactive only" on filters by the box, or by the threshold when the box holds no whole number. */
export function inactiveOn(daysText: string, threshold: number | undefined | null): number | null {
  return parseDays(daysText) ?? parseDays(inactiveDefault(threshold))
}
