// Display helpers of the Clients pages. None computes a business figure:
// they filter rows Go gave, pick the suggestion Go ranked first, and encode
// a file for the bridge.
import type { ColumnMapping, ContactRow, MapPair, MappingRow, MatchKind } from '../api/clientTypes'
import { currentLocale } from '../format'

export const matchLabels: Record<MatchKind, string> = {
  matched: 'Matched',
  contact_only: 'Contact only',
  account_only: 'Account only',
}

/** The merged rows of one category ('' = every row). */
export function filterRows(rows: ContactRow[], match: MatchKind | ''): ContactRow[] {
  return match ? rows.filter((r) => r.match === match) : rows
}

/**
 * Map Selected: each selected unmapped tenant to its top suggestion. Tenants
 * without one (or already mapped) are returned in `skipped` with the reason.
 */
export function topPairs(rows: MappingRow[], selected: ReadonlySet<string>): { pairs: MapPair[]; skipped: { tenantName: string; reason: string }[] } {
  const pairs: MapPair[] = []
  const skipped: { tenantName: string; reason: string }[] = []
  for (const r of rows) {
    if (!selected.has(r.tenantId)) continue
    if (r.clientId !== 0) skipped.push({ tenantName: r.tenantName, reason: `already mapped to ${r.clientName}` })
    else if (r.suggestions.length === 0) skipped.push({ tenantName: r.tenantName, reason: 'no suggested client: pick one by hand' })
    else pairs.push({ tenantId: r.tenantId, clientId: r.suggestions[0].clientId })
  }
  return { pairs, skipped }
}

/** The import's presets, as the wizard offers them ('' detects). */
export const presets: { value: string; label: string }[] = [
  { value: '', label: 'Detect from the header' },
  { value: 'connectwise', label: 'ConnectWise PSA' },
  { value: 'autotask', label: 'Autotask' },
  { value: 'halo', label: 'HaloPSA' },
  { value: 'generic', label: 'Generic (map the columns)' },
]

export function presetLabel(p: string): string {
  return presets.find((x) => x.value === p)?.label ?? p
}

/** The generic preset's fields, in the order the mapping step asks for them. */
export const mappingFields: { key: MappingKey; label: string; required?: boolean }[] = [
  { key: 'email', label: 'Email', required: true },
  { key: 'email2', label: 'Second email' },
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'displayName', label: 'Full name' },
  { key: 'company', label: 'Company' },
  { key: 'companyId', label: 'Company ID' },
  { key: 'id', label: 'Contact ID' },
  { key: 'title', label: 'Title' },
  { key: 'phone', label: 'Phone' },
  { key: 'inactive', label: 'Inactive flag' },
]

export type MappingKey = 'email' | 'email2' | 'firstName' | 'lastName' | 'displayName' | 'company' | 'companyId' | 'id' | 'title' | 'phone' | 'inactive'
export type MappingChoice = Record<MappingKey, string>

export const noChoice: MappingChoice = {
  email: '', email2: '', firstName: '', lastName: '', displayName: '', company: '', companyId: '', id: '', title: '', phone: '', inactive: '',
}

/** Go's column report (field → header) as the mapping step's starting choice. */
export function choiceFromColumns(cols: { field: string; header: string }[]): MappingChoice {
  const c: MappingChoice = { ...noChoice }
  for (const col of cols) {
    if (col.field === 'email') {
      if (!c.email) c.email = col.header
      else if (!c.email2) c.email2 = col.header
    } else if (col.field in c && !c[col.field as MappingKey]) {
      c[col.field as MappingKey] = col.header
    }
  }
  return c
}

/** The mapping step's choice as the bridge's contactcsv.Mapping. */
export function mappingOf(c: MappingChoice): ColumnMapping {
  const emails = [c.email, c.email2].filter(Boolean)
  const m: ColumnMapping = { emails }
  for (const k of ['id', 'companyId', 'company', 'firstName', 'lastName', 'displayName', 'title', 'inactive'] as const) {
    if (c[k]) m[k] = c[k]
  }
  if (c.phone) m.phones = [c.phone]
  return m
}

/** What the mapping step still needs before a preview can work. */
export function mappingProblem(c: MappingChoice): string {
  if (!c.email) return 'Choose the column that holds the email address: the merge joins on it.'
  if (!c.firstName && !c.lastName && !c.displayName) return 'Choose a name column (first name, last name or full name).'
  return ''
}

/** A file's bytes as base64, for the bridge. */
export async function fileToBase64(f: Blob): Promise<string> {
  const bytes = new Uint8Array(await readBytes(f))
  let bin = ''
  const step = 0x8000
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step))
  return btoa(bin)
}

/** A confidence (0–1, as Go scores it and as the threshold is typed) with two decimals. */
export function fmtScore(v: number): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
}

/** The threshold field's text as a number for Go (0 = Go's default); null when it is not one. */
export function parseThreshold(s: string): number | null {
  const t = s.trim().replace(',', '.')
  if (t === '') return 0
  const n = Number(t)
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null
}

function readBytes(f: Blob): Promise<ArrayBuffer> {
  if (typeof f.arrayBuffer === 'function') return f.arrayBuffer()
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(r.result as ArrayBuffer)
    r.onerror = () => reject(new Error('The file could not be read: choose it again.'))
    r.readAsArrayBuffer(f)
  })
}
