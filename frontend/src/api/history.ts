// The history part of the facade over the generated bindings (issue 14):
// trends over the stored runs, compare two stored snapshots, the clients
// overview with its attention cards, and connectivity (offline). Every
// figure comes from Go (review); the pages draw.
import { arr } from './normalize'
import type { ExportOutcome } from './types'

export type TrendRange = 'quarter' | 'year' | 'all'
export type ScopeKind = 'client' | 'tenant'
/** A tenant (id) or a client (numeric id). */
export type HistoryScope = { kind: 'client'; id: number } | { kind: 'tenant'; id: string }

export interface TrendPoint {
  day: string
  at: string
  runIds: number[]
  tenants: number
  users: number
  licensed: number
  mfaRegistered: number
  mfaEligible: number
  mfaAvailable: boolean
  mfaCoveragePct: number
  unusedLicenses: number
  monthlyCost: number
  currency: string
}

export interface Trend {
  scope: string
  tenantId: string
  clientId: number
  name: string
  range: TrendRange
  since: string
  currency: string
  points: TrendPoint[]
  notes: string[]
}

export interface StoredSnapshot {
  runId: number
  tenantId: string
  date: string
  day: string
  kept: string
  current: boolean
}

export interface UserChange {
  tenantId: string
  tenantName: string
  userId: string
  userPrincipalName: string
  displayName: string
  licenses: string[]
  monthlyCost: number
  currency: string
}

export interface LicenceChange {
  tenantId: string
  tenantName: string
  userId: string
  userPrincipalName: string
  displayName: string
  skuId: string
  partNumber: string
  name: string
  monthlyCost: number
  currency: string
}

export interface MFAChange {
  tenantId: string
  tenantName: string
  userId: string
  userPrincipalName: string
  displayName: string
  from: string
  to: string
}

export interface CompareTotals {
  usersAdded: number
  usersRemoved: number
  licencesGained: number
  licencesLost: number
  mfaRegistered: number
  mfaLost: number
  disabled: number
  reenabled: number
  costGained: number
  costLost: number
  costChange: number
  currency: string
}

export interface CompareSide {
  tenantId: string
  tenantName: string
  fromRunId: number
  fromDate: string
  toRunId: number
  toDate: string
}

export interface Comparison {
  scope: string
  tenantId: string
  clientId: number
  name: string
  from: string
  to: string
  sides: CompareSide[]
  added: UserChange[]
  removed: UserChange[]
  licencesGained: LicenceChange[]
  licencesLost: LicenceChange[]
  mfaRegistered: MFAChange[]
  mfaLost: MFAChange[]
  disabled: UserChange[]
  reenabled: UserChange[]
  totals: CompareTotals
  notes: string[]
}

export function normTrend(t: Trend): Trend {
  return { ...t, points: arr(t.points).map((p) => ({ ...p, runIds: arr(p.runIds) })), notes: arr(t.notes) }
}

const normUsers = (us: UserChange[] | null | undefined) => arr(us).map((u) => ({ ...u, licenses: arr(u.licenses) }))

export function normComparison(c: Comparison): Comparison {
  return {
    ...c,
    sides: arr(c.sides),
    added: normUsers(c.added),
    removed: normUsers(c.removed),
    licencesGained: arr(c.licencesGained),
    licencesLost: arr(c.licencesLost),
    mfaRegistered: arr(c.mfaRegistered),
    mfaLost: arr(c.mfaLost),
    disabled: normUsers(c.disabled),
    reenabled: normUsers(c.reenabled),
    notes: arr(c.notes),
  }
}

export interface ClientOverviewRow {
  kind: 'client' | 'tenant' | string
  clientId: number
  tenantId: string
  name: string
  tenantIds: string[]
  tenants: number
  synced: number
  users: number
  licensed: number
  mfaAvailable: boolean
  mfaCoveragePct: number
  unusedLicenses: number
  monthlyWaste: number
  currency: string
  lastSync: string
  dataDate: string
  status: string
  statusDetail: string
}

export interface AttentionItem {
  kind: string
  tenantId: string
  tenantName: string
  clientId: number
  clientName: string
  detail: string
  remedy: string
  at: string
  skuId: string
  skuName: string
  assigned: number
  purchased: number
  fromPct: number
  toPct: number
}

export interface Attention {
  failedSyncs: AttentionItem[]
  reconnect: AttentionItem[]
  licences: AttentionItem[]
  mfaDropped: AttentionItem[]
  total: number
}

export type OverviewSort = 'worst' | 'name' | 'users' | 'licensed' | 'mfa' | 'unused' | 'waste' | 'lastSync' | 'status'

export interface ClientsOverview {
  rows: ClientOverviewRow[]
  sort: string
  attention: Attention
}

export interface CompareChoices {
  snapshots: StoredSnapshot[]
  days: string[]
}

export function normAttention(a: Attention | null | undefined): Attention {
  const v = a ?? { failedSyncs: [], reconnect: [], licences: [], mfaDropped: [], total: 0 }
  return { ...v, failedSyncs: arr(v.failedSyncs), reconnect: arr(v.reconnect), licences: arr(v.licences), mfaDropped: arr(v.mfaDropped) }
}

export function normClientsOverview(o: ClientsOverview): ClientsOverview {
  return { ...o, rows: arr(o.rows).map((r) => ({ ...r, tenantIds: arr(r.tenantIds) })), attention: normAttention(o.attention) }
}

export function normChoices(c: CompareChoices): CompareChoices {
  return { snapshots: arr(c.snapshots), days: arr(c.days) }
}

/** Whether Microsoft can be reached (Go's review.Connectivity), for the offline banner. */
export interface Connectivity {
  offline: boolean
  /** Go's sentence when offline ("Microsoft cannot be reached: …"). */
  reason: string
  lastAttemptOffline: boolean
  since: string
  tenantId: string
  tenantName: string
  detail: string
  offlineTenants: number
  probed: boolean
  reachable: boolean
  /** The newest successful sync over every tenant (the data shown meanwhile). */
  lastSuccess: string
}

/** Go's change of the KPIs since last quarter (null fields: unknown). */
export interface QuarterChange {
  since: string
  users?: number
  licensed?: number
  mfaCoveragePct?: number
  unused?: number
  monthlyCost?: number
}

export interface HistoryBackend {
  trend(scope: HistoryScope, range: TrendRange): Promise<Trend>
  /** The stored snapshots a compare can pick (newest first). */
  choices(scope: HistoryScope): Promise<CompareChoices>
  compare(scope: HistoryScope, from: string, to: string): Promise<Comparison>
  /** Every client and unmapped tenant in Go's order, with the attention cards. */
  clientsOverview(sort: OverviewSort, desc: boolean): Promise<ClientsOverview>
  connectivity(): Promise<Connectivity>
  /** KPI changes since last quarter; rejects when Go keeps no history that old. */
  quarterChange(scope: HistoryScope): Promise<QuarterChange>
  /** True when Go offers the "What changed" workbook part. */
  canExportChanges(): Promise<boolean>
  /** The "What changed" workbook; outPath "" opens Go's save dialog. */
  exportChanges(scope: HistoryScope, from: string, to: string, outPath: string): Promise<ExportOutcome>
}

// The bound History service (bridge/history.go). Until `make bindings` has
// generated wailsjs/go/bridge/History, the calls go through the same
// window.go object the generated wrappers use.
type Bound = Record<string, (...a: unknown[]) => Promise<unknown>>
function historyAPI(): Bound {
  const api = (window as unknown as { go?: { bridge?: { History?: Bound } } }).go?.bridge?.History
  if (!api) throw new Error('This build has no history service: update TenantLens.')
  return api
}
const callGo = async <T,>(method: string, ...args: unknown[]): Promise<T> => {
  const fn = historyAPI()[method]
  if (!fn) throw new Error(`This build has no History.${method}: update TenantLens.`)
  return (await fn(...args)) as T
}
const tenantOf = (s: HistoryScope) => (s.kind === 'tenant' ? s.id : '')
const clientOf = (s: HistoryScope) => (s.kind === 'client' ? s.id : 0)

export function wailsHistory(): HistoryBackend {
  return {
    trend: async (s, r) => normTrend(await callGo<Trend>('Trends', { tenantId: tenantOf(s), clientId: clientOf(s), range: r })),
    choices: async (s) => normChoices(await callGo<CompareChoices>('CompareChoices', tenantOf(s), clientOf(s))),
    compare: async (s, from, to) =>
      normComparison(await callGo<Comparison>('Compare', { tenantId: tenantOf(s), clientId: clientOf(s), from, to, fromRunId: 0, toRunId: 0 })),
    clientsOverview: async (sort, desc) => normClientsOverview(await callGo<ClientsOverview>('ClientsOverview', sort, desc)),
    connectivity: () => callGo<Connectivity>('Connectivity'),
    quarterChange: (s) => callGo<QuarterChange>('QuarterChange', tenantOf(s), clientOf(s)),
    canExportChanges: async () => !!historyAPI().ExportChanges,
    exportChanges: (s, from, to, outPath) => callGo<ExportOutcome>('ExportChanges', { tenantId: tenantOf(s), clientId: clientOf(s), from, to, outPath }),
  }
}
