// The history part of the facade over the generated bindings (issue 14):
// trends over the stored runs, compare two stored snapshots, the clients
// overview with its attention cards, and connectivity (offline). Every
// figure comes from Go (review); the pages draw.
import * as HistoryAPI from '../../wailsjs/go/bridge/History'
import { bridge, review, services } from '../../wailsjs/go/models'
import { arr, normOutcome } from './normalize'
import type { ExportOutcome, Plain } from './types'

export type TrendRange = 'quarter' | 'year' | 'all'
export type ScopeKind = 'client' | 'tenant'
/** A tenant (id) or a client (numeric id). */
export type HistoryScope = { kind: 'client'; id: number } | { kind: 'tenant'; id: string }

export type TrendPoint = Plain<review.TrendPoint>

export type Trend = Plain<review.Trend>

export type StoredSnapshot = Plain<review.StoredSnapshot>

export type UserChange = Plain<review.UserChange>

export type LicenceChange = Plain<review.LicenceChange>

export type MFAChange = Plain<review.MFAChange>

export type CompareTotals = Plain<review.CompareTotals>

export type CompareSide = Plain<review.CompareSide>

export type Comparison = Plain<review.Comparison>

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

export type ClientOverviewRow = Plain<review.ClientOverviewRow>

export type AttentionItem = Plain<review.AttentionItem>

export type Attention = Plain<review.Attention>

export type OverviewSort = 'worst' | 'name' | 'users' | 'licensed' | 'mfa' | 'unused' | 'waste' | 'lastSync' | 'status'

export type ClientsOverview = Plain<review.ClientsOverview>

export type CompareChoices = Plain<review.CompareChoices>

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

export type Connectivity = Plain<review.Connectivity>

/** What the demo's directory change did (services.DirectoryChanges). */
export type DemoChanges = Plain<services.DirectoryChanges>

export function normDemoChanges(c: DemoChanges): DemoChanges {
  return {
    ...c,
    added: arr(c.added),
    removed: arr(c.removed),
    disabled: arr(c.disabled),
    licencesGained: arr(c.licencesGained),
    licencesLost: arr(c.licencesLost),
    mfaRegistered: arr(c.mfaRegistered),
    mfaLost: arr(c.mfaLost),
    notes: arr(c.notes),
  }
}

/** Go's change of the KPIs since last quarter (review.QuarterChange: the
 * latest stored run at or before now − 90 days against the current run;
 * absent fields: unknown). `since` is the date of the older snapshot. */
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
  /** KPI changes since last quarter; null when Go keeps no run that old. */
  quarterChange(scope: HistoryScope): Promise<QuarterChange | null>
  /** True when Go offers the "What changed" workbook part. */
  canExportChanges(): Promise<boolean>
  /** The "What changed" workbook; outPath "" opens Go's save dialog. */
  exportChanges(scope: HistoryScope, from: string, to: string, outPath: string): Promise<ExportOutcome>
  /** Demo only (Go refuses elsewhere): changes a demo tenant's directory ("" = Go picks one); sync it afterwards. */
  demoChangeDirectory(tenantId: string): Promise<DemoChanges>
}

const tenantOf = (s: HistoryScope) => (s.kind === 'tenant' ? s.id : '')
const clientOf = (s: HistoryScope) => (s.kind === 'client' ? s.id : 0)

/** The History bindings (bridge/history.go, bridge/history_quarter.go). */
export function wailsHistory(): HistoryBackend {
  return {
    trend: async (s, r) => normTrend(await HistoryAPI.Trends(bridge.TrendRequest.createFrom({ tenantId: tenantOf(s), clientId: clientOf(s), range: r }))),
    choices: async (s) => normChoices(await HistoryAPI.CompareChoices(tenantOf(s), clientOf(s))),
    compare: async (s, from, to) =>
      normComparison(
        await HistoryAPI.Compare(review.CompareQuery.createFrom({ tenantId: tenantOf(s), clientId: clientOf(s), from, to, fromRunId: 0, toRunId: 0 })),
      ),
    clientsOverview: async (sort, desc) => normClientsOverview(await HistoryAPI.ClientsOverview(sort, desc)),
    connectivity: () => HistoryAPI.Connectivity(),
    quarterChange: async (s) => {
      const q = await HistoryAPI.QuarterChange(tenantOf(s), clientOf(s))
      if (!q) return null
      return { since: q.since, users: q.users, licensed: q.licensed, mfaCoveragePct: q.mfaCoveragePct ?? undefined, unused: q.unused, monthlyCost: q.monthlyCost ?? undefined }
    },
    canExportChanges: async () => true,
    exportChanges: async (s, from, to, outPath) =>
      normOutcome(
        await HistoryAPI.ExportComparison(
          review.CompareQuery.createFrom({ tenantId: tenantOf(s), clientId: clientOf(s), from, to, fromRunId: 0, toRunId: 0 }),
          outPath,
        ),
      ),
    demoChangeDirectory: async (t) => normDemoChanges(await HistoryAPI.DemoChangeDirectory(t)),
  }
}
